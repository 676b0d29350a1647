//! The single table's key layout and attribute names, and item conversions. Nothing
//! outside this module spells an attribute name.
//!
//! | item                    | pk                | sk                                   |
//! |-------------------------|-------------------|--------------------------------------|
//! | tenant                  | `TENANT#<id>`     | `META`                               |
//! | ServiceNow key          | `KEY#<sha256>`    | `KEY`                                |
//! | caller -> learner link  | `TENANT#<id>`     | `CALLER#<sys_id>`                    |
//! | learner -> caller link  | `TENANT#<id>`     | `LEARNER#<litmos user id>`           |
//! | assignment              | `TENANT#<id>`     | `ASSIGN#<learner>#<course>`          |
//! | incident link           | `TENANT#<id>`     | `INCIDENT#<sys_id>#<learner>#<course>` |
//! | idempotency record      | `TENANT#<id>`     | `IDEM#<key>`                         |
//! | cache head / chunk      | `TENANT#<id>`     | `CACHE#<name>` / `CACHE#<name>#<gen>#<n>` |
//!
//! Everything a tenant owns shares its partition, so deleting a tenant is one query
//! plus deletes; keys live in their own partitions so auth is one GetItem by hash.

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
pub const KEY_SK: &str = "KEY";

// Tenant attributes.
pub const NAME: &str = "name";
pub const BASE_URL: &str = "base_url";
pub const SOURCE: &str = "source";
pub const CREATED_AT: &str = "created_at";
pub const UPDATED_AT: &str = "updated_at";
pub const SN_ENABLED: &str = "sn_enabled";
pub const SN_KEY: &str = "sn_key";
pub const SN_KEY_CREATED_AT: &str = "sn_key_created_at";
pub const SN_ACTIVATED_AT: &str = "sn_activated_at";
pub const SN_INSTANCE_URL: &str = "sn_instance_url";
pub const SN_LAST_USED_AT: &str = "sn_last_used_at";
pub const SN_LIVE_KEYS: &str = "sn_live_keys";

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

pub fn tenant_from(item: &Item) -> Result<Tenant, StoreError> {
    let id = get_s(item, PK)?.strip_prefix("TENANT#").map(str::to_string).ok_or_else(|| corrupt(PK))?;
    let live_keys = item
        .get(SN_LIVE_KEYS)
        .and_then(|v| v.as_l().ok())
        .map(|l| l.iter().filter_map(|v| v.as_s().ok()).map(|h| KeyHash(h.clone())).collect())
        .unwrap_or_default();
    Ok(Tenant {
        id,
        name: get_s(item, NAME)?,
        litmos: LitmosSettings { base_url: get_s(item, BASE_URL)?, source: get_s(item, SOURCE)? },
        created_at: get_n(item, CREATED_AT)?,
        updated_at: get_n(item, UPDATED_AT)?,
        servicenow: ServiceNowState {
            enabled: opt_bool(item, SN_ENABLED),
            current_key: opt_s(item, SN_KEY).map(KeyHash),
            key_created_at: opt_n(item, SN_KEY_CREATED_AT),
            activated_at: opt_n(item, SN_ACTIVATED_AT),
            instance_url: opt_s(item, SN_INSTANCE_URL),
            last_used_at: opt_n(item, SN_LAST_USED_AT),
            live_keys,
        },
    })
}

pub fn key_item(tenant_id: &str, hash: &KeyHash, now: Timestamp) -> Item {
    let mut item = key(key_pk(hash), KEY_SK);
    item.insert(TENANT_ID.into(), s(tenant_id));
    item.insert(KEY_HASH.into(), s(hash.0.clone()));
    item.insert(CREATED_AT.into(), n(now));
    item
}

pub fn key_from(item: &Item) -> Result<KeyRecord, StoreError> {
    Ok(KeyRecord {
        hash: KeyHash(get_s(item, KEY_HASH)?),
        tenant_id: get_s(item, TENANT_ID)?,
        created_at: get_n(item, CREATED_AT)?,
        expires_at: opt_n(item, KEY_EXPIRES_AT),
    })
}
