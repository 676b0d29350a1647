//! "A Learner profile is created for the Caller": link a ServiceNow caller to exactly one
//! Litmos user, reusing what exists, creating a `Learner` only when nothing matches, and
//! never creating two under concurrent calls.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::model::*;
use crate::ports::{Claim, LearnerStore, LinkWrite, Litmos, LitmosError};
use crate::time::{Clock, rfc3339};
use crate::validate;

/// How long a caller slot stays claimed by a request that died mid-way.
const CLAIM_LEASE_SECONDS: i64 = 30;
const WAIT_STEP: Duration = Duration::from_millis(100);
const WAIT_STEPS: u32 = 150;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearnerInput {
    pub caller: CallerInput,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CallerInput {
    pub sys_id: String,
    #[serde(default)]
    pub user_name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct LearnerView {
    pub id: String,
    pub caller_sys_id: String,
    pub user_name: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub linked_at: String,
}

impl From<&Learner> for LearnerView {
    fn from(l: &Learner) -> Self {
        LearnerView {
            id: l.id.clone(),
            caller_sys_id: l.caller_sys_id.clone(),
            user_name: l.user_name.clone(),
            email: l.email.clone(),
            first_name: l.first_name.clone(),
            last_name: l.last_name.clone(),
            linked_at: rfc3339(l.linked_at),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct LearnerOutcome {
    pub learner: LearnerView,
    pub created: bool,
}

struct Caller {
    sys_id: String,
    user_name: Option<String>,
    email: Option<String>,
    first_name: String,
    last_name: String,
}

/// Checks a caller's details without taking them (a record's optional `caller`).
pub fn validate_caller_input(c: &CallerInput) -> Result<(), Error> {
    validate_caller(c.clone()).map(|_| ())
}

fn validate_caller(c: CallerInput) -> Result<Caller, Error> {
    validate::sys_id("caller.sys_id", &c.sys_id)?;
    let email = c.email.filter(|e| !e.trim().is_empty()).map(|e| validate::email("caller.email", &e)).transpose()?;
    let user_name = c.user_name.filter(|u| !u.trim().is_empty()).map(|u| validate::text("caller.user_name", &u, 1, 128)).transpose()?;
    if email.is_none() && user_name.is_none() {
        return Err(Error::invalid("caller", "needs an email or a user_name to find or create the Litmos learner"));
    }
    let name = |field: &str, v: Option<String>| v.map(|v| validate::text(field, &v, 0, 100)).transpose().map(Option::unwrap_or_default);
    Ok(Caller { sys_id: c.sys_id, first_name: name("caller.first_name", c.first_name)?, last_name: name("caller.last_name", c.last_name)?, email, user_name })
}

/// A Litmos user is linked to at most one caller of a tenant: the second caller is
/// refused, naming both, so no caller's assignments show on another's incidents and
/// forgetting one never removes the other's data.
pub fn taken_message(user_name: &str, learner_id: &str, caller: &str, other: &str) -> String {
    format!(
        "Litmos user '{user_name}' (id {learner_id}) is already linked to caller {other}, so it cannot also be the learner of caller {caller}. \
         A Litmos user is linked to at most one caller: give caller {caller} an e-mail address and user name of their own in ServiceNow, or forget caller {other} first."
    )
}

pub struct Learners<'a> {
    pub store: &'a dyn LearnerStore,
    pub litmos: &'a dyn Litmos,
    pub clock: &'a dyn Clock,
}

impl Learners<'_> {
    pub async fn get(&self, tenant: &str, caller_sys_id: &str) -> Result<LearnerView, Error> {
        validate::sys_id("caller_sys_id", caller_sys_id)?;
        let learner = self.store.get_learner(tenant, caller_sys_id).await?;
        learner.map(|l| LearnerView::from(&l)).ok_or_else(|| Error::NotFound(format!("No learner is linked to caller {caller_sys_id}.")))
    }

    /// `send_welcome` is the tenant's choice: Litmos e-mails a new learner only then.
    pub async fn find_or_create(&self, tenant: &str, acct: &LitmosAccount, send_welcome: bool, input: LearnerInput) -> Result<LearnerOutcome, Error> {
        let caller = validate_caller(input.caller)?;
        let owner = format!("{:016x}", rand::random::<u64>());
        for _ in 0..WAIT_STEPS {
            let now = self.clock.now();
            match self.store.claim_caller(tenant, &caller.sys_id, &owner, now, now + CLAIM_LEASE_SECONDS).await? {
                Claim::Existing(l) => return Ok(LearnerOutcome { learner: LearnerView::from(&l), created: false }),
                Claim::Pending => tokio::time::sleep(WAIT_STEP).await,
                Claim::Closed => return Err(Error::Conflict(format!("Caller {} is being forgotten; link them again once that has finished.", caller.sys_id))),
                Claim::Won => {
                    return match self.resolve(tenant, acct, &caller, send_welcome).await {
                        Ok(outcome) => Ok(outcome),
                        Err(e) => {
                            if let Err(release) = self.store.release_caller(tenant, &caller.sys_id, &owner).await {
                                tracing::warn!(error = %release, "could not release the caller claim; it expires with its lease");
                            }
                            Err(e)
                        }
                    };
                }
            }
        }
        Err(Error::Busy("Another request is still creating this caller's learner; retry shortly.".into()))
    }

    /// Holding the caller's slot: an exact match in Litmos, else a new `Learner`.
    async fn resolve(&self, tenant: &str, acct: &LitmosAccount, caller: &Caller, send_welcome: bool) -> Result<LearnerOutcome, Error> {
        let wanted: Vec<&str> = [caller.email.as_deref(), caller.user_name.as_deref()].into_iter().flatten().collect();
        let mut found = self.find_exact(acct, &wanted).await?;
        let mut created = false;
        if found.is_none() {
            let user_name = caller.email.clone().or_else(|| caller.user_name.clone()).expect("validated");
            let new = NewUser {
                user_name: user_name.clone(),
                first_name: caller.first_name.clone(),
                last_name: caller.last_name.clone(),
                email: caller.email.clone().unwrap_or_default(),
                send_message: send_welcome,
            };
            match self.litmos.create_user(acct, &new).await {
                Ok(user) => {
                    found = Some(user);
                    created = true;
                }
                // Taken since we searched (or invisible to search): it exists, look it up.
                Err(LitmosError::Conflict(_)) => found = self.find_exact(acct, &[user_name.as_str()]).await?,
                Err(e) => return Err(e.into()),
            }
        }
        let user = found.ok_or_else(|| Error::Upstream("Litmos says this user exists but does not return it; retry shortly.".into()))?;
        let learner = Learner {
            id: user.id,
            caller_sys_id: caller.sys_id.clone(),
            user_name: user.user_name,
            email: user.email,
            first_name: user.first_name,
            last_name: user.last_name,
            linked_at: self.clock.now(),
        };
        if let LinkWrite::TakenBy(other) = self.store.save_learner(tenant, &learner).await? {
            tracing::info!(tenant, learner = %learner.id, "Litmos user already linked to another caller");
            return Err(Error::Conflict(taken_message(&learner.user_name, &learner.id, &caller.sys_id, &other)));
        }
        tracing::info!(tenant, learner = %learner.id, created, "caller linked to learner");
        Ok(LearnerOutcome { learner: LearnerView::from(&learner), created })
    }

    async fn find_exact(&self, acct: &LitmosAccount, wanted: &[&str]) -> Result<Option<LitmosUser>, Error> {
        for who in wanted {
            let hits = self.litmos.search_users(acct, who).await?;
            if let Some(u) = hits.into_iter().find(|u| u.is_exactly(who)) {
                return Ok(Some(u));
            }
        }
        Ok(None)
    }
}
