//! Tests live in tests/; the benches in src/bin share this.

pub mod dynamo_wire;
pub mod share_sim;

/// Points the AWS SDK of this process at the moto `make bench` started (MOTO_ENDPOINT),
/// with dummy credentials, and returns its address.
pub fn use_bench_moto() -> String {
    let endpoint = std::env::var("MOTO_ENDPOINT").expect("MOTO_ENDPOINT: run `make bench`");
    // SAFETY: called first thing in main, before any thread reads the environment.
    unsafe {
        std::env::set_var("AWS_ENDPOINT_URL", &endpoint);
        std::env::set_var("AWS_REGION", "us-east-1");
        std::env::set_var("AWS_ACCESS_KEY_ID", "bench");
        std::env::set_var("AWS_SECRET_ACCESS_KEY", "bench");
    }
    endpoint
}

/// A store on a fresh table of the bench's moto (after `use_bench_moto`). moto reads a
/// large partition in Python: far slower than DynamoDB, so the production timeouts (8 s
/// per operation) would cut a bench short; these allow 5 minutes.
pub async fn bench_store(name: &str) -> litmos_adapters::DynamoStore {
    let sdk = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .timeout_config(aws_config::timeout::TimeoutConfig::builder().operation_timeout(std::time::Duration::from_secs(300)).operation_attempt_timeout(std::time::Duration::from_secs(300)).build())
        .load()
        .await;
    let client = aws_sdk_dynamodb::Client::new(&sdk);
    let table = format!("{name}-{:x}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64);
    litmos_adapters::dynamo::ensure_table(&client, &table).await.unwrap();
    litmos_adapters::DynamoStore::new(client, table)
}
