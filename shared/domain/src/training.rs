//! What became of the training assigned from one incident, read from Litmos
//! (`GET /users/{id}/courses`, cached a few minutes per learner).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::Error;
use crate::cache;
use crate::model::*;
use crate::ports::{AssignmentStore, CacheStore, Litmos};
use crate::time::{Clock, rfc3339};
use crate::validate;

pub const PROGRESS_TTL_SECONDS: i64 = 120;

#[derive(Debug, Serialize)]
pub struct IncidentTraining {
    pub incident: IncidentView,
    pub assignments: Vec<TrainingItem>,
}

#[derive(Debug, Serialize)]
pub struct IncidentView {
    pub sys_id: String,
    pub number: String,
}

#[derive(Debug, Serialize)]
pub struct TrainingItem {
    pub learner_id: String,
    pub course_id: String,
    pub course_name: String,
    pub assigned_at: String,
    pub assigned_by: String,
    pub status: &'static str,
    pub percentage_complete: f64,
    pub completed_at: Option<String>,
    pub score: Option<f64>,
    pub course_url: String,
}

pub fn status(c: Option<&UserCourse>) -> &'static str {
    match c {
        Some(c) if c.complete => "completed",
        Some(c) if c.percentage_complete > 0.0 => "in_progress",
        _ => "not_started",
    }
}

/// Where a learner opens the course: the Litmos site of the tenant's API region.
pub fn course_url(base_url: &str, course_id: &str) -> String {
    let origin = base_url.split("/v1.svc").next().unwrap_or(base_url).trim_end_matches('/');
    let site = origin.replacen("://api.", "://app.", 1);
    format!("{site}/course/{course_id}")
}

pub struct Training<'a> {
    pub store: &'a dyn AssignmentStore,
    pub cache: &'a dyn CacheStore,
    pub litmos: &'a dyn Litmos,
    pub clock: &'a dyn Clock,
}

impl Training<'_> {
    async fn progress(&self, tenant: &str, acct: &LitmosAccount, learner: &str) -> Result<Vec<UserCourse>, Error> {
        let name = format!("progress#{learner}");
        if let Some(fresh) = cache::read(self.cache, self.clock, tenant, &name, PROGRESS_TTL_SECONDS).await?.fresh {
            return Ok(fresh);
        }
        let courses = self.litmos.user_courses(acct, learner).await?;
        cache::write(self.cache, self.clock, tenant, &name, &courses, PROGRESS_TTL_SECONDS).await;
        Ok(courses)
    }

    pub async fn for_incident(&self, tenant: &str, acct: &LitmosAccount, incident_sys_id: &str) -> Result<IncidentTraining, Error> {
        validate::sys_id("incident_sys_id", incident_sys_id)?;
        let mut rows = self.store.incident_assignments(tenant, incident_sys_id).await?;
        let Some(first) = rows.first() else {
            return Err(Error::NotFound(format!("No training was assigned from incident {incident_sys_id}.")));
        };
        let incident = IncidentView { sys_id: incident_sys_id.to_string(), number: first.incident_number.clone() };
        rows.sort_by(|a, b| (a.assigned_at, &a.learner_id, &a.course_name).cmp(&(b.assigned_at, &b.learner_id, &b.course_name)));
        let mut by_learner: BTreeMap<String, HashMap<String, UserCourse>> = BTreeMap::new();
        for learner in rows.iter().map(|r| r.learner_id.clone()) {
            if let std::collections::btree_map::Entry::Vacant(slot) = by_learner.entry(learner) {
                let courses = self.progress(tenant, acct, slot.key()).await?;
                slot.insert(courses.into_iter().map(|c| (c.id.clone(), c)).collect());
            }
        }
        let assignments = rows
            .into_iter()
            .map(|r| {
                let held = by_learner.get(&r.learner_id).and_then(|m| m.get(&r.course_id));
                TrainingItem {
                    status: status(held),
                    percentage_complete: held.map(|c| c.percentage_complete).unwrap_or(0.0),
                    completed_at: held.and_then(|c| c.completed_at).map(rfc3339),
                    score: None,
                    course_url: course_url(&acct.base_url, &r.course_id),
                    learner_id: r.learner_id,
                    course_id: r.course_id,
                    course_name: r.course_name,
                    assigned_at: rfc3339(r.assigned_at),
                    assigned_by: r.assigned_by,
                }
            })
            .collect();
        Ok(IncidentTraining { incident, assignments })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uc(complete: bool, pct: f64) -> UserCourse {
        UserCourse { id: "c".into(), name: "n".into(), complete, percentage_complete: pct, assigned_at: None, completed_at: None }
    }

    #[test]
    fn statuses() {
        assert_eq!(status(None), "not_started");
        assert_eq!(status(Some(&uc(false, 0.0))), "not_started");
        assert_eq!(status(Some(&uc(false, 40.0))), "in_progress");
        assert_eq!(status(Some(&uc(true, 100.0))), "completed");
    }

    #[test]
    fn course_urls_follow_the_region() {
        assert_eq!(course_url("https://api.litmos.com/v1.svc", "Ruz1"), "https://app.litmos.com/course/Ruz1");
        assert_eq!(course_url("https://api.litmoseu.com/v1.svc", "Ruz1"), "https://app.litmoseu.com/course/Ruz1");
        assert_eq!(course_url("http://127.0.0.1:9100/v1.svc", "Ruz1"), "http://127.0.0.1:9100/course/Ruz1");
    }
}
