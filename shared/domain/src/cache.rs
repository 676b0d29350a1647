//! Typed JSON values over the `CacheStore` port: what the catalog, agent, team and
//! progress caches share.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Error;
use crate::ports::{BlobRead, CacheStore};
use crate::time::Clock;

/// A cached value that is younger than `ttl`, or (second) one that is older: a stale
/// copy can still answer when Litmos fails.
pub struct Lookup<T> {
    pub fresh: Option<T>,
    pub stale: Option<T>,
}

pub async fn read<T: DeserializeOwned>(cache: &dyn CacheStore, clock: &dyn Clock, tenant: &str, name: &str, ttl: i64) -> Result<Lookup<T>, Error> {
    let Some(blob) = cache.get_blob(tenant, name).await? else { return Ok(Lookup { fresh: None, stale: None }) };
    let value: Option<T> = serde_json::from_slice(&blob.bytes).ok();
    Ok(if clock.now() - blob.fetched_at < ttl { Lookup { fresh: value, stale: None } } else { Lookup { fresh: None, stale: value } })
}

/// Best effort: a failed write only means the next request asks Litmos again.
pub async fn write<T: Serialize>(cache: &dyn CacheStore, clock: &dyn Clock, tenant: &str, name: &str, value: &T, ttl: i64) {
    let bytes = serde_json::to_vec(value).expect("serializable");
    if let Err(e) = cache.put_blob(tenant, name, &bytes, clock.now(), ttl).await {
        tracing::warn!(error = %e, cache = name, "could not write the cache; next request asks Litmos again");
    }
}

/// Decoded copies of cached values, kept per container and keyed by the blob's
/// generation: a warm container reads only the small head item and decodes nothing
/// while the blob is unchanged. Safe under concurrent requests.
#[derive(Default)]
pub struct Memo {
    entries: Mutex<HashMap<String, MemoEntry>>,
}

#[derive(Clone)]
struct MemoEntry {
    generation: String,
    fetched_at: crate::time::Timestamp,
    /// When the store last confirmed this generation (real time, not the clock port).
    confirmed: std::time::Instant,
    value: Arc<dyn Any + Send + Sync>,
}

const MEMO_CAP: usize = 256;
/// Within this, a confirmed copy is used without even reading the head item: another
/// container's refresh shows here at most this late.
const RECHECK_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

/// `read`, through `memo`: the same answers, without reading or decoding a blob the
/// container already holds.
pub async fn read_memo<T: DeserializeOwned + Send + Sync + 'static>(cache: &dyn CacheStore, memo: &Memo, clock: &dyn Clock, tenant: &str, name: &str, ttl: i64) -> Result<Lookup<Arc<T>>, Error> {
    let slot = format!("{tenant}\u{0}{name}");
    let held = memo.entries.lock().expect("memo poisoned").get(&slot).cloned();
    let held = held.and_then(|e| e.value.clone().downcast::<T>().ok().map(|v| (e, v)));
    let (value, fetched_at): (Arc<T>, _) = match held {
        Some((entry, value)) if entry.confirmed.elapsed() < RECHECK_AFTER => (value, entry.fetched_at),
        Some((entry, value)) => match cache.get_blob_unless(tenant, name, &entry.generation).await? {
            BlobRead::Absent => {
                memo.entries.lock().expect("memo poisoned").remove(&slot);
                return Ok(Lookup { fresh: None, stale: None });
            }
            BlobRead::Unchanged { fetched_at } => {
                remember(memo, slot, entry.generation, fetched_at, value.clone());
                (value, fetched_at)
            }
            BlobRead::Changed(blob) => match serde_json::from_slice::<T>(&blob.bytes) {
                Ok(v) => (remember(memo, slot, blob.generation, blob.fetched_at, Arc::new(v)), blob.fetched_at),
                Err(_) => return Ok(Lookup { fresh: None, stale: None }),
            },
        },
        None => match cache.get_blob(tenant, name).await? {
            None => return Ok(Lookup { fresh: None, stale: None }),
            Some(blob) => match serde_json::from_slice::<T>(&blob.bytes) {
                Ok(v) => (remember(memo, slot, blob.generation, blob.fetched_at, Arc::new(v)), blob.fetched_at),
                Err(_) => return Ok(Lookup { fresh: None, stale: None }),
            },
        },
    };
    Ok(if clock.now() - fetched_at < ttl { Lookup { fresh: Some(value), stale: None } } else { Lookup { fresh: None, stale: Some(value) } })
}

/// `write`, and this container's copy is dropped so its next read sees the new one.
pub async fn write_memo<T: Serialize>(cache: &dyn CacheStore, memo: &Memo, clock: &dyn Clock, tenant: &str, name: &str, value: &T, ttl: i64) {
    write(cache, clock, tenant, name, value, ttl).await;
    memo.entries.lock().expect("memo poisoned").remove(&format!("{tenant}\u{0}{name}"));
}

fn remember<T: Send + Sync + 'static>(memo: &Memo, slot: String, generation: String, fetched_at: crate::time::Timestamp, value: Arc<T>) -> Arc<T> {
    let mut entries = memo.entries.lock().expect("memo poisoned");
    if entries.len() >= MEMO_CAP {
        entries.clear();
    }
    entries.insert(slot, MemoEntry { generation, fetched_at, confirmed: std::time::Instant::now(), value: value.clone() });
    value
}
