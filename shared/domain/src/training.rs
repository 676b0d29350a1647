//! Training outcomes (SPEC 3.4): what became of each assignment, kept from Litmos by
//! webhooks, the scheduled sync and reads on demand; the incidents ServiceNow reports;
//! the feed of status changes; one caller's courses; the effectiveness report.
//!
//! Litmos is the only truth: a webhook is a hint that makes the backend read the
//! learner's courses and achievements, and only what those reads confirm is recorded.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::cache;
use crate::model::*;
use crate::ports::{CacheStore, IncidentStore, IncidentWrite, LearnerStore, Litmos, ProgressStore, RollupStore};
use crate::time::{Clock, Timestamp, rfc3339, rfc3339_ms};
use crate::validate;

/// How long the incident and caller views trust what was last read from Litmos.
pub const PROGRESS_TTL_SECONDS: i64 = 120;
/// Litmos gives a webhook 10 s; its reads get at most this.
pub const WEBHOOK_READ_BUDGET: Duration = Duration::from_secs(5);
/// How long an applied achievement id is remembered, so a replay changes nothing.
const ACHIEVEMENT_MEMORY_SECONDS: i64 = 90 * 86_400;
/// How long a hint Litmos did not confirm is ignored when it comes again.
pub const UNCONFIRMED_ACHIEVEMENT_MEMORY_SECONDS: i64 = 600;
/// How long a feed entry stays once ServiceNow has read past it (README, SPEC 3.4's place).
pub const FEED_READ_RETENTION_SECONDS: i64 = 90 * 86_400;
/// Feed entries a sync gives their expiry, at most, per tenant and run.
const FEED_STAMPS_PER_SYNC: usize = 2_000;
/// A sync re-reads achievements from a little before where the last one ended, for
/// ones Litmos dates a little late.
const WATERMARK_OVERLAP_SECONDS: i64 = 3_600;
/// An incident opened this far ahead of now is refused.
const MAX_CLOCK_AHEAD_SECONDS: i64 = 300;

/// The status SPEC 3.4 derives from Litmos' view of one course.
pub fn derive(old: &Progress, course: Option<&UserCourse>, achievement: Option<&Achievement>, now: Timestamp) -> Progress {
    let pct = course.map(|c| c.percentage_complete).unwrap_or(old.percentage_complete);
    let complete = course.is_some_and(|c| c.complete) || achievement.is_some();
    let status = if complete {
        TrainingStatus::Completed
    } else if pct > 0.0 {
        TrainingStatus::InProgress
    } else {
        TrainingStatus::NotStarted
    };
    // Status never goes back: Litmos resetting a course does not undo what was seen.
    let status = status.max(old.status);
    let completed_at = match status {
        TrainingStatus::Completed => old.completed_at.or(course.and_then(|c| c.completed_at)).or(achievement.and_then(|a| a.achieved_at)).or(Some(now)),
        _ => None,
    };
    let started_at = match status {
        TrainingStatus::NotStarted => None,
        _ => old.started_at.or(Some(completed_at.unwrap_or(now).min(now))),
    };
    let score = achievement.and_then(|a| a.score).or(old.score);
    let percentage_complete = if status == TrainingStatus::Completed { 100.0 } else { pct.clamp(0.0, 100.0) };
    Progress { status, percentage_complete, started_at, completed_at, score }
}

/// The work note ServiceNow writes for a feed entry.
pub fn note(course_name: &str, p: &Progress) -> String {
    match p.status {
        TrainingStatus::NotStarted => format!("Litmos training assigned: {course_name}"),
        TrainingStatus::InProgress => format!("Litmos training started: {course_name}"),
        TrainingStatus::Completed => match p.score {
            Some(s) => format!("Litmos training completed: {course_name} (score {s})"),
            None => format!("Litmos training completed: {course_name}"),
        },
    }
}

/// Where a learner opens the course: the Litmos site of the tenant's API region.
pub fn course_url(base_url: &str, course_id: &str) -> String {
    let origin = base_url.split("/v1.svc").next().unwrap_or(base_url).trim_end_matches('/');
    let site = origin.replacen("://api.", "://app.", 1);
    format!("{site}/course/{course_id}")
}

#[derive(Debug, Serialize)]
pub struct IncidentTraining {
    pub incident: IncidentView,
    pub assignments: Vec<TrainingItem>,
}

#[derive(Clone, Debug, Serialize)]
pub struct IncidentView {
    pub sys_id: String,
    pub number: String,
    /// `incident` or `sn_customerservice_case`.
    pub table: String,
}

#[derive(Debug, Serialize)]
pub struct TrainingItem {
    pub learner_id: String,
    pub course_id: String,
    pub course_name: String,
    pub assigned_at: String,
    pub assigned_by: String,
    pub status: TrainingStatus,
    pub percentage_complete: f64,
    pub completed_at: Option<String>,
    pub score: Option<f64>,
    pub course_url: String,
    /// A "start course" link for the caller, when the tenant has links on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_url: Option<String>,
    /// Whose the assignment is (not shown: the links are made for it).
    #[serde(skip)]
    pub caller_sys_id: String,
}

#[derive(Debug, Serialize)]
pub struct CallerCourses {
    pub caller_sys_id: String,
    pub learner_id: String,
    pub courses: Vec<CallerCourse>,
}

#[derive(Debug, Serialize)]
pub struct CallerCourse {
    pub course_id: String,
    pub course_name: String,
    pub status: TrainingStatus,
    pub percentage_complete: f64,
    pub assigned_at: Option<String>,
    pub completed_at: Option<String>,
    pub score: Option<f64>,
    pub incident: Option<IncidentView>,
}

#[derive(Debug, Default, PartialEq, Serialize)]
pub struct SyncOutcome {
    pub learners_checked: usize,
    pub assignments_updated: usize,
    pub litmos_calls: usize,
}

/// What a webhook did.
#[derive(Debug, PartialEq)]
pub enum WebhookOutcome {
    /// Litmos confirmed it and the records say so (or there was nothing to change).
    Done,
    /// Not ours, a repeat, or another event type: nothing changed.
    Ignored,
    /// Litmos could not be read in time: the learner is checked first by the next sync.
    Deferred,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncidentInput {
    pub sys_id: String,
    pub number: String,
    /// `incident` (default) or `sn_customerservice_case`: a case is treated like an incident.
    #[serde(default)]
    pub table: Option<String>,
    pub caller_sys_id: String,
    pub opened_at: String,
    #[serde(default)]
    pub category: Option<String>,
    /// The caller's details (as `POST /v1/servicenow/learners` takes them), so a rule
    /// that fires can find or create the caller's learner.
    #[serde(default)]
    pub caller: Option<crate::learners::CallerInput>,
}

/// What recording an incident did: whether it was new, what to answer, and the record
/// as kept, to check the rules against. Every report of a record is checked, not only
/// a new one or a category change: a rule that already fired for it says so at the
/// cost of one conditional write, and one whose first firing was cut short (a request
/// that timed out after the record was written) fires on ServiceNow's retry.
pub struct IncidentRecording {
    pub created: bool,
    pub view: IncidentRecorded,
    pub record: Incident,
}

#[derive(Debug, Serialize)]
pub struct IncidentRecorded {
    pub sys_id: String,
    pub number: String,
    pub table: String,
    pub caller_sys_id: String,
    pub opened_at: String,
    pub category: Option<String>,
}

pub struct Outcomes<'a> {
    pub progress: &'a dyn ProgressStore,
    pub incidents: &'a dyn IncidentStore,
    pub learners: &'a dyn LearnerStore,
    pub cache: &'a dyn CacheStore,
    pub litmos: &'a dyn Litmos,
    pub clock: &'a dyn Clock,
}

impl Outcomes<'_> {
    /// Applies what Litmos says of one learner to their records: `courses` when the
    /// learner's course list was read, and any achievements read. Returns how many
    /// records changed and whether any is still not completed.
    pub async fn apply(&self, tenant: &str, learner: &str, courses: Option<&[UserCourse]>, achievements: &[Achievement]) -> Result<(usize, bool), Error> {
        let records = self.progress.learner_records(tenant, learner).await?;
        self.apply_to(tenant, learner, records, courses, achievements).await
    }

    /// `apply` on records already read (a stale read is safe: writes only move forward).
    async fn apply_to(&self, tenant: &str, learner: &str, records: Vec<AssignmentRecord>, courses: Option<&[UserCourse]>, achievements: &[Achievement]) -> Result<(usize, bool), Error> {
        let by_course: HashMap<&str, &UserCourse> = courses.unwrap_or_default().iter().map(|c| (c.id.as_str(), c)).collect();
        let achieved: HashMap<&str, &Achievement> = achievements.iter().filter(|a| a.user_id == learner).map(|a| (a.course_id.as_str(), a)).collect();
        let now = self.clock.now();
        let mut changes = Vec::new();
        let mut open = false;
        for r in records {
            let course = by_course.get(r.assignment.course_id.as_str()).copied();
            // An achievement from before this assignment is an earlier completion.
            let achievement = achieved.get(r.assignment.course_id.as_str()).copied().filter(|a| a.achieved_at.is_none_or(|t| t + 86_400 >= r.assignment.assigned_at));
            let next = derive(&r.progress, course, achievement, now);
            if next.status != TrainingStatus::Completed {
                open = true;
            }
            if next != r.progress {
                changes.push((r, next));
            }
        }
        let changed = if changes.is_empty() { 0 } else { self.progress.save_progress(tenant, &changes, self.clock.now_millis()).await? };
        Ok((changed, open))
    }

    /// Reads one learner from Litmos (courses and achievements) and records what it
    /// says; the learner is then checked.
    async fn refresh(&self, tenant: &str, acct: &LitmosAccount, learner: &str) -> Result<usize, Error> {
        let (courses, achievements) = tokio::try_join!(self.litmos.user_courses(acct, learner), self.litmos.achievements(acct, Some(learner), None, 5))?;
        let (changed, open) = self.apply(tenant, learner, Some(&courses), &achievements).await?;
        self.progress.mark_checked(tenant, learner, self.clock.now(), open).await?;
        cache::write(self.cache, self.clock, tenant, &format!("progress#{learner}"), &courses, PROGRESS_TTL_SECONDS).await;
        Ok(changed)
    }

    /// Refreshes a learner when nothing was read from Litmos for them within the TTL.
    /// True when a record changed.
    async fn refresh_if_stale(&self, tenant: &str, acct: &LitmosAccount, learner: &str) -> Result<bool, Error> {
        let name = format!("progress#{learner}");
        if cache::read::<Vec<UserCourse>>(self.cache, self.clock, tenant, &name, PROGRESS_TTL_SECONDS).await?.fresh.is_some() {
            return Ok(false);
        }
        // A caller being forgotten: their records answer until they are gone, and
        // nothing new is written about them.
        if self.learners.being_forgotten(tenant, learner).await? {
            return Ok(false);
        }
        match self.refresh(tenant, acct, learner).await {
            Ok(changed) => Ok(changed > 0),
            // The records answer with what was last confirmed.
            Err(Error::Upstream(why)) => {
                tracing::warn!(learner, why, "litmos not read for the incident view; answering from the records");
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }

    pub async fn incident_training(&self, tenant: &str, acct: &LitmosAccount, incident_sys_id: &str) -> Result<IncidentTraining, Error> {
        validate::sys_id("incident_sys_id", incident_sys_id)?;
        let records = self.progress.incident_records(tenant, incident_sys_id).await?;
        if records.is_empty() {
            return Err(Error::NotFound(format!("No training was assigned from incident {incident_sys_id}.")));
        }
        let learners: Vec<String> = records.iter().map(|r| r.assignment.learner_id.clone()).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
        let mut changed = false;
        for l in &learners {
            changed |= self.refresh_if_stale(tenant, acct, l).await?;
        }
        // Read again only when the refresh moved a record on.
        let mut records = if changed { self.progress.incident_records(tenant, incident_sys_id).await? } else { records };
        records.sort_by(|a, b| (a.assignment.assigned_at, &a.assignment.learner_id, &a.assignment.course_name).cmp(&(b.assignment.assigned_at, &b.assignment.learner_id, &b.assignment.course_name)));
        let incident = IncidentView { sys_id: incident_sys_id.to_string(), number: records[0].assignment.incident_number.clone(), table: records[0].assignment.incident_table.clone() };
        let assignments = records
            .into_iter()
            .map(|r| TrainingItem {
                status: r.progress.status,
                percentage_complete: r.progress.percentage_complete,
                completed_at: r.progress.completed_at.map(rfc3339),
                score: r.progress.score,
                course_url: course_url(&acct.base_url, &r.assignment.course_id),
                start_url: None,
                caller_sys_id: r.caller_sys_id,
                learner_id: r.assignment.learner_id,
                course_id: r.assignment.course_id,
                course_name: r.assignment.course_name,
                assigned_at: rfc3339(r.assignment.assigned_at),
                assigned_by: r.assignment.assigned_by,
            })
            .collect();
        Ok(IncidentTraining { incident, assignments })
    }

    /// Every Litmos course of one caller, merged with what this backend assigned.
    pub async fn caller_courses(&self, tenant: &str, acct: &LitmosAccount, caller_sys_id: &str) -> Result<CallerCourses, Error> {
        validate::sys_id("caller_sys_id", caller_sys_id)?;
        let learner = self.learners.get_learner(tenant, caller_sys_id).await?.ok_or_else(|| Error::NotFound(format!("No learner is linked to caller {caller_sys_id}.")))?;
        let name = format!("progress#{}", learner.id);
        let cached = cache::read::<Vec<UserCourse>>(self.cache, self.clock, tenant, &name, PROGRESS_TTL_SECONDS).await?;
        let courses = match cached.fresh {
            Some(c) => c,
            None => match self.litmos.user_courses(acct, &learner.id).await {
                Ok(c) => {
                    cache::write(self.cache, self.clock, tenant, &name, &c, PROGRESS_TTL_SECONDS).await;
                    // What Litmos just said also moves the records on.
                    let (_, open) = self.apply(tenant, &learner.id, Some(&c), &[]).await?;
                    self.progress.mark_checked(tenant, &learner.id, self.clock.now(), open).await?;
                    c
                }
                Err(e) => cached.stale.ok_or(Error::from(e))?,
            },
        };
        let records: HashMap<String, AssignmentRecord> = self.progress.learner_records(tenant, &learner.id).await?.into_iter().map(|r| (r.assignment.course_id.clone(), r)).collect();
        let now = self.clock.now();
        let mut out: Vec<CallerCourse> = courses
            .iter()
            .map(|c| {
                let rec = records.get(&c.id);
                let p = derive(rec.map(|r| &r.progress).unwrap_or(&Progress::default()), Some(c), None, now);
                CallerCourse {
                    course_id: c.id.clone(),
                    course_name: c.name.clone(),
                    status: p.status,
                    percentage_complete: p.percentage_complete,
                    assigned_at: rec.map(|r| r.assignment.assigned_at).or(c.assigned_at).map(rfc3339),
                    completed_at: p.completed_at.map(rfc3339),
                    score: rec.and_then(|r| r.progress.score),
                    incident: rec.map(|r| IncidentView { sys_id: r.assignment.incident_sys_id.clone(), number: r.assignment.incident_number.clone(), table: r.assignment.incident_table.clone() }),
                }
            })
            .collect();
        out.sort_by(|a, b| a.course_name.cmp(&b.course_name).then(a.course_id.cmp(&b.course_id)));
        Ok(CallerCourses { caller_sys_id: caller_sys_id.to_string(), learner_id: learner.id, courses: out })
    }

    /// `achievement.earned` for a learner and course: a hint to read Litmos.
    pub async fn achievement_hint(
        &self,
        tenant: &str,
        acct: impl std::future::Future<Output = Result<LitmosAccount, Error>>,
        user_id: &str,
        course_id: &str,
        achievement_id: &str,
    ) -> Result<WebhookOutcome, Error> {
        if self.progress.achievement_seen(tenant, achievement_id).await? {
            return Ok(WebhookOutcome::Ignored);
        }
        if self.learners.learner_caller(tenant, user_id).await?.is_none() {
            return Ok(WebhookOutcome::Ignored);
        }
        let records = self.progress.learner_records(tenant, user_id).await?;
        if !records.iter().any(|r| r.assignment.course_id == course_id) {
            return Ok(WebhookOutcome::Ignored);
        }
        let acct = acct.await?;
        let read = tokio::time::timeout(WEBHOOK_READ_BUDGET, async { tokio::try_join!(self.litmos.user_courses(&acct, user_id), self.litmos.achievements(&acct, Some(user_id), None, 2)) }).await;
        let (courses, achievements) = match read {
            Ok(Ok(both)) => both,
            failed => {
                let why = failed.map_or_else(|_| "over its 5 s budget".to_string(), |r| r.err().map(|e| e.to_string()).unwrap_or_default());
                tracing::warn!(why, "litmos not read for a webhook; the learner goes first in the next sync");
                self.progress.mark_checked(tenant, user_id, 0, true).await?;
                return Ok(WebhookOutcome::Deferred);
            }
        };
        let (changed, open) = self.apply_to(tenant, user_id, records, Some(&courses), &achievements).await?;
        self.progress.mark_checked(tenant, user_id, self.clock.now(), open).await?;
        // A confirmed id is remembered for 90 days; an unconfirmed one for 10 minutes, so
        // the same hint sent again and again (Litmos retries, or anyone with the URL)
        // costs Litmos calls once; the sync finds what Litmos shows later.
        let confirmed = achievements.iter().any(|a| a.achievement_id == achievement_id);
        let memory = if confirmed { ACHIEVEMENT_MEMORY_SECONDS } else { UNCONFIRMED_ACHIEVEMENT_MEMORY_SECONDS };
        self.progress.remember_achievement(tenant, achievement_id, self.clock.now() + memory).await?;
        tracing::info!(tenant, learner = user_id, changed, "webhook applied");
        Ok(WebhookOutcome::Done)
    }

    /// One progress sync of a tenant, within `budget` Litmos calls: achievements since
    /// the last sync, then the learners with open assignments, least recently checked
    /// first. What was read before a Litmos failure is kept; the failure is returned.
    pub async fn sync(&self, tenant: &str, acct: &LitmosAccount, budget: usize) -> Result<SyncOutcome, (SyncOutcome, Error)> {
        let mut out = SyncOutcome::default();
        let started = self.clock.now();
        let since = match self.progress.sync_watermark(tenant).await {
            Ok(w) => w.map(|w| w - WATERMARK_OVERLAP_SECONDS),
            Err(e) => return Err((out, e.into())),
        };
        // Achievements first: one call covers every learner who completed something.
        let pages = (budget / 5).max(1);
        let achievements = match self.litmos.achievements(acct, None, since, pages).await {
            Ok(a) => a,
            Err(e) => return Err((SyncOutcome { litmos_calls: 1, ..out }, e.into())),
        };
        out.litmos_calls += achievements.len() / 1000 + 1;
        let mut by_user: BTreeMap<&str, Vec<Achievement>> = BTreeMap::new();
        for a in &achievements {
            by_user.entry(a.user_id.as_str()).or_default().push(a.clone());
        }
        let mut done: HashSet<String> = HashSet::new();
        for (user, achieved) in &by_user {
            match self.learners.learner_caller(tenant, user).await {
                Ok(Some(_)) => {}
                Ok(None) => continue,
                Err(e) => return Err((out, e.into())),
            }
            match self.apply(tenant, user, None, achieved).await {
                Ok((changed, _)) => out.assignments_updated += changed,
                Err(e) => return Err((out, e)),
            }
        }
        let cut = achievements.len() >= pages * 1000;
        let mark = if cut { achievements.iter().filter_map(|a| a.achieved_at).max().unwrap_or(started) } else { started };
        if let Err(e) = self.progress.set_sync_watermark(tenant, mark).await {
            return Err((out, e.into()));
        }
        let mut open = match self.progress.open_learners(tenant).await {
            Ok(o) => o,
            Err(e) => return Err((out, e.into())),
        };
        open.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        for (learner, _) in open {
            if out.litmos_calls >= budget || !done.insert(learner.clone()) {
                continue;
            }
            // A caller being forgotten: nothing new is written about them.
            match self.learners.being_forgotten(tenant, &learner).await {
                Ok(false) => {}
                Ok(true) => continue,
                Err(e) => return Err((out, e.into())),
            }
            out.litmos_calls += 1;
            let courses = match self.litmos.user_courses(acct, &learner).await {
                Ok(c) => c,
                // The user is gone from Litmos: nothing more to learn about them.
                Err(crate::ports::LitmosError::NotFound) => {
                    tracing::info!(learner, "learner no longer in Litmos; the sync stops checking them");
                    if let Err(e) = self.progress.mark_checked(tenant, &learner, self.clock.now(), false).await {
                        return Err((out, e.into()));
                    }
                    continue;
                }
                Err(e) => return Err((out, e.into())),
            };
            let achieved = by_user.get(learner.as_str()).cloned().unwrap_or_default();
            match self.apply(tenant, &learner, Some(&courses), &achieved).await {
                Ok((changed, still_open)) => {
                    out.assignments_updated += changed;
                    out.learners_checked += 1;
                    if let Err(e) = self.progress.mark_checked(tenant, &learner, self.clock.now(), still_open).await {
                        return Err((out, e.into()));
                    }
                }
                Err(e) => return Err((out, e)),
            }
        }
        // Entries ServiceNow has read past expire 90 days later (best effort: the next
        // sync stamps what this one could not).
        match self.progress.expire_read_feed(tenant, self.clock.now() + FEED_READ_RETENTION_SECONDS, FEED_STAMPS_PER_SYNC).await {
            Ok(0) => {}
            Ok(stamped) => tracing::info!(tenant, stamped, "feed entries read past now expire"),
            Err(e) => tracing::warn!(error = %e, "could not give read feed entries their expiry; the next sync tries again"),
        }
        tracing::info!(tenant, learners = out.learners_checked, updated = out.assignments_updated, calls = out.litmos_calls, "progress synced");
        Ok(out)
    }

    /// An incident opened (or its category changed).
    pub async fn record_incident(&self, tenant: &str, input: &IncidentInput) -> Result<IncidentRecording, Error> {
        validate::sys_id("sys_id", &input.sys_id)?;
        validate::incident_number("number", &input.number)?;
        let table = validate::record_table("table", input.table.as_deref())?;
        validate::sys_id("caller_sys_id", &input.caller_sys_id)?;
        if let Some(c) = &input.caller {
            crate::learners::validate_caller_input(c)?;
            if c.sys_id != input.caller_sys_id {
                return Err(Error::invalid("caller.sys_id", "must equal caller_sys_id"));
            }
        }
        let opened_at = crate::time::parse_rfc3339(&input.opened_at).ok_or_else(|| Error::invalid("opened_at", "must be an RFC 3339 date-time, e.g. 2026-11-29T10:15:00Z"))?;
        if opened_at > self.clock.now() + MAX_CLOCK_AHEAD_SECONDS {
            return Err(Error::invalid("opened_at", "must not be more than 5 minutes in the future"));
        }
        let category = input.category.as_deref().map(|c| validate::text("category", c, 0, 80)).transpose()?.filter(|c| !c.is_empty());
        let incident = Incident { sys_id: input.sys_id.clone(), number: input.number.clone(), table, caller_sys_id: input.caller_sys_id.clone(), opened_at, category: category.clone() };
        let created = match self.incidents.put_incident(tenant, &incident).await? {
            IncidentWrite::Created => true,
            IncidentWrite::Known { category_changed } => {
                if category_changed {
                    for r in self.progress.incident_records(tenant, &incident.sys_id).await? {
                        self.progress.set_record_incident_facts(tenant, &r, Some(category.as_deref().unwrap_or("")), None).await?;
                    }
                }
                false
            }
            IncidentWrite::Mismatch => {
                return Err(Error::Conflict(format!("Record {} is known with another caller, number or table.", incident.sys_id)));
            }
        };
        if created {
            // A trained caller coming back: the assignments made before this incident
            // (from other incidents) learn when.
            if let Some(learner) = self.learners.get_learner(tenant, &incident.caller_sys_id).await? {
                for r in self.progress.learner_records(tenant, &learner.id).await? {
                    if r.assignment.assigned_at < opened_at && r.assignment.incident_sys_id != incident.sys_id && r.next_incident_at.is_none_or(|t| t > opened_at) {
                        self.progress.set_record_incident_facts(tenant, &r, None, Some(opened_at)).await?;
                    }
                }
            }
        }
        let view = IncidentRecorded {
            sys_id: incident.sys_id.clone(),
            number: incident.number.clone(),
            table: incident.table.clone(),
            caller_sys_id: incident.caller_sys_id.clone(),
            opened_at: rfc3339(opened_at),
            category,
        };
        Ok(IncidentRecording { created, view, record: incident })
    }
}

/// One feed entry as ServiceNow reads it.
#[derive(Debug, Serialize)]
pub struct FeedView {
    pub id: String,
    pub incident: IncidentView,
    pub caller_sys_id: String,
    pub learner_id: String,
    pub course: FeedCourse,
    pub status: TrainingStatus,
    pub percentage_complete: f64,
    pub score: Option<f64>,
    pub completed_at: Option<String>,
    pub changed_at: String,
    /// Null on the entries of a rule's batch after its first (which names them all).
    pub note: Option<String>,
    /// On an assignment's entry (`not_started`), when the tenant has start links on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_url: Option<String>,
    /// Who made the assignment, as the training list says it (null on old entries).
    pub assigned_by: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FeedCourse {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct FeedPage {
    pub updates: Vec<FeedView>,
    pub next_cursor: String,
}

impl From<FeedEntry> for FeedView {
    fn from(e: FeedEntry) -> Self {
        FeedView {
            id: format!("{}", e.seq),
            note: match e.note {
                None => Some(note(&e.course_name, &e.progress)),
                Some(own) if own.is_empty() => None,
                Some(own) => Some(own),
            },
            incident: IncidentView { sys_id: e.incident_sys_id, number: e.incident_number, table: e.incident_table },
            caller_sys_id: e.caller_sys_id,
            learner_id: e.learner_id,
            course: FeedCourse { id: e.course_id, name: e.course_name },
            status: e.progress.status,
            percentage_complete: e.progress.percentage_complete,
            score: e.progress.score,
            completed_at: e.progress.completed_at.map(rfc3339),
            changed_at: rfc3339_ms(e.changed_at_ms),
            start_url: None,
            assigned_by: e.assigned_by,
        }
    }
}

/// Feed cursors: the tenant and the last sequence read, signed with the deployment's
/// secret so a changed cursor or another tenant's is refused, never served.
pub mod cursor {
    use hmac::{Hmac, Mac};
    use sha2::Sha256;

    use crate::Error;

    fn mac(secret: &[u8], tenant: &str, seq: u64) -> Hmac<Sha256> {
        let mut m = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
        m.update(b"feed-cursor/v1\0");
        m.update(tenant.as_bytes());
        m.update(b"\0");
        m.update(&seq.to_be_bytes());
        m
    }

    pub fn sign(secret: &[u8], tenant: &str, seq: u64) -> String {
        format!("{seq}.{}", hex::encode(mac(secret, tenant, seq).finalize().into_bytes()))
    }

    pub fn verify(secret: &[u8], tenant: &str, cursor: &str) -> Result<u64, Error> {
        let bad = || Error::invalid("cursor", "is not a cursor this feed gave out");
        let (seq, sig) = cursor.split_once('.').ok_or_else(bad)?;
        if seq.is_empty() || seq.len() > 20 || !seq.bytes().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        let seq: u64 = seq.parse().map_err(|_| bad())?;
        let sig = hex::decode(sig).map_err(|_| bad())?;
        mac(secret, tenant, seq).verify_slice(&sig).map_err(|_| bad())?;
        Ok(seq)
    }
}

/// The feed after `cursor` (from the start without one), `limit` 1..=200.
pub async fn feed_page(store: &dyn ProgressStore, secret: &[u8], tenant: &str, cursor: Option<&str>, limit: Option<&str>) -> Result<FeedPage, Error> {
    let limit = match limit {
        None => 100,
        Some(l) => l.parse::<usize>().ok().filter(|n| (1..=200).contains(n)).ok_or_else(|| Error::invalid("limit", "must be a whole number from 1 to 200"))?,
    };
    let after = match cursor.filter(|c| !c.is_empty()) {
        None => 0,
        Some(c) => cursor::verify(secret, tenant, c)?,
    };
    // Asking for what follows `after` is reading past it: those entries may expire.
    let (entries, noted) = if after > 0 { tokio::join!(store.feed(tenant, after, limit), store.note_feed_read(tenant, after)) } else { (store.feed(tenant, after, limit).await, Ok(())) };
    if let Err(e) = noted {
        tracing::warn!(error = %e, "could not note how far the feed was read; its entries expire later");
    }
    let entries = entries?;
    let last = entries.last().map(|e| e.seq).unwrap_or(after);
    Ok(FeedPage { updates: entries.into_iter().map(FeedView::from).collect(), next_cursor: cursor::sign(secret, tenant, last) })
}

/// The effectiveness report over the tenant's records in the query's range: from the
/// rollups of the range's months, blocks and days when the store keeps them for the tenant,
/// else from the records themselves.
pub async fn effectiveness(records: &dyn ProgressStore, rollups: &dyn RollupStore, tenant: &str, q: &crate::report::ReportQuery) -> Result<crate::report::Report, Error> {
    if let Some(report) = from_rollups(rollups, tenant, q).await? {
        return Ok(report);
    }
    let (start, end) = q.range();
    let rows: Vec<crate::report::ReportRow> = records.records_between(tenant, start, end).await?.into_iter().map(report_row).collect();
    Ok(crate::report::build(q, &rows))
}

/// The report from rollups (`None` while the tenant's are not ready): the coarse ones of
/// the query's dimension and of the totals, then the fine ones its medians need.
pub async fn from_rollups(store: &dyn RollupStore, tenant: &str, q: &crate::report::ReportQuery) -> Result<Option<crate::report::Report>, Error> {
    use crate::rollup;
    let Some(coarse) = store.rollups(tenant, &[q.group_by.as_str(), rollup::ALL], q.from, q.to, &rollup::read_cells(q.window_days)).await? else { return Ok(None) };
    let (pending, keys) = rollup::plan(q, &coarse);
    let fine = if keys.is_empty() { Vec::new() } else { store.fine_rollups(tenant, &keys).await? };
    Ok(Some(rollup::finish(pending, &fine)))
}

/// What the report keeps of an assignment record.
pub fn report_row(r: AssignmentRecord) -> crate::report::ReportRow {
    crate::report::ReportRow::from(&r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uc(complete: bool, pct: f64, completed_at: Option<Timestamp>) -> UserCourse {
        UserCourse { id: "c".into(), name: "n".into(), complete, percentage_complete: pct, assigned_at: None, completed_at }
    }

    fn ach(score: Option<f64>, at: Timestamp) -> Achievement {
        Achievement { achievement_id: "1".into(), user_id: "u".into(), course_id: "c".into(), achieved_at: Some(at), score, result: "Completed".into() }
    }

    #[test]
    fn statuses_as_spec_3_4_says() {
        let none = Progress::default();
        assert_eq!(derive(&none, None, None, 100).status, TrainingStatus::NotStarted);
        assert_eq!(derive(&none, Some(&uc(false, 0.0, None)), None, 100), Progress::default());
        let started = derive(&none, Some(&uc(false, 40.0, None)), None, 100);
        assert_eq!((started.status, started.started_at, started.percentage_complete), (TrainingStatus::InProgress, Some(100), 40.0));
        let later = derive(&started, Some(&uc(false, 60.0, None)), None, 200);
        assert_eq!(later.started_at, Some(100), "started_at is when it was first seen above 0 %");
        let done = derive(&later, Some(&uc(true, 100.0, Some(150))), Some(&ach(Some(87.5), 160)), 300);
        assert_eq!((done.status, done.completed_at, done.score, done.started_at), (TrainingStatus::Completed, Some(150), Some(87.5), Some(100)));
        // An achievement alone completes it, at its date; first seen completed starts then.
        let by_ach = derive(&none, Some(&uc(false, 0.0, None)), Some(&ach(None, 160)), 300);
        assert_eq!((by_ach.status, by_ach.completed_at, by_ach.started_at, by_ach.score), (TrainingStatus::Completed, Some(160), Some(160), None));
        // Never back.
        assert_eq!(derive(&done, Some(&uc(false, 0.0, None)), None, 400).status, TrainingStatus::Completed);
    }

    #[test]
    fn notes_word_for_word() {
        let p = |status, score| Progress { status, score, ..Progress::default() };
        assert_eq!(note("Password reset 1", &p(TrainingStatus::NotStarted, None)), "Litmos training assigned: Password reset 1");
        assert_eq!(note("Password reset 1", &p(TrainingStatus::InProgress, None)), "Litmos training started: Password reset 1");
        assert_eq!(note("Password reset 1", &p(TrainingStatus::Completed, Some(92.0))), "Litmos training completed: Password reset 1 (score 92)");
        assert_eq!(note("VPN", &p(TrainingStatus::Completed, Some(87.5))), "Litmos training completed: VPN (score 87.5)");
        assert_eq!(note("VPN", &p(TrainingStatus::Completed, None)), "Litmos training completed: VPN");
    }

    #[test]
    fn cursors_are_signed_per_tenant() {
        let c = cursor::sign(b"secret", "acme", 42);
        assert_eq!(cursor::verify(b"secret", "acme", &c).unwrap(), 42);
        assert!(cursor::verify(b"secret", "other", &c).is_err(), "another tenant's cursor");
        assert!(cursor::verify(b"other-secret", "acme", &c).is_err());
        let forged = c.replacen("42.", "43.", 1);
        assert!(cursor::verify(b"secret", "acme", &forged).is_err(), "a changed sequence");
        let mut flipped = c.clone().into_bytes();
        let last = flipped.len() - 1;
        flipped[last] = if flipped[last] == b'0' { b'1' } else { b'0' };
        assert!(cursor::verify(b"secret", "acme", &String::from_utf8(flipped).unwrap()).is_err(), "a changed signature");
        for junk in ["", ".", "42", "x.y", "-1.00", "99999999999999999999999.00"] {
            assert!(cursor::verify(b"secret", "acme", junk).is_err(), "{junk}");
        }
    }

    #[test]
    fn course_urls_follow_the_region() {
        assert_eq!(course_url("https://api.litmos.com/v1.svc", "Ruz1"), "https://app.litmos.com/course/Ruz1");
        assert_eq!(course_url("https://api.litmoseu.com/v1.svc", "Ruz1"), "https://app.litmoseu.com/course/Ruz1");
        assert_eq!(course_url("http://127.0.0.1:9100/v1.svc", "Ruz1"), "http://127.0.0.1:9100/course/Ruz1");
    }
}
