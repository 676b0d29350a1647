//! Typed JSON values over the `CacheStore` port: what the catalog, agent, team and
//! progress caches share.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Error;
use crate::ports::CacheStore;
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
