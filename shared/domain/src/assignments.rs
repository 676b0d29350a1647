//! "Assign Courses", message for message (SPEC 3.3). One Litmos read and at most one
//! Litmos write per request; each learner/course pair is claimed with a conditional
//! write first, so concurrent requests assign it once; nothing is recorded as assigned
//! that Litmos did not accept.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::courses::Catalog;
use crate::idempotency::{self, Begin};
use crate::model::*;
use crate::ports::{AssignmentStore, Claim, FeedPosition, IdempotencyStore, IncidentStore, LearnerStore, Litmos};
use crate::time::{Clock, Timestamp, now_ms};
use crate::validate;

pub const MAX_COURSES: usize = 50;
pub const NOT_ADMIN: &str =
    "You do not have permission to assign courses. This requires an \"Administrator\" access level. Please make sure you are an Administrator in Litmos before attempting to assign courses.";
const CLAIM_LEASE_SECONDS: i64 = 60;
const WAIT_STEP: Duration = Duration::from_millis(100);
const WAIT_STEPS: u32 = 100;

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AssignInput {
    pub learner_id: String,
    pub course_ids: Vec<String>,
    pub incident: IncidentRef,
    #[serde(default)]
    pub send_message: bool,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IncidentRef {
    pub sys_id: String,
    pub number: String,
    /// `incident` (default) or `sn_customerservice_case`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CourseRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct AssignOutcome {
    pub assigned: Vec<CourseRef>,
    pub already_assigned: Vec<CourseRef>,
    pub messages: Vec<String>,
}

/// The messages ServiceNow shows, in request order.
pub fn messages(assigned: &[CourseRef], already: &[CourseRef]) -> Vec<String> {
    let mut out = Vec::new();
    if !assigned.is_empty() {
        let names: Vec<&str> = assigned.iter().map(|c| c.name.as_str()).collect();
        out.push(format!("You have successfully assigned these courses: {}", names.join(", ")));
    }
    out.extend(already.iter().map(|c| format!("{} is already assigned", c.name)));
    out
}

pub fn validate_input(input: &AssignInput) -> Result<(), Error> {
    validate::litmos_id("learner_id", &input.learner_id)?;
    validate::course_ids("course_ids", &input.course_ids, MAX_COURSES)?;
    validate::sys_id("incident.sys_id", &input.incident.sys_id)?;
    validate::incident_number("incident.number", &input.incident.number)?;
    validate::record_table("incident.table", input.incident.table.as_deref())?;
    Ok(())
}

pub struct Assignments<'a> {
    pub learners: &'a dyn LearnerStore,
    pub store: &'a dyn AssignmentStore,
    pub idempotency: &'a dyn IdempotencyStore,
    pub incidents: &'a dyn IncidentStore,
    pub catalog: Catalog<'a>,
    pub litmos: &'a dyn Litmos,
    pub clock: &'a dyn Clock,
}

/// What a record needs besides the assignment, read while Litmos answered.
#[derive(Clone)]
struct RecordContext {
    /// The ServiceNow table of the record assigned from.
    table: String,
    category: Option<String>,
    next_incident_at: Option<Timestamp>,
    /// The feed's position then: a hint (None: read it when writing).
    feed: Option<FeedPosition>,
}

/// Who assigns: an agent (`X-Agent`) or a rule (`rule:<id>`, with the rule's name
/// for its feed note).
struct By<'a> {
    who: &'a str,
    rule_name: Option<&'a str>,
}

/// The answer to send: a fresh outcome, or the stored answer of an earlier request
/// with the same `Idempotency-Key`.
pub enum Answer {
    Fresh(AssignOutcome),
    Replay { status: u16, body: String },
}

impl Assignments<'_> {
    pub async fn assign(&self, tenant: &str, acct: &LitmosAccount, agent: &str, idempotency_key: Option<&str>, input: AssignInput) -> Result<Answer, Error> {
        validate_input(&input)?;
        let Some(key) = idempotency_key else { return self.run(tenant, acct, agent, &input).await.map(Answer::Fresh) };
        let key = idempotency::validate_key(key)?;
        let print = idempotency::fingerprint(&[agent, &serde_json::to_string(&input).expect("serializable")]);
        let owner = format!("{:016x}", rand::random::<u64>());
        if let Begin::Replay { status, body } = idempotency::begin(self.idempotency, tenant, &key, &print, &owner, self.clock.now()).await? {
            return Ok(Answer::Replay { status, body });
        }
        match self.run(tenant, acct, agent, &input).await {
            Ok(outcome) => {
                let body = serde_json::to_string(&outcome).expect("serializable");
                let expires = self.clock.now() + idempotency::REPLAY_WINDOW_SECONDS;
                if let Err(e) = self.idempotency.complete(tenant, &key, &owner, 200, &body, expires).await {
                    tracing::warn!(error = %e, "could not store the idempotent answer; a retry will re-run (safely)");
                }
                Ok(Answer::Fresh(outcome))
            }
            Err(e) => {
                // A failed request leaves no record, so its retry runs again.
                if let Err(abandon) = self.idempotency.abandon(tenant, &key, &owner).await {
                    tracing::warn!(error = %abandon, "could not clear the idempotency record; it expires when its in-flight window ends");
                }
                Err(e)
            }
        }
    }

    async fn run(&self, tenant: &str, acct: &LitmosAccount, who: &str, input: &AssignInput) -> Result<AssignOutcome, Error> {
        // Independent first reads, side by side (issue 8): the agent, the learner's
        // caller, the incident's category, and the budget for this request's two Litmos
        // calls in one counter update. The permission answer still comes first.
        // What is recorded as assigned is read before Litmos is (see `apply`).
        let (agent, caller, incident, reserved, seen) = tokio::join!(
            self.catalog.agent(tenant, acct, who),
            self.learners.learner_caller(tenant, &input.learner_id),
            self.incidents.get_incident(tenant, &input.incident.sys_id),
            self.litmos.reserve(acct, 2),
            self.store.assigned_owners(tenant, &input.learner_id, &input.course_ids)
        );
        let agent = match agent? {
            Some(a) if a.level.is_some_and(AccessLevel::may_assign) => a,
            _ => return Err(Error::Forbidden(NOT_ADMIN.into())),
        };
        let Some(caller) = caller? else {
            return Err(Error::NotFound(format!("No learner with id '{}' is linked to a caller of this account.", input.learner_id)));
        };
        // The learner must be this incident's caller: one caller's training never
        // shows on another caller's incident.
        let incident = incident?;
        if let Some(known) = incident.as_ref().filter(|i| i.caller_sys_id != caller) {
            return Err(Error::Conflict(format!(
                "Incident {} was opened for caller {}, but learner '{}' is linked to caller {caller}. Assign training to the incident's own caller.",
                known.number, known.caller_sys_id, input.learner_id
            )));
        }
        let table = validate::record_table("incident.table", input.incident.table.as_deref())?;
        if let Some(known) = incident.as_ref().filter(|i| input.incident.table.is_some() && i.table != table) {
            return Err(Error::Conflict(format!("Record {} was sent as a {} record, not {table}.", known.number, known.table)));
        }
        let table = incident.as_ref().map_or(table, |i| i.table.clone());
        reserved?;
        let assignable: HashMap<String, Course> = self.catalog.assignable(tenant, acct, &agent).await?.into_iter().map(|c| (c.id.clone(), c)).collect();
        let refused: Vec<&str> = input.course_ids.iter().filter(|id| !assignable.contains_key(*id)).map(String::as_str).collect();
        if !refused.is_empty() {
            return Err(Error::Unprocessable(format!("These course ids do not exist or cannot be assigned by you: {}. Nothing was assigned.", refused.join(", "))));
        }
        let by = By { who, rule_name: None };
        self.apply(tenant, acct, &by, &caller, input, &assignable, incident, table, &seen?).await
    }

    /// A rule's courses for a record's caller, through the same path as an agent's:
    /// no agent to check (the Account Owner made the rule), every active course may be
    /// assigned, and courses Litmos no longer has are skipped and returned. The
    /// assignments are `rule:<id>`'s, with the rule's note on the feed.
    pub async fn assign_by_rule(&self, tenant: &str, acct: &LitmosAccount, rule: &crate::rules::Rule, learner_id: &str, record: &Incident) -> Result<(AssignOutcome, Vec<String>), Error> {
        self.litmos.reserve(acct, 2).await?;
        let active: HashMap<String, Course> = self.catalog.all(tenant, acct).await?.into_iter().filter(|c| c.active).map(|c| (c.id.clone(), c)).collect();
        let (present, missing): (Vec<String>, Vec<String>) = rule.course_ids.iter().cloned().partition(|id| active.contains_key(id));
        if present.is_empty() {
            return Ok((AssignOutcome { assigned: Vec::new(), already_assigned: Vec::new(), messages: Vec::new() }, missing));
        }
        let input = AssignInput {
            learner_id: learner_id.to_string(),
            course_ids: present,
            incident: IncidentRef { sys_id: record.sys_id.clone(), number: record.number.clone(), table: Some(record.table.clone()) },
            send_message: false,
        };
        let who = format!("rule:{}", rule.id);
        let by = By { who: &who, rule_name: Some(&rule.name) };
        let seen = self.store.assigned_owners(tenant, learner_id, &input.course_ids).await?;
        let outcome = self.apply(tenant, acct, &by, &record.caller_sys_id, &input, &active, Some(record.clone()), record.table.clone(), &seen).await?;
        Ok((outcome, missing))
    }

    /// Claims, the Litmos write and the records, for courses already checked. `seen`:
    /// the owners of the courses recorded as assigned, read before Litmos is.
    #[allow(clippy::too_many_arguments)]
    async fn apply(
        &self,
        tenant: &str,
        acct: &LitmosAccount,
        by: &By<'_>,
        caller: &str,
        input: &AssignInput,
        assignable: &HashMap<String, Course>,
        incident: Option<Incident>,
        table: String,
        seen: &HashMap<String, String>,
    ) -> Result<AssignOutcome, Error> {
        let caller = caller.to_string();
        let started = self.clock.now();
        // While Litmos answers: the caller's next incident and the feed's position,
        // which the record needs.
        let (held, next, feed) =
            tokio::join!(self.litmos.user_courses(acct, &input.learner_id), self.incidents.next_incident_after(tenant, &caller, started, &input.incident.sys_id), self.store.feed_position(tenant));
        let held: HashSet<String> = held?.into_iter().map(|c| c.id).collect();
        let context = RecordContext { table, category: incident.and_then(|i| i.category), next_incident_at: next?, feed: feed.ok() };
        let course = |id: &str| CourseRef { id: id.to_string(), name: assignable[id].name.clone() };
        let owner = format!("{:016x}", rand::random::<u64>());
        // Claimed to assign in Litmos; claimed to record only (Litmos holds the course
        // but this backend has no record of it: an earlier request's record was lost).
        let mut to_assign: Vec<String> = Vec::new();
        let mut to_record: Vec<String> = Vec::new();
        // Claims are taken in sorted id order, so two requests with overlapping
        // courses in opposite orders never each hold one and wait for the other.
        let mut order: Vec<&String> = input.course_ids.iter().collect();
        order.sort();
        for id in order {
            let holds = held.contains(id);
            // When Litmos does not hold a recorded course any more (removed in Litmos),
            // the record seen before Litmos was read no longer blocks it; one confirmed
            // since (another request's, after its own Litmos write) has another owner and
            // still does.
            let reclaim = if holds { None } else { seen.get(id).map(String::as_str) };
            match self.claim(tenant, &input.learner_id, id, &owner, reclaim).await {
                Ok(true) if holds => to_record.push(id.clone()),
                Ok(true) => to_assign.push(id.clone()),
                Ok(false) => {}
                Err(e) => {
                    self.release(tenant, &input.learner_id, &[to_assign.clone(), to_record.clone()].concat(), &owner).await;
                    return Err(e);
                }
            }
        }

        if !to_assign.is_empty()
            && let Err(e) = self.litmos.assign_courses(acct, &input.learner_id, &to_assign, input.send_message).await
        {
            self.release(tenant, &input.learner_id, &to_record, &owner).await;
            return Err(self.recover(tenant, acct, by, &caller, input, &owner, &to_assign, assignable, context, e.into()).await);
        }
        let mut recorded: Vec<String> = to_assign.clone();
        recorded.extend(to_record.iter().cloned());
        if let Err(e) = self.record(tenant, by, &caller, input, &owner, &recorded, assignable, context).await {
            // Litmos holds them now: free the slots so a retry records them at once.
            self.release(tenant, &input.learner_id, &recorded, &owner).await;
            return Err(e);
        }
        let assigned: Vec<CourseRef> = input.course_ids.iter().filter(|id| to_assign.contains(id)).map(|id| course(id)).collect();
        let already: Vec<CourseRef> = input.course_ids.iter().filter(|id| !to_assign.contains(id)).map(|id| course(id)).collect();
        tracing::info!(tenant, learner = %input.learner_id, assigned = assigned.len(), already = already.len(), "courses assigned");
        Ok(AssignOutcome { messages: messages(&assigned, &already), assigned, already_assigned: already })
    }

    /// True when this request now holds the pair; false when it is assigned already.
    /// Waits (bounded) while another request holds it, then decides on its outcome.
    async fn claim(&self, tenant: &str, learner: &str, course: &str, owner: &str, reclaim_owner: Option<&str>) -> Result<bool, Error> {
        for _ in 0..WAIT_STEPS {
            let now = self.clock.now();
            match self.store.claim_assignment(tenant, learner, course, owner, now, now + CLAIM_LEASE_SECONDS, reclaim_owner).await? {
                Claim::Won => return Ok(true),
                Claim::Existing(()) => return Ok(false),
                // `Closed` is a caller slot's alone; waiting is right for anything else.
                Claim::Pending | Claim::Closed => tokio::time::sleep(WAIT_STEP).await,
            }
        }
        Err(Error::Busy("Another request is still assigning these courses to this learner; retry shortly.".into()))
    }

    async fn release(&self, tenant: &str, learner: &str, courses: &[String], owner: &str) {
        if courses.is_empty() {
            return;
        }
        if let Err(e) = self.store.release_assignments(tenant, learner, courses, owner).await {
            tracing::warn!(error = %e, "could not release assignment claims; they expire with their lease");
        }
    }

    /// Records what Litmos took, with what the report keeps about the incident: its
    /// category and the caller's first later incident, if ServiceNow sent them already.
    #[allow(clippy::too_many_arguments)]
    async fn record(&self, tenant: &str, by: &By<'_>, caller: &str, input: &AssignInput, owner: &str, ids: &[String], courses: &HashMap<String, Course>, context: RecordContext) -> Result<(), Error> {
        if ids.is_empty() {
            return Ok(());
        }
        let now = self.clock.now();
        let RecordContext { table, category, next_incident_at, feed } = context;
        let rows: Vec<AssignmentRecord> = ids
            .iter()
            .map(|id| AssignmentRecord {
                assignment: Assignment {
                    learner_id: input.learner_id.clone(),
                    course_id: id.clone(),
                    course_name: courses[id].name.clone(),
                    incident_sys_id: input.incident.sys_id.clone(),
                    incident_number: input.incident.number.clone(),
                    incident_table: table.clone(),
                    assigned_by: by.who.to_string(),
                    assigned_at: now,
                },
                caller_sys_id: caller.to_string(),
                progress: Progress::default(),
                category: category.clone(),
                next_incident_at,
                rolled_up: true,
            })
            .collect();
        // A rule's batch is one note naming its courses, in the rule's order.
        let note = by.rule_name.map(|rule| {
            let names: Vec<&str> = input.course_ids.iter().filter(|id| ids.contains(id)).map(|id| courses[id].name.as_str()).collect();
            crate::rules::note(rule, &names)
        });
        self.store.confirm_assignments(tenant, owner, &rows, now_ms(self.clock), feed, note.as_deref()).await?;
        Ok(())
    }

    /// Litmos did not confirm the write: read back what it holds, record exactly that,
    /// release the rest, and say which is which.
    #[allow(clippy::too_many_arguments)]
    async fn recover(
        &self,
        tenant: &str,
        acct: &LitmosAccount,
        by: &By<'_>,
        caller: &str,
        input: &AssignInput,
        owner: &str,
        claimed: &[String],
        courses: &HashMap<String, Course>,
        context: RecordContext,
        cause: Error,
    ) -> Error {
        let names = |ids: &[String]| ids.iter().map(|id| courses[id].name.clone()).collect::<Vec<_>>().join(", ");
        let held: Option<HashSet<String>> = self.litmos.user_courses(acct, &input.learner_id).await.ok().map(|cs| cs.into_iter().map(|c| c.id).collect());
        let Some(held) = held else {
            self.release(tenant, &input.learner_id, claimed, owner).await;
            return Error::Upstream(format!(
                "Litmos did not confirm the assignment and could not be read back ({cause}). Not recorded as assigned: {}. Retry: courses Litmos did take are then recorded against this incident and reported as already assigned.",
                names(claimed)
            ));
        };
        let (landed, missing): (Vec<String>, Vec<String>) = claimed.iter().cloned().partition(|id| held.contains(id));
        if let Err(e) = self.record(tenant, by, caller, input, owner, &landed, courses, context).await {
            tracing::error!(error = %e, "could not record assignments Litmos accepted; a retry records them");
            self.release(tenant, &input.learner_id, &landed, owner).await;
        }
        self.release(tenant, &input.learner_id, &missing, owner).await;
        let landed_txt = if landed.is_empty() { "none".to_string() } else { names(&landed) };
        Error::Upstream(format!(
            "Litmos failed part-way ({cause}). Assigned: {landed_txt}. Not assigned: {}. Retry to assign the rest.",
            if missing.is_empty() { "none".to_string() } else { names(&missing) }
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: &str, name: &str) -> CourseRef {
        CourseRef { id: id.into(), name: name.into() }
    }

    #[test]
    fn messages_word_for_word() {
        let m = messages(&[c("1", "A"), c("2", "B"), c("3", "C")], &[c("4", "D"), c("5", "E")]);
        assert_eq!(m, ["You have successfully assigned these courses: A, B, C", "D is already assigned", "E is already assigned"]);
        assert_eq!(messages(&[], &[c("4", "D")]), ["D is already assigned"]);
        assert!(messages(&[], &[]).is_empty());
    }

    #[test]
    fn the_permission_message_is_exact() {
        assert_eq!(
            NOT_ADMIN,
            r#"You do not have permission to assign courses. This requires an "Administrator" access level. Please make sure you are an Administrator in Litmos before attempting to assign courses."#
        );
    }

    fn input(ids: &[&str]) -> AssignInput {
        AssignInput {
            learner_id: "U000000006x1".into(),
            course_ids: ids.iter().map(|s| s.to_string()).collect(),
            incident: IncidentRef { sys_id: "0123456789abcdef0123456789abcdef".into(), number: "INC0010023".into(), table: None },
            send_message: false,
        }
    }

    fn field(r: Result<(), Error>) -> String {
        match r {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn input_bounds() {
        assert!(validate_input(&input(&["a"])).is_ok());
        assert_eq!(field(validate_input(&input(&[]))), "course_ids");
        let many: Vec<String> = (0..51).map(|i| format!("c{i}")).collect();
        assert_eq!(field(validate_input(&input(&many.iter().map(String::as_str).collect::<Vec<_>>()))), "course_ids");
        assert!(validate_input(&input(&many[..50].iter().map(String::as_str).collect::<Vec<_>>())).is_ok());
        assert_eq!(field(validate_input(&input(&["a", "b", "a"]))), "course_ids");
        let mut bad = input(&["a"]);
        bad.incident.number = "INC12".into();
        assert_eq!(field(validate_input(&bad)), "incident.number");
        let mut bad = input(&["a"]);
        bad.incident.sys_id = "XYZ".into();
        assert_eq!(field(validate_input(&bad)), "incident.sys_id");
        let mut bad = input(&["a"]);
        bad.learner_id = "a b".into();
        assert_eq!(field(validate_input(&bad)), "learner_id");
    }
}
