//! The effectiveness report's rollups (issue 19.3): what the report needs of each
//! assignment, kept as counts that add up exactly, so a report reads a bounded number of
//! small items instead of every record.
//!
//! Every assignment counts in one group of each dimension (`course`, `agent`,
//! `category`, and `all`, whose one group `*` gives the totals), three times: in its UTC
//! month, in its block of 8 days of that month (days 1-8, 9-16, 17-24, 25 to the end)
//! and in its UTC day. A report reads the months its range covers whole, the blocks it
//! covers whole of the other months, and the days left, so a year is 12 items per group
//! and 30 days at most 13, however many assignments they hold. An item's cells:
//! - `a` assigned, `s` started, `c` completed;
//! - `n` scores and `m` their sum in millionths (the mean is exactly `mean_score`'s);
//! - `D<days>`: completed ones that took that many whole days (`MAX_DAYS` and more
//!   count as `MAX_DAYS`);
//! - `r<node>` (completed) and `o<node>` (the others): a Fenwick tree over the smallest
//!   window in days in which the assignment repeats (`repeated` holds for window W
//!   exactly when that is at most W), 1 to 365. An assignment adds to the at most 9
//!   nodes on its update path; the count for window W is the sum of the at most 9 nodes
//!   on W's query path, so a report reads those alone (`read_cells`), however many
//!   distinct windows the assignments have.
//!
//! The median is exact in two reads: the `D` cells say which whole day holds the middle
//! assignment(s) and how far into it; a *fine* item per group, period and whole day
//! holds the exact seconds (`d<seconds>`) of that day's completions, and only the one or
//! two days holding the middle are read.
//!
//! A change to a record takes its old cells away and adds its new ones (`changes`), so
//! a store applies it with additions alone, in the transaction that changes the record.

use std::collections::{BTreeMap, HashMap};

use time::Date;

use crate::model::TrainingStatus;
use crate::report::{DAY, Group, GroupBy, MAX_WINDOW_DAYS, Repeat, Report, ReportQuery, ReportRow, Stats, days_of_twice, group_of, mean_of_micros, micros, rate, ymd};
use crate::time::Timestamp;

/// The dimension whose one group holds every assignment: the report's totals.
pub const ALL: &str = "all";
const ALL_KEY: &str = "*";
/// The dimensions every assignment is rolled up along.
pub const DIMENSIONS: [&str; 4] = ["course", "agent", "category", ALL];

/// What a rollup covers: a whole UTC month (named by its first day), a block of a
/// month's days (named by its first: the 1st, 9th, 17th or 25th; the last block runs to
/// the month's end), or one UTC day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Month(Date),
    Block(Date),
    Day(Date),
}

/// Days in a block but the month's last, which runs to the month's end (4 to 7 days).
pub const BLOCK_DAYS: u8 = 8;

impl Period {
    /// `M2026-03`, `B2026-03-09` or `D2026-03-15`.
    pub fn key(&self) -> String {
        match self {
            Period::Month(d) => format!("M{}", &ymd(*d)[..7]),
            Period::Block(d) => format!("B{}", ymd(*d)),
            Period::Day(d) => format!("D{}", ymd(*d)),
        }
    }

    /// The month, the block and the day of a time.
    fn of(t: Timestamp) -> [Period; 3] {
        let day = crate::report::day_of(t);
        [Period::Month(day.replace_day(1).expect("day 1")), Period::Block(block_of(day)), Period::Day(day)]
    }
}

/// The first day of the block that holds `day`.
fn block_of(day: Date) -> Date {
    day.replace_day((day.day() - 1) / BLOCK_DAYS * BLOCK_DAYS + 1).expect("a day of the month")
}

/// The last day of the block that starts on `first`.
fn block_end(first: Date) -> Date {
    let month_end = last_of_month(first);
    if first.day() > 3 * BLOCK_DAYS { month_end } else { first.replace_day(first.day() + BLOCK_DAYS - 1).expect("a day of the month") }
}

fn last_of_month(first: Date) -> Date {
    first.replace_day(first.month().length(first.year())).expect("a month's last day")
}

/// Days from the first to the last, both included.
type Run = (Date, Date);

/// The one or two middle completions of a group: the whole day that holds each, and
/// how many of that day come before it.
type Middle = [(i64, u64); 2];

/// A group's fine seconds by (dimension, key, whole day).
type SecondsOf<'a, N> = HashMap<(&'a str, &'a str, i64), Vec<(i64, N)>>;

/// The periods that cover `from..=to` exactly: the first and last whole month inside
/// it (first days; `None` when none is whole), and the runs of days outside those months.
fn periods(from: Date, to: Date) -> (Option<Run>, Vec<Run>) {
    let first = if from.day() == 1 { Some(from) } else { last_of_month(from).next_day() };
    let last = if to == last_of_month(to) { Some(to.replace_day(1).expect("day 1")) } else { to.replace_day(1).ok().and_then(|d| d.previous_day()).map(|d| d.replace_day(1).expect("day 1")) };
    match (first, last) {
        (Some(f), Some(l)) if f <= l => {
            let mut days = Vec::new();
            if from < f {
                days.push((from, f.previous_day().expect("a day before")));
            }
            let end = last_of_month(l);
            if end < to {
                days.push((end.next_day().expect("a day after"), to));
            }
            (Some((f, l)), days)
        }
        _ => (None, vec![(from, to)]),
    }
}

/// Days one read of day rollups asks for at most (a read of a month's blocks covers up to
/// the month's last 23 days).
pub const SEGMENT_DAYS: i64 = 8;

/// The periods of a run of days outside whole months, in order: its whole blocks and
/// the days left.
fn pieces(from: Date, to: Date) -> Vec<Period> {
    let mut out = Vec::new();
    let mut day = Some(from);
    while let Some(d) = day.filter(|d| *d <= to) {
        let whole = block_of(d) == d && block_end(d) <= to;
        let last = if whole { block_end(d) } else { d };
        out.push(if whole { Period::Block(d) } else { Period::Day(d) });
        day = last.next_day();
    }
    out
}

/// The reads of a report over `from..=to`, each a first and last period of one kind:
/// one per whole month; of the other days, one per month's run of whole blocks and one
/// per run of at most `SEGMENT_DAYS` days left. Each stays a page of DynamoDB's 1 MB
/// however many assignments its items count: the size of an item is bounded by its
/// cells, not by its assignments.
pub fn reads(from: Date, to: Date) -> Vec<(Period, Period)> {
    let (months, days) = periods(from, to);
    let mut out: Vec<(Period, Period)> = Vec::new();
    if let Some((first, last)) = months {
        let mut m = Some(first);
        while let Some(month) = m.filter(|m| *m <= last) {
            out.push((Period::Month(month), Period::Month(month)));
            m = last_of_month(month).next_day();
        }
    }
    for (a, z) in days {
        for p in pieces(a, z) {
            // A piece joins the read before it when it follows it: the next block of the
            // same month, or the next day within `SEGMENT_DAYS`.
            let joins = match (out.last(), p) {
                (Some((Period::Block(first), Period::Block(prev))), Period::Block(d)) => block_end(*prev).next_day() == Some(d) && (first.year(), first.month()) == (d.year(), d.month()),
                (Some((Period::Day(first), Period::Day(prev))), Period::Day(d)) => prev.next_day() == Some(d) && (d - *first).whole_days() < SEGMENT_DAYS,
                _ => false,
            };
            match out.last_mut() {
                Some(read) if joins => read.1 = p,
                _ => out.push((p, p)),
            }
        }
    }
    out
}

/// The smallest window, in whole days, in which the row counts as repeated; `None`
/// when it repeats in no window the report allows.
fn repeat_days(row: &ReportRow) -> Option<i64> {
    let gap = row.next_incident_at? - row.assigned_at;
    (gap > 0).then(|| (gap + DAY - 1) / DAY).filter(|d| *d <= MAX_WINDOW_DAYS)
}

/// Seconds from assignment to completion (at least 0), for a completed row with a date.
fn duration(row: &ReportRow) -> Option<i64> {
    row.completed_at.filter(|_| row.status == TrainingStatus::Completed).map(|c| (c - row.assigned_at).max(0))
}

/// Whole days of completion the rollups tell apart: longer ones count as this many (their
/// fine item holds their exact seconds all the same), so a report can name every `D` cell
/// it reads.
pub const MAX_DAYS: i64 = 400;

/// The whole days a duration counts as.
fn whole_days(secs: i64) -> i64 {
    (secs / DAY).min(MAX_DAYS)
}

/// The Fenwick nodes a repeat of `days` adds to (1..=`MAX_WINDOW_DAYS`).
fn update_path(days: i64) -> impl Iterator<Item = i64> {
    std::iter::successors(Some(days).filter(|d| *d >= 1), |i| Some(i + (i & -i))).take_while(|i| *i <= MAX_WINDOW_DAYS)
}

/// The Fenwick nodes whose sum counts the repeats within `window_days`.
fn query_path(window_days: i64) -> impl Iterator<Item = i64> {
    std::iter::successors(Some(window_days.min(MAX_WINDOW_DAYS)).filter(|w| *w >= 1), |i| Some(i - (i & -i))).take_while(|i| *i >= 1)
}

/// The cells of the coarse rollups a report with this window reads: the counts, the
/// repeat nodes of its window and every `D` cell; a store need return no others.
pub fn read_cells(window_days: i64) -> Vec<String> {
    let mut out: Vec<String> = ["a", "s", "c", "n", "m"].map(String::from).into();
    for kind in ['r', 'o'] {
        out.extend(query_path(window_days).map(|node| format!("{kind}{node}")));
    }
    out.extend((0..=MAX_DAYS).map(|d| format!("D{d}")));
    out
}

/// The cells one assignment adds to each of its rollups, with their counts.
pub fn cells(row: &ReportRow) -> Vec<(String, i64)> {
    let mut out = vec![("a".to_string(), 1)];
    let done = row.status == TrainingStatus::Completed;
    if row.status != TrainingStatus::NotStarted {
        out.push(("s".into(), 1));
    }
    if done {
        out.push(("c".into(), 1));
        if let Some(secs) = duration(row) {
            out.push((format!("D{}", whole_days(secs)), 1));
        }
        if let Some(score) = row.score.filter(|s| s.is_finite()) {
            out.push(("n".into(), 1));
            out.push(("m".into(), micros(score) as i64));
        }
    }
    if let Some(days) = repeat_days(row) {
        out.extend(update_path(days).map(|node| (format!("{}{node}", if done { 'r' } else { 'o' }), 1)));
    }
    out
}

/// A change to one rollup: the group `key` of dimension `by` over `period` (the fine
/// item of completions that took `fine_days` whole days, when set), counts to add to its
/// cells (negative ones take away), and for a course the name an assignment added now
/// gives it, with that assignment's time.
#[derive(Clone, Debug, PartialEq)]
pub struct RollupChange {
    pub by: &'static str,
    pub period: Period,
    pub fine_days: Option<i64>,
    pub key: String,
    pub label: Option<(Timestamp, String)>,
    pub cells: BTreeMap<String, i64>,
}

/// The rollup changes when a record goes from `old` to `new` (`None`: absent), one per
/// rollup, cells that cancel out dropped. Only a newly added assignment names its
/// course.
pub fn changes(old: Option<&ReportRow>, new: Option<&ReportRow>) -> Vec<RollupChange> {
    let mut out = Vec::new();
    for (sign, row) in [(-1, old), (1, new)] {
        let Some(row) = row else { continue };
        let coarse: BTreeMap<String, i64> = cells(row).into_iter().map(|(k, v)| (k, sign * v)).collect();
        for by in DIMENSIONS {
            let (key, label) = match GroupBy::parse(by) {
                Some(g) => group_of(row, g),
                None => (ALL_KEY.to_string(), ALL_KEY.to_string()),
            };
            let named = sign > 0 && old.is_none() && by == "course";
            for period in Period::of(row.assigned_at) {
                out.push(RollupChange { by, period, fine_days: None, key: key.clone(), label: named.then(|| (row.assigned_at, label.clone())), cells: coarse.clone() });
                if let Some(secs) = duration(row) {
                    out.push(RollupChange { by, period, fine_days: Some(whole_days(secs)), key: key.clone(), label: None, cells: [(format!("d{secs}"), sign)].into() });
                }
            }
        }
    }
    merge(out)
}

/// Changes to the same rollup made one: cells added up (zeros dropped), the latest name
/// kept. Changes left with nothing to do go.
pub fn merge(changes: impl IntoIterator<Item = RollupChange>) -> Vec<RollupChange> {
    let mut merged: BTreeMap<(&'static str, Period, Option<i64>, String), RollupChange> = BTreeMap::new();
    for c in changes {
        match merged.entry((c.by, c.period, c.fine_days, c.key.clone())) {
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert(c);
            }
            std::collections::btree_map::Entry::Occupied(mut o) => {
                let m = o.get_mut();
                for (k, v) in c.cells {
                    *m.cells.entry(k).or_insert(0) += v;
                }
                if c.label > m.label {
                    m.label = c.label;
                }
            }
        }
    }
    merged
        .into_values()
        .map(|mut c| {
            c.cells.retain(|_, v| *v != 0);
            c
        })
        .filter(|c| !c.cells.is_empty() || c.label.is_some())
        .collect()
}

/// A rollup's cells, read: the counts, and the numbered cells as (number, count).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cells {
    pub assigned: i64,
    pub started: i64,
    pub completed: i64,
    pub scores: i64,
    pub score_micros: i64,
    /// `D<whole days>`.
    pub days: Vec<(i64, i64)>,
    /// `d<seconds>` (fine items).
    pub seconds: Vec<(i64, i64)>,
    /// `r<node>` (completed) and `o<node>` (the others): Fenwick nodes of repeat days.
    pub repeat_done: Vec<(i64, i64)>,
    pub repeat_open: Vec<(i64, i64)>,
}

impl Cells {
    /// Adds `v` to the cell named `name` (as `changes` names them); false for a name
    /// that is no cell.
    pub fn add(&mut self, name: &str, v: i64) -> bool {
        let numbered = |rest: &str, to: &mut Vec<(i64, i64)>| rest.parse::<i64>().map(|n| to.push((n, v))).is_ok();
        match name.split_at_checked(1) {
            Some(("a", "")) => self.assigned += v,
            Some(("s", "")) => self.started += v,
            Some(("c", "")) => self.completed += v,
            Some(("n", "")) => self.scores += v,
            Some(("m", "")) => self.score_micros += v,
            Some(("D", rest)) => return numbered(rest, &mut self.days),
            Some(("d", rest)) => return numbered(rest, &mut self.seconds),
            Some(("r", rest)) => return numbered(rest, &mut self.repeat_done),
            Some(("o", rest)) => return numbered(rest, &mut self.repeat_open),
            _ => return false,
        }
        true
    }
}

/// One group's rollup of one period, as the store read it.
#[derive(Clone, Debug, PartialEq)]
pub struct Rollup {
    pub by: String,
    pub period: Period,
    pub key: String,
    /// The course name last given with its assignment's time (courses only).
    pub label: Option<(Timestamp, String)>,
    pub cells: Cells,
}

/// The fine item of one group, period and whole day of completion.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FineKey {
    pub by: String,
    pub period: Period,
    pub days: i64,
    pub key: String,
}

/// Counts (number, count) added up per number, zeros dropped, in order.
fn summed(mut v: Vec<(i64, i64)>) -> Vec<(i64, u64)> {
    v.sort_unstable();
    v.chunk_by(|a, b| a.0 == b.0).map(|same| (same[0].0, same.iter().map(|(_, n)| n).sum::<i64>().max(0) as u64)).filter(|(_, n)| *n > 0).collect()
}

/// The rollups of one group added up.
#[derive(Default)]
struct Sum<'a> {
    assigned: i64,
    started: i64,
    completed: i64,
    scores: i64,
    score_micros: i128,
    /// Index: Fenwick node (1..=365).
    repeat_done: Vec<i64>,
    repeat_open: Vec<i64>,
    /// Each period's `D` cells, for the fine items to read.
    days: Vec<(Period, &'a [(i64, i64)])>,
    label: Option<&'a (Timestamp, String)>,
}

impl<'a> Sum<'a> {
    fn add(&mut self, r: &'a Rollup) {
        let c = &r.cells;
        self.assigned += c.assigned;
        self.started += c.started;
        self.completed += c.completed;
        self.scores += c.scores;
        self.score_micros += i128::from(c.score_micros);
        for (to, from) in [(&mut self.repeat_done, &c.repeat_done), (&mut self.repeat_open, &c.repeat_open)] {
            to.resize(MAX_WINDOW_DAYS as usize + 1, 0);
            for (d, n) in from {
                if let Some(slot) = usize::try_from(*d).ok().and_then(|d| to.get_mut(d)) {
                    *slot += n;
                }
            }
        }
        self.days.push((r.period, &c.days));
        // A period whose assignments were all forgotten names nothing.
        if c.assigned > 0 && r.label.as_ref() > self.label {
            self.label = r.label.as_ref();
        }
    }

    /// The figures but the median, and what the median needs: for the one or two middle
    /// completions, the whole day that holds each and how many of that day come before it.
    fn stats(&self, window_days: i64) -> (Stats, Option<Middle>) {
        let count = |v: i64| v.max(0) as u64;
        let (assigned, started, completed) = (count(self.assigned), count(self.started), count(self.completed));
        let within = |nodes: &[i64]| count(query_path(window_days).filter_map(|i| nodes.get(i as usize)).sum());
        let repeat = |n: u64, hit: u64| Repeat { assignments: n, repeated: hit, rate: rate(hit, n) };
        let days = summed(self.days.iter().flat_map(|(_, d)| d.iter().copied()).collect());
        let n: u64 = days.iter().map(|(_, c)| c).sum();
        let locate = |rank: u64| {
            let mut before = 0;
            for (d, c) in &days {
                if rank < before + c {
                    return (*d, rank - before);
                }
                before += c;
            }
            unreachable!("rank < n")
        };
        let middle = (n > 0).then(|| [locate((n - 1) / 2), locate(n / 2)]);
        let stats = Stats {
            assigned,
            started,
            completed,
            completion_rate: rate(completed, assigned),
            median_days_to_complete: None,
            average_score: mean_of_micros(self.score_micros, count(self.scores)),
            repeat_after_completed: repeat(completed, within(&self.repeat_done)),
            repeat_after_not_completed: repeat(assigned.saturating_sub(completed), within(&self.repeat_open)),
        };
        (stats, middle)
    }

    /// The fine items the middle days need: those of the periods that have completions
    /// on those days.
    fn fine_keys(&self, by: &str, key: &str, middle: &Middle) -> Vec<FineKey> {
        let mut out: Vec<FineKey> = Vec::new();
        for day in [middle[0].0, middle[1].0] {
            for (period, days) in &self.days {
                if days.iter().filter(|(d, _)| *d == day).map(|(_, n)| n).sum::<i64>() > 0 {
                    out.push(FineKey { by: by.to_string(), period: *period, days: day, key: key.to_string() });
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

/// Fine keys (in order, or anything that stands for them) in batches of at most `size`,
/// dealt out in turn so that the totals' items, the largest (every assignment's
/// completions), do not all land in one batch: the batches are read at once, and the
/// report waits for the largest.
pub fn batches<K>(keys: &[K], size: usize) -> Vec<Vec<&K>> {
    let n = keys.len().div_ceil(size.max(1));
    let mut out: Vec<Vec<&K>> = vec![Vec::new(); n];
    for (i, k) in keys.iter().enumerate() {
        out[i % n].push(k);
    }
    out
}

/// A report read from rollups, waiting for the fine items its medians need.
pub struct Pending {
    q: ReportQuery,
    groups: Vec<(Group, Option<Middle>)>,
    totals: (Stats, Option<Middle>),
}

/// The report from the coarse rollups of the query's dimension and of `all` over its
/// periods (the store read only those), but its medians; and the fine items to read
/// for them.
pub fn plan(q: &ReportQuery, rollups: &[Rollup]) -> (Pending, Vec<FineKey>) {
    let by = q.group_by.as_str();
    let mut groups: BTreeMap<&str, Sum> = BTreeMap::new();
    let mut all = Sum::default();
    for r in rollups {
        if r.by == by {
            groups.entry(&r.key).or_default().add(r);
        } else if r.by == ALL {
            all.add(r);
        }
    }
    let mut fine = Vec::new();
    let groups = groups
        .into_iter()
        .filter(|(_, sum)| sum.assigned > 0)
        .map(|(key, sum)| {
            let (stats, middle) = sum.stats(q.window_days);
            if let Some(m) = &middle {
                fine.extend(sum.fine_keys(by, key, m));
            }
            let label = match q.group_by {
                GroupBy::Course => sum.label.map_or_else(|| key.to_string(), |(_, name)| name.clone()),
                _ => key.to_string(),
            };
            (Group { key: key.to_string(), label, stats }, middle)
        })
        .collect();
    let totals = all.stats(q.window_days);
    if let Some(m) = &totals.1 {
        fine.extend(all.fine_keys(ALL, ALL_KEY, m));
    }
    (Pending { q: q.clone(), groups, totals }, fine)
}

/// The report, its medians taken from the fine items `plan` asked for (what the store
/// found of them: an absent item holds nothing).
pub fn finish(p: Pending, fine: &[(FineKey, Cells)]) -> Report {
    let mut seconds: SecondsOf<i64> = HashMap::new();
    for (k, c) in fine {
        seconds.entry((k.by.as_str(), k.key.as_str(), k.days)).or_default().extend_from_slice(&c.seconds);
    }
    let seconds: SecondsOf<u64> = seconds.into_iter().map(|(k, v)| (k, summed(v))).collect();
    let median = |by: &str, key: &str, middle: Option<Middle>| {
        let middle = middle?;
        let value = |(day, skip): (i64, u64)| {
            let values = seconds.get(&(by, key, day))?;
            let mut before = 0;
            // A write between the two reads can leave fewer than the coarse count: the
            // last value then stands in.
            for (v, c) in values {
                if skip < before + c {
                    return Some(i128::from(*v));
                }
                before += c;
            }
            values.last().map(|(v, _)| i128::from(*v))
        };
        Some(days_of_twice(value(middle[0])? + value(middle[1])?))
    };
    let by = p.q.group_by.as_str();
    let mut groups: Vec<Group> = p
        .groups
        .into_iter()
        .map(|(mut g, middle)| {
            g.stats.median_days_to_complete = median(by, &g.key, middle);
            g
        })
        .collect();
    groups.sort_by_key(|g| std::cmp::Reverse(g.stats.assigned));
    let mut totals = p.totals.0;
    totals.median_days_to_complete = median(ALL, ALL_KEY, p.totals.1);
    Report { from: ymd(p.q.from), to: ymd(p.q.to), group_by: p.q.group_by, window_days: p.q.window_days, groups, totals }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::build;
    use time::macros::{date, datetime};

    use TrainingStatus::{Completed as Done, InProgress as Going, NotStarted as Idle};

    /// A small deterministic generator, so the data set is the same on every run.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: i64) -> i64 {
            self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) % n as u64) as i64
        }
    }

    type Item = (Option<(Timestamp, String)>, BTreeMap<String, i64>);

    /// Rollups kept as a store keeps them: cells added, a given name overwriting.
    #[derive(Default)]
    struct Store(HashMap<(&'static str, Period, Option<i64>, String), Item>);

    /// The cells named in `only` (all when `None`), as a store reads them.
    fn read(cells: &BTreeMap<String, i64>, only: Option<&[String]>) -> Cells {
        let mut out = Cells::default();
        for (k, v) in cells.iter().filter(|(k, _)| only.is_none_or(|o| o.contains(k))) {
            assert!(out.add(k, *v), "{k} is a cell");
        }
        out
    }

    impl Store {
        fn apply(&mut self, changes: Vec<RollupChange>) {
            for c in changes {
                let (label, cells) = self.0.entry((c.by, c.period, c.fine_days, c.key)).or_default();
                for (k, v) in c.cells {
                    *cells.entry(k).or_insert(0) += v;
                }
                if c.label.is_some() {
                    *label = c.label;
                }
            }
        }

        /// The report as a store gives it: the coarse rollups of the periods, then the
        /// fine items asked for.
        fn report(&self, q: &ReportQuery) -> (Report, usize) {
            let reads = reads(q.from, q.to);
            let wanted = |p: &Period| reads.iter().any(|(first, last)| first <= p && p <= last);
            let only = read_cells(q.window_days);
            let coarse: Vec<Rollup> = self
                .0
                .iter()
                .filter(|((by, p, fine, _), _)| fine.is_none() && (*by == q.group_by.as_str() || *by == ALL) && wanted(p))
                .map(|((by, p, _, key), (label, cells))| Rollup { by: by.to_string(), period: *p, key: key.clone(), label: label.clone(), cells: read(cells, Some(&only)) })
                .collect();
            let (pending, keys) = plan(q, &coarse);
            let fine: Vec<(FineKey, Cells)> = keys
                .iter()
                .filter_map(|k| self.0.iter().find(|((by, p, d, key), _)| *by == k.by && *p == k.period && *d == Some(k.days) && *key == k.key).map(|(_, (_, c))| (k.clone(), read(c, None))))
                .collect();
            (finish(pending, &fine), coarse.len() + keys.len())
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn row(course: i64, agent: i64, category: Option<&str>, assigned_at: Timestamp, rename: Timestamp, next_after: Option<i64>) -> ReportRow {
        ReportRow {
            course_id: format!("C{course}"),
            course_name: format!("Course {course}{}", if assigned_at >= rename { " v2" } else { "" }),
            assigned_by: format!("agent{agent}"),
            category: category.map(Into::into),
            incident_sys_id: format!("i{assigned_at}"),
            assigned_at,
            status: Idle,
            completed_at: None,
            score: None,
            next_incident_at: next_after.map(|n| assigned_at + n),
        }
    }

    /// Issue 19.3: the report from rollups equals the report from the records, medians
    /// (even counts, values on the rounding boundaries) and repeats (any window) included,
    /// after assignments, progress, incident facts that change and records forgotten, over
    /// ranges of whole months, parts of months and both.
    #[test]
    fn rollups_give_the_records_numbers_exactly() {
        let mut g = Lcg(19);
        let base = datetime!(2026-01-01 00:00 UTC).unix_timestamp();
        let rename = base + 200 * DAY;
        let categories = [None, Some(""), Some("network"), Some("email"), Some("=cmd")];
        let mut rows: Vec<ReportRow> = (0..6_000)
            .map(|_| {
                let next = match g.below(4) {
                    0 => None,
                    1 => Some(1 + g.below(400 * DAY)),
                    2 => Some(g.below(60) * DAY + g.below(3) - 1),
                    _ => Some(-g.below(1_000)),
                };
                row(g.below(7), g.below(4), categories[g.below(5) as usize], base - 20 * DAY + g.below(400 * DAY), rename, next)
            })
            .collect();
        rows.sort_by_key(|r| r.assigned_at);
        let mut store = Store::default();
        for r in &rows {
            store.apply(changes(None, Some(r)));
        }
        // Progress, incident facts, forgetting: each a change of one record.
        for r in rows.iter_mut() {
            let old = r.clone();
            let mut new = old.clone();
            match g.below(6) {
                0 => new.status = Going,
                1 | 2 => {
                    new.status = Done;
                    // 0.005 days = 432 s: durations on and beside the rounding boundaries.
                    new.completed_at = match g.below(4) {
                        0 => None,
                        1 => Some(old.assigned_at + g.below(3_000) * 432 + g.below(3) - 1),
                        2 => Some(old.assigned_at + g.below(40 * DAY)),
                        _ => Some(old.assigned_at - g.below(100)),
                    };
                    new.score = [None, Some(90.0), Some(87.5), Some(92.33), Some(100.0), Some(0.0), Some(70.25)][g.below(7) as usize];
                }
                3 => new.category = categories[g.below(5) as usize].map(Into::into),
                4 => new.next_incident_at = Some(old.assigned_at + 1 + g.below(31 * DAY)),
                _ => {}
            }
            store.apply(changes(Some(&old), Some(&new)));
            *r = new;
        }
        let mut kept = Vec::new();
        for r in rows {
            if g.below(20) == 0 {
                store.apply(changes(Some(&r), None));
            } else {
                kept.push(r);
            }
        }
        let mut compared = 0;
        for (from, to) in
            [("2026-01-01", "2026-12-31"), ("2026-02-10", "2026-03-09"), ("2026-07-20", "2026-07-20"), ("2025-12-01", "2026-01-05"), ("2026-03-01", "2026-05-31"), ("2025-12-17", "2026-12-16")]
        {
            for by in ["course", "agent", "category"] {
                for window in [1, 7, 30, 365] {
                    let q = ReportQuery::parse(Some(from), Some(to), Some(by), Some(&window.to_string())).unwrap();
                    let exact = build(&q, &kept);
                    assert!(exact.totals.assigned > 0, "{from}..{to} has data");
                    assert!(exact.totals.median_days_to_complete.is_some() || from == to);
                    assert_eq!(store.report(&q).0, exact, "{from}..{to} by {by}, {window} days");
                    compared += exact.groups.len();
                }
            }
        }
        assert!(compared > 200, "{compared} groups compared");
    }

    /// A repeat of d days counts for window W through the nodes W's query reads exactly
    /// when d <= W, for every pair; no path is longer than 9 nodes.
    #[test]
    fn the_repeat_nodes_a_window_reads_count_exactly_the_repeats_within_it() {
        for d in 1..=MAX_WINDOW_DAYS {
            let written: Vec<i64> = update_path(d).collect();
            assert!(written.len() <= 9 && written[0] == d);
            for w in 1..=MAX_WINDOW_DAYS {
                let hits = query_path(w).filter(|node| written.contains(node)).count();
                assert_eq!(hits, usize::from(d <= w), "repeat after {d} days, window {w}");
            }
        }
        assert!((1..=MAX_WINDOW_DAYS).all(|w| query_path(w).count() <= 9));
        assert_eq!(read_cells(30).iter().filter(|c| c.starts_with('r')).cloned().collect::<Vec<_>>(), ["r30", "r28", "r24", "r16"]);
        assert_eq!(read_cells(7).len(), 5 + 2 * 3 + MAX_DAYS as usize + 1);
    }

    /// Completions after `MAX_DAYS` and more share one `D` cell and one fine item, which
    /// holds their exact seconds: the median is still exact when it falls among them.
    #[test]
    fn the_median_is_exact_among_completions_past_max_days() {
        let t = datetime!(2026-03-05 10:00 UTC).unix_timestamp();
        let mut g = Lcg(7);
        let rows: Vec<ReportRow> = (0..41)
            .map(|i| {
                let mut r = row(i % 2, 0, None, t + i, i64::MAX, None);
                r.status = Done;
                r.completed_at = Some(r.assigned_at + (MAX_DAYS - 3) * DAY + g.below(900 * DAY));
                r
            })
            .collect();
        let mut store = Store::default();
        for r in &rows {
            store.apply(changes(None, Some(r)));
        }
        assert!(store.0.keys().all(|(_, _, fine, _)| fine.is_none_or(|d| d <= MAX_DAYS)));
        for n in [41, 40] {
            let q = ReportQuery::parse(Some("2026-03-01"), Some("2026-03-31"), Some("course"), None).unwrap();
            let mut store = Store::default();
            for r in &rows[..n] {
                store.apply(changes(None, Some(r)));
            }
            let exact = build(&q, &rows[..n]);
            assert!(exact.totals.median_days_to_complete.unwrap() > MAX_DAYS as f64);
            assert_eq!(store.report(&q).0, exact, "{n} completions");
        }
    }

    #[test]
    fn fine_keys_are_dealt_into_batches_of_at_most_the_size_each_once() {
        let keys: Vec<FineKey> = (0..250).map(|i| FineKey { by: if i < 24 { ALL.into() } else { "course".into() }, period: Period::Day(date!(2026 - 01 - 01)), days: i, key: "k".into() }).collect();
        let b = batches(&keys, 100);
        assert_eq!(b.iter().map(Vec::len).collect::<Vec<_>>(), [84, 83, 83]);
        assert!(b.iter().all(|batch| batch.iter().filter(|k| k.by == ALL).count() == 8), "the totals' items spread");
        let mut seen: Vec<i64> = b.iter().flatten().map(|k| k.days).collect();
        seen.sort();
        assert_eq!(seen, (0..250).collect::<Vec<_>>());
        assert!(batches::<FineKey>(&[], 100).is_empty());
    }

    /// The days one read covers, and its items per group.
    fn covered(read: (Period, Period)) -> (Vec<Date>, usize) {
        let days = |a: Date, z: Date| std::iter::successors(Some(a), |d| d.next_day()).take_while(move |d| *d <= z);
        match read {
            (Period::Month(a), Period::Month(z)) => {
                assert_eq!(a, z, "a month a read");
                (days(a, last_of_month(a)).collect(), 1)
            }
            (Period::Block(a), Period::Block(z)) => {
                assert_eq!((a.year(), a.month()), (z.year(), z.month()), "blocks of one month a read");
                let blocks: Vec<Date> = std::iter::successors(Some(a), |b| block_end(*b).next_day()).take_while(|b| *b <= z).collect();
                assert!(blocks.iter().all(|b| block_of(*b) == *b));
                (blocks.iter().flat_map(|b| days(*b, block_end(*b))).collect(), blocks.len())
            }
            (Period::Day(a), Period::Day(z)) => {
                assert!(a <= z && (z - a).whole_days() < SEGMENT_DAYS, "at most {SEGMENT_DAYS} days a read");
                (days(a, z).collect(), (z - a).whole_days() as usize + 1)
            }
            other => panic!("a read of one kind: {other:?}"),
        }
    }

    /// Checks that the reads of `from..=to` cover each of its days once, and no other;
    /// gives the reads and the items each group has in them.
    fn check_reads(from: Date, to: Date) -> (usize, usize) {
        let reads = reads(from, to);
        let mut days: Vec<Date> = Vec::new();
        let mut items = 0;
        for r in &reads {
            let (d, n) = covered(*r);
            days.extend(d);
            items += n;
        }
        let expected: Vec<Date> = std::iter::successors(Some(from), |d| d.next_day()).take_while(|d| *d <= to).collect();
        days.sort();
        assert_eq!(days, expected, "{from}..={to}: every day once");
        (reads.len(), items)
    }

    #[test]
    fn a_range_is_read_a_month_a_block_or_a_few_days_at_a_time_covering_it_once() {
        assert_eq!(check_reads(date!(2024 - 01 - 01), date!(2024 - 12 - 31)), (12, 12));
        assert!(reads(date!(2024 - 01 - 01), date!(2024 - 12 - 31)).iter().all(|r| matches!(r, (Period::Month(_), _))));
        // A year from mid-month: January 15-16, its blocks 17-24 and 25-31; February to
        // November; December's block 1-8 and days 9-14.
        let mid = reads(date!(2026 - 01 - 15), date!(2026 - 12 - 14));
        assert_eq!(check_reads(date!(2026 - 01 - 15), date!(2026 - 12 - 14)), (14, 21));
        assert_eq!(
            mid[10..],
            [
                (Period::Day(date!(2026 - 01 - 15)), Period::Day(date!(2026 - 01 - 16))),
                (Period::Block(date!(2026 - 01 - 17)), Period::Block(date!(2026 - 01 - 25))),
                (Period::Block(date!(2026 - 12 - 01)), Period::Block(date!(2026 - 12 - 01))),
                (Period::Day(date!(2026 - 12 - 09)), Period::Day(date!(2026 - 12 - 14))),
            ]
        );
        // The last 30 days, whatever the day: at most 13 items a group, against 30.
        let mut start = date!(2026 - 01 - 01);
        while start < date!(2027 - 01 - 01) {
            let (_, items) = check_reads(start, start.saturating_add(time::Duration::days(29)));
            assert!(items <= 13, "30 days from {start}: {items} items");
            start = start.next_day().unwrap();
        }
        // Every range of up to 70 days from every day of a leap year and the next.
        let mut from = date!(2024 - 01 - 01);
        while from < date!(2025 - 12 - 31) {
            for len in [0, 1, 6, 7, 8, 15, 16, 27, 28, 29, 30, 31, 45, 70] {
                check_reads(from, from.saturating_add(time::Duration::days(len)));
            }
            from = from.next_day().unwrap();
        }
        assert_eq!(reads(date!(2026 - 07 - 20), date!(2026 - 07 - 20)), vec![(Period::Day(date!(2026 - 07 - 20)), Period::Day(date!(2026 - 07 - 20)))]);
        assert_eq!(reads(date!(2026 - 07 - 25), date!(2026 - 07 - 31)), vec![(Period::Block(date!(2026 - 07 - 25)), Period::Block(date!(2026 - 07 - 25)))], "a short last block");
        assert_eq!(reads(date!(2026 - 02 - 25), date!(2026 - 02 - 28)), vec![(Period::Block(date!(2026 - 02 - 25)), Period::Block(date!(2026 - 02 - 25)))], "February's last block");
        assert_eq!(reads(date!(9999 - 12 - 01), date!(9999 - 12 - 31)), vec![(Period::Month(date!(9999 - 12 - 01)), Period::Month(date!(9999 - 12 - 01)))], "the last month there is");
        assert_eq!(check_reads(date!(9999 - 12 - 20), date!(9999 - 12 - 31)), (2, 6), "the last block there is");
    }

    #[test]
    fn a_year_reads_twelve_months_and_a_part_the_days_of_its_part_months() {
        let (m, d) = periods(date!(2026 - 01 - 01), date!(2026 - 12 - 31));
        assert_eq!((m, d), (Some((date!(2026 - 01 - 01), date!(2026 - 12 - 01))), vec![]));
        let (m, d) = periods(date!(2025 - 12 - 17), date!(2026 - 12 - 16));
        assert_eq!(m, Some((date!(2026 - 01 - 01), date!(2026 - 11 - 01))));
        assert_eq!(d, vec![(date!(2025 - 12 - 17), date!(2025 - 12 - 31)), (date!(2026 - 12 - 01), date!(2026 - 12 - 16))]);
        assert_eq!(periods(date!(2026 - 02 - 10), date!(2026 - 03 - 09)), (None, vec![(date!(2026 - 02 - 10), date!(2026 - 03 - 09))]));
        assert_eq!(periods(date!(2024 - 02 - 01), date!(2024 - 02 - 29)), (Some((date!(2024 - 02 - 01), date!(2024 - 02 - 01))), vec![]), "a leap February is whole");
        assert_eq!(periods(date!(2026 - 03 - 01), date!(2026 - 03 - 30)), (None, vec![(date!(2026 - 03 - 01), date!(2026 - 03 - 30))]));
        assert_eq!(Period::Month(date!(2026 - 03 - 01)).key(), "M2026-03");
        assert_eq!(Period::Day(date!(2026 - 03 - 05)).key(), "D2026-03-05");
        assert_eq!(Period::Block(date!(2026 - 03 - 09)).key(), "B2026-03-09");
        let blocks: Vec<Date> = (1..=31).map(|d| block_of(date!(2026 - 03 - 01).replace_day(d).unwrap())).collect();
        assert_eq!(blocks.iter().map(|b| b.day()).collect::<std::collections::BTreeSet<u8>>(), [1, 9, 17, 25].into());
        assert_eq!((block_end(date!(2026 - 03 - 17)), block_end(date!(2026 - 03 - 25)), block_end(date!(2024 - 02 - 25))), (date!(2026 - 03 - 24), date!(2026 - 03 - 31), date!(2024 - 02 - 29)));
    }

    #[test]
    fn one_record_touches_each_dimension_in_its_month_block_and_day_and_a_no_change_nothing() {
        let t = datetime!(2026-03-05 10:00 UTC).unix_timestamp();
        let mut r = row(1, 1, Some("network"), t, i64::MAX, Some(2 * DAY));
        assert!(changes(Some(&r), Some(&r)).is_empty());
        let added = changes(None, Some(&r));
        assert_eq!(added.len(), 12, "4 dimensions, month, block and day: {added:?}");
        assert!(added.iter().any(|c| c.period == Period::Block(date!(2026 - 03 - 01))));
        assert!(added.iter().filter(|c| c.label.is_some()).all(|c| c.by == "course"));
        r.status = Done;
        r.completed_at = Some(t + DAY + 5);
        r.score = Some(90.0);
        let done = changes(None, Some(&r));
        assert_eq!(done.len(), 24, "and a fine item of each: {done:?}");
        let course_day = done.iter().find(|c| c.by == "course" && c.period == Period::Day(date!(2026 - 03 - 05)) && c.fine_days.is_none()).unwrap();
        let repeat_nodes = ["r2", "r4", "r8", "r16", "r32", "r64", "r128", "r256"].map(|n| (n, 1));
        assert_eq!(course_day.cells, [("a", 1), ("s", 1), ("c", 1), ("D1", 1), ("n", 1), ("m", 90_000_000)].into_iter().chain(repeat_nodes).map(|(k, v)| (k.to_string(), v)).collect());
        let fine = done.iter().find(|c| c.by == ALL && c.fine_days == Some(1) && c.period == Period::Month(date!(2026 - 03 - 01))).unwrap();
        assert_eq!((fine.key.as_str(), &fine.cells), (ALL_KEY, &[("d86405".to_string(), 1)].into()));
        let mut moved = r.clone();
        moved.category = Some("email".into());
        let m = changes(Some(&r), Some(&moved));
        assert_eq!(m.len(), 12, "only the two categories' coarse and fine items, month, block and day: {m:?}");
    }
}
