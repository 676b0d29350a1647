//! The effectiveness report (SPEC 3.4): what became of the training assigned from
//! incidents in a date range, per course, agent or incident category, and whether the
//! callers came back with another incident within a window after the assignment.
//! Pure logic: the caller reads the rows (each assignment with what the report needs
//! kept beside it) and renders the result as JSON or CSV.
//!
//! Numbers: rates have 4 decimals, days and scores 2, rounded half away from zero on
//! the exact value (integer arithmetic for counts and seconds; scores are taken to
//! millionths first), and are `null` when undefined. A whole number is written without
//! a fraction (`1`, `92`), in JSON and in CSV alike; anything else in its shortest form
//! with no trailing zeros (`0.6667`, `2.5`, `87.25`).

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};
pub use time::Date;
use time::macros::format_description;

use crate::Error;
use crate::model::{AssignmentRecord, TrainingStatus};
use crate::time::Timestamp;

pub(crate) const DAY: i64 = 86_400;
/// Longest range, counting both ends.
pub const MAX_RANGE_DAYS: i64 = 366;
pub const DEFAULT_WINDOW_DAYS: i64 = 30;
pub const MAX_WINDOW_DAYS: i64 = 365;
/// The label and key of a category-less incident (or an assignment whose incident was
/// never sent).
pub const UNKNOWN_CATEGORY: &str = "unknown";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    Course,
    Agent,
    Category,
}

impl GroupBy {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Course => "course",
            Self::Agent => "agent",
            Self::Category => "category",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "course" => Some(Self::Course),
            "agent" => Some(Self::Agent),
            "category" => Some(Self::Category),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportQuery {
    pub from: Date,
    pub to: Date,
    pub group_by: GroupBy,
    pub window_days: i64,
}

fn parse_date(field: &str, raw: Option<&str>) -> Result<Date, Error> {
    let raw = raw.ok_or_else(|| Error::invalid(field, format!("`{field}` is required: a UTC date, YYYY-MM-DD.")))?;
    let b = raw.as_bytes();
    let shape = b.len() == 10 && b[4] == b'-' && b[7] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let date = shape.then(|| Date::parse(raw, format_description!("[year]-[month]-[day]")).ok()).flatten();
    date.ok_or_else(|| Error::invalid(field, format!("`{field}` must be a valid date, YYYY-MM-DD.")))
}

impl ReportQuery {
    /// Parses the query parameters. Each problem is `Error::invalid` naming its
    /// parameter: `from` or `to` missing or not a real `YYYY-MM-DD` date (`from` or
    /// `to`); `from` after `to` (`from`); more than 366 days counting both ends (`to`);
    /// `group_by` missing or not `course`, `agent` or `category` (`group_by`);
    /// `window_days` not a whole number in 1..=365, an empty value included
    /// (`window_days`; absent means 30).
    pub fn parse(from: Option<&str>, to: Option<&str>, group_by: Option<&str>, window_days: Option<&str>) -> Result<Self, Error> {
        let from = parse_date("from", from)?;
        let to = parse_date("to", to)?;
        if from > to {
            return Err(Error::invalid("from", "`from` must be on or before `to`."));
        }
        if (to - from).whole_days() + 1 > MAX_RANGE_DAYS {
            return Err(Error::invalid("to", format!("The range from `from` to `to` may cover at most {MAX_RANGE_DAYS} days.")));
        }
        let group_by = group_by.and_then(GroupBy::parse).ok_or_else(|| Error::invalid("group_by", "`group_by` must be `course`, `agent` or `category`."))?;
        let window_days = match window_days {
            None => DEFAULT_WINDOW_DAYS,
            Some(w) => w
                .parse::<i64>()
                .ok()
                .filter(|n| w.bytes().all(|c| c.is_ascii_digit()) && (1..=MAX_WINDOW_DAYS).contains(n))
                .ok_or_else(|| Error::invalid("window_days", format!("`window_days` must be a whole number from 1 to {MAX_WINDOW_DAYS}.")))?,
        };
        Ok(ReportQuery { from, to, group_by, window_days })
    }

    /// `[start, end)` in epoch seconds: from `from` 00:00:00 UTC to the end of `to`.
    pub fn range(&self) -> (Timestamp, Timestamp) {
        let start = self.from.midnight().assume_utc().unix_timestamp();
        let end = self.to.midnight().assume_utc().unix_timestamp() + DAY;
        (start, end)
    }
}

/// One assignment as the report needs it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReportRow {
    pub course_id: String,
    pub course_name: String,
    pub assigned_by: String,
    pub category: Option<String>,
    pub incident_sys_id: String,
    pub assigned_at: Timestamp,
    pub status: TrainingStatus,
    pub completed_at: Option<Timestamp>,
    pub score: Option<f64>,
    /// opened_at of the same caller's first incident (other sys_id) opened after
    /// assigned_at, if any
    pub next_incident_at: Option<Timestamp>,
}

/// The repeat-incident count of one part of a group.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Repeat {
    pub assignments: u64,
    pub repeated: u64,
    #[serde(serialize_with = "number")]
    pub rate: Option<f64>,
}

/// The figures of one group, or of all of them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stats {
    pub assigned: u64,
    pub started: u64,
    pub completed: u64,
    #[serde(serialize_with = "number")]
    pub completion_rate: Option<f64>,
    #[serde(serialize_with = "number")]
    pub median_days_to_complete: Option<f64>,
    #[serde(serialize_with = "number")]
    pub average_score: Option<f64>,
    pub repeat_after_completed: Repeat,
    pub repeat_after_not_completed: Repeat,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    pub key: String,
    pub label: String,
    #[serde(flatten)]
    pub stats: Stats,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// `YYYY-MM-DD`.
    pub from: String,
    pub to: String,
    pub group_by: GroupBy,
    pub window_days: i64,
    pub groups: Vec<Group>,
    pub totals: Stats,
}

/// A whole number without a fraction, anything else as is; `None` as null.
fn number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
        None => s.serialize_none(),
    }
}

/// `num / den` rounded half away from zero to an integer; `den` > 0.
pub(crate) fn round_div(num: i128, den: i128) -> i128 {
    let q = (2 * num.abs() + den) / (2 * den);
    if num < 0 { -q } else { q }
}

/// `part / whole` to 4 decimals; `None` when `whole` is 0.
pub(crate) fn rate(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| round_div(i128::from(part) * 10_000, i128::from(whole)) as f64 / 10_000.0)
}

/// The median of durations in seconds, in days to 2 decimals; `None` when empty.
fn median_days(mut secs: Vec<i64>) -> Option<f64> {
    if secs.is_empty() {
        return None;
    }
    secs.sort_unstable();
    let n = secs.len();
    // Twice the median, in seconds, so an even count stays exact.
    let twice = if n % 2 == 1 { 2 * i128::from(secs[n / 2]) } else { i128::from(secs[n / 2 - 1]) + i128::from(secs[n / 2]) };
    Some(days_of_twice(twice))
}

/// Twice a median in seconds, as days to 2 decimals.
pub(crate) fn days_of_twice(twice: i128) -> f64 {
    round_div(twice * 100, 2 * i128::from(DAY)) as f64 / 100.0
}

/// A score in millionths, as the report adds scores up.
pub(crate) fn micros(score: f64) -> i128 {
    (score * 1_000_000.0).round() as i128
}

/// The mean of scores summed in millionths, to 2 decimals; `None` when there are none.
pub(crate) fn mean_of_micros(sum: i128, count: u64) -> Option<f64> {
    (count > 0).then(|| round_div(sum, i128::from(count) * 10_000) as f64 / 100.0)
}

/// The mean to 2 decimals; `None` when empty. Each score counts in millionths, so
/// scores as Litmos writes them (`87.5`, `92.33`) add up exactly.
fn mean_score(scores: &[f64]) -> Option<f64> {
    mean_of_micros(scores.iter().map(|s| micros(*s)).sum(), scores.len() as u64)
}

fn repeated(row: &ReportRow, window_days: i64) -> bool {
    row.next_incident_at.is_some_and(|t| row.assigned_at < t && t <= row.assigned_at + window_days * DAY)
}

/// The figures over `rows`. Days to complete are `completed_at - assigned_at`
/// (at least 0, so a Litmos clock slightly behind ours never gives negative days),
/// over the completed rows that have a `completed_at`.
fn stats(rows: &[&ReportRow], window_days: i64) -> Stats {
    let assigned = rows.len() as u64;
    let started = rows.iter().filter(|r| r.status != TrainingStatus::NotStarted).count() as u64;
    let (done, open): (Vec<&&ReportRow>, Vec<&&ReportRow>) = rows.iter().partition(|r| r.status == TrainingStatus::Completed);
    let completed = done.len() as u64;
    let days: Vec<i64> = done.iter().filter_map(|r| r.completed_at.map(|c| (c - r.assigned_at).max(0))).collect();
    let scores: Vec<f64> = done.iter().filter_map(|r| r.score.filter(|s| s.is_finite())).collect();
    let repeat = |part: &[&&ReportRow]| {
        let n = part.len() as u64;
        let hit = part.iter().filter(|r| repeated(r, window_days)).count() as u64;
        Repeat { assignments: n, repeated: hit, rate: rate(hit, n) }
    };
    Stats {
        assigned,
        started,
        completed,
        completion_rate: rate(completed, assigned),
        median_days_to_complete: median_days(days),
        average_score: mean_score(&scores),
        repeat_after_completed: repeat(&done),
        repeat_after_not_completed: repeat(&open),
    }
}

pub(crate) fn ymd(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A row's group key and label along one dimension.
pub fn group_of(row: &ReportRow, by: GroupBy) -> (String, String) {
    match by {
        GroupBy::Course => (row.course_id.clone(), row.course_name.clone()),
        GroupBy::Agent => (row.assigned_by.clone(), row.assigned_by.clone()),
        GroupBy::Category => {
            let c = row.category.as_deref().filter(|c| !c.trim().is_empty()).unwrap_or(UNKNOWN_CATEGORY);
            (c.to_string(), c.to_string())
        }
    }
}

/// The report over the rows whose `assigned_at` lies in the query's range; the others
/// are ignored. A course's label is its name on the latest assignment in the range
/// (at the same second, the greatest name).
pub fn build(q: &ReportQuery, rows: &[ReportRow]) -> Report {
    let (start, end) = q.range();
    let in_range: Vec<&ReportRow> = rows.iter().filter(|r| start <= r.assigned_at && r.assigned_at < end).collect();
    // key -> (label, the label's assigned_at, rows)
    let mut groups: BTreeMap<String, (String, Timestamp, Vec<&ReportRow>)> = BTreeMap::new();
    for row in &in_range {
        let (key, label) = group_of(row, q.group_by);
        let entry = groups.entry(key).or_insert_with(|| (label.clone(), row.assigned_at, Vec::new()));
        if (row.assigned_at, &label) >= (entry.1, &entry.0) {
            entry.0 = label;
            entry.1 = row.assigned_at;
        }
        entry.2.push(row);
    }
    let mut groups: Vec<Group> = groups.into_iter().map(|(key, (label, _, rows))| Group { key, label, stats: stats(&rows, q.window_days) }).collect();
    // BTreeMap order is by key already; a stable sort keeps it among equal counts.
    groups.sort_by_key(|g| std::cmp::Reverse(g.stats.assigned));
    Report { from: ymd(q.from), to: ymd(q.to), group_by: q.group_by, window_days: q.window_days, groups, totals: stats(&in_range, q.window_days) }
}

/// The UTC day of a time.
pub fn day_of(t: Timestamp) -> Date {
    time::OffsetDateTime::from_unix_timestamp(t).map(|d| d.date()).unwrap_or(Date::MIN)
}

impl From<&AssignmentRecord> for ReportRow {
    fn from(r: &AssignmentRecord) -> Self {
        ReportRow {
            course_id: r.assignment.course_id.clone(),
            course_name: r.assignment.course_name.clone(),
            assigned_by: r.assignment.assigned_by.clone(),
            category: r.category.clone(),
            incident_sys_id: r.assignment.incident_sys_id.clone(),
            assigned_at: r.assignment.assigned_at,
            status: r.progress.status,
            completed_at: r.progress.completed_at,
            score: r.progress.score,
            next_incident_at: r.next_incident_at,
        }
    }
}

/// The CSV header line's fields.
pub const CSV_HEADER: &str = "key,label,assigned,started,completed,completion_rate,median_days_to_complete,average_score,completed_assignments,completed_repeated,completed_repeat_rate,not_completed_assignments,not_completed_repeated,not_completed_repeat_rate";

/// A number as in the JSON (see the module's doc); null is an empty cell.
fn csv_number(v: Option<f64>) -> String {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => (x as i64).to_string(),
        Some(x) => x.to_string(),
        None => String::new(),
    }
}

/// RFC 4180: a field holding a comma, a quote, CR or LF is quoted, its quotes doubled.
/// A field a spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`, a tab
/// or a carriage return: course names, agents and categories come from users) gets a
/// leading `'`, as OWASP's CSV-injection guidance says; the JSON keeps the value as is.
fn csv_text(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\r', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

/// The report as CSV (RFC 4180): the header line, then one line per group (no totals
/// line), every line ending in CRLF. Numbers are written as in the JSON: whole numbers
/// without a fraction, others shortest with no trailing zeros; null is an empty cell.
pub fn to_csv(r: &Report) -> String {
    let mut out = String::with_capacity(CSV_HEADER.len() + 2 + r.groups.len() * 96);
    out.push_str(CSV_HEADER);
    out.push_str("\r\n");
    for g in &r.groups {
        let s = &g.stats;
        let (c, n) = (&s.repeat_after_completed, &s.repeat_after_not_completed);
        let fields = [
            csv_text(&g.key),
            csv_text(&g.label),
            s.assigned.to_string(),
            s.started.to_string(),
            s.completed.to_string(),
            csv_number(s.completion_rate),
            csv_number(s.median_days_to_complete),
            csv_number(s.average_score),
            c.assignments.to_string(),
            c.repeated.to_string(),
            csv_number(c.rate),
            n.assignments.to_string(),
            n.repeated.to_string(),
            csv_number(n.rate),
        ];
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use time::macros::datetime;

    use TrainingStatus::{Completed as Done, InProgress as Going, NotStarted as Idle};

    const H: i64 = 3_600;

    fn q(group_by: &str) -> ReportQuery {
        ReportQuery::parse(Some("2026-03-01"), Some("2026-03-31"), Some(group_by), None).unwrap()
    }

    #[allow(clippy::too_many_arguments)]
    fn row(
        course: (&str, &str),
        agent: &str,
        category: Option<&str>,
        incident: &str,
        assigned_at: Timestamp,
        status: TrainingStatus,
        done_after: Option<i64>,
        score: Option<f64>,
        next_after: Option<i64>,
    ) -> ReportRow {
        ReportRow {
            course_id: course.0.into(),
            course_name: course.1.into(),
            assigned_by: agent.into(),
            category: category.map(Into::into),
            incident_sys_id: incident.into(),
            assigned_at,
            status,
            completed_at: done_after.map(|d| assigned_at + d),
            score,
            next_incident_at: next_after.map(|n| assigned_at + n),
        }
    }

    /// The hand-worked data set (window 30 days = 2,592,000 s; range 2026-03-01 ..=
    /// 2026-03-31):
    ///
    /// | row | course | agent | category | assigned (UTC) | status | days to complete | score | next incident after |
    /// |-----|--------|-------|----------|----------------|--------|------------------|-------|---------------------|
    /// | r1  | C1 | alice | network | 03-02 10:00 | completed | 2.0 | 90 | 10 d: repeat |
    /// | r2  | C1 | alice | network | 03-03 00:00 | completed | 1.5 | 87.5 | exactly 30 d: repeat (inclusive) |
    /// | r3  | C1 | bob   | None    | 03-05 12:00 | completed | 3.0 | null | 30 d + 1 s: no repeat |
    /// | r4  | C1 | bob   | ""      | 03-10 00:00 | in_progress | - | - | none |
    /// | r5  | C2 | alice | network | 03-11 00:00 | not_started | - | - | 5 d: repeat |
    /// | r6  | C2 | bob   | email   | 03-12 00:00 | completed | 4.0 | 70 | 0 s (same instant): no repeat |
    /// | r7  | C3 | alice | email   | 03-31 23:59:59 | in_progress | - | - | 1 d: repeat |
    /// | r8  | C3 | bob   | email   | 04-01 00:00 | completed: OUT of range (day after `to`) |
    /// | r9  | C2 | alice | None    | 02-28 23:59:59 | completed: OUT of range (before `from`) |
    /// | r10 | C1 | alice | network | 03-20 00:00 | completed | 0.5 | 95 | none |
    ///
    /// C2's name was "VPN basics" on r5 and is `VPN, "basics"` on r6 (later): the label
    /// is the latest one.
    fn data() -> Vec<ReportRow> {
        let c1 = ("C1", "Password reset 1");
        let c3 = ("C3", "Outlook");
        vec![
            row(c1, "alice", Some("network"), "i1", datetime!(2026-03-02 10:00 UTC).unix_timestamp(), Done, Some(2 * DAY), Some(90.0), Some(10 * DAY)),
            row(c1, "alice", Some("network"), "i2", datetime!(2026-03-03 00:00 UTC).unix_timestamp(), Done, Some(36 * H), Some(87.5), Some(30 * DAY)),
            row(c1, "bob", None, "i3", datetime!(2026-03-05 12:00 UTC).unix_timestamp(), Done, Some(3 * DAY), None, Some(30 * DAY + 1)),
            row(c1, "bob", Some(""), "i4", datetime!(2026-03-10 00:00 UTC).unix_timestamp(), Going, None, None, None),
            row(("C2", "VPN basics"), "alice", Some("network"), "i5", datetime!(2026-03-11 00:00 UTC).unix_timestamp(), Idle, None, None, Some(5 * DAY)),
            row(("C2", "VPN, \"basics\""), "bob", Some("email"), "i6", datetime!(2026-03-12 00:00 UTC).unix_timestamp(), Done, Some(4 * DAY), Some(70.0), Some(0)),
            row(c3, "alice", Some("email"), "i7", datetime!(2026-03-31 23:59:59 UTC).unix_timestamp(), Going, None, None, Some(DAY)),
            row(c3, "bob", Some("email"), "i8", datetime!(2026-04-01 00:00 UTC).unix_timestamp(), Done, Some(DAY), Some(100.0), None),
            row(("C2", "VPN basics"), "alice", None, "i9", datetime!(2026-02-28 23:59:59 UTC).unix_timestamp(), Done, Some(DAY), Some(10.0), None),
            row(c1, "alice", Some("network"), "i10", datetime!(2026-03-20 00:00 UTC).unix_timestamp(), Done, Some(12 * H), Some(95.0), None),
        ]
    }

    fn field(e: Error) -> String {
        match e {
            Error::Invalid { field, .. } => field,
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    fn parse_err(from: Option<&str>, to: Option<&str>, group_by: Option<&str>, window: Option<&str>) -> String {
        field(ReportQuery::parse(from, to, group_by, window).expect_err("must be refused"))
    }

    /// Totals over the 8 rows in range (r1-r7, r10):
    /// - assigned 8; started 7 (all but r5); completed 5 (r1 r2 r3 r6 r10): 5/8 = 0.625;
    /// - days 0.5 1.5 2.0 3.0 4.0: median 2 (odd count);
    /// - scores 90 87.5 70 95 (r3 null): 342.5 / 4 = 85.625, half away from zero: 85.63;
    /// - after completed: r1 r2 repeat, r3 (30 d + 1 s), r6 (same instant), r10 (none)
    ///   don't: 2/5 = 0.4;
    /// - after not completed: r4 no, r5 yes, r7 yes: 2/3 = 0.6667.
    fn expected_totals() -> serde_json::Value {
        json!({"assigned": 8, "started": 7, "completed": 5, "completion_rate": 0.625, "median_days_to_complete": 2,
               "average_score": 85.63,
               "repeat_after_completed": {"assignments": 5, "repeated": 2, "rate": 0.4},
               "repeat_after_not_completed": {"assignments": 3, "repeated": 2, "rate": 0.6667}})
    }

    #[test]
    fn by_course_worked_by_hand() {
        let r = serde_json::to_value(build(&q("course"), &data())).unwrap();
        // C1: r1 r2 r3 r4 r10: 5 assigned, 5 started, 4 completed (0.8); days 0.5 1.5
        //     2.0 3.0, even count: (1.5 + 2.0) / 2 = 1.75; scores 90 87.5 95 (r3 null):
        //     272.5 / 3 = 90.8333: 90.83; completed r1 r2 r3 r10: r1 r2 repeat: 2/4 =
        //     0.5; not completed r4: 0/1 = 0.
        // C2: r5 r6: 2 assigned, 1 started (r6), 1 completed (0.5); days 4; score 70;
        //     completed r6 (next incident at the same instant): 0/1; not completed r5
        //     (5 d): 1/1.
        // C3: r7 only (r8 is out of range): 1 assigned, 1 started, 0 completed (0);
        //     median and average null; completed 0/0: null; not completed r7: 1/1.
        assert_eq!(
            r,
            json!({"from": "2026-03-01", "to": "2026-03-31", "group_by": "course", "window_days": 30, "groups": [
                {"key": "C1", "label": "Password reset 1", "assigned": 5, "started": 5, "completed": 4, "completion_rate": 0.8,
                 "median_days_to_complete": 1.75, "average_score": 90.83,
                 "repeat_after_completed": {"assignments": 4, "repeated": 2, "rate": 0.5},
                 "repeat_after_not_completed": {"assignments": 1, "repeated": 0, "rate": 0}},
                {"key": "C2", "label": "VPN, \"basics\"", "assigned": 2, "started": 1, "completed": 1, "completion_rate": 0.5,
                 "median_days_to_complete": 4, "average_score": 70,
                 "repeat_after_completed": {"assignments": 1, "repeated": 0, "rate": 0},
                 "repeat_after_not_completed": {"assignments": 1, "repeated": 1, "rate": 1}},
                {"key": "C3", "label": "Outlook", "assigned": 1, "started": 1, "completed": 0, "completion_rate": 0,
                 "median_days_to_complete": null, "average_score": null,
                 "repeat_after_completed": {"assignments": 0, "repeated": 0, "rate": null},
                 "repeat_after_not_completed": {"assignments": 1, "repeated": 1, "rate": 1}}],
              "totals": expected_totals()})
        );
    }

    #[test]
    fn by_agent_worked_by_hand() {
        let r = serde_json::to_value(build(&q("agent"), &data())).unwrap();
        // alice: r1 r2 r5 r7 r10: 5 assigned, 4 started (not r5), 3 completed (0.6);
        //        days 0.5 1.5 2.0, odd count: 1.5; scores 90 87.5 95: 90.83; completed
        //        r1 r2 r10: 2/3 = 0.6667; not completed r5 r7: 2/2 = 1.
        // bob:   r3 r4 r6: 3 assigned, 3 started, 2 completed (0.6667); days 3.0 4.0:
        //        3.5; scores null 70: 70; completed r3 r6: 0/2 = 0; not completed r4: 0/1.
        assert_eq!(
            r["groups"],
            json!([
                {"key": "alice", "label": "alice", "assigned": 5, "started": 4, "completed": 3, "completion_rate": 0.6,
                 "median_days_to_complete": 1.5, "average_score": 90.83,
                 "repeat_after_completed": {"assignments": 3, "repeated": 2, "rate": 0.6667},
                 "repeat_after_not_completed": {"assignments": 2, "repeated": 2, "rate": 1}},
                {"key": "bob", "label": "bob", "assigned": 3, "started": 3, "completed": 2, "completion_rate": 0.6667,
                 "median_days_to_complete": 3.5, "average_score": 70,
                 "repeat_after_completed": {"assignments": 2, "repeated": 0, "rate": 0},
                 "repeat_after_not_completed": {"assignments": 1, "repeated": 0, "rate": 0}}])
        );
        assert_eq!(r["totals"], expected_totals(), "totals do not depend on the grouping");
        assert_eq!(r["group_by"], "agent");
    }

    #[test]
    fn by_category_worked_by_hand() {
        let r = serde_json::to_value(build(&q("category"), &data())).unwrap();
        // network: r1 r2 r5 r10: 4 assigned, 3 started, 3 completed (0.75); days 0.5 1.5
        //          2.0: 1.5; scores 90 87.5 95: 90.83; completed 2/3; not completed r5 1/1.
        // email:   r6 r7: 2, 2 started, 1 completed (0.5); days 4; score 70; completed
        //          r6 0/1; not completed r7 1/1.
        // unknown: r3 (None) r4 (""): 2, 2 started, 1 completed (0.5); days 3; score
        //          null (r3 has none); completed r3 0/1; not completed r4 0/1.
        // email and unknown both have 2: by key, email first.
        assert_eq!(
            r["groups"],
            json!([
                {"key": "network", "label": "network", "assigned": 4, "started": 3, "completed": 3, "completion_rate": 0.75,
                 "median_days_to_complete": 1.5, "average_score": 90.83,
                 "repeat_after_completed": {"assignments": 3, "repeated": 2, "rate": 0.6667},
                 "repeat_after_not_completed": {"assignments": 1, "repeated": 1, "rate": 1}},
                {"key": "email", "label": "email", "assigned": 2, "started": 2, "completed": 1, "completion_rate": 0.5,
                 "median_days_to_complete": 4, "average_score": 70,
                 "repeat_after_completed": {"assignments": 1, "repeated": 0, "rate": 0},
                 "repeat_after_not_completed": {"assignments": 1, "repeated": 1, "rate": 1}},
                {"key": "unknown", "label": "unknown", "assigned": 2, "started": 2, "completed": 1, "completion_rate": 0.5,
                 "median_days_to_complete": 3, "average_score": null,
                 "repeat_after_completed": {"assignments": 1, "repeated": 0, "rate": 0},
                 "repeat_after_not_completed": {"assignments": 1, "repeated": 0, "rate": 0}}])
        );
        assert_eq!(r["totals"], expected_totals());
    }

    #[test]
    fn a_wider_window_counts_the_near_misses_and_a_narrower_one_drops_repeats() {
        // 31 days: r3 (30 d + 1 s) now repeats; r6 (same instant) still never does.
        let wide = ReportQuery { window_days: 31, ..q("course") };
        let t = build(&wide, &data()).totals;
        assert_eq!(t.repeat_after_completed, Repeat { assignments: 5, repeated: 3, rate: Some(0.6) });
        // 5 days: r1 (10 d) and r2 (30 d) drop; r5 (exactly 5 d) and r7 (1 d) stay.
        let narrow = ReportQuery { window_days: 5, ..q("course") };
        let t = build(&narrow, &data()).totals;
        assert_eq!(t.repeat_after_completed, Repeat { assignments: 5, repeated: 0, rate: Some(0.0) });
        assert_eq!(t.repeat_after_not_completed, Repeat { assignments: 3, repeated: 2, rate: Some(0.6667) });
    }

    #[test]
    fn csv_by_hand_with_quoting() {
        let csv = to_csv(&build(&q("course"), &data()));
        assert_eq!(
            csv,
            "key,label,assigned,started,completed,completion_rate,median_days_to_complete,average_score,completed_assignments,completed_repeated,completed_repeat_rate,not_completed_assignments,not_completed_repeated,not_completed_repeat_rate\r\n\
             C1,Password reset 1,5,5,4,0.8,1.75,90.83,4,2,0.5,1,0,0\r\n\
             C2,\"VPN, \"\"basics\"\"\",2,1,1,0.5,4,70,1,0,0,1,1,1\r\n\
             C3,Outlook,1,1,0,0,,,0,0,,1,1,1\r\n"
        );
        let agents = to_csv(&build(&q("agent"), &data()));
        assert!(agents.ends_with("\r\nbob,bob,3,3,2,0.6667,3.5,70,2,0,0,1,0,0\r\n"), "{agents}");
        assert_eq!(csv_text("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(csv_text("cr\r"), "\"cr\r\"");
        assert_eq!(csv_text("plain text"), "plain text");
        // Formula injection (OWASP): neutralised with a leading quote, then quoted as usual.
        assert_eq!(csv_text("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assert_eq!(csv_text("+1"), "'+1");
        assert_eq!(csv_text("-2+3"), "'-2+3");
        assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text("\tcmd"), "'\tcmd");
        assert_eq!(csv_text("\rcmd"), "\"'\rcmd\"");
        assert_eq!(csv_text("a=b"), "a=b", "only a leading character counts");
    }

    #[test]
    fn no_rows_is_an_empty_report() {
        let r = build(&q("category"), &[]);
        assert!(r.groups.is_empty());
        assert_eq!(
            serde_json::to_value(&r.totals).unwrap(),
            json!({"assigned": 0, "started": 0, "completed": 0, "completion_rate": null, "median_days_to_complete": null,
                   "average_score": null, "repeat_after_completed": {"assignments": 0, "repeated": 0, "rate": null},
                   "repeat_after_not_completed": {"assignments": 0, "repeated": 0, "rate": null}})
        );
        assert_eq!(to_csv(&r), format!("{CSV_HEADER}\r\n"));
        // Rows that all fall outside the range are the same as none.
        let outside = build(&ReportQuery::parse(Some("2025-01-01"), Some("2025-01-31"), Some("course"), None).unwrap(), &data());
        assert!(outside.groups.is_empty());
        assert_eq!(outside.totals, r.totals);
    }

    #[test]
    fn rounding_is_half_away_from_zero_on_exact_values() {
        assert_eq!(rate(1, 32), Some(0.0313), "0.03125");
        assert_eq!(rate(2, 3), Some(0.6667));
        assert_eq!(rate(1, 3), Some(0.3333));
        assert_eq!(rate(0, 0), None);
        assert_eq!(rate(7, 7), Some(1.0));
        // 0.125 days = 10,800 s; 1.005 days = 86,832 s, which f64 scaling rounds down.
        assert_eq!(median_days(vec![10_800]), Some(0.13));
        assert_eq!(median_days(vec![86_832]), Some(1.01));
        assert_eq!(median_days(vec![0, DAY]), Some(0.5));
        assert_eq!(median_days(vec![DAY, 0, 3 * DAY]), Some(1.0), "sorted first");
        assert_eq!(median_days(vec![]), None);
        assert_eq!(mean_score(&[1.005]), Some(1.01));
        assert_eq!(mean_score(&[85.0, 86.25]), Some(85.63), "85.625");
        assert_eq!(mean_score(&[92.33, 92.33, 92.34]), Some(92.33));
        assert_eq!(mean_score(&[]), None);
        assert_eq!(round_div(-5, 2), -3);
    }

    #[test]
    fn a_completion_before_the_assignment_counts_zero_days_and_one_without_a_date_none() {
        let t0 = datetime!(2026-03-02 10:00 UTC).unix_timestamp();
        let rows = vec![row(("C1", "A"), "a", None, "i1", t0, Done, Some(-60), Some(50.0), None), row(("C1", "A"), "a", None, "i2", t0, Done, None, None, None)];
        let t = build(&q("course"), &rows).totals;
        assert_eq!((t.completed, t.median_days_to_complete, t.average_score), (2, Some(0.0), Some(50.0)));
    }

    #[test]
    fn the_query_parses_and_its_range_covers_whole_days() {
        let q = ReportQuery::parse(Some("2026-03-01"), Some("2026-03-31"), Some("course"), None).unwrap();
        assert_eq!((q.group_by, q.window_days), (GroupBy::Course, 30));
        assert_eq!(q.range(), (datetime!(2026-03-01 00:00 UTC).unix_timestamp(), datetime!(2026-04-01 00:00 UTC).unix_timestamp()));
        let one = ReportQuery::parse(Some("2026-03-01"), Some("2026-03-01"), Some("agent"), Some("1")).unwrap();
        assert_eq!(one.range().1 - one.range().0, DAY);
        assert_eq!(one.window_days, 1);
        assert_eq!(ReportQuery::parse(Some("2026-03-01"), Some("2026-03-01"), Some("category"), Some("365")).unwrap().window_days, 365);
        // 366 days counting both ends pass: a leap year, and a year and a day.
        ReportQuery::parse(Some("2024-01-01"), Some("2024-12-31"), Some("course"), None).unwrap();
        ReportQuery::parse(Some("2025-01-01"), Some("2026-01-01"), Some("course"), None).unwrap();
        ReportQuery::parse(Some("2024-02-29"), Some("2024-02-29"), Some("course"), None).unwrap();
    }

    #[test]
    fn each_bad_parameter_is_named() {
        let ok = (Some("2026-03-01"), Some("2026-03-31"), Some("course"), None::<&str>);
        assert_eq!(parse_err(None, ok.1, ok.2, ok.3), "from");
        for bad in ["2026-02-30", "2026-3-01", "2026/03/01", "20260301", "2026-03-01T00:00:00Z", "", " 2026-03-01", "+2026-03-01", "2026-13-01", "2025-02-29", "２026-03-01"] {
            assert_eq!(parse_err(Some(bad), ok.1, ok.2, ok.3), "from", "{bad}");
            assert_eq!(parse_err(ok.0, Some(bad), ok.2, ok.3), "to", "{bad}");
        }
        assert_eq!(parse_err(ok.0, None, ok.2, ok.3), "to");
        assert_eq!(parse_err(Some("2026-04-01"), Some("2026-03-31"), ok.2, ok.3), "from", "reversed");
        assert_eq!(parse_err(Some("2025-01-01"), Some("2026-01-02"), ok.2, ok.3), "to", "367 days");
        assert_eq!(parse_err(Some("2024-01-01"), Some("2025-01-01"), ok.2, ok.3), "to", "367 days over a leap year");
        assert_eq!(parse_err(ok.0, ok.1, None, ok.3), "group_by");
        for bad in ["", "Course", "courses", "incident", "agent "] {
            assert_eq!(parse_err(ok.0, ok.1, Some(bad), ok.3), "group_by", "{bad}");
        }
        for bad in ["0", "366", "-1", "+5", "1.5", "abc", "", " 30", "99999999999999999999"] {
            assert_eq!(parse_err(ok.0, ok.1, ok.2, Some(bad)), "window_days", "{bad}");
        }
    }
}
