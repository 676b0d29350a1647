//! Builds an `AppState` on moto and the Litmos double with a clock the test moves, and
//! turns a method, path, headers and body into a real API Gateway HTTP API v2 event.
#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use lambda_http::{Body, Request, Response};
use litmos_adapters::Config;
use litmos_api::AppState;
use litmos_domain::ports::SecretStore;
use litmos_domain::time::{Clock, Timestamp};
use serde_json::Value;

pub const ADMIN: &str = "test-admin-token-0123456789";
/// A caller and an incident (ServiceNow sys_ids), and an Administrator in the double.
pub const CALLER: &str = "0123456789abcdef0123456789abcdef";
pub const INCIDENT: &str = "fedcba9876543210fedcba9876543210";
pub const ADMIN_AGENT: &str = "admin@pieshop.net";
pub const T0: Timestamp = 1_795_917_600;

#[derive(Clone)]
pub struct TestClock(pub Arc<AtomicI64>, Arc<AtomicI64>);

impl Clock for TestClock {
    fn now(&self) -> Timestamp {
        self.0.load(Ordering::SeqCst)
    }

    /// The test's seconds with the real clock's milliseconds, never going back: while
    /// the test holds the seconds still, the real milliseconds wrap from 999 to 0, and a
    /// later reading must not look earlier (the feed's order and the reclaiming of a
    /// course removed in Litmos compare milliseconds).
    fn now_millis(&self) -> i64 {
        let real = i64::from(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("after 1970").subsec_millis());
        let reading = self.now() * 1000 + real;
        self.1.fetch_max(reading, Ordering::SeqCst).max(reading)
    }
}

impl TestClock {
    pub fn advance(&self, secs: i64) {
        self.0.fetch_add(secs, Ordering::SeqCst);
    }
}

pub struct Env {
    pub state: Arc<AppState>,
    pub clock: TestClock,
    pub double: litmos_double::Shared,
    pub litmos_url: String,
}

pub async fn env() -> Env {
    env_with(litmos_double::Config::default(), None).await
}

/// `store_endpoint` overrides moto (e.g. a closed port for store-failure tests).
pub async fn env_with(double_config: litmos_double::Config, store_endpoint: Option<&str>) -> Env {
    let sdk = testkit::sdk_config().await;
    let table = testkit::fresh_table(&sdk).await;
    let prefix = format!("test-{:x}", rand_u64());
    let config = Config::from_map(
        &[
            ("TABLE_NAME", table.as_str()),
            ("SECRET_PREFIX", prefix.as_str()),
            ("ADMIN_TOKEN_SECRET_ID", &format!("{prefix}-admin-token")),
            ("AUTH_CACHE_TTL_SECONDS", "5"),
            ("LITMOS_TIMEOUT_MS", "1000"),
            ("LITMOS_ALLOWED_HOSTS", "http://127.0.0.1:*"),
            // The double has no rate limit unless a test sets one; tests that check the
            // budget build their own state.
            ("LITMOS_RATE_LIMIT_PER_MINUTE", "100000"),
            ("CURSOR_SECRET_ID", &format!("{prefix}/feed-cursor-secret")),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect(),
    )
    .unwrap();
    let secrets = litmos_adapters::SecretsManager::new(aws_sdk_secretsmanager::Client::new(&sdk));
    secrets.put_secret(&config.admin_token_secret_id, ADMIN).await.unwrap();
    secrets.put_secret(config.cursor_secret_id.as_deref().unwrap(), &format!("cursor-secret-{prefix}")).await.unwrap();
    let clock = TestClock(Arc::new(AtomicI64::new(T0)), Arc::new(AtomicI64::new(0)));
    let sdk = match store_endpoint {
        Some(e) => testkit::sdk_config_at(e).await,
        None => sdk,
    };
    let state = Arc::new(AppState::new(config, &sdk, Box::new(clock.clone())));
    let (addr, double) = litmos_double::spawn(double_config).await;
    Env { state, clock, double, litmos_url: format!("http://{addr}/v1.svc") }
}

/// A new execution environment of the same deployment (same table, secrets and
/// clock; nothing cached), whose every AWS round trip is recorded in the `Calls`.
pub async fn fresh_container(e: &Env) -> (Arc<AppState>, testkit::Calls) {
    let (sdk, calls) = testkit::counting_sdk_config().await;
    let state = Arc::new(AppState::new(e.state.config.clone(), &sdk, Box::new(e.clock.clone())));
    (state, calls)
}

fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(std::time::SystemTime::now())
}

/// A real HTTP API v2 event, as API Gateway sends it, for `method path`.
pub fn event(method: &str, path_and_query: &str, headers: &[(&str, &str)], body: Option<&str>) -> Request {
    let mut e: Value = serde_json::from_str(include_str!("../events/apigw-v2.json")).unwrap();
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    e["rawPath"] = path.into();
    e["rawQueryString"] = query.into();
    let qs: serde_json::Map<String, Value> = query
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (k.to_string(), Value::from(v))
        })
        .collect();
    e["queryStringParameters"] = Value::Object(qs);
    e["requestContext"]["http"]["method"] = method.into();
    e["requestContext"]["http"]["path"] = path.into();
    for (k, v) in headers {
        e["headers"][k.to_lowercase()] = (*v).into();
    }
    e["body"] = body.unwrap_or("").into();
    lambda_http::request::from_str(&e.to_string()).expect("valid API Gateway event")
}

pub fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

pub fn status_and_json(r: &Response<Body>) -> (u16, Value) {
    let body = match r.body() {
        Body::Text(t) => t.clone(),
        Body::Empty => String::new(),
        Body::Binary(b) => String::from_utf8(b.clone()).unwrap(),
        _ => String::new(),
    };
    (r.status().as_u16(), if body.is_empty() { Value::Null } else { serde_json::from_str(&body).unwrap() })
}

pub fn body_text(r: &Response<Body>) -> String {
    match r.body() {
        Body::Text(t) => t.clone(),
        _ => String::new(),
    }
}

/// A ServiceNow call through the handler of its route, as the instance would make it:
/// the key as bearer, `X-Agent` when given, and any extra headers.
pub async fn servicenow_call(state: &Arc<AppState>, key: &str, method: &str, path: &str, agent: Option<&str>, body: Option<&str>, extra: &[(&str, &str)]) -> Response<Body> {
    use litmos_api::{outcomes, servicenow, training};
    let auth = bearer(key);
    let mut headers = vec![("authorization", auth.as_str())];
    if let Some(a) = agent {
        headers.push(("x-agent", a));
    }
    headers.extend_from_slice(extra);
    let req = event(method, path, &headers, body);
    let st = state.clone();
    match (method, path.split('?').next().unwrap()) {
        ("GET", "/v1/servicenow/configuration") => servicenow::configuration(st, req).await,
        ("POST", "/v1/servicenow/learners") => training::upsert_learner(st, req).await,
        ("POST", "/v1/servicenow/assignments") => training::assign_courses(st, req).await,
        ("POST", "/v1/servicenow/incidents") => outcomes::create_incident(st, req).await,
        ("GET", "/v1/servicenow/courses") => training::list_courses(st, req).await,
        ("GET", "/v1/servicenow/courses/assignable") => training::assignable_courses(st, req).await,
        ("GET", "/v1/servicenow/catalog") => training::get_catalog(st, req).await,
        ("GET", "/v1/servicenow/training/updates") => outcomes::training_updates(st, req).await,
        ("GET", "/v1/servicenow/reports/effectiveness") => outcomes::effectiveness_report(st, req).await,
        ("GET", "/v1/servicenow/recommendations") => outcomes::recommendations(st, req).await,
        ("GET", p) if p.starts_with("/v1/servicenow/learners/") && p.ends_with("/courses") => outcomes::learner_courses(st, req).await,
        ("GET", p) if p.starts_with("/v1/servicenow/learners/") => training::get_learner(st, req).await,
        ("GET", p) if p.ends_with("/training") => outcomes::incident_training(st, req).await,
        other => panic!("no route {other:?}"),
    }
}

/// A tenant `id` with a Litmos account on the double and ServiceNow enabled: its key.
pub async fn enabled_tenant(e: &Env, id: &str) -> String {
    let auth = bearer(ADMIN);
    let body = serde_json::json!({"name": "Acme", "litmos": {"base_url": e.litmos_url, "api_key": "demo-litmos-key", "source": "servicenow"}}).to_string();
    let r = litmos_api::admin::put_tenant(e.state.clone(), event("PUT", &format!("/v1/admin/tenants/{id}"), &[("authorization", &auth)], Some(&body))).await;
    assert!(r.status() == 201 || r.status() == 200, "{}", body_text(&r));
    let r = litmos_api::admin::enable_servicenow(e.state.clone(), event("POST", &format!("/v1/admin/tenants/{id}/servicenow"), &[("authorization", &auth)], None)).await;
    status_and_json(&r).1["api_key"].as_str().expect("enabled").to_string()
}
