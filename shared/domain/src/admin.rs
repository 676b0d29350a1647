//! The Litmos Account Owner's side: tenants and the ServiceNow key lifecycle.

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::keys::{self, KeyHash};
use crate::litmos_url::LitmosHosts;
use crate::model::*;
use crate::ports::*;
use crate::time::{Clock, Timestamp, rfc3339};
use crate::validate;

pub const DEFAULT_GRACE_SECONDS: i64 = 86_400;
pub const MAX_GRACE_SECONDS: i64 = 604_800;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenantInput {
    pub name: String,
    pub litmos: LitmosInput,
    #[serde(default)]
    pub recommendations: Option<RecommendationSettings>,
    /// "Start course" links for callers: off unless asked for (issue 20.1).
    #[serde(default)]
    pub start_links: Option<crate::start_links::StartLinkSettings>,
}

/// `{"min_sample": 1..1000}` (default 10): assignments each side needs before a course
/// is ranked by what it prevents.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RecommendationSettings {
    pub min_sample: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LitmosInput {
    pub base_url: String,
    pub api_key: String,
    pub source: String,
    /// Litmos e-mails new learners only when the tenant asks (default false).
    #[serde(default)]
    pub send_welcome_email: bool,
}

#[derive(Debug, Serialize)]
pub struct TenantView {
    pub id: String,
    pub name: String,
    pub litmos: LitmosView,
    pub servicenow: ServiceNowStatus,
    pub created_at: String,
    pub updated_at: String,
    /// The last sync: `{"at", "outcome", "error_kind"}`, or null before the first.
    pub last_sync: Option<SyncView>,
    pub recommendations: RecommendationSettings,
    pub start_links: crate::start_links::StartLinkSettings,
}

#[derive(Debug, Serialize)]
pub struct SyncView {
    pub at: String,
    pub outcome: String,
    pub error_kind: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct LitmosView {
    pub base_url: String,
    pub source: String,
    pub api_key_set: bool,
    pub send_welcome_email: bool,
}

#[derive(Debug, Serialize)]
pub struct ServiceNowStatus {
    pub enabled: bool,
    pub activated_at: Option<String>,
    pub instance_url: Option<String>,
    pub last_used_at: Option<String>,
}

impl From<&Tenant> for TenantView {
    fn from(t: &Tenant) -> Self {
        TenantView {
            id: t.id.clone(),
            name: t.name.clone(),
            litmos: LitmosView { base_url: t.litmos.base_url.clone(), source: t.litmos.source.clone(), api_key_set: true, send_welcome_email: t.litmos.send_welcome_email },
            servicenow: ServiceNowStatus {
                enabled: t.servicenow.enabled,
                activated_at: t.servicenow.activated_at.map(rfc3339),
                instance_url: t.servicenow.instance_url.clone(),
                last_used_at: t.servicenow.last_used_at.map(rfc3339),
            },
            created_at: rfc3339(t.created_at),
            updated_at: rfc3339(t.updated_at),
            recommendations: RecommendationSettings { min_sample: t.recommend_min_sample },
            start_links: crate::start_links::StartLinkSettings::from_stored(t.litmos.start_link_days),
            last_sync: t.last_sync.as_ref().map(|s| SyncView { at: rfc3339(s.at), outcome: s.outcome.clone(), error_kind: s.error_kind.clone() }),
        }
    }
}

/// The "enable" answer, and what "click the icon again" shows.
#[derive(Debug, Serialize)]
pub struct ServiceNowKeyView {
    pub enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activated_at: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_url: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<Option<String>>,
}

/// One page of `GET /v1/admin/tenants`.
#[derive(Debug, Serialize)]
pub struct TenantPage {
    pub tenants: Vec<TenantView>,
    pub next_cursor: Option<String>,
}

/// The tenant list's cursor: the last id of the page, hex-encoded so clients treat it
/// as opaque. It carries no secret: the admin may see every tenant anyway.
mod tenant_cursor {
    use crate::{Error, validate};

    pub fn encode(last_id: &str) -> String {
        hex::encode(last_id)
    }

    pub fn decode(cursor: &str) -> Result<String, Error> {
        let bad = || Error::invalid("cursor", "is not a cursor this list gave out");
        let id = hex::decode(cursor).ok().and_then(|b| String::from_utf8(b).ok()).ok_or_else(bad)?;
        validate::tenant_id("cursor", &id).map_err(|_| bad())?;
        Ok(id)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RotateInput {
    pub grace_period_seconds: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct RotateView {
    pub api_key: String,
    pub webhook_url: String,
    pub previous_key_expires_at: String,
}

pub struct Admin<'a> {
    pub tenants: &'a dyn TenantStore,
    pub learners: &'a dyn LearnerStore,
    pub keys: &'a dyn KeyStore,
    pub secrets: &'a dyn SecretStore,
    pub litmos: &'a dyn Litmos,
    pub names: &'a SecretNames,
    pub clock: &'a dyn Clock,
    /// Where a tenant's Litmos API may be (SPEC 3.5).
    pub hosts: &'a LitmosHosts,
}

impl Admin<'_> {
    async fn existing(&self, id: &str) -> Result<Tenant, Error> {
        self.tenants.get_tenant(id).await?.ok_or_else(|| Error::NotFound(format!("No tenant with id '{id}'.")))
    }

    /// Create or update; returns whether it was created. The key is checked against
    /// Litmos before anything is stored, so a refused key changes nothing.
    pub async fn put_tenant(&self, id: &str, input: TenantInput) -> Result<(bool, TenantView), Error> {
        validate::tenant_id("tenant_id", id)?;
        let name = validate::text("name", &input.name, 1, 200)?;
        let base_url = self.hosts.check("litmos.base_url", &input.litmos.base_url)?;
        let api_key = validate::text("litmos.api_key", &input.litmos.api_key, 8, 200)?;
        let source = validate::text("litmos.source", &input.litmos.source, 1, 50)?;
        let links = input.start_links.unwrap_or_default().validate()?;
        let settings = LitmosSettings { base_url, source, send_welcome_email: input.litmos.send_welcome_email, start_link_days: links.stored() };
        let min_sample = match input.recommendations {
            None => crate::recommend::DEFAULT_MIN_SAMPLE,
            Some(r) if (1..=1000).contains(&r.min_sample) => r.min_sample,
            Some(_) => return Err(Error::invalid("recommendations.min_sample", "must be a whole number from 1 to 1000")),
        };
        let acct = settings.account(api_key.clone());
        match self.litmos.check_key(&acct).await {
            Ok(()) => {}
            Err(LitmosError::Unauthorized) => {
                return Err(Error::Unprocessable("Litmos refused this API key. Use the API key of a Litmos Account Owner (Litmos: Account > Integrations).".into()));
            }
            Err(LitmosError::NotFound) => {
                return Err(Error::Unprocessable(format!("Litmos API not found at '{}'. Use the base URL of your Litmos region, e.g. https://api.litmos.com/v1.svc.", settings.base_url)));
            }
            Err(e) => {
                tracing::warn!(error = %e, "litmos key check failed");
                return Err(Error::Upstream("Litmos could not be reached to check the API key. Retry shortly.".into()));
            }
        }
        self.secrets.put_secret(&self.names.litmos_key(id), &api_key).await?;
        let now = self.clock.now();
        let created = self.tenants.put_tenant_profile(id, &name, &settings, min_sample, now).await?;
        let tenant = self.existing(id).await?;
        Ok((created, TenantView::from(&tenant)))
    }

    pub async fn get_tenant(&self, id: &str) -> Result<TenantView, Error> {
        validate::tenant_id("tenant_id", id)?;
        Ok(TenantView::from(&self.existing(id).await?))
    }

    /// The tenants in id order, `limit` 1..=100 (default 50) at a time.
    pub async fn list_tenants(&self, cursor: Option<&str>, limit: Option<&str>, search: Option<&str>) -> Result<TenantPage, Error> {
        let search = search.filter(|s| !s.trim().is_empty()).map(|s| validate::text("search", s, 1, 100).map(|s| s.to_lowercase())).transpose()?;
        let limit = match limit {
            None => 50,
            Some(l) => l.parse::<usize>().ok().filter(|n| (1..=100).contains(n)).ok_or_else(|| Error::invalid("limit", "must be a whole number from 1 to 100"))?,
        };
        let after = cursor.filter(|c| !c.is_empty()).map(tenant_cursor::decode).transpose()?;
        let (tenants, next) = self.tenants.list_tenants(after.as_deref(), limit, search.as_deref()).await?;
        Ok(TenantPage { tenants: tenants.iter().map(TenantView::from).collect(), next_cursor: next.as_deref().map(tenant_cursor::encode) })
    }

    pub async fn delete_tenant(&self, id: &str) -> Result<(), Error> {
        validate::tenant_id("tenant_id", id)?;
        let tenant = self.existing(id).await?;
        // Keys stop working first, then the secrets go, then the data with the tenant
        // item last: a failure half-way leaves a tenant that can be deleted again, never
        // orphaned secrets or a working key.
        let removed = self.keys.disable(&tenant, self.clock.now()).await?;
        self.delete_key_secrets(&tenant.id, &removed).await?;
        self.secrets.delete_secret(&self.names.litmos_key(id)).await?;
        self.tenants.delete_tenant(&tenant).await?;
        Ok(())
    }

    /// The first step of forgetting a caller, done within the request whatever happens
    /// to the rest: their links stop at once (`LearnerStore::cut_caller`).
    pub async fn cut_caller(&self, id: &str, caller_sys_id: &str) -> Result<(), Error> {
        validate::tenant_id("tenant_id", id)?;
        validate::sys_id("caller_sys_id", caller_sys_id)?;
        self.existing(id).await?;
        self.learners.cut_caller(id, caller_sys_id).await?;
        Ok(())
    }

    /// A data-protection request: everything this backend holds about one caller goes
    /// (the Litmos user stays: it is the customer's). 404 when there is nothing. It
    /// follows `cut_caller`, which answered 404 for an unknown tenant, so the tenant is
    /// not read again; a job that runs after its tenant went finds nothing (404).
    pub async fn forget_caller(&self, id: &str, caller_sys_id: &str) -> Result<(), Error> {
        validate::tenant_id("tenant_id", id)?;
        validate::sys_id("caller_sys_id", caller_sys_id)?;
        if !self.learners.forget_caller(id, caller_sys_id).await? {
            return Err(Error::NotFound(format!("Nothing is known about caller {caller_sys_id}.")));
        }
        tracing::info!(tenant = id, "caller forgotten");
        Ok(())
    }

    /// The "enable" checkbox. Idempotent: when enabled already, returns the current key.
    pub async fn enable_servicenow(&self, id: &str) -> Result<(bool, ServiceNowKeyView), Error> {
        validate::tenant_id("tenant_id", id)?;
        let tenant = self.existing(id).await?;
        if tenant.servicenow.enabled {
            return Ok((false, self.current_key_view(&tenant).await?));
        }
        let key = keys::generate();
        let hash = keys::hash(&key);
        let secret = self.names.servicenow_key(id, &hash);
        self.secrets.put_secret(&secret, &key).await?;
        let now = self.clock.now();
        let enabled = self.keys.enable(id, &hash, &keys::hash(&keys::webhook_token(&key)), now).await;
        let enabled = self.unless_failed(enabled, &secret).await?;
        if enabled {
            return Ok((true, key_view(key, now)));
        }
        // Lost a race with another enable: drop our key, show the winner's.
        self.secrets.delete_secret(&secret).await?;
        let tenant = self.existing(id).await?;
        Ok((false, self.current_key_view(&tenant).await?))
    }

    async fn current_key_view(&self, tenant: &Tenant) -> Result<ServiceNowKeyView, Error> {
        let hash = tenant.servicenow.current_key.as_ref().ok_or_else(|| Error::Internal("enabled tenant without a key".into()))?;
        let key = self.secrets.get_secret(&self.names.servicenow_key(&tenant.id, hash)).await?.ok_or_else(|| Error::Internal("current ServiceNow key missing from Secrets Manager".into()))?;
        Ok(key_view(key, tenant.servicenow.key_created_at.unwrap_or(tenant.updated_at)))
    }

    /// "Click the icon again". `public_base` is where this API is reached, for the
    /// webhook URL to paste into Litmos.
    pub async fn get_servicenow(&self, id: &str, public_base: &str) -> Result<ServiceNowKeyView, Error> {
        validate::tenant_id("tenant_id", id)?;
        let tenant = self.existing(id).await?;
        if !tenant.servicenow.enabled {
            return Ok(ServiceNowKeyView { enabled: false, api_key: None, webhook_url: None, created_at: None, activated_at: None, instance_url: None, last_used_at: None });
        }
        let mut view = self.current_key_view(&tenant).await?;
        view.webhook_url = view.api_key.as_deref().map(|k| webhook_url(public_base, id, k));
        view.activated_at = Some(tenant.servicenow.activated_at.map(rfc3339));
        view.instance_url = Some(tenant.servicenow.instance_url.clone());
        view.last_used_at = Some(tenant.servicenow.last_used_at.map(rfc3339));
        Ok(view)
    }

    pub async fn rotate(&self, id: &str, input: RotateInput, public_base: &str) -> Result<RotateView, Error> {
        validate::tenant_id("tenant_id", id)?;
        let grace = input.grace_period_seconds.unwrap_or(DEFAULT_GRACE_SECONDS);
        if !(0..=MAX_GRACE_SECONDS).contains(&grace) {
            return Err(Error::invalid("grace_period_seconds", format!("must be between 0 and {MAX_GRACE_SECONDS}")));
        }
        let tenant = self.existing(id).await?;
        let old = match (&tenant.servicenow.enabled, &tenant.servicenow.current_key) {
            (true, Some(old)) => old.clone(),
            _ => return Err(Error::Conflict("The ServiceNow integration is not enabled for this tenant; enable it first.".into())),
        };
        let key = keys::generate();
        let hash = keys::hash(&key);
        let secret = self.names.servicenow_key(id, &hash);
        self.secrets.put_secret(&secret, &key).await?;
        let now = self.clock.now();
        let expires_at = now + grace;
        // Keys whose grace period has ended are gone: the list stays as short as the
        // keys that can still work, however often the key is rotated.
        let mut live: Vec<KeyHash> = Vec::new();
        for k in &tenant.servicenow.live_keys {
            let keep = if *k == old { grace > 0 } else { self.keys.get_key(k).await?.is_some_and(|r| r.is_live(now)) };
            if keep {
                live.push(k.clone());
            }
        }
        live.push(hash.clone());
        let webhook = keys::hash(&keys::webhook_token(&key));
        // Each rotated-out webhook token keeps its own grace: a second rotation inside
        // the first one's grace period does not cut it.
        let mut previous: Vec<(KeyHash, Timestamp)> = tenant.servicenow.previous_webhooks.iter().filter(|(_, until)| now < *until).cloned().collect();
        if let Some(current) = tenant.servicenow.webhook.clone().filter(|_| grace > 0) {
            previous.push((current, expires_at));
        }
        let rotated = self.keys.rotate(id, &old, &hash, &webhook, expires_at, now, &live, &previous).await;
        if !self.unless_failed(rotated, &secret).await? {
            self.secrets.delete_secret(&secret).await?;
            return Err(Error::Conflict("The key was rotated or disabled by another request; read it again and retry.".into()));
        }
        // The old plaintext no longer needs to be retrievable; its hash keeps working
        // until the grace period ends.
        if let Err(e) = self.secrets.delete_secret(&self.names.servicenow_key(id, &old)).await {
            tracing::warn!(error = %e, key_id = old.key_id(), "could not delete rotated-out key secret");
        }
        Ok(RotateView { webhook_url: webhook_url(public_base, id, &key), api_key: key, previous_key_expires_at: rfc3339(expires_at) })
    }

    /// Cuts every rotated-out key (and webhook token) before its grace period ends; the
    /// current key keeps working. Each stops within the auth cache's TTL.
    pub async fn revoke_previous_keys(&self, id: &str) -> Result<(), Error> {
        validate::tenant_id("tenant_id", id)?;
        for _ in 0..4 {
            let tenant = self.existing(id).await?;
            let current = match (&tenant.servicenow.enabled, &tenant.servicenow.current_key) {
                (true, Some(k)) => k.clone(),
                _ => return Err(Error::Conflict("The ServiceNow integration is not enabled for this tenant, so it has no keys to revoke.".into())),
            };
            if self.keys.revoke_previous(&tenant, &current).await? {
                let revoked: Vec<&KeyHash> = tenant.servicenow.live_keys.iter().filter(|k| **k != current).collect();
                // Rotation deleted their plaintexts already; this only makes sure.
                for k in &revoked {
                    self.secrets.delete_secret(&self.names.servicenow_key(id, k)).await?;
                }
                tracing::info!(tenant = id, revoked = revoked.len(), "previous ServiceNow keys revoked");
                return Ok(());
            }
        }
        Err(Error::Busy("The key kept changing while its predecessors were revoked; retry shortly.".into()))
    }

    pub async fn disable_servicenow(&self, id: &str) -> Result<(), Error> {
        validate::tenant_id("tenant_id", id)?;
        let tenant = self.existing(id).await?;
        let removed = self.keys.disable(&tenant, self.clock.now()).await?;
        self.delete_key_secrets(&tenant.id, &removed).await
    }

    /// A store write that failed after the new key's secret was made: the secret goes
    /// too, so no plaintext of a key that never worked is left behind.
    async fn unless_failed(&self, written: Result<bool, StoreError>, secret: &str) -> Result<bool, Error> {
        match written {
            Ok(done) => Ok(done),
            Err(e) => {
                if let Err(cleanup) = self.secrets.delete_secret(secret).await {
                    tracing::error!(error = %cleanup, "could not delete the secret of a key that was never stored");
                }
                Err(e.into())
            }
        }
    }

    /// The plaintexts of the keys `disable` removed (from the state it re-read, so a
    /// key a racing rotation just made goes too); call once the keys are disabled.
    async fn delete_key_secrets(&self, tenant_id: &str, keys: &[KeyHash]) -> Result<(), Error> {
        for hash in keys {
            self.secrets.delete_secret(&self.names.servicenow_key(tenant_id, hash)).await?;
        }
        Ok(())
    }
}

/// The URL to paste into Litmos (Account Settings > Litmos Features > Webhooks).
pub fn webhook_url(public_base: &str, tenant_id: &str, key: &str) -> String {
    format!("{}/v1/litmos/webhooks/{tenant_id}/{}", public_base.trim_end_matches('/'), keys::webhook_token(key))
}

fn key_view(key: String, created_at: Timestamp) -> ServiceNowKeyView {
    ServiceNowKeyView { enabled: true, api_key: Some(key), webhook_url: None, created_at: Some(rfc3339(created_at)), activated_at: None, instance_url: None, last_used_at: None }
}
