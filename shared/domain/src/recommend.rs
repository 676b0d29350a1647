//! Courses ranked by what they prevent: for one category (and table), the difference in
//! repeat-incident rate between callers who did not complete a course and those who did,
//! with each side's sample size and a 95 % interval for the difference (Newcombe's
//! method, from each side's Wilson score interval).

use serde::Serialize;

use crate::Error;
use crate::model::AssignmentRecord;
use crate::time::Timestamp;
use crate::validate;

const DAY: i64 = 86_400;
/// How far back the ranking looks.
pub const LOOKBACK_DAYS: i64 = 365;
/// The repeat window: another incident within this many days of the assignment.
pub const WINDOW_DAYS: i64 = 30;
/// Assignments each side needs, completed and not completed, unless the tenant sets another.
pub const DEFAULT_MIN_SAMPLE: u32 = 10;
/// z for a two-sided 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

#[derive(Debug, PartialEq, Serialize)]
pub struct Recommendations {
    pub category: String,
    pub table: Option<String>,
    pub window_days: i64,
    pub min_sample: u32,
    pub items: Vec<Recommendation>,
}

#[derive(Debug, PartialEq, Serialize)]
pub struct Recommendation {
    pub course_id: String,
    pub name: String,
    pub completed: u64,
    pub not_completed: u64,
    pub repeat_rate_completed: f64,
    pub repeat_rate_not_completed: f64,
    /// `repeat_rate_not_completed - repeat_rate_completed`: how much completing the
    /// course goes with fewer repeat incidents.
    pub difference: f64,
    pub interval: [f64; 2],
}

/// The Wilson score interval of `x` successes out of `n` (n > 0).
pub fn wilson(x: u64, n: u64) -> (f64, f64) {
    let (x, n) = (x as f64, n as f64);
    let p = x / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let center = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    ((center - half).max(0.0), (center + half).min(1.0))
}

/// `p1 - p2` for `x1/n1` and `x2/n2`, with its 95 % interval (Newcombe 1998, method 10:
/// the hybrid score interval built from the two Wilson intervals).
pub fn difference(x1: u64, n1: u64, x2: u64, n2: u64) -> (f64, f64, f64) {
    let (p1, p2) = (x1 as f64 / n1 as f64, x2 as f64 / n2 as f64);
    let ((l1, u1), (l2, u2)) = (wilson(x1, n1), wilson(x2, n2));
    let d = p1 - p2;
    (d, d - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt(), d + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt())
}

fn round4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}

/// The query: a category (required), a table (optional: every table when absent).
pub fn parse(category: Option<&str>, table: Option<&str>) -> Result<(String, Option<String>), Error> {
    let category = category.ok_or_else(|| Error::invalid("category", "is required: the incident or case category to rank courses for"))?;
    let category = validate::text("category", category, 1, 80)?;
    let table = table.filter(|t| !t.is_empty()).map(|t| validate::record_table("table", Some(t))).transpose()?;
    Ok((category, table))
}

/// The ranking over the tenant's `records` assigned in the last 365 days before `now`:
/// only records of `category` (any case) and `table`, only courses with at least
/// `min_sample` completed and `min_sample` not completed assignments; a record whose
/// window has not ended yet and that has no repeat yet is left out (it may still repeat).
pub fn rank(records: &[AssignmentRecord], category: &str, table: Option<&str>, min_sample: u32, now: Timestamp) -> Recommendations {
    use std::collections::BTreeMap;
    // course id -> (name, completed, completed and repeated, not completed, not completed and repeated)
    let mut by_course: BTreeMap<&str, (&str, u64, u64, u64, u64)> = BTreeMap::new();
    for r in records {
        let a = &r.assignment;
        if a.assigned_at < now - LOOKBACK_DAYS * DAY || a.assigned_at > now {
            continue;
        }
        if !r.category.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(category)) || table.is_some_and(|t| t != a.incident_table) {
            continue;
        }
        let repeated = r.next_incident_at.is_some_and(|t| a.assigned_at < t && t <= a.assigned_at + WINDOW_DAYS * DAY);
        if !repeated && a.assigned_at + WINDOW_DAYS * DAY > now {
            continue;
        }
        let e = by_course.entry(a.course_id.as_str()).or_insert((a.course_name.as_str(), 0, 0, 0, 0));
        if r.progress.status == crate::model::TrainingStatus::Completed {
            e.1 += 1;
            e.2 += u64::from(repeated);
        } else {
            e.3 += 1;
            e.4 += u64::from(repeated);
        }
    }
    let min = u64::from(min_sample.max(1));
    let mut items: Vec<Recommendation> = by_course
        .into_iter()
        .filter(|(_, (_, c, _, n, _))| *c >= min && *n >= min)
        .map(|(id, (name, c, cr, n, nr))| {
            let (d, low, high) = difference(nr, n, cr, c);
            Recommendation {
                course_id: id.to_string(),
                name: name.to_string(),
                completed: c,
                not_completed: n,
                repeat_rate_completed: round4(cr as f64 / c as f64),
                repeat_rate_not_completed: round4(nr as f64 / n as f64),
                difference: round4(d),
                interval: [round4(low), round4(high)],
            }
        })
        .collect();
    items.sort_by(|a, b| b.difference.total_cmp(&a.difference).then_with(|| a.name.cmp(&b.name)).then_with(|| a.course_id.cmp(&b.course_id)));
    Recommendations { category: category.to_string(), table: table.map(str::to_string), window_days: WINDOW_DAYS, min_sample: min_sample.max(1), items }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-4
    }

    #[test]
    fn wilson_intervals_worked_by_hand() {
        // 5/10: p = .5, z²/n = .38416; centre (.5 + .19208)/1.38416 = .5;
        // half 1.96 sqrt(.025 + .009604)/1.38416 = .26341.
        let (l, u) = wilson(5, 10);
        assert!(close(l, 0.23659) && close(u, 0.76341), "{l} {u}");
        // 0/10: centre .19208/1.38416 = .13877, half the same: [0, .27753].
        let (l, u) = wilson(0, 10);
        assert!(close(l, 0.0) && close(u, 0.27753), "{l} {u}");
        let (l, u) = wilson(10, 10);
        assert!(close(l, 0.72247) && close(u, 1.0), "{l} {u}");
    }

    #[test]
    fn the_difference_interval_worked_by_hand() {
        // 8/10 against 2/10: d = .6; Wilson 8/10 = [.49016, .94332], 2/10 = [.05668, .50984];
        // low = .6 - sqrt(.30984² + .30984²) = .16182, high = .6 + sqrt(.14332² + .14332²) = .80268.
        let (d, low, high) = difference(8, 10, 2, 10);
        assert!(close(d, 0.6) && close(low, 0.16182) && close(high, 0.80268), "{d} {low} {high}");
        // Equal rates: the interval spans 0 symmetrically.
        let (d, low, high) = difference(3, 10, 3, 10);
        assert!(close(d, 0.0) && close(low, -high), "{d} {low} {high}");
    }

    fn record(course: &str, name: &str, category: &str, table: &str, completed: bool, repeat_after_days: Option<i64>, assigned_at: Timestamp) -> AssignmentRecord {
        AssignmentRecord {
            assignment: Assignment {
                learner_id: "L".into(),
                course_id: course.into(),
                course_name: name.into(),
                incident_sys_id: "i".into(),
                incident_number: "INC0001".into(),
                incident_table: table.into(),
                assigned_by: "a".into(),
                assigned_at,
            },
            caller_sys_id: "c".into(),
            progress: Progress { status: if completed { TrainingStatus::Completed } else { TrainingStatus::NotStarted }, ..Default::default() },
            category: Some(category.into()),
            next_incident_at: repeat_after_days.map(|d| assigned_at + d * DAY),
            rolled_up: false,
        }
    }

    /// `n` records of a course: `repeats` of them followed by another incident 10 days on.
    fn many(course: &str, name: &str, completed: bool, n: usize, repeats: usize, at: Timestamp) -> Vec<AssignmentRecord> {
        (0..n).map(|i| record(course, name, "vpn", "incident", completed, (i < repeats).then_some(10), at)).collect()
    }

    #[test]
    fn courses_rank_by_the_repeats_they_prevent_with_enough_of_each_side() {
        let now = 1_800_000_000;
        let at = now - 100 * DAY;
        let mut rows = Vec::new();
        // A: completed 2/10 repeat, not completed 8/10: difference .6.
        rows.extend(many("A", "VPN basics", true, 10, 2, at));
        rows.extend(many("A", "VPN basics", false, 10, 8, at));
        // B: 3/10 against 3/10: no difference.
        rows.extend(many("B", "Password hygiene", true, 10, 3, at));
        rows.extend(many("B", "Password hygiene", false, 10, 3, at));
        // C: only 9 completed: left out at the default minimum of 10.
        rows.extend(many("C", "Too few", true, 9, 0, at));
        rows.extend(many("C", "Too few", false, 10, 9, at));
        // Other category, other table, too old, and still in its window: none count.
        rows.push(record("A", "VPN basics", "email", "incident", true, None, at));
        rows.push(record("A", "VPN basics", "vpn", "sn_customerservice_case", true, None, at));
        rows.push(record("A", "VPN basics", "vpn", "incident", true, None, now - 400 * DAY));
        rows.push(record("A", "VPN basics", "vpn", "incident", true, None, now - 5 * DAY));
        let r = rank(&rows, "VPN", Some("incident"), DEFAULT_MIN_SAMPLE, now);
        let ids: Vec<&str> = r.items.iter().map(|i| i.course_id.as_str()).collect();
        assert_eq!(ids, ["A", "B"]);
        let a = &r.items[0];
        assert_eq!((a.completed, a.not_completed, a.repeat_rate_completed, a.repeat_rate_not_completed, a.difference), (10, 10, 0.2, 0.8, 0.6));
        assert_eq!(a.interval, [0.1618, 0.8027]);
        assert_eq!((r.items[1].difference, r.items[1].completed), (0.0, 10));
        // A lower minimum lets C in; it ranks first (0/9 against 9/10).
        let low = rank(&rows, "vpn", Some("incident"), 9, now);
        assert_eq!(low.items[0].course_id, "C");
        // Without a table, the case's record counts too: A has 11 completed.
        assert_eq!(rank(&rows, "vpn", None, DEFAULT_MIN_SAMPLE, now).items[0].completed, 11);
    }

    #[test]
    fn the_query_names_its_field() {
        assert!(matches!(parse(None, None), Err(Error::Invalid { field, .. }) if field == "category"));
        assert!(matches!(parse(Some("vpn"), Some("problem")), Err(Error::Invalid { field, .. }) if field == "table"));
        assert_eq!(parse(Some("vpn"), Some("sn_customerservice_case")).unwrap(), ("vpn".to_string(), Some("sn_customerservice_case".to_string())));
    }
}
