//! `dev-bootstrap`: prepares the local stack the way a deployment is prepared: the
//! table (as `template.yaml` declares it), the admin token and feed cursor secrets, and a demo tenant
//! whose Litmos account is the local double, with ServiceNow enabled.
//!
//! Prints `ADMIN_TOKEN=...`, `DEMO_TENANT=...` and `DEMO_SERVICENOW_KEY=...` lines on
//! stdout for the calling script; progress goes to stderr.

use std::process::ExitCode;

use litmos_adapters::{Config, DynamoStore, LitmosClient, SecretsManager};
use litmos_domain::admin::{Admin, LitmosInput, TenantInput};
use litmos_domain::ports::{SecretNames, SecretStore};
use litmos_domain::time::SystemClock;

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).ok().filter(|v| !v.is_empty()).unwrap_or_else(|| default.to_string())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dev-bootstrap: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
    let sdk = litmos_adapters::aws::sdk_config().await;
    let dynamo = aws_sdk_dynamodb::Client::new(&sdk);
    let secrets = SecretsManager::new(aws_sdk_secretsmanager::Client::new(&sdk));

    eprintln!("bootstrap: table {}", config.table_name);
    litmos_adapters::dynamo::ensure_table(&dynamo, &config.table_name).await.map_err(|e| e.to_string())?;

    let token = match std::env::var("DEV_ADMIN_TOKEN").ok().filter(|v| !v.is_empty()) {
        Some(t) => t,
        None => format!("adm_{}", &litmos_domain::keys::generate()[4..]),
    };
    eprintln!("bootstrap: admin token secret {}", config.admin_token_secret_id);
    secrets.put_secret(&config.admin_token_secret_id, &token).await.map_err(|e| e.to_string())?;

    // What the template's CursorSecret generates: the key that signs feed cursors.
    if let Some(id) = &config.cursor_secret_id
        && secrets.get_secret(id).await.map_err(|e| e.to_string())?.is_none()
    {
        eprintln!("bootstrap: feed cursor secret {id}");
        secrets.put_secret(id, &litmos_domain::keys::generate()[4..]).await.map_err(|e| e.to_string())?;
    }

    // What the template's SyncQueue is: a FIFO queue for one sync message per tenant.
    let sqs = aws_sdk_sqs::Client::new(&sdk);
    let queue = sqs
        .create_queue()
        .queue_name(format!("{}-sync.fifo", config.table_name))
        .attributes(aws_sdk_sqs::types::QueueAttributeName::FifoQueue, "true")
        .attributes(aws_sdk_sqs::types::QueueAttributeName::VisibilityTimeout, "60")
        .send()
        .await
        .map_err(|e| format!("creating the sync queue: {}", aws_sdk_sqs::error::DisplayErrorContext(e)))?;
    let queue_url = queue.queue_url.unwrap_or_default();
    eprintln!("bootstrap: sync queue {queue_url}");

    let store = DynamoStore::new(dynamo, config.table_name.clone());
    let litmos = LitmosClient::new(std::time::Duration::from_millis(config.litmos_timeout_ms), config.litmos_hosts.clone());
    let names = SecretNames { prefix: config.secret_prefix.clone() };
    let admin = Admin { tenants: &store, learners: &store, keys: &store, secrets: &secrets, litmos: &litmos, names: &names, clock: &SystemClock, hosts: &config.litmos_hosts };

    let tenant = env_or("DEMO_TENANT", "demo");
    let input = TenantInput {
        name: env_or("DEMO_TENANT_NAME", "Pie Shop (demo)"),
        litmos: LitmosInput {
            base_url: env_or("DEMO_LITMOS_BASE_URL", "http://127.0.0.1:9100/v1.svc"),
            api_key: env_or("DEMO_LITMOS_API_KEY", "demo-litmos-key"),
            source: env_or("DEMO_LITMOS_SOURCE", "servicenow-dev"),
            send_welcome_email: false,
        },
        recommendations: None,
        start_links: None,
    };
    eprintln!("bootstrap: demo tenant '{tenant}' against {}", input.litmos.base_url);
    admin.put_tenant(&tenant, input).await.map_err(|e| format!("creating the demo tenant: {e}"))?;
    let (_, key) = admin.enable_servicenow(&tenant).await.map_err(|e| format!("enabling ServiceNow: {e}"))?;

    println!("SYNC_QUEUE_URL={queue_url}");
    println!("ADMIN_TOKEN={token}");
    println!("DEMO_TENANT={tenant}");
    println!("DEMO_SERVICENOW_KEY={}", key.api_key.unwrap_or_default());
    Ok(())
}
