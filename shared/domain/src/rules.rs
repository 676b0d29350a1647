//! Automatic training by category (issue 20.2): the Account Owner's rules, and firing
//! them when ServiceNow reports a record. A rule fires at most once per record: its
//! firing is a claimed slot (`record`, `rule`) that ends done, or goes back with the
//! work kept aside ("deferred") when Litmos or its budget cannot take it now; the next
//! sync of the tenant runs what was deferred.

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::assignments::{AssignOutcome, Assignments};
use crate::learners::{CallerInput, LearnerInput, Learners};
use crate::model::{CASE_TABLE, INCIDENT_TABLE, Incident, LitmosAccount};
use crate::ports::{Claim, RuleStore};
use crate::time::{Clock, Timestamp, rfc3339};
use crate::validate;

pub const MAX_RULES: usize = 100;
pub const MAX_RULE_COURSES: usize = 50;
/// How long a firing stays claimed by a request that died mid-way.
const FIRING_LEASE_SECONDS: i64 = 120;
/// Deferred firings a sync runs at most (the rest wait for the next one).
pub const DEFERRED_PER_SYNC: usize = 50;
/// Tries of a deferred firing before it is given up (a day of 15-minute syncs): a
/// Litmos refusal that never heals must not be tried for ever.
pub const MAX_DEFERRED_ATTEMPTS: u32 = 96;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    pub id: String,
    pub name: String,
    /// `incident` or `case`.
    pub table: String,
    pub category: String,
    pub course_ids: Vec<String>,
    pub active: bool,
    pub updated_at: Timestamp,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleInput {
    pub name: String,
    pub when: When,
    pub course_ids: Vec<String>,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    pub table: String,
    pub category: String,
}

/// A rule as the admin API shows it; `missing_course_ids` are the rule's courses
/// Litmos no longer has (null when the catalog could not be read to tell).
#[derive(Debug, Serialize)]
pub struct RuleView {
    pub id: String,
    pub name: String,
    pub when: When,
    pub course_ids: Vec<String>,
    pub active: bool,
    pub updated_at: String,
    pub missing_course_ids: Option<Vec<String>>,
}

impl RuleView {
    pub fn new(r: &Rule, missing: Option<Vec<String>>) -> Self {
        RuleView {
            id: r.id.clone(),
            name: r.name.clone(),
            when: When { table: r.table.clone(), category: r.category.clone() },
            course_ids: r.course_ids.clone(),
            active: r.active,
            updated_at: rfc3339(r.updated_at),
            missing_course_ids: missing,
        }
    }
}

/// A rule id is one URL path segment of at most 64 of `[A-Za-z0-9_-]`.
pub fn validate_id(id: &str) -> Result<(), Error> {
    if id.is_empty() || id.len() > 64 || !id.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_') {
        return Err(Error::invalid("rule_id", "must be 1 to 64 letters, digits, '-' or '_'"));
    }
    Ok(())
}

pub fn validate_rule(id: &str, input: RuleInput, now: Timestamp) -> Result<Rule, Error> {
    validate_id(id)?;
    let name = validate::text("name", input.name.trim(), 1, 100)?;
    if !matches!(input.when.table.as_str(), "incident" | "case") {
        return Err(Error::invalid("when.table", "must be \"incident\" or \"case\""));
    }
    let category = validate::text("when.category", input.when.category.trim(), 1, 80)?;
    validate::course_ids("course_ids", &input.course_ids, MAX_RULE_COURSES)?;
    Ok(Rule { id: id.to_string(), name, table: input.when.table, category, course_ids: input.course_ids, active: input.active, updated_at: now })
}

/// The rule's table name for a ServiceNow table.
fn rule_table(record_table: &str) -> Option<&'static str> {
    match record_table {
        INCIDENT_TABLE => Some("incident"),
        CASE_TABLE => Some("case"),
        _ => None,
    }
}

/// Whether an active rule fires for a record: same table, same category (trimmed,
/// case-insensitive).
pub fn matches(rule: &Rule, record: &Incident) -> bool {
    let Some(category) = record.category.as_deref() else { return false };
    rule.active && rule_table(&record.table) == Some(rule.table.as_str()) && category.trim().eq_ignore_ascii_case(rule.category.trim())
}

/// The feed note a rule's assignment carries (once for all its courses).
pub fn note(rule_name: &str, course_names: &[&str]) -> String {
    format!("Litmos Training assigned automatically by rule '{rule_name}': {}", course_names.join(", "))
}

/// A firing kept aside to run later: the record and what is needed to find or create
/// the caller's learner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeferredFiring {
    pub rule_id: String,
    pub record: Incident,
    pub caller: Option<CallerInput>,
    pub deferred_at: Timestamp,
    /// The kind of error that deferred it last (`Error::kind`), or `in_flight` while a
    /// request is firing it (kept aside from the start, so a request cut off mid-way
    /// loses nothing: the next sync after its lease finishes it).
    pub reason: String,
    /// How many times it was deferred.
    #[serde(default)]
    pub attempts: u32,
}

/// How one rule's firing for a record ended, as `POST /v1/servicenow/incidents` tells it.
#[derive(Debug, Serialize, PartialEq)]
pub struct Firing {
    pub rule_id: String,
    pub name: String,
    /// `assigned`, `already_fired`, `in_progress`, `deferred`, `no_learner` or `failed`.
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assigned: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub already_assigned: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing_course_ids: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Why it was deferred (`Error::kind`), for the sync's retries.
    #[serde(skip)]
    deferred_by: Option<&'static str>,
}

impl Firing {
    fn status(rule: &Rule, status: &'static str) -> Self {
        Firing { rule_id: rule.id.clone(), name: rule.name.clone(), status, assigned: None, already_assigned: None, missing_course_ids: Vec::new(), detail: None, deferred_by: None }
    }
}

/// What the caller of a rule's assignment can retry later: Litmos (down, pacing, its
/// budget spent) or a contended write.
fn retryable(e: &Error) -> bool {
    matches!(e, Error::Upstream(_) | Error::RateLimited(_) | Error::Busy(_) | Error::Store(_))
}

pub struct Rules<'a> {
    pub store: &'a dyn RuleStore,
    pub learners: Learners<'a>,
    pub assignments: Assignments<'a>,
    pub clock: &'a dyn Clock,
}

impl Rules<'_> {
    /// Fires `rules` (those matching `record`, which was just created or whose category
    /// just changed), each once per record.
    pub async fn fire(&self, tenant: &str, acct: &LitmosAccount, send_welcome: bool, rules: &[Rule], record: &Incident, caller: Option<CallerInput>) -> Result<Vec<Firing>, Error> {
        let mut out = Vec::with_capacity(rules.len());
        for rule in rules {
            out.push(self.fire_one(tenant, acct, send_welcome, rule, record, caller.clone(), 0).await?);
        }
        Ok(out)
    }

    /// Runs up to `max` deferred firings (the rule may have changed or gone since: a
    /// gone or inactive rule drops its firing). Returns how many were assigned.
    pub async fn retry_deferred(&self, tenant: &str, acct: &LitmosAccount, send_welcome: bool, max: usize) -> Result<usize, Error> {
        let waiting = self.store.deferred_firings(tenant, max).await?;
        if waiting.is_empty() {
            return Ok(0);
        }
        let rules = self.store.rules(tenant).await?;
        let mut assigned = 0;
        for w in waiting {
            let Some(rule) = rules.iter().find(|r| r.id == w.rule_id && r.active) else {
                self.store.drop_deferred(tenant, &w.record.sys_id, &w.rule_id).await?;
                continue;
            };
            if w.attempts >= MAX_DEFERRED_ATTEMPTS {
                tracing::warn!(tenant, rule = %w.rule_id, attempts = w.attempts, reason = %w.reason, "deferred rule firing given up");
                self.store.drop_deferred(tenant, &w.record.sys_id, &w.rule_id).await?;
                continue;
            }
            let f = self.fire_one(tenant, acct, send_welcome, rule, &w.record, w.caller.clone(), w.attempts).await?;
            match f.status {
                "assigned" => assigned += 1,
                // Litmos is pacing this account or its budget is spent: the rest waits
                // for the next sync. Any other fault is this firing's own: go on.
                "deferred" if matches!(f.deferred_by, Some("busy" | "litmos_rate_limited")) => break,
                "deferred" => {}
                // Another request is firing it now: it finishes (and removes this) or
                // leaves it for the next sync.
                "in_progress" => {}
                // Fired by another request meanwhile, or refused for good (no learner,
                // a caller conflict): nothing to run again.
                _ => self.store.drop_deferred(tenant, &w.record.sys_id, &w.rule_id).await?,
            }
        }
        Ok(assigned)
    }

    #[allow(clippy::too_many_arguments)]
    async fn fire_one(&self, tenant: &str, acct: &LitmosAccount, send_welcome: bool, rule: &Rule, record: &Incident, caller: Option<CallerInput>, attempts: u32) -> Result<Firing, Error> {
        let owner = format!("{:016x}", rand::random::<u64>());
        let now = self.clock.now();
        match self.store.claim_firing(tenant, &record.sys_id, &rule.id, &record.caller_sys_id, &owner, now, now + FIRING_LEASE_SECONDS).await? {
            Claim::Existing(()) => return Ok(Firing::status(rule, "already_fired")),
            Claim::Pending | Claim::Closed => return Ok(Firing::status(rule, "in_progress")),
            Claim::Won => {}
        }
        // Kept aside first: a request cut off from here on (its deadline, a crash)
        // leaves the firing for the sync once the claim's lease ends.
        let aside = DeferredFiring { rule_id: rule.id.clone(), record: record.clone(), caller: caller.clone(), deferred_at: now, reason: "in_flight".into(), attempts };
        self.store.keep_aside(tenant, &aside).await?;
        let result = self.run(tenant, acct, send_welcome, rule, record, caller.clone()).await;
        match result {
            Ok(Some((outcome, missing))) => {
                self.store.finish_firing(tenant, &record.sys_id, &rule.id, &owner).await?;
                if !missing.is_empty() {
                    tracing::warn!(tenant, rule = %rule.id, missing = missing.len(), "a rule names courses Litmos no longer has; they were skipped");
                }
                tracing::info!(tenant, rule = %rule.id, assigned = outcome.assigned.len(), already = outcome.already_assigned.len(), "rule fired");
                let ids = |cs: &[crate::assignments::CourseRef]| cs.iter().map(|c| c.id.clone()).collect();
                Ok(Firing { assigned: Some(ids(&outcome.assigned)), already_assigned: Some(ids(&outcome.already_assigned)), missing_course_ids: missing, ..Firing::status(rule, "assigned") })
            }
            Ok(None) => {
                self.store.release_firing(tenant, &record.sys_id, &rule.id, &owner).await?;
                self.store.drop_deferred(tenant, &record.sys_id, &rule.id).await?;
                Ok(Firing { detail: Some("The record's caller has no learner yet and no caller details were sent to create one.".into()), ..Firing::status(rule, "no_learner") })
            }
            Err(e) if retryable(&e) => {
                let deferred = DeferredFiring { reason: e.kind().to_string(), attempts: attempts + 1, ..aside };
                self.store.defer_firing(tenant, &owner, &deferred).await?;
                tracing::info!(tenant, rule = %rule.id, reason = e.kind(), "rule firing deferred to the next sync");
                Ok(Firing { detail: Some(e.to_string()), deferred_by: Some(e.kind()), ..Firing::status(rule, "deferred") })
            }
            Err(e) => {
                self.store.release_firing(tenant, &record.sys_id, &rule.id, &owner).await?;
                self.store.drop_deferred(tenant, &record.sys_id, &rule.id).await?;
                tracing::warn!(tenant, rule = %rule.id, error = e.kind(), "rule firing failed");
                Ok(Firing { detail: Some(e.to_string()), ..Firing::status(rule, "failed") })
            }
        }
    }

    /// The caller's learner (found or created), then the rule's courses. `None` when
    /// the caller has no learner and nothing to create one from.
    async fn run(&self, tenant: &str, acct: &LitmosAccount, send_welcome: bool, rule: &Rule, record: &Incident, caller: Option<CallerInput>) -> Result<Option<(AssignOutcome, Vec<String>)>, Error> {
        let learner = match self.learners.store.get_learner(tenant, &record.caller_sys_id).await? {
            Some(l) => l.id,
            None => match caller {
                None => return Ok(None),
                Some(c) => self.learners.find_or_create(tenant, acct, send_welcome, LearnerInput { caller: c }).await?.learner.id,
            },
        };
        self.assignments.assign_by_rule(tenant, acct, rule, &learner, record).await.map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(table: &str, category: &str, courses: &[&str]) -> RuleInput {
        RuleInput { name: " VPN basics ".into(), when: When { table: table.into(), category: category.into() }, course_ids: courses.iter().map(|c| c.to_string()).collect(), active: true }
    }

    fn field(r: Result<Rule, Error>) -> String {
        match r {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rules_are_validated_field_by_field() {
        let r = validate_rule("vpn", input("incident", " Network ", &["c1", "c2"]), 7).unwrap();
        assert_eq!((r.name.as_str(), r.category.as_str(), r.table.as_str(), r.updated_at), ("VPN basics", "Network", "incident", 7));
        assert_eq!(field(validate_rule("a b", input("incident", "n", &["c1"]), 0)), "rule_id");
        assert_eq!(field(validate_rule(&"x".repeat(65), input("incident", "n", &["c1"]), 0)), "rule_id");
        assert_eq!(field(validate_rule("r", input("problem", "n", &["c1"]), 0)), "when.table");
        assert_eq!(field(validate_rule("r", input("case", " ", &["c1"]), 0)), "when.category");
        assert_eq!(field(validate_rule("r", input("case", "n", &[]), 0)), "course_ids");
        assert_eq!(field(validate_rule("r", input("case", "n", &["c1", "c1"]), 0)), "course_ids");
        assert_eq!(field(validate_rule("r", input("case", "n", &["a/b"]), 0)), "course_ids");
    }

    fn record(table: &str, category: Option<&str>) -> Incident {
        Incident { sys_id: "a".repeat(32), number: "INC0010001".into(), table: table.into(), caller_sys_id: "b".repeat(32), opened_at: 0, category: category.map(str::to_string) }
    }

    #[test]
    fn a_rule_matches_its_table_and_category_only_while_active() {
        let mut rule = validate_rule("vpn", input("incident", "Network", &["c1"]), 0).unwrap();
        assert!(matches(&rule, &record(INCIDENT_TABLE, Some("network "))));
        assert!(!matches(&rule, &record(INCIDENT_TABLE, Some("Networking"))));
        assert!(!matches(&rule, &record(INCIDENT_TABLE, None)));
        assert!(!matches(&rule, &record(CASE_TABLE, Some("Network"))));
        rule.table = "case".into();
        assert!(matches(&rule, &record(CASE_TABLE, Some("Network"))));
        rule.active = false;
        assert!(!matches(&rule, &record(CASE_TABLE, Some("Network"))));
    }

    #[test]
    fn the_note_word_for_word() {
        assert_eq!(note("VPN basics", &["A", "B"]), "Litmos Training assigned automatically by rule 'VPN basics': A, B");
    }
}
