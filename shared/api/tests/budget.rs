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

/// Issue 19.4: webhook hints read Litmos with the background share of the budget, so a
/// flood of them (Litmos retries, or anyone who has the URL) leaves Assign Courses its
/// two calls; the same unconfirmed hint again costs Litmos nothing for 10 minutes.
#[tokio::test]
async fn a_webhook_flood_leaves_an_agent_the_calls_to_assign() {
    let second = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() % 60;
    if second > 40 {
        tokio::time::sleep(std::time::Duration::from_secs(61 - second)).await;
    }
    let e = env().await;
    let mut config = e.state.config.clone();
    config.litmos_calls_per_minute = 20; // hints and the sync stop at 60 %: 12
    let state = Arc::new(AppState::new(config, &testkit::sdk_config().await, Box::new(SystemClock)));
    let auth = bearer(ADMIN);
    let body = json!({"name": "Acme", "litmos": {"base_url": e.litmos_url, "api_key": "demo-litmos-key", "source": "servicenow"}}).to_string();
    admin::put_tenant(state.clone(), event("PUT", "/v1/admin/tenants/acme", &[("authorization", &auth)], Some(&body))).await;
    let r = admin::enable_servicenow(state.clone(), event("POST", "/v1/admin/tenants/acme/servicenow", &[("authorization", &auth)], None)).await;
    let key = status_and_json(&r).1["api_key"].as_str().unwrap().to_string();
    let r = admin::get_servicenow(state.clone(), event("GET", "/v1/admin/tenants/acme/servicenow", &[("authorization", &auth)], None)).await;
    let hook = status_and_json(&r).1["webhook_url"].as_str().unwrap().to_string();
    let hook = hook[hook.find("/v1/").unwrap()..].to_string();
    let caller = json!({"caller": {"sys_id": CALLER, "email": "pat@example.com"}}).to_string();
    let (_, linked) = status_and_json(&servicenow_call(&state, &key, "POST", "/v1/servicenow/learners", None, Some(&caller), &[]).await);
    let learner = linked["learner"]["id"].as_str().unwrap().to_string();
    let courses = e.double.courses();
    let assign = |course: &str| json!({"learner_id": learner, "course_ids": [course], "incident": {"sys_id": INCIDENT, "number": "INC0010023"}}).to_string();
    let (status, _) = status_and_json(&servicenow_call(&state, &key, "POST", "/v1/servicenow/assignments", Some(ADMIN_AGENT), Some(&assign(&courses[0].id)), &[]).await);
    assert_eq!(status, 200);

    // The same unconfirmed hint, ten times: Litmos is read for it once.
    e.double.clear_requests();
    let hint = |id: u64| json!({"type": "achievement.earned", "data": {"userId": learner, "courseId": courses[0].id, "achievementId": id}}).to_string();
    for _ in 0..10 {
        let r = litmos_api::outcomes::litmos_webhook(state.clone(), event("POST", &hook, &[("content-type", "application/json")], Some(&hint(7)))).await;
        assert!(matches!(r.status().as_u16(), 200 | 202));
    }
    assert_eq!(e.double.requests().len(), 2, "one read of the learner's courses and achievements");

    // Thirty different hints at once, and an agent assigning meanwhile.
    let mut flood = Vec::new();
    for i in 0..30 {
        let (state, hook, body) = (state.clone(), hook.clone(), hint(100 + i));
        flood.push(tokio::spawn(async move { litmos_api::outcomes::litmos_webhook(state, event("POST", &hook, &[("content-type", "application/json")], Some(&body))).await.status().as_u16() }));
    }
    let (status, out) = status_and_json(&servicenow_call(&state, &key, "POST", "/v1/servicenow/assignments", Some(ADMIN_AGENT), Some(&assign(&courses[1].id)), &[]).await);
    assert_eq!(status, 200, "the agent's assignment gets its Litmos calls: {out}");
    assert_eq!(out["assigned"].as_array().map(Vec::len), Some(1));
    let mut statuses: Vec<u16> = Vec::new();
    for task in flood {
        statuses.push(task.await.unwrap());
    }
    assert!(statuses.iter().all(|s| *s == 200 || *s == 202), "hints are answered, none fails: {statuses:?}");
    assert!(statuses.contains(&202), "the flood ran into its share and was left to the sync: {statuses:?}");
}
