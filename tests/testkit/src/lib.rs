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

/// SDK configuration pointing at moto (see `sdk_config_at` for its timeouts).
pub async fn sdk_config() -> aws_config::SdkConfig {
    sdk_config_at(moto_endpoint()).await
}

/// SDK configuration pointing anywhere, e.g. a closed port to make the store fail.
/// Longer timeouts than production's (3 s an attempt, 8 s in all): moto answers one
/// request at a time, so the tests that send 50 requests at once queue behind its
/// transactions, and on a busy 2-core CI machine an attempt timed out while moto had
/// already applied it (a claim then saw its own first attempt). What the timeouts do
/// in production is tested against a closed port, which fails at once.
pub async fn sdk_config_at(endpoint: &str) -> aws_config::SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .endpoint_url(endpoint)
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_dynamodb::config::Credentials::new("test", "test", None, None, "testkit"))
        .timeout_config(
            aws_config::timeout::TimeoutConfig::builder().connect_timeout(Duration::from_secs(2)).operation_attempt_timeout(Duration::from_secs(15)).operation_timeout(Duration::from_secs(40)).build(),
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

/// The AWS calls a piece of code made, as `service:Operation` (`dynamodb:GetItem`,
/// `secretsmanager:GetSecretValue`), one entry per HTTP round trip (retries included),
/// in the order they were sent.
#[derive(Clone, Debug, Default)]
pub struct Calls(std::sync::Arc<std::sync::Mutex<Vec<Call>>>);

#[derive(Clone, Debug)]
pub struct Call {
    pub operation: String,
    /// For single-item and query DynamoDB calls, what kind of item: the prefixes of
    /// its partition and sort keys (`KEY/KEY`, `TENANT/META`, `TENANT/CALLER`, ...;
    /// a query names its partition only).
    pub item: Option<String>,
    pub sent: Instant,
    pub answered: Option<Instant>,
}

impl Calls {
    /// What was sent since the last `take`.
    pub fn take(&self) -> Vec<Call> {
        std::mem::take(&mut *self.0.lock().expect("calls poisoned"))
    }

    fn sent(&self, operation: String, item: Option<String>) -> usize {
        let mut calls = self.0.lock().expect("calls poisoned");
        calls.push(Call { operation, item, sent: Instant::now(), answered: None });
        calls.len() - 1
    }

    fn answered(&self, index: usize) {
        if let Some(c) = self.0.lock().expect("calls poisoned").get_mut(index) {
            c.answered = Some(Instant::now());
        }
    }
}

/// How many round trips the caller waited for one after another: calls that overlap
/// (sent before the earlier ones were all answered) count as one.
pub fn in_sequence(calls: &[Call]) -> usize {
    let mut sorted: Vec<&Call> = calls.iter().collect();
    sorted.sort_by_key(|c| c.sent);
    let mut steps = 0;
    let mut busy_until: Option<Instant> = None;
    for c in sorted {
        if busy_until.is_none_or(|b| c.sent >= b) {
            steps += 1;
        }
        let end = c.answered.unwrap_or(c.sent);
        busy_until = Some(busy_until.map_or(end, |b| b.max(end)));
    }
    steps
}

mod counting {
    use aws_smithy_runtime_api::client::http::{HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient, SharedHttpConnector};
    use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
    use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;

    use super::Calls;

    #[derive(Debug)]
    pub struct Client {
        pub inner: SharedHttpClient,
        pub calls: Calls,
    }

    #[derive(Debug)]
    struct Connector {
        inner: SharedHttpConnector,
        calls: Calls,
    }

    impl HttpClient for Client {
        fn http_connector(&self, settings: &HttpConnectorSettings, components: &RuntimeComponents) -> SharedHttpConnector {
            SharedHttpConnector::new(Connector { inner: self.inner.http_connector(settings, components), calls: self.calls.clone() })
        }
    }

    /// Both services speak JSON-RPC: `x-amz-target` is `DynamoDB_20120810.GetItem` or
    /// `secretsmanager.GetSecretValue`.
    fn operation(req: &HttpRequest) -> String {
        let target = req.headers().get("x-amz-target").unwrap_or("unknown.unknown");
        let (service, op) = target.split_once('.').unwrap_or(("unknown", target));
        let service = if service.starts_with("DynamoDB") { "dynamodb" } else { service };
        format!("{service}:{op}")
    }

    /// The key prefixes of a GetItem/PutItem/UpdateItem/DeleteItem (`Key` or `Item`),
    /// or the partition of a Query (`:pk` value).
    fn item(req: &HttpRequest) -> Option<String> {
        let body: serde_json::Value = serde_json::from_slice(req.body().bytes()?).ok()?;
        let prefix = |v: &str| v.split('#').next().unwrap_or(v).to_string();
        let single = if body["Key"].is_object() { &body["Key"] } else { &body["Item"] };
        match (single["pk"]["S"].as_str(), single["sk"]["S"].as_str()) {
            (Some(pk), Some(sk)) => Some(format!("{}/{}", prefix(pk), prefix(sk))),
            _ => body["ExpressionAttributeValues"][":pk"]["S"].as_str().map(prefix),
        }
    }

    impl HttpConnector for Connector {
        fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
            let index = self.calls.sent(operation(&request), item(&request));
            let (answer, calls) = (self.inner.call(request), self.calls.clone());
            HttpConnectorFuture::new(async move {
                let out = answer.await;
                calls.answered(index);
                out
            })
        }
    }
}

/// `sdk_config()` whose every HTTP request is recorded in the returned `Calls`: what a
/// request costs in round trips is what a user waits for on Lambda.
pub async fn counting_sdk_config() -> (aws_config::SdkConfig, Calls) {
    let calls = Calls::default();
    // The HTTPS client production uses, wrapped.
    let inner = litmos_adapters::aws::https_client();
    let config = sdk_config().await.into_builder().http_client(counting::Client { inner, calls: calls.clone() }).build();
    (config, calls)
}
