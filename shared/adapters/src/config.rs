//! Runtime configuration, read once at start. A missing or malformed value stops the
//! function with a message naming the variable.

use std::collections::HashMap;

use litmos_domain::litmos_url::LitmosHosts;

#[derive(Clone, Debug)]
pub struct Config {
    pub table_name: String,
    pub secret_prefix: String,
    pub admin_token_secret_id: String,
    pub public_base_url: Option<String>,
    pub auth_cache_ttl_seconds: i64,
    pub catalog_ttl_seconds: i64,
    pub litmos_timeout_ms: u64,
    /// Litmos' API hosts plus `LITMOS_ALLOWED_HOSTS`.
    pub litmos_hosts: LitmosHosts,
    /// The secret that signs feed cursors (SPEC 3.4); only the feed reads it.
    pub cursor_secret_id: Option<String>,
    /// Litmos calls one tenant's progress sync may make per run.
    pub sync_budget: usize,
    /// The FIFO queue tenant syncs wait in (`SYNC_QUEUE_URL`); without one, the
    /// scheduled sync runs the tenants itself, one after another (a stack without SQS).
    pub sync_queue_url: Option<String>,
    /// How long a sync worker may work on one tenant before it saves what it has and
    /// leaves the rest to a follow-up message (`SYNC_SOFT_DEADLINE_SECONDS`).
    pub sync_soft_deadline_seconds: u64,
    /// How long forgetting a caller or deleting a tenant runs inside its request before
    /// it goes on as a job on the sync queue (`INLINE_DELETE_SECONDS`, 0..18: the
    /// request's own deadline is 26 s, and the key cut and the job's record come around it).
    pub inline_delete_seconds: u64,
    /// Served through the edge (CloudFront sends `X-Origin-Verify`, `ORIGIN_VERIFY` is
    /// set): its `X-Edge-Host` names the public host.
    pub behind_edge: bool,
    /// Calls a minute all functions together may make to one Litmos account: the
    /// account's limit times the share this deployment keeps to itself.
    pub litmos_calls_per_minute: u32,
    /// Open the DynamoDB connection during init (`LITMOS_INIT_WARMUP`, default true).
    pub init_warmup: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("environment variable {0} is required")]
    Missing(&'static str),
    #[error("environment variable {0} is malformed: {1}")]
    Malformed(&'static str, String),
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_map(&std::env::vars().collect())
    }

    pub fn from_map(env: &HashMap<String, String>) -> Result<Self, ConfigError> {
        let required = |name: &'static str| env.get(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).ok_or(ConfigError::Missing(name));
        let number = |name: &'static str, default: i64, min: i64, max: i64| -> Result<i64, ConfigError> {
            match env.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
                None => Ok(default),
                Some(v) => v.parse::<i64>().ok().filter(|n| (min..=max).contains(n)).ok_or_else(|| ConfigError::Malformed(name, format!("expected a whole number from {min} to {max}"))),
            }
        };
        let public_base_url = match env.get("PUBLIC_BASE_URL").map(|v| v.trim().trim_end_matches('/')) {
            None | Some("") => None,
            Some(v) if v.starts_with("https://") || v.starts_with("http://") => Some(v.to_string()),
            Some(_) => return Err(ConfigError::Malformed("PUBLIC_BASE_URL", "expected an http(s) URL".into())),
        };
        let litmos_hosts = LitmosHosts::with_extra(env.get("LITMOS_ALLOWED_HOSTS").map(String::as_str).unwrap_or("")).map_err(|e| ConfigError::Malformed("LITMOS_ALLOWED_HOSTS", e))?;
        let secret_prefix = required("SECRET_PREFIX")?.trim_end_matches('/').to_string();
        Ok(Config {
            table_name: required("TABLE_NAME")?,
            secret_prefix,
            admin_token_secret_id: required("ADMIN_TOKEN_SECRET_ID")?,
            public_base_url,
            auth_cache_ttl_seconds: number("AUTH_CACHE_TTL_SECONDS", 5, 0, 300)?,
            catalog_ttl_seconds: number("CATALOG_TTL_SECONDS", 900, 0, 86_400)?,
            litmos_timeout_ms: number("LITMOS_TIMEOUT_MS", 8_000, 100, 25_000)? as u64,
            litmos_hosts,
            cursor_secret_id: env.get("CURSOR_SECRET_ID").map(|v| v.trim().to_string()).filter(|v| !v.is_empty()),
            sync_budget: number("SYNC_LITMOS_BUDGET", 50, 1, 1_000)? as usize,
            sync_queue_url: env.get("SYNC_QUEUE_URL").map(|v| v.trim().to_string()).filter(|v| !v.is_empty()),
            sync_soft_deadline_seconds: number("SYNC_SOFT_DEADLINE_SECONDS", 240, 5, 840)? as u64,
            inline_delete_seconds: number("INLINE_DELETE_SECONDS", 15, 0, 18)? as u64,
            behind_edge: env.get("ORIGIN_VERIFY").is_some_and(|v| !v.trim().is_empty()),
            init_warmup: !matches!(env.get("LITMOS_INIT_WARMUP").map(|v| v.trim().to_ascii_lowercase()).as_deref(), Some("false" | "0" | "no")),
            litmos_calls_per_minute: (number("LITMOS_RATE_LIMIT_PER_MINUTE", 100, 1, 1_000_000)? * number("LITMOS_BUDGET_PERCENT", 80, 1, 100)? / 100).max(1) as u32,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    const BASE: [(&str, &str); 3] = [("TABLE_NAME", "t"), ("SECRET_PREFIX", "litmos-sn/"), ("ADMIN_TOKEN_SECRET_ID", "litmos-sn/admin-token")];

    #[test]
    fn defaults() {
        let c = Config::from_map(&env(&BASE)).unwrap();
        assert_eq!(c.secret_prefix, "litmos-sn");
        assert_eq!((c.auth_cache_ttl_seconds, c.catalog_ttl_seconds, c.litmos_timeout_ms), (5, 900, 8_000));
        assert_eq!(c.public_base_url, None);
        assert_eq!(c.litmos_hosts, LitmosHosts::default());
    }

    #[test]
    fn allowed_litmos_hosts() {
        let mut e = env(&BASE);
        e.insert("LITMOS_ALLOWED_HOSTS".into(), "http://127.0.0.1:*".into());
        let c = Config::from_map(&e).unwrap();
        assert!(c.litmos_hosts.check("u", "http://127.0.0.1:9100/v1.svc").is_ok());
        e.insert("LITMOS_ALLOWED_HOSTS".into(), "http://169.254.169.254".into());
        assert!(Config::from_map(&e).unwrap_err().to_string().contains("LITMOS_ALLOWED_HOSTS"));
    }

    #[test]
    fn missing_and_malformed_values_name_the_variable() {
        let err = Config::from_map(&env(&BASE[1..])).unwrap_err().to_string();
        assert!(err.contains("TABLE_NAME"), "{err}");
        let mut e = env(&BASE);
        e.insert("AUTH_CACHE_TTL_SECONDS".into(), "soon".into());
        assert!(Config::from_map(&e).unwrap_err().to_string().contains("AUTH_CACHE_TTL_SECONDS"));
        e.insert("AUTH_CACHE_TTL_SECONDS".into(), "5".into());
        e.insert("PUBLIC_BASE_URL".into(), "api.example.com".into());
        assert!(Config::from_map(&e).unwrap_err().to_string().contains("PUBLIC_BASE_URL"));
    }
}
