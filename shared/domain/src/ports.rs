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
    /// This minute's shared Litmos budget is spent; nothing was sent. Seconds to wait.
    #[error("Litmos rate budget spent for this minute")]
    BudgetSpent(u64),
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
    /// Nobody may take it until what holds it is over (a caller being forgotten).
    Closed,
}

#[async_trait]
pub trait TenantStore: Send + Sync {
    async fn get_tenant(&self, id: &str) -> Result<Option<Tenant>, StoreError>;
    /// Creates the tenant or updates its profile (never its ServiceNow state).
    /// Returns true when it was created.
    /// `min_sample` is the recommendations' minimum sample (`Tenant::recommend_min_sample`).
    async fn put_tenant_profile(&self, id: &str, name: &str, litmos: &LitmosSettings, min_sample: u32, now: Timestamp) -> Result<bool, StoreError>;
    /// Removes the tenant's keys first (so they stop working at once), then all its data.
    async fn delete_tenant(&self, tenant: &Tenant) -> Result<(), StoreError>;
    async fn record_activation(&self, id: &str, instance_url: &str, now: Timestamp) -> Result<(), StoreError>;
    async fn touch_last_used(&self, id: &str, now: Timestamp) -> Result<(), StoreError>;
    /// How the tenant's last sync ended (nothing when the tenant is gone).
    async fn record_sync(&self, id: &str, record: &SyncRecord) -> Result<(), StoreError>;
    /// Up to `limit` tenants in id order, those after `after` only, and the id to
    /// continue after when more follow. With `search` (lowercase), only tenants whose id
    /// starts with it or whose name contains it.
    async fn list_tenants(&self, after: Option<&str>, limit: usize, search: Option<&str>) -> Result<(Vec<Tenant>, Option<String>), StoreError>;
}

#[async_trait]
pub trait KeyStore: Send + Sync {
    async fn get_key(&self, hash: &KeyHash) -> Result<Option<KeyRecord>, StoreError>;
    /// Stores the first key and marks the tenant enabled, atomically. False when the
    /// tenant was already enabled (or is gone).
    /// `webhook` is the hash of the webhook token that goes with the key.
    async fn enable(&self, tenant_id: &str, key: &KeyHash, webhook: &KeyHash, now: Timestamp) -> Result<bool, StoreError>;
    /// Makes `new` current and gives `old` an expiry, atomically, only while `old` is
    /// still current. A zero grace removes `old` outright.
    /// `live_keys` is the tenant's new list of keys that may still work.
    /// The webhook token rotates with it: `new_webhook` is current, and
    /// `previous_webhooks` (each with the end of its own grace) is the new list of
    /// rotated-out tokens that still work.
    #[allow(clippy::too_many_arguments)]
    async fn rotate(
        &self,
        tenant_id: &str,
        old: &KeyHash,
        new: &KeyHash,
        new_webhook: &KeyHash,
        old_expires_at: Timestamp,
        now: Timestamp,
        live_keys: &[KeyHash],
        previous_webhooks: &[(KeyHash, Timestamp)],
    ) -> Result<bool, StoreError>;
    /// Removes every key of the tenant but the current one, and every rotated-out
    /// webhook token, while `current` is still the current key (else false: read the
    /// tenant again). Returns nothing else; the removed keys are `tenant`'s others.
    async fn revoke_previous(&self, tenant: &Tenant, current: &KeyHash) -> Result<bool, StoreError>;
    /// Removes every key of the tenant and marks it disabled. Returns every key it
    /// removed, from the state it last read (a racing rotation's new key included), so
    /// their secrets can go too.
    async fn disable(&self, tenant: &Tenant, now: Timestamp) -> Result<Vec<KeyHash>, StoreError>;
}

#[async_trait]
pub trait SecretStore: Send + Sync {
    async fn put_secret(&self, name: &str, value: &str) -> Result<(), StoreError>;
    async fn get_secret(&self, name: &str) -> Result<Option<String>, StoreError>;
    async fn delete_secret(&self, name: &str) -> Result<(), StoreError>;
}

/// How linking a caller to a Litmos user ended.
#[derive(Debug, PartialEq)]
pub enum LinkWrite {
    Linked,
    /// The Litmos user is linked to this other caller already: nothing was written.
    TakenBy(String),
}

#[async_trait]
pub trait LearnerStore: Send + Sync {
    async fn get_learner(&self, tenant: &str, caller_sys_id: &str) -> Result<Option<Learner>, StoreError>;
    async fn claim_caller(&self, tenant: &str, caller_sys_id: &str, owner: &str, now: Timestamp, lease_until: Timestamp) -> Result<Claim<Learner>, StoreError>;
    /// Fills the claimed caller slot and the learner-id reverse link, both or neither:
    /// a Litmos user is linked to at most one caller of a tenant, so when another caller
    /// holds the reverse link nothing is written and that caller is named.
    async fn save_learner(&self, tenant: &str, learner: &Learner) -> Result<LinkWrite, StoreError>;
    /// Frees the slot only while `owner` still holds it: a request whose lease ended
    /// cannot free the claim of the one that took over.
    async fn release_caller(&self, tenant: &str, caller_sys_id: &str, owner: &str) -> Result<(), StoreError>;
    /// Which caller of this tenant a Litmos user id is linked to, if any.
    async fn learner_caller(&self, tenant: &str, learner_id: &str) -> Result<Option<String>, StoreError>;
    /// Removes everything that names the caller: the links both ways, assignments and
    /// their records, incident links, incidents, feed entries, progress caches. What is
    /// keyed by the Litmos user goes only while its reverse link names this caller (a
    /// link made before links were unique may name another, whose data stays whole).
    /// The caller link goes last, so a failure half-way can be run again. False when
    /// there was nothing.
    async fn forget_caller(&self, tenant: &str, caller_sys_id: &str) -> Result<bool, StoreError>;
    /// Closes the caller's links at once, before the rest of forgetting them goes on
    /// (perhaps as a job): their learner is no longer found for them (`get_learner`),
    /// nor their Litmos user taken as theirs (`learner_caller`), and neither the caller
    /// nor that user can be linked again until `forget_caller` is done. False when no
    /// learner is linked to the caller.
    async fn cut_caller(&self, tenant: &str, caller_sys_id: &str) -> Result<bool, StoreError>;
    /// Whether the Litmos user's caller is being forgotten (cut, data still going).
    async fn being_forgotten(&self, tenant: &str, learner_id: &str) -> Result<bool, StoreError>;
}

#[derive(Clone, Debug)]
pub struct CachedBlob {
    pub bytes: Vec<u8>,
    pub fetched_at: Timestamp,
    /// Changes with every write of the blob.
    pub generation: String,
}

/// A cached blob read against a copy the reader already holds.
#[derive(Debug)]
pub enum BlobRead {
    Absent,
    /// Still the generation the reader holds: nothing more was read.
    Unchanged {
        fetched_at: Timestamp,
    },
    Changed(CachedBlob),
}

#[async_trait]
pub trait CacheStore: Send + Sync {
    async fn get_blob(&self, tenant: &str, name: &str) -> Result<Option<CachedBlob>, StoreError>;
    async fn put_blob(&self, tenant: &str, name: &str, bytes: &[u8], now: Timestamp, ttl: i64) -> Result<(), StoreError>;
    /// The right to refresh `name` from Litmos until `until`, for `owner`: one refresh at
    /// a time across containers. False when another holds it.
    async fn lease_refresh(&self, tenant: &str, name: &str, owner: &str, now: Timestamp, until: Timestamp) -> Result<bool, StoreError>;
    /// Gives the right back (only while `owner` holds it).
    async fn end_refresh(&self, tenant: &str, name: &str, owner: &str) -> Result<(), StoreError>;
    /// Like `get_blob`, but when the blob is still generation `known` only its small
    /// head is read. Stores without a cheaper path read the whole blob.
    async fn get_blob_unless(&self, tenant: &str, name: &str, known: &str) -> Result<BlobRead, StoreError> {
        Ok(match self.get_blob(tenant, name).await? {
            None => BlobRead::Absent,
            Some(b) if b.generation == known => BlobRead::Unchanged { fetched_at: b.fetched_at },
            Some(b) => BlobRead::Changed(b),
        })
    }
}

#[async_trait]
pub trait AssignmentStore: Send + Sync {
    /// The owner of each of these courses' slots that is recorded as assigned (course
    /// id -> the owner that confirmed it), read before Litmos is.
    async fn assigned_owners(&self, tenant: &str, learner_id: &str, course_ids: &[String]) -> Result<std::collections::HashMap<String, String>, StoreError>;
    /// Takes the learner/course slot for `owner`. `Existing` when it is recorded as
    /// assigned, unless `reclaim_owner` names the owner of that very record: it was
    /// there before this request read Litmos, and Litmos no longer holds the course
    /// (removed there), so the slot is taken for a new assignment. A record confirmed by
    /// anyone after that read has another owner and stands, whatever the clocks say.
    #[allow(clippy::too_many_arguments)]
    async fn claim_assignment(
        &self,
        tenant: &str,
        learner_id: &str,
        course_id: &str,
        owner: &str,
        now: Timestamp,
        lease_until: Timestamp,
        reclaim_owner: Option<&str>,
    ) -> Result<Claim<()>, StoreError>;
    /// Where the tenant's feed stands, read ahead of `confirm_assignments` so the read is
    /// not a round trip of its own in sequence.
    async fn feed_position(&self, tenant: &str) -> Result<FeedPosition, StoreError>;
    /// Turns claimed slots into assignments, links each to its incident, keeps its
    /// record and appends its `not_started` feed entry, all or nothing. `known` is a
    /// `feed_position` read earlier: tried first, read again only when it moved.
    /// `note`, when set, is the feed note of the batch: it goes on the first entry and
    /// the others carry none (a rule's assignment is one work note, not one per course).
    #[allow(clippy::too_many_arguments)]
    async fn confirm_assignments(&self, tenant: &str, owner: &str, records: &[AssignmentRecord], now_ms: i64, known: Option<FeedPosition>, note: Option<&str>) -> Result<(), StoreError>;
    async fn release_assignments(&self, tenant: &str, learner_id: &str, course_ids: &[String], owner: &str) -> Result<(), StoreError>;
}

/// "Start course" links (issue 20.1): stored by the hash of their token only.
#[async_trait]
pub trait StartLinkStore: Send + Sync {
    async fn put_start_links(&self, links: &[crate::start_links::StartLink]) -> Result<(), StoreError>;
    async fn get_start_link(&self, hash: &KeyHash) -> Result<Option<crate::start_links::StartLink>, StoreError>;
}

/// The tenant's automatic-training rules and their firings (issue 20.2). A firing is
/// the slot (`record`, `rule`): claimed, then done, or released (to run again later).
#[async_trait]
pub trait RuleStore: Send + Sync {
    /// Creates or replaces a rule; true when it was created.
    async fn put_rule(&self, tenant: &str, rule: &crate::rules::Rule) -> Result<bool, StoreError>;
    /// Every rule of the tenant, in id order.
    async fn rules(&self, tenant: &str) -> Result<Vec<crate::rules::Rule>, StoreError>;
    /// False when there was no such rule.
    async fn delete_rule(&self, tenant: &str, id: &str) -> Result<bool, StoreError>;
    /// `Existing` when the rule already fired for the record.
    #[allow(clippy::too_many_arguments)]
    async fn claim_firing(&self, tenant: &str, record: &str, rule: &str, caller_sys_id: &str, owner: &str, now: Timestamp, lease_until: Timestamp) -> Result<Claim<()>, StoreError>;
    /// The firing is done: it never runs again for this record (and its deferred copy goes).
    async fn finish_firing(&self, tenant: &str, record: &str, rule: &str, owner: &str) -> Result<(), StoreError>;
    /// Frees the slot (while `owner` holds it) without keeping anything aside.
    async fn release_firing(&self, tenant: &str, record: &str, rule: &str, owner: &str) -> Result<(), StoreError>;
    /// Keeps the firing aside for a later sync (replacing an earlier copy), slot untouched.
    async fn keep_aside(&self, tenant: &str, firing: &crate::rules::DeferredFiring) -> Result<(), StoreError>;
    /// Keeps the firing aside for a later sync, then frees the slot.
    async fn defer_firing(&self, tenant: &str, owner: &str, firing: &crate::rules::DeferredFiring) -> Result<(), StoreError>;
    /// Up to `limit` deferred firings, in record order.
    async fn deferred_firings(&self, tenant: &str, limit: usize) -> Result<Vec<crate::rules::DeferredFiring>, StoreError>;
    /// Forgets a deferred firing (its rule is gone or inactive).
    async fn drop_deferred(&self, tenant: &str, record: &str, rule: &str) -> Result<(), StoreError>;
}

/// The tenant's feed counter: the last sequence given out and the time of its entry
/// (absent: nothing appended yet).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FeedPosition {
    pub seq: Option<u64>,
    pub last_ms: i64,
}

/// How recording an incident ended.
#[derive(Debug, PartialEq)]
pub enum IncidentWrite {
    Created,
    /// Known already with the same caller and number; the category was updated when it differed.
    Known {
        category_changed: bool,
    },
    /// Known with another caller or number: nothing was changed.
    Mismatch,
}

#[async_trait]
pub trait IncidentStore: Send + Sync {
    async fn get_incident(&self, tenant: &str, sys_id: &str) -> Result<Option<Incident>, StoreError>;
    /// Creates the incident, or updates the category of a known one with the same caller
    /// and number.
    async fn put_incident(&self, tenant: &str, incident: &Incident) -> Result<IncidentWrite, StoreError>;
    /// `opened_at` of the caller's first incident other than `except` opened after `after`.
    async fn next_incident_after(&self, tenant: &str, caller_sys_id: &str, after: Timestamp, except: &str) -> Result<Option<Timestamp>, StoreError>;
}

/// The effectiveness report's rollups (issue 19.3, `crate::rollup`).
#[async_trait]
pub trait RollupStore: Send + Sync {
    /// The coarse rollups of the dimensions `by` over the periods that cover `from..=to`
    /// (`rollup::reads`), with at least the cells named in `cells` (others may be left
    /// out); `None` while some of the tenant's records are not counted in them (then the
    /// report reads the records).
    async fn rollups(&self, tenant: &str, by: &[&str], from: time::Date, to: time::Date, cells: &[String]) -> Result<Option<Vec<crate::rollup::Rollup>>, StoreError>;
    /// The fine rollups asked for; the ones that do not exist are left out.
    async fn fine_rollups(&self, tenant: &str, keys: &[crate::rollup::FineKey]) -> Result<Vec<(crate::rollup::FineKey, crate::rollup::Cells)>, StoreError>;
}

#[async_trait]
pub trait ProgressStore: Send + Sync {
    /// The current assignment records of one learner (one per course it holds).
    async fn learner_records(&self, tenant: &str, learner_id: &str) -> Result<Vec<AssignmentRecord>, StoreError>;
    /// The records of assignments made from one incident.
    async fn incident_records(&self, tenant: &str, incident_sys_id: &str) -> Result<Vec<AssignmentRecord>, StoreError>;
    /// Every record whose `assigned_at` lies in `[start, end)`, in that order.
    async fn records_between(&self, tenant: &str, start: Timestamp, end: Timestamp) -> Result<Vec<AssignmentRecord>, StoreError>;
    /// Saves new progress for records. A record whose status advances gets a feed entry
    /// in the same transaction; one that another writer already moved as far (or
    /// further) is left as it is. Returns how many records changed.
    async fn save_progress(&self, tenant: &str, changes: &[(AssignmentRecord, Progress)], now_ms: i64) -> Result<usize, StoreError>;
    /// Sets the incident fields the report keeps on a record (only ever moving
    /// `next_incident_at` earlier).
    async fn set_record_incident_facts(&self, tenant: &str, record: &AssignmentRecord, category: Option<&str>, next_incident_at: Option<Timestamp>) -> Result<(), StoreError>;
    /// Learners with assignments not completed yet, with when each was last checked.
    async fn open_learners(&self, tenant: &str) -> Result<Vec<(String, Timestamp)>, StoreError>;
    /// Records a check of a learner; `still_open` false forgets it until it is assigned again.
    async fn mark_checked(&self, tenant: &str, learner_id: &str, at: Timestamp, still_open: bool) -> Result<(), StoreError>;
    /// Whether a Litmos achievement was already applied (webhook duplicates).
    async fn achievement_seen(&self, tenant: &str, achievement_id: &str) -> Result<bool, StoreError>;
    async fn remember_achievement(&self, tenant: &str, achievement_id: &str, expires_at: Timestamp) -> Result<(), StoreError>;
    /// Where the last sync's achievements read ended.
    async fn sync_watermark(&self, tenant: &str) -> Result<Option<Timestamp>, StoreError>;
    async fn set_sync_watermark(&self, tenant: &str, at: Timestamp) -> Result<(), StoreError>;
    /// Feed entries after `after_seq`, oldest first, at most `limit`.
    async fn feed(&self, tenant: &str, after_seq: u64, limit: usize) -> Result<Vec<FeedEntry>, StoreError>;
    /// ServiceNow read the feed past `seq` (it asked for what follows): only moves forward.
    async fn note_feed_read(&self, tenant: &str, seq: u64) -> Result<(), StoreError>;
    /// Gives the entries read past since the last call an expiry (`expires_at`), at most
    /// `max` of them; how many it stamped.
    async fn expire_read_feed(&self, tenant: &str, expires_at: Timestamp, max: usize) -> Result<usize, StoreError>;
}

/// One tenant's sync to run, as a queue message: `round` names the scheduled round (so
/// the same round is enqueued once), `part` counts follow-ups of a deferred sync.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SyncMessage {
    pub tenant: String,
    pub round: i64,
    #[serde(default)]
    pub part: u32,
    /// A deletion that did not finish inside its request, to finish here instead of a
    /// sync (issue 19.5). Same queue, same message group: never beside the tenant's sync.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<crate::jobs::JobRef>,
}

/// Background deletions and what became of them.
#[async_trait]
pub trait JobStore: Send + Sync {
    async fn put_job(&self, job: &crate::jobs::Job) -> Result<(), StoreError>;
    async fn get_job(&self, id: &str) -> Result<Option<crate::jobs::Job>, StoreError>;
}

/// Where tenant syncs wait to run: one tenant's messages in order and never two at
/// once (an SQS FIFO queue with the tenant as message group).
#[async_trait]
pub trait SyncQueue: Send + Sync {
    async fn enqueue(&self, messages: &[SyncMessage]) -> Result<(), StoreError>;
}

/// One Litmos rate budget per Litmos account, shared by every function: Litmos
/// answers 503 beyond about 100 calls a minute per site.
#[async_trait]
pub trait RateBudget: Send + Sync {
    /// Takes `calls` from the current minute's budget of `account` (a key that names
    /// the Litmos account, not its secret) when at most `ceiling - calls` are spent.
    /// False when that would pass the ceiling.
    async fn take(&self, account: &str, calls: u32, ceiling: u32, now: Timestamp) -> Result<bool, StoreError>;
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
    /// `owner` names this request; only it can complete or abandon the record.
    #[allow(clippy::too_many_arguments)]
    async fn begin(&self, tenant: &str, key: &str, request_hash: &str, owner: &str, now: Timestamp, in_flight_until: Timestamp, expires_at: Timestamp) -> Result<IdempotencyStart, StoreError>;
    async fn complete(&self, tenant: &str, key: &str, owner: &str, status: u16, body: &str, expires_at: Timestamp) -> Result<(), StoreError>;
    async fn abandon(&self, tenant: &str, key: &str, owner: &str) -> Result<(), StoreError>;
}

#[async_trait]
pub trait Litmos: Send + Sync {
    /// Pays ahead for `calls` calls this request will make (rate budget, issue 8);
    /// over budget it is `BudgetSpent` before anything was sent.
    async fn reserve(&self, acct: &LitmosAccount, calls: u32) -> Result<(), LitmosError>;
    /// One cheap authenticated call, to check a tenant's key.
    async fn check_key(&self, acct: &LitmosAccount) -> Result<(), LitmosError>;
    async fn search_users(&self, acct: &LitmosAccount, text: &str) -> Result<Vec<LitmosUser>, LitmosError>;
    async fn create_user(&self, acct: &LitmosAccount, user: &NewUser) -> Result<LitmosUser, LitmosError>;
    /// Every course of the account, all pages.
    async fn list_courses(&self, acct: &LitmosAccount) -> Result<Vec<Course>, LitmosError>;
    async fn user_courses(&self, acct: &LitmosAccount, user_id: &str) -> Result<Vec<UserCourse>, LitmosError>;
    async fn assign_courses(&self, acct: &LitmosAccount, user_id: &str, course_ids: &[String], send_message: bool) -> Result<(), LitmosError>;
    async fn user_teams(&self, acct: &LitmosAccount, user_id: &str) -> Result<Vec<Team>, LitmosError>;
    /// A fresh sign-in URL for the user (`GET /users/{id}`'s `LoginKey`): it changes at
    /// every use, so it is never stored or logged.
    async fn login_key(&self, acct: &LitmosAccount, user_id: &str) -> Result<String, LitmosError>;
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
