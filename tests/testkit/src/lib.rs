//! Helpers for tests that run the real AWS SDK against moto.
//!
//! `MOTO_ENDPOINT` (set by `make test`) names a running moto; without it the first test
//! starts moto (`infra/moto_server.py`, one request at a time) on a free port, bounded by `timeout` so it cannot
//! outlive the test run by long.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use aws_config::BehaviorVersion;

static ENDPOINT: OnceLock<String> = OnceLock::new();

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

fn start_moto() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bin = root.join(".venv/bin/python");
    let script = root.join("infra/moto_server.py");
    assert!(root.join(".venv/bin/moto_server").exists(), "moto is not installed: run `bash infra/venv.sh` (make test does) or set MOTO_ENDPOINT");
    let port = free_port();
    // Never waited on: it serves every test of this process and `timeout` ends it.
    #[allow(clippy::zombie_processes)]
    Command::new("timeout")
        .args(["1800", bin.to_str().expect("utf-8 path"), script.to_str().expect("utf-8 path"), "-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start moto");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(20), "moto did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    format!("http://127.0.0.1:{port}")
}

pub fn moto_endpoint() -> &'static str {
    ENDPOINT.get_or_init(|| std::env::var("MOTO_ENDPOINT").ok().filter(|v| !v.is_empty()).unwrap_or_else(start_moto))
}

/// SDK configuration pointing at moto, with the same timeouts as production.
pub async fn sdk_config() -> aws_config::SdkConfig {
    sdk_config_at(moto_endpoint()).await
}

/// SDK configuration pointing anywhere, e.g. a closed port to make the store fail.
pub async fn sdk_config_at(endpoint: &str) -> aws_config::SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .endpoint_url(endpoint)
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_dynamodb::config::Credentials::new("test", "test", None, None, "testkit"))
        .timeout_config(
            aws_config::timeout::TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(2))
                .operation_attempt_timeout(Duration::from_secs(3))
                .operation_timeout(Duration::from_secs(8))
                .build(),
        )
        .load()
        .await
}

/// A fresh table (and so a fresh data set) for one test.
pub async fn fresh_table(sdk: &aws_config::SdkConfig) -> String {
    let name = format!("t-{:016x}", rand::random::<u64>());
    let client = aws_sdk_dynamodb::Client::new(sdk);
    litmos_adapters::dynamo::ensure_table(&client, &name).await.expect("create table");
    name
}

/// A closed loopback port: connections to it are refused at once.
pub fn closed_endpoint() -> String {
    format!("http://127.0.0.1:{}", free_port())
}
