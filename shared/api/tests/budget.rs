//! Issue 8.3: one Litmos rate budget per account, shared by every function. 300
//! concurrent operations of several kinds never push a Litmos limited to 100 calls a
//! minute past its limit; each completes or gets a clean 503 with `Retry-After`.

mod support;

use std::sync::Arc;

use lambda_http::Body;
use litmos_api::{AppState, admin, training};
use litmos_domain::time::SystemClock;
use serde_json::json;
use support::*;

#[tokio::test]
async fn three_hundred_concurrent_operations_stay_inside_the_litmos_limit() {
    // The budget counts whole minutes: start early in one so the run stays inside it.
    let second = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() % 60;
    if second > 30 {
        tokio::time::sleep(std::time::Duration::from_secs(61 - second)).await;
    }
    let e = env_with(litmos_double::Config { rate_limit_per_minute: 100, ..Default::default() }, None).await;
    let mut config = e.state.config.clone();
    config.litmos_calls_per_minute = 80; // 80 % of the 100 Litmos allows
    let sdk = testkit::sdk_config().await;
    let state = Arc::new(AppState::new(config, &sdk, Box::new(SystemClock)));
    let auth = bearer(ADMIN);
    let body = json!({"name": "Acme", "litmos": {"base_url": e.litmos_url, "api_key": "demo-litmos-key", "source": "servicenow"}}).to_string();
    assert_eq!(admin::put_tenant(state.clone(), event("PUT", "/v1/admin/tenants/acme", &[("authorization", &auth)], Some(&body))).await.status(), 201);
    let r = admin::enable_servicenow(state.clone(), event("POST", "/v1/admin/tenants/acme/servicenow", &[("authorization", &auth)], None)).await;
    let key = bearer(status_and_json(&r).1["api_key"].as_str().unwrap());

    let mut tasks = Vec::new();
    for i in 0..300 {
        let (state, key) = (state.clone(), key.clone());
        tasks.push(tokio::spawn(async move {
            let r = match i % 3 {
                0 => {
                    let caller = json!({"caller": {"sys_id": format!("{i:032x}"), "email": format!("load{i}@example.com")}}).to_string();
                    training::upsert_learner(state, event("POST", "/v1/servicenow/learners", &[("authorization", &key)], Some(&caller))).await
                }
                1 => training::list_courses(state, event("GET", "/v1/servicenow/courses", &[("authorization", &key), ("x-agent", &format!("agent{i}@example.com"))], None)).await,
                _ => training::list_courses(state, event("GET", "/v1/servicenow/courses", &[("authorization", &key), ("x-agent", "admin@pieshop.net")], None)).await,
            };
            let retry_after = r.headers().get("retry-after").is_some();
            let problem = r.headers().get("content-type").is_some_and(|v| v == "application/problem+json");
            let body = match r.body() {
                Body::Text(t) => t.clone(),
                _ => String::new(),
            };
            (r.status().as_u16(), retry_after, problem, body)
        }));
    }
    let mut served = 0;
    let mut refused = 0;
    for t in tasks {
        let (status, retry_after, problem, body) = t.await.unwrap();
        match status {
            200 | 201 | 403 => served += 1,
            503 => {
                assert!(retry_after && problem, "a clean 503: {body}");
                refused += 1;
            }
            other => panic!("{other}: {body}"),
        }
    }
    let calls = e.double.requests().len();
    assert!(calls <= 80, "Litmos saw {calls} calls in one minute: over the budget");
    assert!(served > 0 && refused > 0, "served {served}, refused {refused}");
    eprintln!("budget: {served} served, {refused} refused with 503 + Retry-After, {calls} Litmos calls");
}
