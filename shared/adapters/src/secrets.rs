//! Secrets Manager: tenants' Litmos keys, ServiceNow key plaintexts, the admin token.

use async_trait::async_trait;
use aws_sdk_secretsmanager::Client;
use aws_sdk_secretsmanager::error::{DisplayErrorContext, ProvideErrorMetadata};
use litmos_domain::ports::{SecretStore, StoreError};
use tracing::instrument;

/// Built on first use: many functions never read a secret after start-up, and building
/// an SDK client (TLS set-up included) is a good part of a cold start.
pub struct SecretsManager {
    client: std::sync::OnceLock<Client>,
    sdk: Option<aws_config::SdkConfig>,
}

fn unavailable<E: std::error::Error>(op: &str, e: E) -> StoreError {
    StoreError::Unavailable(format!("secretsmanager {op}: {}", DisplayErrorContext(e)))
}

impl SecretsManager {
    pub fn new(client: Client) -> Self {
        SecretsManager { client: std::sync::OnceLock::from(client), sdk: None }
    }

    /// The client is made from `sdk` when a secret is first read or written.
    pub fn lazy(sdk: &aws_config::SdkConfig) -> Self {
        SecretsManager { client: std::sync::OnceLock::new(), sdk: Some(sdk.clone()) }
    }

    fn client(&self) -> &Client {
        self.client.get_or_init(|| Client::new(self.sdk.as_ref().expect("an SDK config for a lazy client")))
    }
}

#[async_trait]
impl SecretStore for SecretsManager {
    #[instrument(skip_all, fields(secret = name))]
    async fn put_secret(&self, name: &str, value: &str) -> Result<(), StoreError> {
        let created = self.client().create_secret().name(name).secret_string(value).send().await;
        match created {
            Ok(_) => Ok(()),
            Err(e) if e.code() == Some("ResourceExistsException") => {
                self.client().put_secret_value().secret_id(name).secret_string(value).send().await.map_err(|e| unavailable("put", e))?;
                Ok(())
            }
            Err(e) => Err(unavailable("create", e)),
        }
    }

    #[instrument(skip_all, fields(secret = name))]
    async fn get_secret(&self, name: &str) -> Result<Option<String>, StoreError> {
        match self.client().get_secret_value().secret_id(name).send().await {
            Ok(out) => Ok(out.secret_string),
            Err(e) if e.code() == Some("ResourceNotFoundException") => Ok(None),
            Err(e) => Err(unavailable("get", e)),
        }
    }

    #[instrument(skip_all, fields(secret = name))]
    async fn delete_secret(&self, name: &str) -> Result<(), StoreError> {
        match self.client().delete_secret().secret_id(name).force_delete_without_recovery(true).send().await {
            Ok(_) => Ok(()),
            Err(e) if e.code() == Some("ResourceNotFoundException") => Ok(()),
            Err(e) => Err(unavailable("delete", e)),
        }
    }
}
