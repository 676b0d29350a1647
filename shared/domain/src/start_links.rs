//! "Start course" links for the caller (issue 20.1). A link is
//! `<public base>/v1/start/<token>`: 43 random letters and digits (about 256 bits), bound
//! to one tenant (and its generation), learner, course and caller, expiring after the
//! tenant's `expire_days`. Only the token's SHA-256 is stored. Opening it checks that the
//! tenant still has ServiceNow and links on (and had them since the link was made) and
//! that the caller is still linked to the learner, then fetches a fresh Litmos
//! `LoginKey` for the learner (it changes at every use: never stored or logged) and
//! redirects to it.

use rand::Rng;
use rand::distr::Alphanumeric;
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::keys::{self, KeyHash};
use crate::model::{LitmosAccount, Tenant};
use crate::ports::{LearnerStore, Litmos, RateBudget, StartLinkStore, TenantStore};
use crate::time::Timestamp;

pub const TOKEN_LEN: usize = 43;
pub const DEFAULT_EXPIRE_DAYS: u32 = 30;
pub const MAX_EXPIRE_DAYS: u32 = 90;
pub const PATH: &str = "/v1/start/";
/// Opens of one link a minute: each costs a Litmos call, and a leaked link must not
/// be able to spend the account's Litmos budget.
pub const OPENS_PER_MINUTE: u32 = 5;

/// The tenant setting: `{"enabled": false, "expire_days": 30}`.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StartLinkSettings {
    pub enabled: bool,
    #[serde(default = "default_days")]
    pub expire_days: u32,
}

fn default_days() -> u32 {
    DEFAULT_EXPIRE_DAYS
}

impl Default for StartLinkSettings {
    fn default() -> Self {
        StartLinkSettings { enabled: false, expire_days: DEFAULT_EXPIRE_DAYS }
    }
}

impl StartLinkSettings {
    pub fn validate(self) -> Result<Self, Error> {
        if !(1..=MAX_EXPIRE_DAYS).contains(&self.expire_days) {
            return Err(Error::invalid("start_links.expire_days", format!("must be a whole number from 1 to {MAX_EXPIRE_DAYS}")));
        }
        Ok(self)
    }

    /// Stored as one number: the days links last, 0 when they are off.
    pub fn stored(self) -> u32 {
        if self.enabled { self.expire_days } else { 0 }
    }

    pub fn from_stored(days: u32) -> Self {
        if days == 0 { StartLinkSettings::default() } else { StartLinkSettings { enabled: true, expire_days: days } }
    }
}

/// What a link's hash is stored with.
#[derive(Clone, Debug, PartialEq)]
pub struct StartLink {
    pub hash: KeyHash,
    pub tenant_id: String,
    pub generation: String,
    pub learner_id: String,
    pub course_id: String,
    pub caller_sys_id: String,
    pub issued_at: Timestamp,
    pub expires_at: Timestamp,
}

/// One assignment a link is made for.
pub struct LinkFor<'a> {
    pub learner_id: &'a str,
    pub course_id: &'a str,
    pub caller_sys_id: &'a str,
}

pub fn new_token() -> String {
    rand::rng().sample_iter(&Alphanumeric).take(TOKEN_LEN).map(char::from).collect()
}

/// Makes one link per assignment (one batch write) and returns their absolute URLs in
/// order. `public_base` is the deployment's base URL (`PUBLIC_BASE_URL` or the host).
pub async fn mint(store: &dyn StartLinkStore, public_base: &str, tenant_id: &str, generation: &str, days: u32, items: &[LinkFor<'_>], now: Timestamp) -> Result<Vec<String>, Error> {
    let mut links = Vec::with_capacity(items.len());
    let mut urls = Vec::with_capacity(items.len());
    for it in items {
        let token = new_token();
        links.push(StartLink {
            hash: keys::hash(&token),
            tenant_id: tenant_id.to_string(),
            generation: generation.to_string(),
            learner_id: it.learner_id.to_string(),
            course_id: it.course_id.to_string(),
            caller_sys_id: it.caller_sys_id.to_string(),
            issued_at: now,
            expires_at: now + i64::from(days) * 86_400,
        });
        urls.push(format!("{}{PATH}{token}", public_base.trim_end_matches('/')));
    }
    if !links.is_empty() {
        store.put_start_links(&links).await?;
    }
    Ok(urls)
}

/// How opening a link ends.
#[derive(Debug, PartialEq)]
pub enum Opened {
    /// Redirect here (a fresh Litmos LoginKey URL).
    Redirect(String),
    /// Unknown, expired or revoked: the page to show (404 or 410).
    Refused { status: u16, title: &'static str, text: &'static str },
}

const UNKNOWN: Opened = Opened::Refused {
    status: 404,
    title: "This training link is not valid",
    text: "The link may be incomplete or mistyped. Open the e-mail from your support agent again, or ask them to send you a new link.",
};
const EXPIRED: Opened = Opened::Refused {
    status: 410,
    title: "This training link has expired",
    text: "Training links work for a limited time. Sign in to Litmos as usual to find your course, or ask your support agent to send you a new link.",
};
const TOO_MANY: Opened = Opened::Refused { status: 429, title: "This training link was opened too often", text: "Wait a minute, then open it again." };
const REVOKED: Opened = Opened::Refused {
    status: 410,
    title: "This training link no longer works",
    text: "It was withdrawn by your organisation. Sign in to Litmos as usual to find your training, or contact your support team.",
};

pub fn token_shape_ok(token: &str) -> bool {
    token.len() == TOKEN_LEN && token.bytes().all(|c| c.is_ascii_alphanumeric())
}

/// Whether a LoginKey URL may be redirected to: `https` on a Litmos site
/// (`*.litmos.com`, `*.litmoseu.com`, `*.litmos.com.au`), or the same origin as the
/// tenant's (allow-listed) API base URL. Anything else is never followed.
pub fn login_target_ok(login_key: &str, api_base_url: &str) -> bool {
    let Ok(target) = url::Url::parse(login_key) else { return false };
    let litmos_site = target.scheme() == "https" && target.host_str().is_some_and(|h| [".litmos.com", ".litmoseu.com", ".litmos.com.au"].iter().any(|suffix| h.ends_with(suffix)));
    let same_origin = url::Url::parse(api_base_url).is_ok_and(|base| base.origin() == target.origin());
    (litmos_site || same_origin) && target.username().is_empty() && target.password().is_none()
}

pub struct StartLinks<'a> {
    pub links: &'a dyn StartLinkStore,
    pub tenants: &'a dyn TenantStore,
    pub learners: &'a dyn LearnerStore,
    pub litmos: &'a dyn Litmos,
    /// Counts each link's opens per minute (the store behind the Litmos budget).
    pub budget: &'a dyn RateBudget,
}

impl StartLinks<'_> {
    /// Opens a link: every check first, then one Litmos read. `account` loads the
    /// tenant's Litmos account (its key) only when the link holds.
    pub async fn open<F, Fut>(&self, token: &str, now: Timestamp, account: F) -> Result<Opened, Error>
    where
        F: FnOnce(Tenant) -> Fut,
        Fut: std::future::Future<Output = Result<LitmosAccount, Error>>,
    {
        if !token_shape_ok(token) {
            return Ok(UNKNOWN);
        }
        let Some(link) = self.links.get_start_link(&keys::hash(token)).await? else { return Ok(UNKNOWN) };
        if now >= link.expires_at {
            return Ok(EXPIRED);
        }
        // The link's count for this minute beside the reads that decide whether it holds:
        // one round trip, not two in a row.
        let counter = format!("start-link-{}", link.hash.key_id());
        let (allowed, tenant, learner) =
            tokio::join!(self.budget.take(&counter, 1, OPENS_PER_MINUTE, now), self.tenants.get_tenant(&link.tenant_id), self.learners.get_learner(&link.tenant_id, &link.caller_sys_id));
        if !allowed? {
            return Ok(TOO_MANY);
        }
        let Some(tenant) = tenant? else { return Ok(REVOKED) };
        let sn = &tenant.servicenow;
        let links_on = tenant.litmos.start_link_days > 0;
        // Disabling ServiceNow, or turning links off (and on again), cuts every link made before.
        let since = sn.enabled_at.unwrap_or(i64::MIN).max(tenant.start_links_since.unwrap_or(i64::MIN));
        if tenant.generation != link.generation || !sn.enabled || !links_on || link.issued_at < since {
            tracing::info!(tenant = %link.tenant_id, "start link refused: the tenant withdrew it");
            return Ok(REVOKED);
        }
        // Forgetting the caller cuts it too, and so does linking them again afterwards
        // (even to the same Litmos user): the link must be younger than the caller's link.
        let still = learner?.is_some_and(|l| l.id == link.learner_id && l.linked_at <= link.issued_at);
        if !still {
            tracing::info!(tenant = %link.tenant_id, "start link refused: the caller is no longer linked");
            return Ok(REVOKED);
        }
        let base_url = tenant.litmos.base_url.clone();
        let acct = account(tenant).await?;
        let login = self.litmos.login_key(&acct, &link.learner_id).await?;
        if !login_target_ok(&login, &base_url) {
            return Err(Error::Upstream("Litmos answered with a sign-in address that is not a Litmos site.".into()));
        }
        tracing::info!(tenant = %link.tenant_id, learner = %link.learner_id, course = %link.course_id, "start link opened");
        Ok(Opened::Redirect(login))
    }
}

/// The small HTML page of a link that cannot be opened (no script, no external asset).
pub fn page(title: &str, text: &str) -> String {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t}</title></head><body style=\"font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5\">\
         <h1 style=\"font-size: 1.4rem\">{t}</h1><p>{x}</p></body></html>\n",
        t = esc(title),
        x = esc(text)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_43_letters_and_digits_and_differ() {
        let (a, b) = (new_token(), new_token());
        assert!(token_shape_ok(&a) && token_shape_ok(&b));
        assert_ne!(a, b);
        assert!(!token_shape_ok(&a[..42]));
        assert!(!token_shape_ok(&format!("{}-", &a[..42])));
    }

    #[test]
    fn settings_are_bounded_and_stored_as_days() {
        assert!(StartLinkSettings { enabled: true, expire_days: 0 }.validate().is_err());
        assert!(StartLinkSettings { enabled: true, expire_days: 91 }.validate().is_err());
        assert_eq!(StartLinkSettings { enabled: true, expire_days: 90 }.validate().unwrap().stored(), 90);
        assert_eq!(StartLinkSettings { enabled: false, expire_days: 12 }.stored(), 0);
        assert_eq!(StartLinkSettings::from_stored(0), StartLinkSettings::default());
        assert_eq!(StartLinkSettings::from_stored(7), StartLinkSettings { enabled: true, expire_days: 7 });
    }

    #[test]
    fn only_litmos_sites_or_the_api_origin_are_redirect_targets() {
        let api = "https://api.litmos.com/v1.svc";
        assert!(login_target_ok("https://pieshop.litmos.com//login.aspx?loginkey=c6bc7333-6548-44b5-a497-1cebc07775cc", api));
        assert!(login_target_ok("https://acme.litmoseu.com//login.aspx?loginkey=x", api));
        assert!(login_target_ok("https://acme.litmos.com.au//login.aspx?loginkey=x", api));
        assert!(!login_target_ok("http://pieshop.litmos.com//login.aspx?loginkey=x", api), "never plain http to a real site");
        assert!(!login_target_ok("https://litmos.com.evil.example/login", api));
        assert!(!login_target_ok("https://evil.example/?x=.litmos.com", api));
        assert!(!login_target_ok("https://user:pw@pieshop.litmos.com/", api));
        assert!(!login_target_ok("javascript:alert(1)", api));
        assert!(login_target_ok("http://127.0.0.1:9100//login.aspx?loginkey=x", "http://127.0.0.1:9100/v1.svc"));
        assert!(!login_target_ok("http://127.0.0.1:9101//login.aspx?loginkey=x", "http://127.0.0.1:9100/v1.svc"));
    }

    #[test]
    fn the_refusal_page_escapes_and_says_what_to_do() {
        let html = page("A <b>", "x & y");
        assert!(html.contains("<title>A &lt;b&gt;</title>") && html.contains("<p>x &amp; y</p>"));
        assert!(!html.contains("<script"));
    }
}
