//! The capabilities use cases need, one small trait each. DynamoDB, Secrets Manager and
//! the Litmos HTTP client implement them in `litmos-adapters`.

use async_trait::async_trait;

use crate::keys::KeyHash;
use crate::model::*;
use crate::time::Timestamp;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// A transaction kept conflicting after bounded retries.
    #[error("contended: {0}")]
    Contended(&'static str),
    #[error("corrupt item: {0}")]
    Corrupt(String),
}

#[derive(Debug, thiserror::Error)]
pub enum LitmosError {
    #[error("Litmos refused the API key")]
    Unauthorized,
    #[error("not found")]
    NotFound,
    /// Litmos' detail text is kept for callers but never displayed: it can name the
    /// user it is about.
    #[error("conflict (409)")]
    Conflict(String),
    #[error("rate limited (503) after retries")]
    RateLimited,
    /// What went wrong on the wire, as a fixed kind ("timeout", "connect", ...): never
    /// a URL, which could carry a caller's e-mail address in its query.
    #[error("unreachable: {0}")]
    Unreachable(&'static str),
    #[error("unexpected HTTP status {0}")]
    Status(u16),
    /// Litmos answered with a redirect, which is never followed (the `apikey` header
    /// must not reach another host).
    #[error("redirect (HTTP {0}) not followed")]
    Redirect(u16),
    #[error("response body over {0} bytes")]
    TooLarge(usize),
    /// Where the error is in the body, never what the body says.
    #[error("undecodable body: {0}")]
    Decode(String),
    /// The tenant's base URL is not on the allow-list (SPEC 3.5); nothing was sent.
    #[error("base URL not allowed")]
    NotAllowed,
}

/// Outcome of trying to take a unique slot (a caller link, a learner/course pair).
#[derive(Debug, PartialEq)]
pub enum Claim<T> {
    /// This request holds the slot and must finish or release it.
    Won,
    /// The slot is already filled.
    Existing(T),
    /// Another request holds it and has not finished yet.
    Pending,
}

#[async_trait]
pub trait TenantStore: Send + Sync {
    async fn get_tenant(&self, id: &str) -> Result<Option<Tenant>, StoreError>;
    /// Creates the tenant or updates its profile (never its ServiceNow state).
    /// Returns true when it was created.
    async fn put_tenant_profile(&self, id: &str, name: &str, litmos: &LitmosSettings, now: Timestamp) -> Result<bool, StoreError>;
    /// Removes the tenant's keys first (so they stop working at once), then all its data.
    async fn delete_tenant(&self, tenant: &Tenant) -> Result<(), StoreError>;
    async fn record_activation(&self, id: &str, instance_url: &str, now: Timestamp) -> Result<(), StoreError>;
    async fn touch_last_used(&self, id: &str, now: Timestamp) -> Result<(), StoreError>;
}

#[async_trait]
pub trait KeyStore: Send + Sync {
    async fn get_key(&self, hash: &KeyHash) -> Result<Option<KeyRecord>, StoreError>;
    /// Stores the first key and marks the tenant enabled, atomically. False when the
    /// tenant was already enabled (or is gone).
    async fn enable(&self, tenant_id: &str, key: &KeyHash, now: Timestamp) -> Result<bool, StoreError>;
    /// Makes `new` current and gives `old` an expiry, atomically, only while `old` is
    /// still current. A zero grace removes `old` outright.
    /// `live_keys` is the tenant's new list of keys that may still work.
    async fn rotate(&self, tenant_id: &str, old: &KeyHash, new: &KeyHash, old_expires_at: Timestamp, now: Timestamp, live_keys: &[KeyHash]) -> Result<bool, StoreError>;
    /// Removes every key of the tenant and marks it disabled.
    async fn disable(&self, tenant: &Tenant, now: Timestamp) -> Result<(), StoreError>;
}

#[async_trait]
pub trait SecretStore: Send + Sync {
    async fn put_secret(&self, name: &str, value: &str) -> Result<(), StoreError>;
    async fn get_secret(&self, name: &str) -> Result<Option<String>, StoreError>;
    async fn delete_secret(&self, name: &str) -> Result<(), StoreError>;
}

#[async_trait]
pub trait LearnerStore: Send + Sync {
    async fn get_learner(&self, tenant: &str, caller_sys_id: &str) -> Result<Option<Learner>, StoreError>;
    async fn claim_caller(&self, tenant: &str, caller_sys_id: &str, now: Timestamp, lease_until: Timestamp) -> Result<Claim<Learner>, StoreError>;
    /// Fills the claimed caller slot and the learner-id reverse link.
    async fn save_learner(&self, tenant: &str, learner: &Learner) -> Result<(), StoreError>;
    async fn release_caller(&self, tenant: &str, caller_sys_id: &str) -> Result<(), StoreError>;
    /// Which caller of this tenant a Litmos user id is linked to, if any.
    async fn learner_caller(&self, tenant: &str, learner_id: &str) -> Result<Option<String>, StoreError>;
}

#[derive(Clone, Debug)]
pub struct CachedBlob {
    pub bytes: Vec<u8>,
    pub fetched_at: Timestamp,
}

#[async_trait]
pub trait CacheStore: Send + Sync {
    async fn get_blob(&self, tenant: &str, name: &str) -> Result<Option<CachedBlob>, StoreError>;
    async fn put_blob(&self, tenant: &str, name: &str, bytes: &[u8], now: Timestamp, ttl: i64) -> Result<(), StoreError>;
}

#[async_trait]
pub trait AssignmentStore: Send + Sync {
    /// Takes the learner/course slot for `owner`. `Existing` when it is recorded as assigned.
    async fn claim_assignment(&self, tenant: &str, learner_id: &str, course_id: &str, owner: &str, now: Timestamp, lease_until: Timestamp) -> Result<Claim<()>, StoreError>;
    /// Turns claimed slots into assignments and links each to its incident.
    async fn confirm_assignments(&self, tenant: &str, owner: &str, assignments: &[Assignment]) -> Result<(), StoreError>;
    async fn release_assignments(&self, tenant: &str, learner_id: &str, course_ids: &[String], owner: &str) -> Result<(), StoreError>;
    async fn incident_assignments(&self, tenant: &str, incident_sys_id: &str) -> Result<Vec<Assignment>, StoreError>;
}

#[derive(Debug, PartialEq)]
pub enum IdempotencyStart {
    Started,
    Replay { status: u16, body: String },
    Mismatch,
    InFlight,
}

#[async_trait]
pub trait IdempotencyStore: Send + Sync {
    async fn begin(&self, tenant: &str, key: &str, request_hash: &str, now: Timestamp, in_flight_until: Timestamp, expires_at: Timestamp) -> Result<IdempotencyStart, StoreError>;
    async fn complete(&self, tenant: &str, key: &str, status: u16, body: &str, expires_at: Timestamp) -> Result<(), StoreError>;
    async fn abandon(&self, tenant: &str, key: &str) -> Result<(), StoreError>;
}

#[async_trait]
pub trait Litmos: Send + Sync {
    /// One cheap authenticated call, to check a tenant's key.
    async fn check_key(&self, acct: &LitmosAccount) -> Result<(), LitmosError>;
    async fn search_users(&self, acct: &LitmosAccount, text: &str) -> Result<Vec<LitmosUser>, LitmosError>;
    async fn create_user(&self, acct: &LitmosAccount, user: &NewUser) -> Result<LitmosUser, LitmosError>;
    /// Every course of the account, all pages.
    async fn list_courses(&self, acct: &LitmosAccount) -> Result<Vec<Course>, LitmosError>;
    async fn user_courses(&self, acct: &LitmosAccount, user_id: &str) -> Result<Vec<UserCourse>, LitmosError>;
    async fn assign_courses(&self, acct: &LitmosAccount, user_id: &str, course_ids: &[String], send_message: bool) -> Result<(), LitmosError>;
    async fn user_teams(&self, acct: &LitmosAccount, user_id: &str) -> Result<Vec<Team>, LitmosError>;
    async fn team_leaders(&self, acct: &LitmosAccount, team_id: &str) -> Result<Vec<LitmosUser>, LitmosError>;
    async fn team_courses(&self, acct: &LitmosAccount, team_id: &str) -> Result<Vec<Course>, LitmosError>;
    /// Achievements (completions with score), of one user or of the whole account
    /// since a time; at most `max_pages` pages.
    async fn achievements(&self, acct: &LitmosAccount, user_id: Option<&str>, since: Option<Timestamp>, max_pages: usize) -> Result<Vec<Achievement>, LitmosError>;
}

/// Where each secret lives, under the deployment's `SECRET_PREFIX`.
#[derive(Clone, Debug)]
pub struct SecretNames {
    pub prefix: String,
}

impl SecretNames {
    pub fn litmos_key(&self, tenant: &str) -> String {
        format!("{}/tenants/{tenant}/litmos-api-key", self.prefix)
    }

    /// One secret per ServiceNow key, named by the key's non-secret id, so concurrent
    /// enables or rotations never overwrite each other's plaintext.
    pub fn servicenow_key(&self, tenant: &str, key: &KeyHash) -> String {
        format!("{}/tenants/{tenant}/servicenow/{}", self.prefix, key.key_id())
    }
}
