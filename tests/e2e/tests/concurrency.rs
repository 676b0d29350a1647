//! Issue 8.4: one execution environment serving several requests at once. The real
//! function binary runs against a local stub of the Lambda Runtime API; with
//! `AWS_LAMBDA_MAX_CONCURRENCY=4` it polls for several invocations at the same time
//! and answers every one; without it (classic Lambda), one at a time.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use serde_json::{Value, json};

#[derive(Default)]
struct Stub {
    queue: Mutex<VecDeque<(String, Value)>>,
    waiting: Mutex<(usize, usize)>, // (polls outstanding now, most at once)
    answers: Mutex<Vec<(String, Value)>>,
}

fn event(path: &str, method: &str) -> Value {
    json!({
        "version": "2.0", "routeKey": "$default", "rawPath": path, "rawQueryString": "", "headers": {"host": "stub.local"},
        "requestContext": {"accountId": "1", "apiId": "stub", "domainName": "stub.local", "domainPrefix": "stub",
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1", "userAgent": "stub"},
            "requestId": "stub", "routeKey": "$default", "stage": "$default", "time": "", "timeEpoch": 0},
        "isBase64Encoded": false
    })
}

async fn next(State(st): State<Arc<Stub>>) -> impl IntoResponse {
    {
        let mut w = st.waiting.lock().unwrap();
        w.0 += 1;
        w.1 = w.1.max(w.0);
    }
    // Hold the poll a moment, as Lambda does until an invocation arrives, so polls of
    // concurrent workers overlap; then hand out the next event (or keep waiting).
    tokio::time::sleep(Duration::from_millis(150)).await;
    loop {
        let item = st.queue.lock().unwrap().pop_front();
        if let Some((id, ev)) = item {
            st.waiting.lock().unwrap().0 -= 1;
            let mut h = HeaderMap::new();
            h.insert("lambda-runtime-aws-request-id", id.parse().unwrap());
            h.insert("lambda-runtime-deadline-ms", "99999999999999".parse().unwrap());
            h.insert("lambda-runtime-invoked-function-arn", "arn:aws:lambda:us-east-1:1:function:f".parse().unwrap());
            return (h, ev.to_string());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn respond(State(st): State<Arc<Stub>>, Path(id): Path<String>, body: String) -> impl IntoResponse {
    st.answers.lock().unwrap().push((id, serde_json::from_str(&body).unwrap_or(Value::Null)));
    axum::http::StatusCode::ACCEPTED
}

/// Runs the function binary with `max_concurrency` against a stub holding 8 events;
/// returns the most polls outstanding at once and the answers.
async fn run(max_concurrency: &str) -> (usize, Vec<(String, Value)>) {
    let stub = Arc::new(Stub::default());
    for i in 0..8 {
        let ev = if i % 2 == 0 { event("/v1/admin/tenants/acme", "PATCH") } else { event("/nowhere", "GET") };
        stub.queue.lock().unwrap().push_back((format!("req-{i}"), ev));
    }
    let app = Router::new()
        .route("/2018-06-01/runtime/invocation/next", get(next))
        .route("/2018-06-01/runtime/invocation/{id}/response", post(respond))
        .route("/2018-06-01/runtime/invocation/{id}/error", post(respond))
        .with_state(stub.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/method-not-allowed");
    assert!(bin.exists(), "build the workspace first (make test does)");
    let mut child = tokio::process::Command::new(bin)
        .env_clear()
        .env("AWS_LAMBDA_RUNTIME_API", addr.to_string())
        .env("AWS_LAMBDA_FUNCTION_NAME", "method-not-allowed")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "1")
        .env("AWS_LAMBDA_MAX_CONCURRENCY", max_concurrency)
        .env("TABLE_NAME", "t")
        .env("SECRET_PREFIX", "p")
        .env("ADMIN_TOKEN_SECRET_ID", "p-admin")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "x")
        .env("AWS_SECRET_ACCESS_KEY", "x")
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        .env("RUST_LOG", "warn")
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    for _ in 0..200 {
        if stub.answers.lock().unwrap().len() == 8 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    child.kill().await.ok();
    let most = stub.waiting.lock().unwrap().1;
    let answers = stub.answers.lock().unwrap().clone();
    (most, answers)
}

#[tokio::test]
#[ignore = "needs the workspace's binaries: `make test` builds them"]
async fn one_process_serves_concurrent_invocations_when_lambda_allows_it() {
    let (most, answers) = run("4").await;
    assert_eq!(answers.len(), 8, "every invocation answered: {answers:?}");
    for (id, a) in &answers {
        let status = a["statusCode"].as_u64().unwrap_or(0);
        assert!(status == 405 || status == 404, "{id}: {a}");
    }
    assert!(most >= 2, "invocations were polled concurrently (at most {most} at once)");

    let (most, answers) = run("1").await;
    assert_eq!(answers.len(), 8);
    assert_eq!(most, 1, "classic Lambda: one at a time");
}
