//! The single table's key layout and attribute names, and item conversions. Nothing
//! outside this module spells an attribute name.
//!
//! | item                    | pk                | sk                                   |
//! |-------------------------|-------------------|--------------------------------------|
//! | tenant                  | `TENANT#<id>`     | `META`                               |
//! | tenant registry entry   | `TENANTS`         | `<id>`                               |
//! | Litmos rate budget      | `BUDGET#<account>`| `<unix minute>` (TTL 2 minutes)      |
//! | ServiceNow key          | `KEY#<sha256>`    | `KEY`                                |
//! | caller -> learner link  | `TENANT#<id>`     | `CALLER#<sys_id>`                    |
//! | learner -> caller link  | `TENANT#<id>`     | `LEARNER#<litmos user id>`           |
//! | assignment              | `TENANT#<id>`     | `ASSIGN#<learner>#<course>`          |
//! | incident link           | `TENANT#<id>`     | `INCIDENT#<sys_id>#<learner>#<course>` |
//! | idempotency record      | `TENANT#<id>`     | `IDEM#<key>`                         |
//! | assignment record       | `TENANT#<id>`     | `REC#<assigned_at:012>#<learner>#<course>` |
//! | learner to check        | `TENANT#<id>`     | `OPEN#<learner>`                     |
//! | applied achievement     | `TENANT#<id>`     | `ACHV#<achievement id>`              |
//! | sync watermark          | `TENANT#<id>`     | `SYNC`                               |
//! | feed counter / entry    | `TENANT#<id>`     | `FEEDSEQ` / `FEED#<seq:012>`         |
//! | incident                | `TENANT#<id>`     | `INC#<sys_id>`                       |
//! | caller's incident       | `TENANT#<id>`     | `CALLERINC#<caller>#<opened_at:012>#<sys_id>` |
//! | cache head / chunk      | `TENANT#<id>`     | `CACHE#<name>` / `CACHE#<name>#<gen>#<n>` |
//! | cache refresh lease     | `TENANT#<id>`     | `REFRESH#<name>` (TTL)               |
//! | background deletion job | `JOB#<id>`        | `JOB` (TTL: a week)                  |
//! | start link's reference  | `TENANT#<id>`     | `STARTREF#<caller>#<sha256>` (TTL)   |
//! | start link              | `START#<sha256>`  | `START` (TTL: its expiry)            |
//! | automatic-training rule | `TENANT#<id>`     | `RULE#<rule id>`                     |
//! | report rollup           | `TENANT#<id>`     | `RUM#`, `RUB#`, `RUD#` or `RUF#<dimension>#<period>...#<group key>` |
//! | rule firing (claimed/done) | `TENANT#<id>`  | `RULEFIRE#<record sys_id>#<rule id>` |
//! | deferred rule firing    | `TENANT#<id>`     | `RULEWAIT#<record sys_id>#<rule id>` |
//!
//! Everything a tenant owns shares its partition, so deleting a tenant is one query
//! plus deletes; keys live in their own partitions so auth is one GetItem by hash. A
//! key item carries a copy of its tenant's Litmos settings and profile version
//! (written with the tenant in one transaction), so that GetItem is all a ServiceNow
//! request reads to know its tenant. A cache blob up to 8 KiB lives in its head item.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use litmos_domain::keys::KeyHash;
use litmos_domain::model::*;
use litmos_domain::ports::StoreError;
use litmos_domain::time::Timestamp;

pub type Item = HashMap<String, AttributeValue>;

pub const PK: &str = "pk";
pub const SK: &str = "sk";
/// DynamoDB TTL attribute (epoch seconds). Readers still check it: TTL deletes lazily.
pub const TTL: &str = "expires_at";

pub const META: &str = "META";

pub const RULE_PREFIX: &str = "RULE#";
pub const RULE_FIRE_PREFIX: &str = "RULEFIRE#";
pub const RULE_WAIT_PREFIX: &str = "RULEWAIT#";
/// On a rule item: the rule as JSON. On a deferred firing: the firing as JSON.
pub const RULE_JSON: &str = "rule";
pub const FIRING_JSON: &str = "firing";

/// A start link: its own partition, named by the SHA-256 of its token.
pub fn start_link_pk(hash: &KeyHash) -> String {
    format!("START#{}", hash.0)
}
pub const START_SK: &str = "START";
pub fn job_pk(id: &str) -> String {
    format!("JOB#{id}")
}
pub const JOB_SK: &str = "JOB";
pub const JOB_JSON: &str = "job";
pub const ISSUED_AT: &str = "issued_at";

/// In the tenant's partition, beside each start link: which caller it names, so
/// forgetting the caller or deleting the tenant deletes the link too (it lives in a
/// partition of its own).
pub fn start_ref_sk(caller: &str, hash: &KeyHash) -> String {
    format!("STARTREF#{caller}#{}", hash.0)
}
pub const START_REF_PREFIX: &str = "STARTREF#";

pub fn rule_sk(id: &str) -> String {
    format!("{RULE_PREFIX}{id}")
}

pub fn rule_fire_sk(record: &str, rule: &str) -> String {
    format!("{RULE_FIRE_PREFIX}{record}#{rule}")
}

pub fn rule_wait_sk(record: &str, rule: &str) -> String {
    format!("{RULE_WAIT_PREFIX}{record}#{rule}")
}
pub const TENANTS_PK: &str = "TENANTS";
pub const SPENT: &str = "spent";

/// The budget's partition: one per Litmos account, named by a hash of its key.
pub fn budget_pk(account: &str) -> String {
    format!("BUDGET#{account}")
}
pub const KEY_SK: &str = "KEY";

// Tenant attributes.
pub const NAME: &str = "name";
pub const BASE_URL: &str = "base_url";
pub const SOURCE: &str = "source";
pub const SEND_WELCOME: &str = "send_welcome_email";
/// Days a start link lasts; 0 (or absent) when links are off.
pub const START_LINK_DAYS: &str = "start_link_days";
pub const SN_ENABLED_AT: &str = "sn_enabled_at";
/// When start links were last switched on.
pub const LINKS_SINCE: &str = "start_links_since";
pub const CREATED_AT: &str = "created_at";
pub const UPDATED_AT: &str = "updated_at";
pub const SN_ENABLED: &str = "sn_enabled";
pub const SN_KEY: &str = "sn_key";
pub const SN_KEY_CREATED_AT: &str = "sn_key_created_at";
pub const SN_ACTIVATED_AT: &str = "sn_activated_at";
pub const SN_INSTANCE_URL: &str = "sn_instance_url";
pub const SN_LAST_USED_AT: &str = "sn_last_used_at";
pub const SN_LIVE_KEYS: &str = "sn_live_keys";
pub const SN_WEBHOOK: &str = "sn_webhook";
/// The single previous webhook token of items written before rotations kept a list:
/// read, and removed at the next write of the list.
pub const SN_WEBHOOK_PREV: &str = "sn_webhook_prev";
pub const SN_WEBHOOK_PREV_UNTIL: &str = "sn_webhook_prev_until";
/// Rotated-out webhook tokens in their grace period: a list of `{h, until}` maps.
pub const SN_WEBHOOK_PREVS: &str = "sn_webhook_prevs";
pub const TENANT_GENERATION: &str = "tenant_gen";
/// On a tenant registry entry: the tenant's name, lowercased, for the console's search.
pub const NAME_LC: &str = "name_lc";
pub const MIN_SAMPLE: &str = "rec_min_sample";
pub const LAST_SYNC_AT: &str = "last_sync_at";
pub const LAST_SYNC_OUTCOME: &str = "last_sync_outcome";
pub const LAST_SYNC_ERROR: &str = "last_sync_error";
/// On the tenant and, copied, on each of its keys (with its Litmos settings).
pub const PROFILE_VERSION: &str = "profile_v";

// Key attributes.
pub const TENANT_ID: &str = "tenant_id";
pub const KEY_HASH: &str = "key_hash";
pub const KEY_EXPIRES_AT: &str = "key_expires_at";

pub fn tenant_pk(id: &str) -> String {
    format!("TENANT#{id}")
}

pub fn key_pk(hash: &KeyHash) -> String {
    format!("KEY#{}", hash.0)
}

pub fn s(v: impl Into<String>) -> AttributeValue {
    AttributeValue::S(v.into())
}

pub fn n(v: i64) -> AttributeValue {
    AttributeValue::N(v.to_string())
}

pub fn key(pk: String, sk: impl Into<String>) -> Item {
    HashMap::from([(PK.to_string(), s(pk)), (SK.to_string(), s(sk))])
}

fn corrupt(attr: &str) -> StoreError {
    StoreError::Corrupt(format!("attribute '{attr}' missing or of the wrong type"))
}

/// A value kept as one JSON string attribute (rules, deferred firings, jobs).
pub fn json_s<T: serde::Serialize>(v: &T) -> AttributeValue {
    s(serde_json::to_string(v).expect("serializable"))
}

pub fn from_json_s<T: serde::de::DeserializeOwned>(item: &Item, attr: &str) -> Result<T, StoreError> {
    serde_json::from_str(&get_s(item, attr)?).map_err(|e| StoreError::Corrupt(format!("{attr}: {e}")))
}

pub fn get_s(item: &Item, attr: &str) -> Result<String, StoreError> {
    opt_s(item, attr).ok_or_else(|| corrupt(attr))
}

pub fn opt_s(item: &Item, attr: &str) -> Option<String> {
    item.get(attr).and_then(|v| v.as_s().ok()).cloned()
}

pub fn get_n(item: &Item, attr: &str) -> Result<i64, StoreError> {
    opt_n(item, attr).ok_or_else(|| corrupt(attr))
}

pub fn opt_n(item: &Item, attr: &str) -> Option<i64> {
    item.get(attr).and_then(|v| v.as_n().ok()).and_then(|v| v.parse().ok())
}

pub fn opt_bool(item: &Item, attr: &str) -> bool {
    item.get(attr).and_then(|v| v.as_bool().ok()).copied().unwrap_or(false)
}

pub fn hash_list(hashes: &[KeyHash]) -> AttributeValue {
    AttributeValue::L(hashes.iter().map(|h| s(h.0.clone())).collect())
}

fn link_days(item: &Item) -> u32 {
    opt_n(item, START_LINK_DAYS).and_then(|d| u32::try_from(d).ok()).unwrap_or(0)
}

pub fn tenant_from(item: &Item) -> Result<Tenant, StoreError> {
    let id = get_s(item, PK)?.strip_prefix("TENANT#").map(str::to_string).ok_or_else(|| corrupt(PK))?;
    let live_keys = item.get(SN_LIVE_KEYS).and_then(|v| v.as_l().ok()).map(|l| l.iter().filter_map(|v| v.as_s().ok()).map(|h| KeyHash(h.clone())).collect()).unwrap_or_default();
    Ok(Tenant {
        id,
        name: get_s(item, NAME)?,
        litmos: LitmosSettings { base_url: get_s(item, BASE_URL)?, source: get_s(item, SOURCE)?, send_welcome_email: opt_bool(item, SEND_WELCOME), start_link_days: link_days(item) },
        created_at: get_n(item, CREATED_AT)?,
        updated_at: get_n(item, UPDATED_AT)?,
        servicenow: ServiceNowState {
            enabled: opt_bool(item, SN_ENABLED),
            current_key: opt_s(item, SN_KEY).map(KeyHash),
            key_created_at: opt_n(item, SN_KEY_CREATED_AT),
            enabled_at: opt_n(item, SN_ENABLED_AT),
            activated_at: opt_n(item, SN_ACTIVATED_AT),
            instance_url: opt_s(item, SN_INSTANCE_URL),
            last_used_at: opt_n(item, SN_LAST_USED_AT),
            live_keys,
            webhook: opt_s(item, SN_WEBHOOK).map(KeyHash),
            previous_webhooks: previous_webhooks(item),
        },
        profile_version: opt_n(item, PROFILE_VERSION).unwrap_or(0),
        generation: opt_s(item, TENANT_GENERATION).unwrap_or_default(),
        recommend_min_sample: opt_n(item, MIN_SAMPLE).map_or(litmos_domain::recommend::DEFAULT_MIN_SAMPLE, |n| n as u32),
        start_links_since: opt_n(item, LINKS_SINCE),
        last_sync: opt_n(item, LAST_SYNC_AT).zip(opt_s(item, LAST_SYNC_OUTCOME)).map(|(at, outcome)| SyncRecord { at, outcome, error_kind: opt_s(item, LAST_SYNC_ERROR) }),
    })
}

fn previous_webhooks(item: &Item) -> Vec<(KeyHash, Timestamp)> {
    let listed = item.get(SN_WEBHOOK_PREVS).and_then(|v| v.as_l().ok()).into_iter().flatten().filter_map(|v| {
        let m = v.as_m().ok()?;
        Some((KeyHash(m.get("h")?.as_s().ok()?.clone()), m.get("until")?.as_n().ok()?.parse().ok()?))
    });
    let single = opt_s(item, SN_WEBHOOK_PREV).map(KeyHash).zip(opt_n(item, SN_WEBHOOK_PREV_UNTIL));
    listed.chain(single).collect()
}

pub fn webhook_list(tokens: &[(KeyHash, Timestamp)]) -> AttributeValue {
    AttributeValue::L(tokens.iter().map(|(h, until)| AttributeValue::M(HashMap::from([("h".to_string(), s(h.0.clone())), ("until".to_string(), n(*until))]))).collect())
}

/// The attributes of a key's copy of its tenant's profile.
pub fn profile_attributes(profile: &KeyProfile) -> [(&'static str, AttributeValue); 6] {
    [
        (BASE_URL, s(profile.litmos.base_url.clone())),
        (SOURCE, s(profile.litmos.source.clone())),
        (SEND_WELCOME, AttributeValue::Bool(profile.litmos.send_welcome_email)),
        (START_LINK_DAYS, n(i64::from(profile.litmos.start_link_days))),
        (PROFILE_VERSION, n(profile.version)),
        (TENANT_GENERATION, s(profile.generation.clone())),
    ]
}

pub fn key_item(tenant_id: &str, hash: &KeyHash, profile: &KeyProfile, now: Timestamp) -> Item {
    let mut item = key(key_pk(hash), KEY_SK);
    item.insert(TENANT_ID.into(), s(tenant_id));
    item.insert(KEY_HASH.into(), s(hash.0.clone()));
    item.insert(CREATED_AT.into(), n(now));
    item.extend(profile_attributes(profile).map(|(k, v)| (k.to_string(), v)));
    item
}

pub fn key_from(item: &Item) -> Result<KeyRecord, StoreError> {
    let profile = match (opt_s(item, BASE_URL), opt_s(item, SOURCE), opt_n(item, PROFILE_VERSION)) {
        (Some(base_url), Some(source), Some(version)) => Some(KeyProfile {
            litmos: LitmosSettings { base_url, source, send_welcome_email: opt_bool(item, SEND_WELCOME), start_link_days: link_days(item) },
            version,
            generation: opt_s(item, TENANT_GENERATION).unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(KeyRecord { hash: KeyHash(get_s(item, KEY_HASH)?), tenant_id: get_s(item, TENANT_ID)?, created_at: get_n(item, CREATED_AT)?, expires_at: opt_n(item, KEY_EXPIRES_AT), profile })
}

// Claims (caller links, assignments, idempotency records) share these.
pub const STATE: &str = "state";
pub const OWNER: &str = "owner";
pub const LEASE_UNTIL: &str = "lease_until";
pub const PENDING: &str = "pending";
pub const DONE: &str = "done";
/// A caller link's state (and a reverse link's flag) while the caller is being forgotten.
pub const FORGETTING: &str = "forgetting";
/// On a caller link being forgotten: whether the Litmos user's reverse link was theirs.
pub const OWN: &str = "own";

// Learner link attributes.
pub const LEARNER_ID: &str = "learner_id";
pub const CALLER_SYS_ID: &str = "caller_sys_id";
pub const USER_NAME: &str = "user_name";
pub const EMAIL: &str = "email";
pub const FIRST_NAME: &str = "first_name";
pub const LAST_NAME: &str = "last_name";
pub const LINKED_AT: &str = "linked_at";

// Assignment attributes.
pub const COURSE_ID: &str = "course_id";
pub const COURSE_NAME: &str = "course_name";
/// On a feed entry: its own note (a rule's batch), `""` for none.
pub const NOTE: &str = "note";
pub const INCIDENT_SYS_ID: &str = "incident_sys_id";
pub const INCIDENT_NUMBER: &str = "incident_number";
/// The ServiceNow table of the record (incident or case); absent on items from before
/// cases: `incident`.
pub const RECORD_TABLE: &str = "record_table";

fn record_table(item: &Item) -> String {
    opt_s(item, RECORD_TABLE).unwrap_or_else(|| INCIDENT_TABLE.to_string())
}
pub const ASSIGNED_BY: &str = "assigned_by";
pub const ASSIGNED_AT: &str = "assigned_at";

// Idempotency attributes.
pub const REQUEST_HASH: &str = "request_hash";
pub const RESPONSE_STATUS: &str = "response_status";
pub const RESPONSE_BODY: &str = "response_body";

// Cache attributes.
pub const GENERATION: &str = "generation";
pub const CHUNKS: &str = "chunks";
pub const FETCHED_AT: &str = "fetched_at";
pub const DATA: &str = "data";

pub fn caller_sk(sys_id: &str) -> String {
    format!("CALLER#{sys_id}")
}

pub fn learner_sk(learner_id: &str) -> String {
    format!("LEARNER#{learner_id}")
}

pub fn assign_sk(learner_id: &str, course_id: &str) -> String {
    format!("ASSIGN#{learner_id}#{course_id}")
}

pub fn incident_prefix(sys_id: &str) -> String {
    format!("INCIDENT#{sys_id}#")
}

pub fn incident_sk(a: &Assignment) -> String {
    format!("{}{}#{}", incident_prefix(&a.incident_sys_id), a.learner_id, a.course_id)
}

pub fn idem_sk(key: &str) -> String {
    format!("IDEM#{key}")
}

pub fn cache_head_sk(name: &str) -> String {
    format!("CACHE#{name}")
}

/// The lease of whoever refreshes cache `name` from Litmos now.
pub fn refresh_sk(name: &str) -> String {
    format!("REFRESH#{name}")
}

pub fn cache_chunk_sk(name: &str, generation: &str, i: usize) -> String {
    format!("CACHE#{name}#{generation}#{i:04}")
}

pub fn learner_from(item: &Item) -> Result<Learner, StoreError> {
    Ok(Learner {
        id: get_s(item, LEARNER_ID)?,
        caller_sys_id: get_s(item, CALLER_SYS_ID)?,
        user_name: opt_s(item, USER_NAME).unwrap_or_default(),
        email: opt_s(item, EMAIL).unwrap_or_default(),
        first_name: opt_s(item, FIRST_NAME).unwrap_or_default(),
        last_name: opt_s(item, LAST_NAME).unwrap_or_default(),
        linked_at: get_n(item, LINKED_AT)?,
    })
}

pub fn learner_item(tenant: &str, l: &Learner) -> Item {
    let mut item = key(tenant_pk(tenant), caller_sk(&l.caller_sys_id));
    item.insert(STATE.into(), s(DONE));
    item.insert(LEARNER_ID.into(), s(l.id.clone()));
    item.insert(CALLER_SYS_ID.into(), s(l.caller_sys_id.clone()));
    item.insert(USER_NAME.into(), s(l.user_name.clone()));
    item.insert(EMAIL.into(), s(l.email.clone()));
    item.insert(FIRST_NAME.into(), s(l.first_name.clone()));
    item.insert(LAST_NAME.into(), s(l.last_name.clone()));
    item.insert(LINKED_AT.into(), n(l.linked_at));
    item
}

pub fn incident_item(tenant: &str, a: &Assignment) -> Item {
    let mut item = key(tenant_pk(tenant), incident_sk(a));
    for (k, v) in assignment_attrs(a) {
        item.insert(k.to_string(), v);
    }
    item
}

pub fn assignment_attrs(a: &Assignment) -> Vec<(&'static str, aws_sdk_dynamodb::types::AttributeValue)> {
    vec![
        (LEARNER_ID, s(a.learner_id.clone())),
        (COURSE_ID, s(a.course_id.clone())),
        (COURSE_NAME, s(a.course_name.clone())),
        (INCIDENT_SYS_ID, s(a.incident_sys_id.clone())),
        (INCIDENT_NUMBER, s(a.incident_number.clone())),
        (RECORD_TABLE, s(a.incident_table.clone())),
        (ASSIGNED_BY, s(a.assigned_by.clone())),
        (ASSIGNED_AT, n(a.assigned_at)),
    ]
}

pub fn assignment_from(item: &Item) -> Result<Assignment, StoreError> {
    Ok(Assignment {
        learner_id: get_s(item, LEARNER_ID)?,
        course_id: get_s(item, COURSE_ID)?,
        course_name: get_s(item, COURSE_NAME)?,
        incident_sys_id: get_s(item, INCIDENT_SYS_ID)?,
        incident_number: get_s(item, INCIDENT_NUMBER)?,
        incident_table: record_table(item),
        assigned_by: get_s(item, ASSIGNED_BY)?,
        assigned_at: get_n(item, ASSIGNED_AT)?,
    })
}

// Assignment record, feed and incident attributes.
pub const STATUS: &str = "status";
/// 0, 1, 2 for not_started, in_progress, completed: status only ever moves up.
pub const STATUS_RANK: &str = "status_rank";
pub const PERCENTAGE: &str = "percentage_complete";
pub const STARTED_AT: &str = "started_at";
pub const COMPLETED_AT: &str = "completed_at";
pub const SCORE: &str = "score";
pub const CATEGORY: &str = "category";
pub const NEXT_INCIDENT_AT: &str = "next_incident_at";
/// On a record counted in the report's rollups.
pub const ROLLED_UP: &str = "rolled_up";
/// On a tenant's `META`: every record of the tenant is counted in the rollups.
pub const ROLLUPS_READY: &str = "rollups_ready";
pub const CHECKED_AT: &str = "checked_at";
/// Set on a learner to check by every new assignment; a check that saw everything
/// completed removes the learner only while no assignment came in since.
pub const FRESH: &str = "fresh";
pub const WATERMARK: &str = "watermark";
pub const SEQ: &str = "seq";
pub const LAST_MS: &str = "last_ms";
pub const CHANGED_AT_MS: &str = "changed_at_ms";
pub const OPENED_AT: &str = "opened_at";
pub const FEEDSEQ_SK: &str = "FEEDSEQ";
pub const SYNC_SK: &str = "SYNC";
/// How far ServiceNow read the feed (`read_seq`) and how far entries got their expiry
/// (`stamped_seq`).
pub const FEEDREAD_SK: &str = "FEEDREAD";
pub const READ_SEQ: &str = "read_seq";
pub const STAMPED_SEQ: &str = "stamped_seq";

pub fn rec_sk(assigned_at: Timestamp, learner_id: &str, course_id: &str) -> String {
    format!("REC#{assigned_at:012}#{learner_id}#{course_id}")
}

pub fn rec_time_sk(t: Timestamp) -> String {
    format!("REC#{:012}", t.max(0))
}

pub fn open_sk(learner_id: &str) -> String {
    format!("OPEN#{learner_id}")
}

pub fn achievement_sk(id: &str) -> String {
    format!("ACHV#{id}")
}

pub fn feed_sk(seq: u64) -> String {
    format!("FEED#{seq:012}")
}

pub fn incident_meta_sk(sys_id: &str) -> String {
    format!("INC#{sys_id}")
}

pub fn caller_incident_prefix(caller: &str) -> String {
    format!("CALLERINC#{caller}#")
}

pub fn caller_incident_sk(caller: &str, opened_at: Timestamp, sys_id: &str) -> String {
    format!("CALLERINC#{caller}#{:012}#{sys_id}", opened_at.max(0))
}

pub fn rank(s: TrainingStatus) -> i64 {
    match s {
        TrainingStatus::NotStarted => 0,
        TrainingStatus::InProgress => 1,
        TrainingStatus::Completed => 2,
    }
}

/// A number as DynamoDB keeps it: `90`, `87.5`.
pub fn num(v: f64) -> AttributeValue {
    AttributeValue::N(format!("{v}"))
}

pub fn opt_f(item: &Item, attr: &str) -> Option<f64> {
    item.get(attr).and_then(|v| v.as_n().ok()).and_then(|v| v.parse().ok())
}

pub fn progress_attrs(p: &Progress) -> Vec<(&'static str, Option<AttributeValue>)> {
    vec![
        (STATUS, Some(s(p.status.as_str()))),
        (STATUS_RANK, Some(n(rank(p.status)))),
        (PERCENTAGE, Some(num(p.percentage_complete))),
        (STARTED_AT, p.started_at.map(n)),
        (COMPLETED_AT, p.completed_at.map(n)),
        (SCORE, p.score.map(num)),
    ]
}

pub fn progress_from(item: &Item) -> Progress {
    Progress {
        status: opt_s(item, STATUS).as_deref().and_then(TrainingStatus::parse).unwrap_or(TrainingStatus::NotStarted),
        percentage_complete: opt_f(item, PERCENTAGE).unwrap_or(0.0),
        started_at: opt_n(item, STARTED_AT),
        completed_at: opt_n(item, COMPLETED_AT),
        score: opt_f(item, SCORE),
    }
}

pub fn record_item(tenant: &str, r: &AssignmentRecord) -> Item {
    let a = &r.assignment;
    let mut item = key(tenant_pk(tenant), rec_sk(a.assigned_at, &a.learner_id, &a.course_id));
    for (k, v) in assignment_attrs(a) {
        item.insert(k.to_string(), v);
    }
    item.insert(CALLER_SYS_ID.into(), s(r.caller_sys_id.clone()));
    for (k, v) in progress_attrs(&r.progress) {
        if let Some(v) = v {
            item.insert(k.to_string(), v);
        }
    }
    if let Some(c) = &r.category {
        item.insert(CATEGORY.into(), s(c.clone()));
    }
    if let Some(t) = r.next_incident_at {
        item.insert(NEXT_INCIDENT_AT.into(), n(t));
    }
    if r.rolled_up {
        item.insert(ROLLED_UP.into(), AttributeValue::Bool(true));
    }
    item
}

pub fn record_from(item: &Item) -> Result<AssignmentRecord, StoreError> {
    Ok(AssignmentRecord {
        assignment: assignment_from(item)?,
        caller_sys_id: get_s(item, CALLER_SYS_ID)?,
        progress: progress_from(item),
        category: opt_s(item, CATEGORY),
        next_incident_at: opt_n(item, NEXT_INCIDENT_AT),
        rolled_up: matches!(item.get(ROLLED_UP), Some(AttributeValue::Bool(true))),
    })
}

pub fn feed_item(tenant: &str, seq: u64, changed_at_ms: i64, r: &AssignmentRecord, p: &Progress) -> Item {
    let a = &r.assignment;
    let mut item = key(tenant_pk(tenant), feed_sk(seq));
    item.insert(SEQ.into(), n(seq as i64));
    item.insert(CHANGED_AT_MS.into(), n(changed_at_ms));
    item.insert(INCIDENT_SYS_ID.into(), s(a.incident_sys_id.clone()));
    item.insert(INCIDENT_NUMBER.into(), s(a.incident_number.clone()));
    item.insert(RECORD_TABLE.into(), s(a.incident_table.clone()));
    item.insert(CALLER_SYS_ID.into(), s(r.caller_sys_id.clone()));
    item.insert(LEARNER_ID.into(), s(a.learner_id.clone()));
    item.insert(COURSE_ID.into(), s(a.course_id.clone()));
    item.insert(COURSE_NAME.into(), s(a.course_name.clone()));
    item.insert(ASSIGNED_BY.into(), s(a.assigned_by.clone()));
    for (k, v) in progress_attrs(p) {
        if let Some(v) = v {
            item.insert(k.to_string(), v);
        }
    }
    item
}

pub fn feed_from(item: &Item) -> Result<FeedEntry, StoreError> {
    Ok(FeedEntry {
        seq: get_n(item, SEQ)? as u64,
        changed_at_ms: get_n(item, CHANGED_AT_MS)?,
        incident_sys_id: get_s(item, INCIDENT_SYS_ID)?,
        incident_number: get_s(item, INCIDENT_NUMBER)?,
        incident_table: record_table(item),
        caller_sys_id: get_s(item, CALLER_SYS_ID)?,
        learner_id: get_s(item, LEARNER_ID)?,
        course_id: get_s(item, COURSE_ID)?,
        course_name: get_s(item, COURSE_NAME)?,
        progress: progress_from(item),
        note: opt_s(item, NOTE),
        assigned_by: opt_s(item, ASSIGNED_BY),
    })
}

pub fn incident_meta_item(tenant: &str, i: &Incident) -> Item {
    let mut item = key(tenant_pk(tenant), incident_meta_sk(&i.sys_id));
    item.insert(INCIDENT_SYS_ID.into(), s(i.sys_id.clone()));
    item.insert(INCIDENT_NUMBER.into(), s(i.number.clone()));
    item.insert(RECORD_TABLE.into(), s(i.table.clone()));
    item.insert(CALLER_SYS_ID.into(), s(i.caller_sys_id.clone()));
    item.insert(OPENED_AT.into(), n(i.opened_at));
    if let Some(c) = &i.category {
        item.insert(CATEGORY.into(), s(c.clone()));
    }
    item
}

pub fn incident_meta_from(item: &Item) -> Result<Incident, StoreError> {
    Ok(Incident {
        sys_id: get_s(item, INCIDENT_SYS_ID)?,
        number: get_s(item, INCIDENT_NUMBER)?,
        table: record_table(item),
        caller_sys_id: get_s(item, CALLER_SYS_ID)?,
        opened_at: get_n(item, OPENED_AT)?,
        category: opt_s(item, CATEGORY),
    })
}
