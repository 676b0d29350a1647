//! The "Assign Courses" click path over HTTP against the local stack, as a ServiceNow
//! instance drives it: learner, courses, assign, messages, faults, the incident's training.

mod common;

use serde_json::{Value, json};

const NOT_ADMIN: &str =
    r#"You do not have permission to assign courses. This requires an "Administrator" access level. Please make sure you are an Administrator in Litmos before attempting to assign courses."#;

fn sys_id(seed: &str) -> String {
    let n = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let mut h: u128 = n;
    for b in seed.bytes() {
        h = h.wrapping_mul(1_000_003).wrapping_add(u128::from(b));
    }
    format!("{h:032x}")
}

async fn learner(s: &common::Stack, caller: &str, email: &str) -> (u16, Value) {
    let body = json!({"caller": {"sys_id": caller, "email": email, "first_name": "Pat", "last_name": "Caller"}}).to_string();
    let r = s.call("POST", "/v1/servicenow/learners", Some(&s.demo_key), Some(&body)).await;
    (r.status, r.body)
}

async fn courses(s: &common::Stack, agent: &str, query: &str) -> common::Reply {
    s.call_with("GET", &format!("/v1/servicenow/courses?{query}"), Some(&s.demo_key), None, &[("x-agent", agent)]).await
}

async fn assign(s: &common::Stack, agent: &str, learner: &str, ids: &[&str], incident: &str, extra: &[(&str, &str)]) -> common::Reply {
    let body = json!({"learner_id": learner, "course_ids": ids, "incident": {"sys_id": incident, "number": "INC0010042"}}).to_string();
    let mut headers = vec![("x-agent", agent)];
    headers.extend_from_slice(extra);
    s.call_with("POST", "/v1/servicenow/assignments", Some(&s.demo_key), Some(&body), &headers).await
}

fn ids(page: &Value) -> Vec<(String, String)> {
    page["items"].as_array().unwrap().iter().map(|c| (c["id"].as_str().unwrap().to_string(), c["name"].as_str().unwrap().to_string())).collect()
}

#[tokio::test]
#[ignore = "needs the local stack: `make test` starts it"]
async fn an_agent_assigns_courses_from_an_incident() {
    let s = common::stack();
    let caller = sys_id("caller");
    let email = format!("{}@example.com", s.unique("caller"));
    let (status, first) = learner(&s, &caller, &email).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["created"], true);
    let (status, again) = learner(&s, &caller, &email).await;
    assert_eq!((status, &again["learner"]["id"]), (200, &first["learner"]["id"]));
    let learner_id = first["learner"]["id"].as_str().unwrap().to_string();
    let got = s.call("GET", &format!("/v1/servicenow/learners/{caller}"), Some(&s.demo_key), None).await;
    assert_eq!((got.status, &got.body["learner"]["id"]), (200, &first["learner"]["id"]));

    let page = courses(&s, "admin@pieshop.net", "search=password&sort=name").await;
    assert_eq!(page.status, 200, "{}", page.text);
    let picked = ids(&page.body);
    assert!(picked.len() >= 3);
    let (a, b, c) = (&picked[0], &picked[1], &picked[2]);

    let incident = sys_id("incident");
    let r = assign(&s, "admin@pieshop.net", &learner_id, &[&a.0, &b.0], &incident, &[]).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["messages"], json!([format!("You have successfully assigned these courses: {}, {}", a.1, b.1)]));
    let r = assign(&s, "admin@pieshop.net", &learner_id, &[&c.0, &a.0], &incident, &[]).await;
    assert_eq!(r.body["messages"], json!([format!("You have successfully assigned these courses: {}", c.1), format!("{} is already assigned", a.1)]));
    assert_eq!(r.body["assigned"], json!([{"id": c.0, "name": c.1}]));
    assert_eq!(r.body["already_assigned"], json!([{"id": a.0, "name": a.1}]));

    // The learner starts one course and finishes another in Litmos.
    s.double_post("/_double/progress", json!({"user_id": learner_id, "course_id": b.0, "percentage": 30})).await;
    s.double_post("/_double/progress", json!({"user_id": learner_id, "course_id": c.0, "percentage": 100})).await;
    let tr = s.call("GET", &format!("/v1/servicenow/incidents/{incident}/training"), Some(&s.demo_key), None).await;
    assert_eq!(tr.status, 200, "{}", tr.text);
    assert_eq!(tr.body["incident"], json!({"sys_id": incident, "number": "INC0010042", "table": "incident"}));
    let status_of = |id: &str| tr.body["assignments"].as_array().unwrap().iter().find(|x| x["course_id"] == id).unwrap()["status"].as_str().unwrap().to_string();
    assert_eq!((status_of(&a.0).as_str(), status_of(&b.0).as_str(), status_of(&c.0).as_str()), ("not_started", "in_progress", "completed"));
    assert_eq!(tr.body["assignments"].as_array().unwrap().len(), 3);
}

#[tokio::test]
#[ignore = "needs the local stack: `make test` starts it"]
async fn only_administrators_assign_and_every_refusal_is_exact() {
    let s = common::stack();
    let (_, l) = learner(&s, &sys_id("refusals"), &format!("{}@example.com", s.unique("refused"))).await;
    let learner_id = l["learner"]["id"].as_str().unwrap().to_string();
    let page = courses(&s, "owner@pieshop.net", "limit=1").await;
    let course = ids(&page.body)[0].0.clone();
    let incident = sys_id("refusal-incident");
    for agent in ["leader@pieshop.net", "learner@pieshop.net"] {
        let r = assign(&s, agent, &learner_id, &[&course], &incident, &[]).await;
        assert_eq!((r.status, r.body["detail"].as_str(), r.content_type.as_str()), (403, Some(NOT_ADMIN), "application/problem+json"), "{agent}");
    }
    assert_eq!(assign(&s, "admin@pieshop.net", "U999999999x9", &[&course], &incident, &[]).await.status, 404);
    let r = assign(&s, "admin@pieshop.net", &learner_id, &[&course, "NoSuchCourse9"], &incident, &[]).await;
    assert_eq!(r.status, 422);
    assert!(r.body["detail"].as_str().unwrap().contains("NoSuchCourse9"));
    let r = assign(&s, "admin@pieshop.net", &learner_id, &[&course, &course], &incident, &[]).await;
    assert_eq!((r.status, r.body["field"].as_str()), (400, Some("course_ids")));
    let r = s.call("GET", &format!("/v1/servicenow/incidents/{incident}/training"), Some(&s.demo_key), None).await;
    assert_eq!(r.status, 404, "nothing was assigned");

    let leader = courses(&s, "leader@pieshop.net", "").await;
    assert_eq!((leader.status, leader.body["total"].as_u64()), (200, Some(6)));
    let none = courses(&s, "learner@pieshop.net", "").await;
    assert_eq!(none.body["total"], 0);
    assert_eq!(courses(&s, "nobody@nowhere.io", "").await.status, 403);
}

#[tokio::test]
#[ignore = "needs the local stack: `make test` starts it"]
async fn a_warm_catalog_makes_no_litmos_call() {
    let s = common::stack();
    courses(&s, "owner@pieshop.net", "").await;
    let before = s.double_requests().await.iter().filter(|r| *r == "GET /v1.svc/courses").count();
    let r = courses(&s, "owner@pieshop.net", "search=billing&limit=5").await;
    assert_eq!(r.status, 200);
    let after = s.double_requests().await.iter().filter(|r| *r == "GET /v1.svc/courses").count();
    assert_eq!(before, after);
}

#[tokio::test]
#[ignore = "needs the local stack: `make test` starts it"]
async fn concurrent_clicks_assign_each_course_once() {
    let s = std::sync::Arc::new(common::stack());
    let (_, l) = learner(&s, &sys_id("rush"), &format!("{}@example.com", s.unique("rush"))).await;
    let learner_id = l["learner"]["id"].as_str().unwrap().to_string();
    let page = courses(&s, "admin@pieshop.net", "search=dashboards").await;
    let picked: Vec<String> = ids(&page.body).into_iter().take(2).map(|c| c.0).collect();
    let incident = sys_id("rush-incident");
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let (s, learner_id, picked, incident) = (s.clone(), learner_id.clone(), picked.clone(), incident.clone());
        tasks.push(tokio::spawn(async move {
            let refs: Vec<&str> = picked.iter().map(String::as_str).collect();
            assign(&s, "admin@pieshop.net", &learner_id, &refs, &incident, &[]).await
        }));
    }
    let mut assigned = 0;
    for t in tasks {
        let r = t.await.unwrap();
        assert_eq!(r.status, 200, "{}", r.text);
        assigned += r.body["assigned"].as_array().unwrap().len();
        assert_eq!(r.body["assigned"].as_array().unwrap().len() + r.body["already_assigned"].as_array().unwrap().len(), 2);
    }
    assert_eq!(assigned, 2, "each course lands in `assigned` exactly once");
    let tr = s.call("GET", &format!("/v1/servicenow/incidents/{incident}/training"), Some(&s.demo_key), None).await;
    assert_eq!(tr.body["assignments"].as_array().unwrap().len(), 2);
}

#[tokio::test]
#[ignore = "needs the local stack: `make test` starts it"]
async fn retries_are_safe_after_litmos_fails_and_with_idempotency_keys() {
    let s = common::stack();
    let (_, l) = learner(&s, &sys_id("retry"), &format!("{}@example.com", s.unique("retry"))).await;
    let learner_id = l["learner"]["id"].as_str().unwrap().to_string();
    let page = courses(&s, "admin@pieshop.net", "search=privacy").await;
    let picked = ids(&page.body);
    let (a, b) = (&picked[0], &picked[1]);
    let incident = sys_id("retry-incident");

    s.double_post("/_double/faults", json!({"method": "POST", "path_contains": format!("/users/{learner_id}/courses"), "status": 503, "count": 3})).await;
    let r = assign(&s, "admin@pieshop.net", &learner_id, &[&a.0], &incident, &[("idempotency-key", "retry-1")]).await;
    assert_eq!(r.status, 502, "{}", r.text);
    assert!(r.body["detail"].as_str().unwrap().contains(&format!("Not assigned: {}", a.1)));
    let r = assign(&s, "admin@pieshop.net", &learner_id, &[&a.0], &incident, &[("idempotency-key", "retry-1")]).await;
    assert_eq!((r.status, r.body["assigned"][0]["id"].as_str()), (200, Some(a.0.as_str())), "the retry completes");
    let replay = assign(&s, "admin@pieshop.net", &learner_id, &[&a.0], &incident, &[("idempotency-key", "retry-1")]).await;
    assert_eq!(replay.body, r.body, "and a second retry replays it");
    let changed = assign(&s, "admin@pieshop.net", &learner_id, &[&b.0], &incident, &[("idempotency-key", "retry-1")]).await;
    assert_eq!(changed.status, 422);

    s.double_post("/_double/faults", json!({"method": "POST", "path_contains": format!("/users/{learner_id}/courses"), "status": 503, "count": 3, "after_effect": true})).await;
    let r = assign(&s, "admin@pieshop.net", &learner_id, &[&b.0], &incident, &[]).await;
    assert_eq!(r.status, 502);
    assert!(r.body["detail"].as_str().unwrap().contains(&format!("Assigned: {}", b.1)), "{}", r.text);
    let tr = s.call("GET", &format!("/v1/servicenow/incidents/{incident}/training"), Some(&s.demo_key), None).await;
    assert_eq!(tr.body["assignments"].as_array().unwrap().len(), 2, "what Litmos took is recorded, once");
}
