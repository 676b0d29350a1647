//! Who is calling. ServiceNow calls carry a ServiceNow key that decides the tenant;
//! admin calls carry the deployment's admin token. Every failure is the same
//! `Error::Unauthorized`, whatever went wrong.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::Error;
use crate::keys::{self, KeyHash};
use crate::model::{KeyProfile, LitmosAccount, LitmosSettings, Tenant};
use crate::ports::{KeyStore, SecretNames, SecretStore, TenantStore};
use crate::time::{Clock, Timestamp};

const CACHE_CAP: usize = 4096;

/// How often a container records a key's `last_used_at`: a write per request would
/// put a DynamoDB round trip on every call for a date nobody needs to the second.
pub const TOUCH_EVERY_SECONDS: i64 = 60;

/// The tenant a request acts for. It comes only from the key.
#[derive(Clone, Debug)]
pub struct Caller {
    pub tenant_id: String,
    pub key_id: String,
    /// The tenant's profile as the key carries it (None on keys from before keys
    /// carried it).
    pub profile: Option<KeyProfile>,
    /// This request should record the key's use (at most once a minute per key and
    /// container); the caller does it alongside the request's own work.
    pub touch_due: bool,
}

#[derive(Clone, Debug, PartialEq)]
struct Cached {
    tenant_id: String,
    profile: Option<KeyProfile>,
    expires_at: Option<Timestamp>,
    cached_at: Timestamp,
}

/// Maps key hashes to tenants, remembering hits for `ttl` seconds. A cached entry
/// holds exactly one tenant and a miss always reads the store, so the cache can only
/// delay a revocation (by at most `ttl`), never widen access.
pub struct KeyAuthenticator {
    ttl: i64,
    cache: Mutex<HashMap<KeyHash, Cached>>,
    touched: Mutex<HashMap<KeyHash, Timestamp>>,
}

pub fn bearer(header: Option<&str>) -> Option<&str> {
    let v = header?.trim();
    let (scheme, token) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim()).filter(|t| !t.is_empty())
}

impl KeyAuthenticator {
    pub fn new(ttl_seconds: i64) -> Self {
        KeyAuthenticator { ttl: ttl_seconds, cache: Mutex::new(HashMap::new()), touched: Mutex::new(HashMap::new()) }
    }

    /// Whether `last_used_at` is due for this key, and if so, marks it done.
    fn touch_due(&self, hash: &KeyHash, now: Timestamp) -> bool {
        let mut touched = self.touched.lock().expect("touch map poisoned");
        if touched.get(hash).is_some_and(|t| now - t < TOUCH_EVERY_SECONDS) {
            return false;
        }
        if touched.len() >= CACHE_CAP {
            touched.clear();
        }
        touched.insert(hash.clone(), now);
        true
    }

    pub async fn authenticate(&self, keys: &dyn KeyStore, clock: &dyn Clock, authorization: Option<&str>) -> Result<Caller, Error> {
        let hash = bearer(authorization).and_then(keys::parse).ok_or(Error::Unauthorized)?;
        let now = clock.now();
        if let Some(hit) = self.lookup(&hash, now) {
            return Ok(Caller { tenant_id: hit.tenant_id, profile: hit.profile, key_id: hash.key_id().to_string(), touch_due: self.touch_due(&hash, now) });
        }
        let record = keys.get_key(&hash).await?.ok_or_else(|| {
            tracing::info!(key_id = hash.key_id(), "auth failed: unknown key");
            Error::Unauthorized
        })?;
        if !record.hash.ct_eq(&hash) || !record.is_live(now) {
            tracing::info!(key_id = hash.key_id(), tenant = %record.tenant_id, "auth failed: key expired");
            return Err(Error::Unauthorized);
        }
        let mut cache = self.cache.lock().expect("auth cache poisoned");
        if cache.len() >= CACHE_CAP {
            cache.clear();
        }
        cache.insert(hash.clone(), Cached { tenant_id: record.tenant_id.clone(), profile: record.profile.clone(), expires_at: record.expires_at, cached_at: now });
        drop(cache);
        Ok(Caller { tenant_id: record.tenant_id, profile: record.profile, key_id: hash.key_id().to_string(), touch_due: self.touch_due(&hash, now) })
    }

    fn lookup(&self, hash: &KeyHash, now: Timestamp) -> Option<Cached> {
        let mut cache = self.cache.lock().expect("auth cache poisoned");
        let hit = cache.get(hash)?;
        if now - hit.cached_at >= self.ttl || hit.expires_at.is_some_and(|t| now >= t) {
            cache.remove(hash);
            return None;
        }
        Some(hit.clone())
    }
}

/// Checks the admin bearer token against the one in Secrets Manager, re-reading the
/// secret at most every `ttl` seconds so a rotated token takes effect.
pub struct AdminAuthenticator {
    secret_id: String,
    ttl: i64,
    cached: Mutex<Option<(String, Timestamp)>>,
}

impl AdminAuthenticator {
    pub fn new(secret_id: String, ttl_seconds: i64) -> Self {
        AdminAuthenticator { secret_id, ttl: ttl_seconds, cached: Mutex::new(None) }
    }

    pub async fn authenticate(&self, secrets: &dyn SecretStore, clock: &dyn Clock, authorization: Option<&str>) -> Result<(), Error> {
        let given = bearer(authorization).ok_or(Error::Unauthorized)?;
        let now = clock.now();
        let cached = self.cached.lock().expect("admin cache poisoned").clone().filter(|(_, at)| now - at < self.ttl);
        let expected = match cached {
            Some((token, _)) => token,
            None => {
                let token = secrets.get_secret(&self.secret_id).await?.ok_or_else(|| Error::Internal("admin token secret is missing".into()))?;
                *self.cached.lock().expect("admin cache poisoned") = Some((token.clone(), now));
                token
            }
        };
        keys::token_matches(given, &expected).then_some(()).ok_or_else(|| {
            tracing::info!("admin auth failed");
            Error::Unauthorized
        })
    }
}

/// A tenant's Litmos account (settings and API key) for the requests of one container.
/// The settings come with the caller's key (or from the tenant, re-read at most every
/// `ttl`); the API key is read from Secrets Manager once per profile version, so a
/// container reads it again only after the tenant changed (issue 8), or after
/// `API_KEY_MAX_AGE_SECONDS` (a put-tenant that stored the secret but failed before it
/// moved the version must not leave a container on the old key for good). Put-tenant
/// writes the secret before it moves the version, so a version read is never older
/// than the secret fetched for it.
pub struct AccountCache {
    ttl: i64,
    tenants: Mutex<HashMap<String, (Tenant, Timestamp)>>,
    /// Per tenant id: the generation and profile version the key was read for.
    api_keys: Mutex<HashMap<String, (String, i64, String, Timestamp)>>,
}

pub const API_KEY_MAX_AGE_SECONDS: i64 = 900;

impl AccountCache {
    pub fn new(ttl_seconds: i64) -> Self {
        AccountCache { ttl: ttl_seconds, tenants: Mutex::new(HashMap::new()), api_keys: Mutex::new(HashMap::new()) }
    }

    /// The account of a ServiceNow caller: from the profile its key carries, without
    /// reading the tenant.
    pub async fn for_caller(&self, tenants: &dyn TenantStore, secrets: &dyn SecretStore, names: &SecretNames, clock: &dyn Clock, caller: &Caller) -> Result<(LitmosSettings, LitmosAccount), Error> {
        let profile = match &caller.profile {
            Some(p) => p.clone(),
            None => {
                let tenant = self.tenant(tenants, clock, &caller.tenant_id).await?;
                KeyProfile { litmos: tenant.litmos, version: tenant.profile_version, generation: tenant.generation }
            }
        };
        let api_key = self.api_key(secrets, names, clock, &caller.tenant_id, &profile.generation, profile.version).await?;
        let acct = profile.litmos.account(api_key);
        Ok((profile.litmos, acct))
    }

    /// The tenant and its account, for work no key comes with (webhooks, syncs).
    pub async fn load(&self, tenants: &dyn TenantStore, secrets: &dyn SecretStore, names: &SecretNames, clock: &dyn Clock, tenant_id: &str) -> Result<(Tenant, LitmosAccount), Error> {
        let tenant = self.tenant(tenants, clock, tenant_id).await?;
        let api_key = self.api_key(secrets, names, clock, tenant_id, &tenant.generation, tenant.profile_version).await?;
        let acct = tenant.litmos.account(api_key);
        Ok((tenant, acct))
    }

    async fn tenant(&self, tenants: &dyn TenantStore, clock: &dyn Clock, tenant_id: &str) -> Result<Tenant, Error> {
        let now = clock.now();
        if let Some((t, at)) = self.tenants.lock().expect("tenant cache poisoned").get(tenant_id)
            && now - at < self.ttl
        {
            return Ok(t.clone());
        }
        // A live key whose tenant is gone is a deleted tenant: same 401 as a bad key.
        let tenant = tenants.get_tenant(tenant_id).await?.ok_or(Error::Unauthorized)?;
        if !tenant.servicenow.enabled {
            return Err(Error::Unauthorized);
        }
        let mut cache = self.tenants.lock().expect("tenant cache poisoned");
        if cache.len() >= CACHE_CAP {
            cache.clear();
        }
        cache.insert(tenant_id.to_string(), (tenant.clone(), now));
        Ok(tenant)
    }

    /// Keyed by the tenant's generation as well as its version: a tenant deleted and
    /// created again under the same id starts at version 1 again, but never with the
    /// same generation, so a container never uses the deleted tenant's key for it.
    async fn api_key(&self, secrets: &dyn SecretStore, names: &SecretNames, clock: &dyn Clock, tenant_id: &str, generation: &str, version: i64) -> Result<String, Error> {
        let now = clock.now();
        if let Some((g, v, key, at)) = self.api_keys.lock().expect("api key cache poisoned").get(tenant_id)
            && g == generation
            && *v == version
            && now - at < API_KEY_MAX_AGE_SECONDS
        {
            return Ok(key.clone());
        }
        let key = secrets.get_secret(&names.litmos_key(tenant_id)).await?.ok_or_else(|| Error::Internal("tenant's Litmos key missing from Secrets Manager".into()))?;
        let mut cache = self.api_keys.lock().expect("api key cache poisoned");
        if cache.len() >= CACHE_CAP {
            cache.clear();
        }
        cache.insert(tenant_id.to_string(), (generation.to_string(), version, key.clone(), now));
        Ok(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_parsing() {
        assert_eq!(bearer(Some("Bearer abc")), Some("abc"));
        assert_eq!(bearer(Some("bearer   abc ")), Some("abc"));
        assert_eq!(bearer(Some("Basic abc")), None);
        assert_eq!(bearer(Some("Bearer ")), None);
        assert_eq!(bearer(None), None);
    }

    #[test]
    fn cache_expires_after_ttl_and_at_key_expiry() {
        let a = KeyAuthenticator::new(5);
        let h = keys::hash("x");
        a.cache.lock().unwrap().insert(h.clone(), Cached { tenant_id: "t1".into(), profile: None, expires_at: Some(1_003), cached_at: 1_000 });
        assert_eq!(a.lookup(&h, 1_002).map(|c| c.tenant_id).as_deref(), Some("t1"));
        assert_eq!(a.lookup(&h, 1_003), None, "key expiry wins over cache TTL");
        a.cache.lock().unwrap().insert(h.clone(), Cached { tenant_id: "t1".into(), profile: None, expires_at: None, cached_at: 1_000 });
        assert_eq!(a.lookup(&h, 1_004).map(|c| c.tenant_id).as_deref(), Some("t1"));
        assert_eq!(a.lookup(&h, 1_005), None, "TTL bounds how long a revoked key works");
    }

    #[test]
    fn last_use_is_due_once_a_minute_per_key() {
        let a = KeyAuthenticator::new(5);
        let (k1, k2) = (keys::hash("one"), keys::hash("two"));
        assert!(a.touch_due(&k1, 1_000));
        assert!(!a.touch_due(&k1, 1_001), "a second request in the same minute writes nothing");
        assert!(!a.touch_due(&k1, 1_059));
        assert!(a.touch_due(&k2, 1_001), "per key");
        assert!(a.touch_due(&k1, 1_060), "a minute later, again");
    }
}
