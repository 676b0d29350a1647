//! Counts the assignment records made before the report's rollups existed (issue 19.3),
//! tenant by tenant; each tenant's reports read rollups once its records are counted.
//! Safe beside live traffic and safe to run again (a record is counted once).
//!
//! `TABLE_NAME=<the stack's table> backfill-rollups [tenant id ...]` with the usual AWS
//! credentials and region; with no tenant ids, every tenant.

use litmos_adapters::DynamoStore;
use litmos_domain::ports::TenantStore;

#[tokio::main]
async fn main() {
    let Ok(table) = std::env::var("TABLE_NAME") else {
        eprintln!("backfill-rollups: set TABLE_NAME to the stack's DynamoDB table");
        std::process::exit(2);
    };
    let store = DynamoStore::new(aws_sdk_dynamodb::Client::new(&litmos_adapters::aws::sdk_config().await), table);
    let mut tenants: Vec<String> = std::env::args().skip(1).collect();
    if tenants.is_empty() {
        let mut after = None;
        loop {
            let (page, next) = store.list_tenants(after.as_deref(), 100, None).await.unwrap_or_else(|e| fail(&format!("listing tenants: {e}")));
            tenants.extend(page.into_iter().map(|t| t.id));
            match next {
                Some(n) => after = Some(n),
                None => break,
            }
        }
    }
    println!("backfill-rollups: {} tenant(s)", tenants.len());
    for (i, tenant) in tenants.iter().enumerate() {
        let counted = store
            .backfill_rollups(tenant, &mut |seen, counted| eprintln!("  {tenant}: {seen} records looked at, {counted} counted"))
            .await
            .unwrap_or_else(|e| fail(&format!("tenant {tenant}: {e} (run again: what was counted stays counted once)")));
        match counted {
            Some(counted) => println!("[{}/{}] {tenant}: {counted} records counted; its reports read rollups", i + 1, tenants.len()),
            None => fail(&format!("tenant {tenant}: no such tenant")),
        }
    }
}

fn fail(why: &str) -> ! {
    eprintln!("backfill-rollups: {why}");
    std::process::exit(1);
}
