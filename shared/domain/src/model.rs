//! Entities. Field names here are the product's; DynamoDB attribute names live in the
//! adapter's key-layout module and Litmos' PascalCase in the Litmos client.

use serde::{Deserialize, Serialize};

use crate::keys::KeyHash;
use crate::time::Timestamp;

#[derive(Clone, Debug, PartialEq)]
pub struct LitmosSettings {
    pub base_url: String,
    pub source: String,
    /// Whether Litmos sends its welcome e-mail to learners this product creates.
    pub send_welcome_email: bool,
    /// Days a "start course" link lasts; 0 when the tenant has links off (issue 20.1).
    pub start_link_days: u32,
}

/// What a ServiceNow request needs of its tenant, copied onto each of the tenant's keys
/// so that authenticating a request reads one item (issue 8). `version` counts the
/// tenant's profile changes; the Litmos key secret is cached per container until it
/// moves.
impl LitmosSettings {
    /// The account these settings name, with its API key.
    pub fn account(&self, api_key: String) -> LitmosAccount {
        LitmosAccount { base_url: self.base_url.clone(), api_key, source: self.source.clone() }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct KeyProfile {
    pub litmos: LitmosSettings,
    pub version: i64,
    /// The tenant's generation (see `Tenant::generation`).
    pub generation: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServiceNowState {
    pub enabled: bool,
    /// Hash of the key that `GET .../servicenow` returns.
    pub current_key: Option<KeyHash>,
    pub key_created_at: Option<Timestamp>,
    /// When ServiceNow was last enabled: start links made before it no longer work.
    pub enabled_at: Option<Timestamp>,
    pub activated_at: Option<Timestamp>,
    pub instance_url: Option<String>,
    pub last_used_at: Option<Timestamp>,
    /// Every key of the tenant that may still work: the current one and rotated-out
    /// ones in their grace period. Disable and delete remove all of them.
    pub live_keys: Vec<KeyHash>,
    /// SHA-256 of the current webhook token, and of the previous one with the end of
    /// its grace period (SPEC 3.4).
    pub webhook: Option<KeyHash>,
    /// Rotated-out webhook tokens, each with the end of its own grace period: two
    /// rotations inside a grace period keep both.
    pub previous_webhooks: Vec<(KeyHash, Timestamp)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tenant {
    pub id: String,
    pub name: String,
    pub litmos: LitmosSettings,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub servicenow: ServiceNowState,
    /// Moves with every change of the profile (and so of the Litmos key secret).
    pub profile_version: i64,
    /// Made at random when the tenant is created and never again: a tenant deleted and
    /// created again under the same id has another, so nothing cached for the old one
    /// (keyed by it) is used for the new one.
    pub generation: String,
    /// How the tenant's last scheduled or admin sync ended.
    pub last_sync: Option<SyncRecord>,
    /// Assignments each side (completed, not completed) needs before a course is ranked
    /// in the recommendations.
    pub recommend_min_sample: u32,
    /// When start links were last switched on: links made before no longer work.
    pub start_links_since: Option<Timestamp>,
}

/// One tenant's last sync: when it ended, how (`succeeded`, `failed`, `deferred`), and
/// for a failed or deferred one the kind of error (`Error::kind`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SyncRecord {
    pub at: Timestamp,
    pub outcome: String,
    pub error_kind: Option<String>,
}

/// A new tenant generation: 128 random bits, hex.
pub fn new_generation() -> String {
    format!("{:032x}", rand::random::<u128>())
}

/// What a key hash maps to. `expires_at` is set once the key is rotated out.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyRecord {
    pub hash: KeyHash,
    pub tenant_id: String,
    pub created_at: Timestamp,
    pub expires_at: Option<Timestamp>,
    /// The tenant's profile as of its last change (None on keys made before keys
    /// carried it: the tenant is read instead).
    pub profile: Option<KeyProfile>,
}

impl KeyRecord {
    pub fn is_live(&self, now: Timestamp) -> bool {
        self.expires_at.is_none_or(|t| now < t)
    }
}

/// Everything needed to call Litmos for one tenant.
#[derive(Clone, Debug)]
pub struct LitmosAccount {
    pub base_url: String,
    pub api_key: String,
    pub source: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccessLevel {
    Learner,
    #[serde(rename = "Team_Leader")]
    TeamLeader,
    Administrator,
    #[serde(rename = "Account_Owner")]
    AccountOwner,
}

impl AccessLevel {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "Learner" => Some(Self::Learner),
            "Team_Leader" => Some(Self::TeamLeader),
            "Administrator" => Some(Self::Administrator),
            "Account_Owner" => Some(Self::AccountOwner),
            _ => None,
        }
    }

    pub fn may_assign(self) -> bool {
        matches!(self, Self::Administrator | Self::AccountOwner)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LitmosUser {
    pub id: String,
    pub user_name: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub access_level: String,
    pub active: bool,
}

impl LitmosUser {
    /// Litmos search is fuzzy: only an exact (case-insensitive) user name or e-mail counts.
    pub fn is_exactly(&self, who: &str) -> bool {
        let who = who.trim();
        !who.is_empty() && (self.user_name.eq_ignore_ascii_case(who) || self.email.eq_ignore_ascii_case(who))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct NewUser {
    pub user_name: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub send_message: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Course {
    pub id: String,
    pub code: String,
    pub name: String,
    pub description: String,
    pub active: bool,
}

/// One course as `GET /users/{id}/courses` reports it for that user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserCourse {
    pub id: String,
    pub name: String,
    pub complete: bool,
    pub percentage_complete: f64,
    pub assigned_at: Option<Timestamp>,
    pub completed_at: Option<Timestamp>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub id: String,
    pub name: String,
}

/// The Litmos user linked to one ServiceNow caller.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Learner {
    pub id: String,
    pub caller_sys_id: String,
    pub user_name: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub linked_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Assignment {
    pub learner_id: String,
    pub course_id: String,
    pub course_name: String,
    pub incident_sys_id: String,
    pub incident_number: String,
    /// The ServiceNow table of the record it was assigned from (`INCIDENT_TABLE` or
    /// `CASE_TABLE`): a CSM case is treated exactly like an incident.
    pub incident_table: String,
    pub assigned_by: String,
    pub assigned_at: Timestamp,
}

/// Where an assigned course stands (SPEC 3.4): `completed` when Litmos says complete
/// or has an achievement for it, `in_progress` above 0 %, else `not_started`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrainingStatus {
    NotStarted,
    InProgress,
    Completed,
}

impl TrainingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotStarted => "not_started",
            Self::InProgress => "in_progress",
            Self::Completed => "completed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "not_started" => Some(Self::NotStarted),
            "in_progress" => Some(Self::InProgress),
            "completed" => Some(Self::Completed),
            _ => None,
        }
    }
}

/// One achievement as `GET /achievements` reports it: a completed course, its date
/// (UTC) and score when Litmos has one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Achievement {
    pub achievement_id: String,
    pub user_id: String,
    pub course_id: String,
    pub achieved_at: Option<Timestamp>,
    pub score: Option<f64>,
    pub result: String,
}

/// Where an assignment stands, as Litmos last confirmed it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub status: TrainingStatus,
    pub percentage_complete: f64,
    /// First seen above 0 % or completed.
    pub started_at: Option<Timestamp>,
    pub completed_at: Option<Timestamp>,
    pub score: Option<f64>,
}

impl Default for Progress {
    fn default() -> Self {
        Progress { status: TrainingStatus::NotStarted, percentage_complete: 0.0, started_at: None, completed_at: None, score: None }
    }
}

/// One assignment with everything the outcome views, the feed and the report need:
/// what was assigned from which incident, to which caller, and how far it got.
#[derive(Clone, Debug, PartialEq)]
pub struct AssignmentRecord {
    pub assignment: Assignment,
    pub caller_sys_id: String,
    pub progress: Progress,
    /// The category of the incident it was assigned from, when ServiceNow sent one.
    pub category: Option<String>,
    /// `opened_at` of the same caller's first other incident opened after the assignment.
    pub next_incident_at: Option<Timestamp>,
    /// Counted in the report's rollups (issue 19.3). Every record confirmed since
    /// rollups exist is; older ones are counted once by the backfill.
    pub rolled_up: bool,
}

/// An incident as the ServiceNow app reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub sys_id: String,
    pub number: String,
    /// `INCIDENT_TABLE` or `CASE_TABLE`.
    pub table: String,
    pub caller_sys_id: String,
    pub opened_at: Timestamp,
    pub category: Option<String>,
}

/// One status change, in the order the backend recorded it.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedEntry {
    /// Position in the tenant's feed: 1, 2, 3, ... with no gaps.
    pub seq: u64,
    /// When it was recorded, in milliseconds; never decreases along the feed.
    pub changed_at_ms: i64,
    pub incident_sys_id: String,
    pub incident_number: String,
    pub incident_table: String,
    pub caller_sys_id: String,
    pub learner_id: String,
    pub course_id: String,
    pub course_name: String,
    pub progress: Progress,
    /// The note kept with the entry, when it is not the one its status gives: a rule's
    /// batch note on its first entry, `Some("")` (no note) on the others.
    pub note: Option<String>,
    /// Who made the assignment (`X-Agent`, or `rule:<id>`); absent on entries recorded
    /// before entries kept it.
    pub assigned_by: Option<String>,
}

/// The ServiceNow tables training is assigned from: ITSM incidents and CSM cases. The
/// backend's "incident" is either (the routes keep their first name).
pub const INCIDENT_TABLE: &str = "incident";
pub const CASE_TABLE: &str = "sn_customerservice_case";
