//! Automatic training by category (issue 20.2) through the handlers, on moto and the
//! Litmos double: a rule's courses are assigned once per record (also under concurrent
//! retries), as `rule:<id>`, with one feed note; a spent Litmos budget defers the firing
//! to the next sync instead of dropping it; a course Litmos no longer has is reported.

mod support;

use std::sync::Arc;

use litmos_api::{AppState, outcomes, rules};
use serde_json::{Value, json};
use support::*;

async fn admin(e: &Env, method: &str, path: &str, body: Option<&str>) -> (u16, Value) {
    let auth = bearer(ADMIN);
    let req = event(method, path, &[("authorization", &auth)], body);
    let st = e.state.clone();
    let r = match method {
        "PUT" => rules::put_rule(st, req).await,
        "GET" => rules::list_rules(st, req).await,
        "DELETE" => rules::delete_rule(st, req).await,
        "POST" => outcomes::sync_tenant(st, req).await,
        other => panic!("{other}"),
    };
    status_and_json(&r)
}

async fn call(state: &Arc<AppState>, key: &str, method: &str, path: &str, body: Option<&str>) -> (u16, Value) {
    status_and_json(&servicenow_call(state, key, method, path, Some(ADMIN_AGENT), body, &[]).await)
}

fn incident(category: &str, with_caller: bool) -> String {
    let mut body = json!({"sys_id": INCIDENT, "number": "INC0010001", "caller_sys_id": CALLER, "opened_at": litmos_domain::time::rfc3339(T0 - 60), "category": category});
    if with_caller {
        body["caller"] = json!({"sys_id": CALLER, "email": "vpn.user@customer.example", "first_name": "Val", "last_name": "Pen"});
    }
    body.to_string()
}

fn rule(courses: &[&str]) -> String {
    json!({"name": "VPN basics", "when": {"table": "incident", "category": "Network"}, "course_ids": courses, "active": true}).to_string()
}

/// The Litmos calls that assign courses (`POST /users/{id}/courses`).
fn assign_calls(e: &Env) -> usize {
    e.double.requests().iter().filter(|r| r.method == "POST" && r.path.contains("/users/") && r.path.ends_with("/courses")).count()
}

#[tokio::test]
async fn a_rule_assigns_its_courses_once_per_record_with_one_feed_note() {
    let e = env().await;
    let key = enabled_tenant(&e, "acme").await;
    let courses = e.double.courses();
    let (a, b) = (&courses[0], &courses[1]);

    let (status, put) = admin(&e, "PUT", "/v1/admin/tenants/acme/rules/vpn", Some(&rule(&[&a.id, &b.id, "retired-course"]))).await;
    assert_eq!(status, 201, "{put}");
    assert_eq!(put["missing_course_ids"], json!(["retired-course"]), "a course Litmos does not have is reported on the rule");
    let (status, _) = admin(&e, "PUT", "/v1/admin/tenants/acme/rules/vpn", Some(&rule(&[&a.id, &b.id, "retired-course"]))).await;
    assert_eq!(status, 200, "replacing a rule is 200");
    let (status, listed) = admin(&e, "GET", "/v1/admin/tenants/acme/rules", None).await;
    assert_eq!(status, 200);
    assert_eq!(listed["rules"].as_array().unwrap().len(), 1);
    assert_eq!(listed["rules"][0]["when"], json!({"table": "incident", "category": "Network"}));
    assert_eq!(listed["rules"][0]["missing_course_ids"], json!(["retired-course"]));

    // Another category: nothing fires, nothing is said about rules.
    let (status, other) = call(&e.state, &key, "POST", "/v1/servicenow/incidents", Some(&incident("Hardware", true))).await;
    assert_eq!((status, other.get("rules")), (201, None), "{other}");
    assert_eq!(assign_calls(&e), 0);

    // The category changes to the rule's (case and spaces aside): the caller's learner is
    // made and both courses are assigned in one Litmos call.
    let (status, fired) = call(&e.state, &key, "POST", "/v1/servicenow/incidents", Some(&incident(" network", true))).await;
    assert_eq!(status, 200, "{fired}");
    assert_eq!(fired["rules"][0]["status"], "assigned", "{fired}");
    assert_eq!(fired["rules"][0]["assigned"], json!([a.id, b.id]));
    assert_eq!(fired["rules"][0]["missing_course_ids"], json!(["retired-course"]));
    assert_eq!(assign_calls(&e), 1);

    // Recorded like an agent's assignment, by `rule:vpn`, with one note for the batch.
    let (_, training) = call(&e.state, &key, "GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None).await;
    let by: Vec<&str> = training["assignments"].as_array().unwrap().iter().map(|t| t["assigned_by"].as_str().unwrap()).collect();
    assert_eq!(by, ["rule:vpn", "rule:vpn"], "{training}");
    let (_, feed) = call(&e.state, &key, "GET", "/v1/servicenow/training/updates", None).await;
    let notes: Vec<Value> = feed["updates"].as_array().unwrap().iter().map(|u| u["note"].clone()).collect();
    assert!(feed["updates"].as_array().unwrap().iter().all(|u| u["assigned_by"] == "rule:vpn"), "the feed says who assigned: {feed}");
    assert_eq!(notes, [json!(format!("Litmos Training assigned automatically by rule 'VPN basics': {}, {}", a.name, b.name)), Value::Null], "{feed}");

    // Sent again (an outbox retry) or sent with the category back and forth: never again.
    let (status, again) = call(&e.state, &key, "POST", "/v1/servicenow/incidents", Some(&incident("Network", true))).await;
    assert_eq!((status, again["rules"][0]["status"].as_str()), (200, Some("already_fired")), "{again}");
    call(&e.state, &key, "POST", "/v1/servicenow/incidents", Some(&incident("Hardware", true))).await;
    let (_, back) = call(&e.state, &key, "POST", "/v1/servicenow/incidents", Some(&incident("Network", true))).await;
    assert_eq!(back["rules"][0]["status"], "already_fired");
    assert_eq!(assign_calls(&e), 1);

    // An inactive or deleted rule does not fire on a new record.
    assert_eq!(admin(&e, "DELETE", "/v1/admin/tenants/acme/rules/vpn", None).await.0, 204);
    assert_eq!(admin(&e, "DELETE", "/v1/admin/tenants/acme/rules/vpn", None).await.0, 404);
    assert_eq!(admin(&e, "GET", "/v1/admin/tenants/acme/rules", None).await.1, json!({"rules": []}));
}

#[tokio::test]
async fn concurrent_retries_of_a_new_record_fire_the_rule_once() {
    let e = env().await;
    let key = enabled_tenant(&e, "acme").await;
    let ids: Vec<String> = e.double.courses().iter().take(3).map(|c| c.id.clone()).collect();
    assert_eq!(admin(&e, "PUT", "/v1/admin/tenants/acme/rules/vpn", Some(&rule(&ids.iter().map(String::as_str).collect::<Vec<_>>()))).await.0, 201);
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let (state, key) = (e.state.clone(), key.clone());
        tasks.push(tokio::spawn(async move { call(&state, &key, "POST", "/v1/servicenow/incidents", Some(&incident("Network", true))).await }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        let (status, body) = t.await.unwrap();
        assert!(status == 200 || status == 201, "{body}");
        statuses.push(body["rules"][0]["status"].as_str().unwrap().to_string());
    }
    assert_eq!(statuses.iter().filter(|s| *s == "assigned").count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| ["assigned", "already_fired", "in_progress"].contains(&s.as_str())), "{statuses:?}");
    assert_eq!(assign_calls(&e), 1, "one Litmos assignment call in all");
    let learner = e.double.user_by_name("vpn.user@customer.example").expect("one learner created");
    assert_eq!(e.double.users_named("vpn.user@customer.example"), 1);
    assert_eq!(e.double.enrolments(&learner.id).len(), 3);
    let (_, training) = call(&e.state, &key, "GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None).await;
    assert_eq!(training["assignments"].as_array().unwrap().len(), 3, "recorded once each");
}

#[tokio::test]
async fn a_spent_litmos_budget_defers_the_firing_to_the_next_sync() {
    let e = env().await;
    let key = enabled_tenant(&e, "acme").await;
    let id = e.double.courses()[0].id.clone();
    assert_eq!(admin(&e, "PUT", "/v1/admin/tenants/acme/rules/vpn", Some(&rule(&[&id]))).await.0, 201);
    // A container whose Litmos budget leaves background work nothing this minute.
    let mut config = e.state.config.clone();
    config.litmos_calls_per_minute = 1;
    let sdk = testkit::sdk_config().await;
    let starved = Arc::new(AppState::new(config, &sdk, Box::new(e.clock.clone())));
    let (status, out) = call(&starved, &key, "POST", "/v1/servicenow/incidents", Some(&incident("Network", true))).await;
    assert_eq!(status, 201, "{out}");
    assert_eq!(out["rules"][0]["status"], "deferred", "{out}");
    assert_eq!(assign_calls(&e), 0, "nothing was sent to Litmos");
    // Not dropped: the tenant's next sync (here the admin's) assigns it, once.
    let (status, synced) = admin(&e, "POST", "/v1/admin/tenants/acme/sync", None).await;
    assert_eq!(status, 200, "{synced}");
    assert_eq!(assign_calls(&e), 1);
    let (_, training) = call(&e.state, &key, "GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None).await;
    assert_eq!(training["assignments"][0]["assigned_by"], "rule:vpn", "{training}");
    admin(&e, "POST", "/v1/admin/tenants/acme/sync", None).await;
    let (_, again) = call(&e.state, &key, "POST", "/v1/servicenow/incidents", Some(&incident("Network", true))).await;
    assert_eq!(again["rules"][0]["status"], "already_fired");
    assert_eq!(assign_calls(&e), 1, "a second sync and a retry of the record assign nothing more");
}

#[tokio::test]
async fn bad_rules_and_records_are_refused_and_change_nothing() {
    let e = env().await;
    let key = enabled_tenant(&e, "acme").await;
    let bad = [
        (json!({"name": "", "when": {"table": "incident", "category": "Network"}, "course_ids": ["1"]}), "name"),
        (json!({"name": "x", "when": {"table": "problem", "category": "Network"}, "course_ids": ["1"]}), "when.table"),
        (json!({"name": "x", "when": {"table": "case", "category": ""}, "course_ids": ["1"]}), "when.category"),
        (json!({"name": "x", "when": {"table": "case", "category": "c"}, "course_ids": []}), "course_ids"),
        (json!({"name": "x", "when": {"table": "case", "category": "c"}, "course_ids": ["1"], "extra": 1}), "extra"),
    ];
    for (body, field) in bad {
        let (status, problem) = admin(&e, "PUT", "/v1/admin/tenants/acme/rules/r1", Some(&body.to_string())).await;
        assert_eq!((status, problem["field"].as_str()), (400, Some(field)), "{problem}");
    }
    let (status, problem) = admin(&e, "PUT", "/v1/admin/tenants/acme/rules/bad%20id", Some(&rule(&["1"]))).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("rule_id")), "{problem}");
    assert_eq!(admin(&e, "PUT", "/v1/admin/tenants/nobody/rules/r1", Some(&rule(&["1"]))).await.0, 404);
    assert_eq!(admin(&e, "GET", "/v1/admin/tenants/acme/rules", None).await.1, json!({"rules": []}));
    // A record whose caller details name another caller is refused before anything is kept.
    let mut body: Value = serde_json::from_str(&incident("Network", true)).unwrap();
    body["caller"]["sys_id"] = "ffffffffffffffffffffffffffffffff".into();
    let (status, problem) = call(&e.state, &key, "POST", "/v1/servicenow/incidents", Some(&body.to_string())).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("caller.sys_id")), "{problem}");
    let (status, _) = call(&e.state, &key, "POST", "/v1/servicenow/incidents", Some(&incident("Hardware", false))).await;
    assert_eq!(status, 201, "the refused record was not kept");
}

#[tokio::test]
async fn a_firing_cut_off_mid_request_is_finished_by_the_sync() {
    let e = env().await;
    let key = enabled_tenant(&e, "acme").await;
    let id = e.double.courses()[0].id.clone();
    assert_eq!(admin(&e, "PUT", "/v1/admin/tenants/acme/rules/vpn", Some(&rule(&[&id]))).await.0, 201);
    // The learner's course list is held for 3 s: the request is dropped after 1 s (its
    // deadline, a crash), after the rule's claim and before anything reached Litmos.
    e.double.inject(litmos_double::Fault { method: Some("GET".into()), path_contains: Some("/courses".into()), delay_ms: Some(3_000), ..Default::default() });
    let cut = tokio::time::timeout(std::time::Duration::from_secs(1), call(&e.state, &key, "POST", "/v1/servicenow/incidents", Some(&incident("Network", true)))).await;
    assert!(cut.is_err(), "the request was cut off");
    // ServiceNow's retry while the claim's lease runs: in progress, nothing twice.
    let (_, retry) = call(&e.state, &key, "POST", "/v1/servicenow/incidents", Some(&incident("Network", true))).await;
    assert_eq!(retry["rules"][0]["status"], "in_progress", "{retry}");
    // Past the lease, the tenant's next sync finishes it, once.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    e.clock.advance(121);
    assert_eq!(admin(&e, "POST", "/v1/admin/tenants/acme/sync", None).await.0, 200);
    assert_eq!(assign_calls(&e), 1);
    let (_, training) = call(&e.state, &key, "GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None).await;
    assert_eq!(training["assignments"][0]["assigned_by"], "rule:vpn", "{training}");
    admin(&e, "POST", "/v1/admin/tenants/acme/sync", None).await;
    assert_eq!(assign_calls(&e), 1, "a second sync assigns nothing more");
}
