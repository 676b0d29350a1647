//! `make bench` (issue 19.3): the effectiveness report over a year for one tenant with
//! 10,000 and with 1,000,000 assignments, read from rollups, next to the report computed
//! from every record as before. In memory: the rollups are kept by the same domain
//! function the DynamoDB store applies with `ADD` (`report::changes`), and a report
//! reads the rollup items of its dimension and days, as the store's Query does. Prints
//! the items and bytes each report reads (what DynamoDB would ship) and the time to
//! build it; checks both ways give the same report.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use litmos_domain::model::TrainingStatus;
use litmos_domain::report::{self, Date, GroupBy, ReportQuery, ReportRow, Rollup};

const T0: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z
const DAY: i64 = 86_400;
const RUNS: usize = 5;

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: i64) -> i64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as i64
    }
}

/// A year of assignments: 60 courses, 25 agents, 12 categories; half completed within
/// 30 days (scores on most), a fifth started; 40 % of callers back within 120 days.
fn rows(n: usize) -> Vec<ReportRow> {
    let mut g = Rng(0x9E37_79B9_7F4A_7C15);
    (0..n)
        .map(|i| {
            let assigned_at = T0 + g.below(365 * DAY);
            let status = match g.below(10) {
                0..=2 => TrainingStatus::NotStarted,
                3..=4 => TrainingStatus::InProgress,
                _ => TrainingStatus::Completed,
            };
            let done = status == TrainingStatus::Completed;
            let course = g.below(60);
            ReportRow {
                course_id: format!("course-{course}"),
                course_name: format!("Course number {course}"),
                assigned_by: format!("agent{}@example.com", g.below(25)),
                category: Some(format!("category {}", g.below(12))),
                incident_sys_id: format!("{i:032x}"),
                assigned_at,
                status,
                completed_at: done.then(|| assigned_at + g.below(30 * DAY)),
                score: (done && g.below(5) != 0).then(|| 50.0 + g.below(101) as f64 / 2.0),
                next_incident_at: (g.below(10) < 4).then(|| assigned_at + 1 + g.below(120 * DAY)),
            }
        })
        .collect()
}

type Store = HashMap<(&'static str, Date, String), Rollup>;

/// The rollups as the store keeps them: cells added, a given name overwriting.
fn roll_up(rows: &[ReportRow]) -> Store {
    let mut store = Store::new();
    for r in rows {
        for c in report::changes(None, Some(r)) {
            let item = store.entry((c.by.as_str(), c.day, c.key.clone())).or_insert_with(|| Rollup { key: c.key.clone(), ..Rollup::default() });
            for (k, v) in c.cells {
                item.cells.add(&k, v);
            }
            if c.label.is_some() {
                item.label = c.label;
            }
        }
    }
    store
}

/// DynamoDB's size of a rollup item: attribute names and values, numbers at about one
/// byte per two digits plus one.
fn item_bytes(by: GroupBy, r: &Rollup) -> usize {
    let number = |v: i64| v.to_string().len() / 2 + 1;
    let keys = 2 + 8 + 9 + format!("RU#{}#2026-01-01#{}", by.as_str(), r.key).len() + 2;
    let label = r.label.as_ref().map_or(0, |(at, name)| 5 + name.len() + 8 + number(*at));
    let c = &r.cells;
    let cell = |digits: usize, n: i64| 2 + digits + number(n);
    let numbered = |cells: &[(i64, i64)]| cells.iter().map(|(k, n)| cell(k.to_string().len(), *n)).sum::<usize>();
    keys + label + [c.assigned, c.started, c.completed, c.scores, c.score_micros].iter().filter(|n| **n != 0).map(|n| cell(0, *n)).sum::<usize>() + numbered(&c.durations) + numbered(&c.repeat_done) + numbered(&c.repeat_open)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let q = |by: &str| ReportQuery::parse(Some("2026-01-01"), Some("2026-12-31"), Some(by), Some("30")).unwrap();
    println!("effectiveness report over 2026 (365 days), window 30 days; median of {RUNS} runs");
    println!("{:>10} {:>9} {:>14} {:>12} {:>14} {:>12} {:>12}", "assigns", "group_by", "records read", "from records", "rollups read", "bytes read", "from rollups");
    let mut by_size = Vec::new();
    for n in [10_000, 1_000_000] {
        let rows = rows(n);
        let store = roll_up(&rows);
        for by in ["course", "category"] {
            let q = q(by);
            let read: Vec<Rollup> = store.iter().filter(|((d, day, _), _)| *d == by && q.from <= *day && *day <= q.to).map(|(_, r)| r.clone()).collect();
            let bytes: usize = read.iter().map(|r| item_bytes(q.group_by, r)).sum();
            // The store reads 31-day runs as Queries at once: the largest run's pages of
            // 1 MB are the reads waited for one after another.
            let mut runs: HashMap<i64, usize> = HashMap::new();
            for ((_, day, _), r) in store.iter().filter(|((d, day, _), _)| *d == by && q.from <= *day && *day <= q.to) {
                *runs.entry((*day - q.from).whole_days() / 31).or_default() += item_bytes(q.group_by, r);
            }
            let pages_in_sequence = runs.values().map(|b| b.div_ceil(1_000_000)).max().unwrap_or(1);
            let exact = report::build(&q, &rows);
            let rolled = report::build_from_rollups(&q, &read);
            assert_eq!(rolled, exact, "{n} assignments by {by}: the rollups give the records' report");
            let time = |f: &dyn Fn() -> report::Report| median((0..RUNS).map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            }).collect());
            let from_records = time(&|| report::build(&q, &rows));
            let from_rollups = time(&|| report::build_from_rollups(&q, &read));
            println!("{n:>10} {by:>9} {n:>14} {:>10.1}ms {:>14} {:>10}kB {:>10.1}ms", from_records.as_secs_f64() * 1e3, read.len(), bytes / 1_000, from_rollups.as_secs_f64() * 1e3);
            by_size.push((n, by, read.len(), bytes, from_rollups, pages_in_sequence));
        }
    }
    for by in ["course", "category"] {
        let small = by_size.iter().find(|s| s.0 == 10_000 && s.1 == by).unwrap();
        let large = by_size.iter().find(|s| s.0 == 1_000_000 && s.1 == by).unwrap();
        println!(
            "by {by}: 1,000,000 against 10,000 assignments: {:.1}x the items, {:.1}x the bytes, {:.1}x the time to build from rollups; pages of 1 MB read one after another: {} against {} (12 Queries at once)",
            large.2 as f64 / small.2 as f64,
            large.3 as f64 / small.3 as f64,
            large.4.as_secs_f64() / small.4.as_secs_f64(),
            large.5,
            small.5,
        );
    }
}
