//! Everything a function builds once per container: configuration, SDK clients, the
//! Litmos HTTP client and the short-lived caches.

use std::time::Duration;

use lambda_http::Request;
use litmos_adapters::{Config, DynamoStore, LitmosClient, SecretsManager};
use litmos_domain::Error;
use litmos_domain::admin::Admin;
use litmos_domain::auth::{AccountCache, AdminAuthenticator, Caller, KeyAuthenticator};
use litmos_domain::model::{LitmosAccount, LitmosSettings};
use litmos_domain::ports::{SecretNames, SecretStore};
use litmos_domain::time::{Clock, SystemClock};

use crate::http::header;

pub struct AppState {
    pub config: Config,
    pub store: DynamoStore,
    pub secrets: SecretsManager,
    pub litmos: LitmosClient,
    /// The same client for the progress sync: it spends only its share of the budget.
    pub litmos_background: LitmosClient,
    pub names: SecretNames,
    pub clock: Box<dyn Clock>,
    pub keys: KeyAuthenticator,
    pub admin: AdminAuthenticator,
    pub accounts: AccountCache,
    /// The feed's cursor-signing secret, read once per container when first needed.
    cursor_secret: tokio::sync::OnceCell<Vec<u8>>,
    /// The decoded course catalog, per tenant and cache generation.
    pub catalog_memo: litmos_domain::cache::Memo,
    /// Where tenant syncs are queued (`SYNC_QUEUE_URL`); made on first use.
    sync_queue: std::sync::OnceLock<Option<litmos_adapters::SqsSyncQueue>>,
    sdk: aws_config::SdkConfig,
}

impl AppState {
    pub async fn from_env() -> Result<Self, litmos_adapters::config::ConfigError> {
        let started = std::time::Instant::now();
        let config = Config::from_env()?;
        let config_done = started.elapsed();
        let sdk = litmos_adapters::aws::sdk_config().await;
        let sdk_done = started.elapsed();
        let state = Self::new(config, &sdk, Box::new(SystemClock));
        // Where init goes (`RUST_LOG=litmos_api=debug`). The clients are almost all the
        // DynamoDB client: Secrets Manager's and the Litmos HTTP client are made at first use.
        tracing::debug!(
            config_us = config_done.as_micros() as u64,
            sdk_config_us = (sdk_done - config_done).as_micros() as u64,
            clients_us = (started.elapsed() - sdk_done).as_micros() as u64,
            "init"
        );
        Ok(state)
    }

    pub fn new(config: Config, sdk: &aws_config::SdkConfig, clock: Box<dyn Clock>) -> Self {
        let store = DynamoStore::new(aws_sdk_dynamodb::Client::new(sdk), config.table_name.clone());
        let secrets = SecretsManager::lazy(sdk);
        // The same client (one connection pool), held where the Litmos client can share it.
        let budget = std::sync::Arc::new(DynamoStore::new(store.client().clone(), config.table_name.clone()));
        let litmos = LitmosClient::new(Duration::from_millis(config.litmos_timeout_ms), config.litmos_hosts.clone()).with_budget(budget, config.litmos_calls_per_minute);
        let litmos_background = litmos.background();
        AppState {
            names: SecretNames { prefix: config.secret_prefix.clone() },
            keys: KeyAuthenticator::new(config.auth_cache_ttl_seconds),
            admin: AdminAuthenticator::new(config.admin_token_secret_id.clone(), config.auth_cache_ttl_seconds.max(1)),
            accounts: AccountCache::new(config.auth_cache_ttl_seconds),
            cursor_secret: tokio::sync::OnceCell::new(),
            catalog_memo: Default::default(),
            sync_queue: std::sync::OnceLock::new(),
            sdk: sdk.clone(),
            config,
            store,
            secrets,
            litmos,
            litmos_background,
            clock,
        }
    }

    /// The sync queue, when this deployment has one.
    pub fn sync_queue(&self) -> Option<&litmos_adapters::SqsSyncQueue> {
        self.sync_queue.get_or_init(|| self.config.sync_queue_url.clone().map(|url| litmos_adapters::SqsSyncQueue::new(aws_sdk_sqs::Client::new(&self.sdk), url))).as_ref()
    }

    pub fn admin_service(&self) -> Admin<'_> {
        Admin {
            tenants: &self.store,
            learners: &self.store,
            keys: &self.store,
            secrets: &self.secrets,
            litmos: &self.litmos,
            names: &self.names,
            clock: self.clock.as_ref(),
            hosts: &self.config.litmos_hosts,
        }
    }

    /// The base of the URLs this API shows (endpoints, webhook URL, start links, jobs).
    pub fn public_base(&self, req: &Request) -> String {
        crate::http::base_url(req, self.config.public_base_url.as_deref(), self.config.behind_edge)
    }

    pub async fn require_admin(&self, req: &Request) -> Result<(), Error> {
        self.admin.authenticate(&self.secrets, self.clock.as_ref(), header(req, "authorization").as_deref()).await
    }

    /// The tenant this ServiceNow request acts for; it comes only from the key.
    pub async fn require_servicenow(&self, req: &Request) -> Result<Caller, Error> {
        self.keys.authenticate(&self.store, self.clock.as_ref(), header(req, "authorization").as_deref()).await
    }

    pub async fn cursor_secret(&self) -> Result<Vec<u8>, Error> {
        let id = self.config.cursor_secret_id.clone().ok_or_else(|| Error::Internal("CURSOR_SECRET_ID is not set for this function".into()))?;
        self.cursor_secret
            .get_or_try_init(|| async {
                let v = self.secrets.get_secret(&id).await?.ok_or_else(|| Error::Internal("the cursor secret is missing from Secrets Manager".into()))?;
                Ok::<_, Error>(v.into_bytes())
            })
            .await
            .cloned()
    }

    /// The caller's Litmos settings and account: from its key's profile, with the API
    /// key cached until the tenant changes.
    pub async fn account(&self, caller: &Caller) -> Result<(LitmosSettings, LitmosAccount), Error> {
        self.accounts.for_caller(&self.store, &self.secrets, &self.names, self.clock.as_ref(), caller).await
    }
}
