//! The "Assign Courses" click path through the handlers, on moto and the Litmos
//! double: learners, courses, assignments with every message, faults, idempotency,
//! concurrency, and the incident's training.

mod support;

use std::sync::Arc;

use litmos_api::admin;
use litmos_domain::assignments::{AssignInput, IncidentRef};
use litmos_domain::learners::{CallerInput, LearnerInput, Learners};
use litmos_double::Fault;
use serde_json::{Value, json};
use support::*;

struct Tenant {
    e: Env,
    key: String,
}

async fn tenant() -> Tenant {
    tenant_with(litmos_double::Config::default()).await
}

async fn tenant_with(config: litmos_double::Config) -> Tenant {
    let e = env_with(config, None).await;
    let auth = bearer(ADMIN);
    let body = json!({"name": "Acme", "litmos": {"base_url": e.litmos_url, "api_key": "demo-litmos-key", "source": "servicenow"}}).to_string();
    let r = admin::put_tenant(e.state.clone(), event("PUT", "/v1/admin/tenants/acme", &[("authorization", &auth)], Some(&body))).await;
    assert_eq!(r.status(), 201);
    let r = admin::enable_servicenow(e.state.clone(), event("POST", "/v1/admin/tenants/acme/servicenow", &[("authorization", &auth)], None)).await;
    let key = status_and_json(&r).1["api_key"].as_str().unwrap().to_string();
    e.double.clear_requests();
    Tenant { e, key }
}

impl Tenant {
    async fn call(&self, method: &str, path: &str, agent: Option<&str>, body: Option<&str>) -> (u16, Value) {
        self.call_with(method, path, agent, body, &[]).await
    }

    async fn call_with(&self, method: &str, path: &str, agent: Option<&str>, body: Option<&str>, extra: &[(&str, &str)]) -> (u16, Value) {
        status_and_json(&servicenow_call(&self.e.state, &self.key, method, path, agent, body, extra).await)
    }

    async fn learner(&self, email: &str) -> String {
        let body = json!({"caller": {"sys_id": CALLER, "email": email, "first_name": "Pat", "last_name": "Caller"}}).to_string();
        let (status, b) = self.call("POST", "/v1/servicenow/learners", None, Some(&body)).await;
        assert!(status == 201 || status == 200, "{b}");
        b["learner"]["id"].as_str().unwrap().to_string()
    }

    fn course(&self, i: usize) -> litmos_double::Course {
        self.e.double.courses()[i].clone()
    }

    fn litmos_calls(&self, method: &str, path_part: &str) -> usize {
        self.e.double.requests().iter().filter(|r| r.method == method && r.path.contains(path_part)).count()
    }
}

fn assign_body(learner: &str, ids: &[&str]) -> String {
    json!({"learner_id": learner, "course_ids": ids, "incident": {"sys_id": INCIDENT, "number": "INC0010023"}}).to_string()
}

#[tokio::test]
async fn learners_are_created_once_and_reused() {
    let t = tenant().await;
    let body = json!({"caller": {"sys_id": CALLER, "email": "pat.caller@example.com", "first_name": "Pat", "last_name": "Caller"}}).to_string();
    let (status, first) = t.call("POST", "/v1/servicenow/learners", None, Some(&body)).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["created"], true);
    assert_eq!(first["learner"]["user_name"], "pat.caller@example.com");
    let (status, again) = t.call("POST", "/v1/servicenow/learners", None, Some(&body)).await;
    assert_eq!((status, &again["learner"]["id"], &again["created"]), (200, &first["learner"]["id"], &json!(false)));
    assert_eq!(t.e.double.users_named("pat.caller@example.com"), 1);
    let (status, got) = t.call("GET", &format!("/v1/servicenow/learners/{CALLER}"), None, None).await;
    assert_eq!((status, &got["learner"]["id"]), (200, &first["learner"]["id"]));

    // An existing Litmos user with that e-mail is reused, not duplicated.
    let other = "11111111111111111111111111111111";
    let body = json!({"caller": {"sys_id": other, "email": "CHARLIE.SMITH@pieshop.net"}}).to_string();
    let (status, b) = t.call("POST", "/v1/servicenow/learners", None, Some(&body)).await;
    assert_eq!((status, b["created"].as_bool()), (200, Some(false)));
    assert_eq!(b["learner"]["id"], t.e.double.user_by_name("charlie.smith@pieshop.net").unwrap().id.as_str());
    assert_eq!(t.e.double.users_named("charlie.smith@pieshop.net"), 1);
}

#[tokio::test]
async fn a_litmos_409_means_exists_and_is_looked_up() {
    let t = tenant().await;
    // Litmos' fuzzy search misses the user once (it happens), so create answers 409.
    t.e.double.inject(Fault {
        method: Some("GET".into()),
        path_contains: Some("/users".into()),
        status: None,
        delay_ms: None,
        count: 1,
        after_effect: false,
        body: Some(json!([])),
        ..Fault::default()
    });
    let body = json!({"caller": {"sys_id": CALLER, "user_name": "learner@pieshop.net"}}).to_string();
    let (status, b) = t.call("POST", "/v1/servicenow/learners", None, Some(&body)).await;
    assert_eq!((status, b["created"].as_bool()), (200, Some(false)), "{b}");
    assert_eq!(b["learner"]["id"], t.e.double.user_by_name("learner@pieshop.net").unwrap().id.as_str());
    assert_eq!(t.litmos_calls("POST", "/users"), 1);
}

#[tokio::test]
async fn learner_bad_input_and_unknown_callers() {
    let t = tenant().await;
    for (body, field) in [
        (json!({"caller": {"sys_id": CALLER}}), "caller"),
        (json!({"caller": {"sys_id": "XYZ", "email": "a@b.co"}}), "caller.sys_id"),
        (json!({"caller": {"sys_id": CALLER, "email": "not-an-email"}}), "caller.email"),
        (json!({"caller": {"sys_id": CALLER, "email": "a@b.co", "access_level": "Administrator"}}), "caller.access_level"),
        (json!({"caller": {"sys_id": CALLER, "email": "a@b.co"}, "tenant_id": "other"}), "tenant_id"),
    ] {
        let (status, p) = t.call("POST", "/v1/servicenow/learners", None, Some(&body.to_string())).await;
        assert_eq!((status, p["field"].as_str()), (400, Some(field)), "{body}");
    }
    assert!(t.e.double.requests().is_empty(), "bad input never reaches Litmos");
    assert_eq!(t.call("GET", &format!("/v1/servicenow/learners/{CALLER}"), None, None).await.0, 404);
    assert_eq!(t.call("GET", "/v1/servicenow/learners/nope", None, None).await.1["field"], "caller_sys_id");
}

#[tokio::test]
async fn twenty_concurrent_calls_for_one_caller_create_one_litmos_user() {
    let t = tenant().await;
    let state = t.e.state.clone();
    let (_, acct) = state.account(&state.keys.authenticate(&state.store, state.clock.as_ref(), Some(&bearer(&t.key))).await.unwrap()).await.unwrap();
    let acct = Arc::new(acct);
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let (state, acct) = (state.clone(), acct.clone());
        tasks.push(tokio::spawn(async move {
            let l = Learners { store: &state.store, litmos: &state.litmos, clock: state.clock.as_ref() };
            let input = LearnerInput { caller: CallerInput { sys_id: CALLER.into(), user_name: None, email: Some("rush@example.com".into()), first_name: None, last_name: None } };
            l.find_or_create("acme", &acct, false, input).await.map(|o| (o.learner.id, o.created))
        }));
    }
    let mut ids = std::collections::HashSet::new();
    let mut created = 0;
    for t in tasks {
        let (id, c) = t.await.unwrap().unwrap();
        ids.insert(id);
        created += usize::from(c);
    }
    assert_eq!((ids.len(), created), (1, 1));
    assert_eq!(t.e.double.users_named("rush@example.com"), 1);
}

#[tokio::test]
async fn courses_follow_the_agents_access_level_and_come_from_the_cache() {
    let t = tenant().await;
    let (status, page) = t.call("GET", "/v1/servicenow/courses?limit=100", Some("admin@pieshop.net"), None).await;
    assert_eq!(status, 200, "{page}");
    let active = t.e.double.courses().iter().filter(|c| c.active).count();
    assert_eq!(page["total"].as_u64().unwrap() as usize, active);
    assert!(page["items"].as_array().unwrap().iter().all(|c| c["active"] == true));
    let courses_reads = t.litmos_calls("GET", "/v1.svc/courses");
    assert_eq!(courses_reads, 1);

    t.e.double.clear_requests();
    let (_, warm) = t.call("GET", "/v1/servicenow/courses?search=billing&sort=-name&limit=2&offset=1", Some("owner@pieshop.net"), None).await;
    assert_eq!(warm["limit"], 2);
    assert_eq!(warm["offset"], 1);
    assert_eq!(warm["total"], 4);
    let names: Vec<&str> = warm["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Billing: In Practice", "Billing: Essentials"]);
    let (_, again) = t.call("GET", "/v1/servicenow/courses?code=SUP000", Some("owner@pieshop.net"), None).await;
    assert_eq!(again["total"], 9);
    let (_, again) = t.call("GET", "/v1/servicenow/courses", Some("admin@pieshop.net"), None).await;
    assert_eq!(again["items"].as_array().unwrap().len(), 20);
    assert_eq!(t.litmos_calls("GET", "/v1.svc/courses"), 0, "a warm catalog makes no Litmos call");
    assert_eq!(t.litmos_calls("GET", "/v1.svc/users"), 1, "only the new agent was looked up");

    let (status, led) = t.call("GET", "/v1/servicenow/courses", Some("leader@pieshop.net"), None).await;
    assert_eq!((status, led["total"].as_u64()), (200, Some(6)), "a Team Leader sees the courses of the team they lead");
    let (status, none) = t.call("GET", "/v1/servicenow/courses", Some("learner@pieshop.net"), None).await;
    assert_eq!((status, none["total"].as_u64()), (200, Some(0)));
    let (status, p) = t.call("GET", "/v1/servicenow/courses", Some("stranger@nowhere.io"), None).await;
    assert_eq!((status, p["status"].as_u64()), (403, Some(403)));
    assert_eq!(t.call("GET", "/v1/servicenow/courses", None, None).await.1["field"], "X-Agent");
    for (q, field) in [("limit=0", "limit"), ("limit=abc", "limit"), ("sort=date", "sort"), ("tenant_id=other", "tenant_id"), ("offset=-3", "offset")] {
        let (status, p) = t.call("GET", &format!("/v1/servicenow/courses?{q}"), Some("admin@pieshop.net"), None).await;
        assert_eq!((status, p["field"].as_str()), (400, Some(field)), "{q}");
    }
}

#[tokio::test]
async fn assign_courses_message_for_message() {
    let t = tenant().await;
    let learner = t.learner("pat.caller@example.com").await;
    let (a, b, c) = (t.course(0), t.course(1), t.course(2));
    t.e.double.clear_requests();

    let (status, out) = t.call("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&learner, &[&b.id, &a.id]))).await;
    assert_eq!(status, 200, "{out}");
    assert_eq!(out["messages"], json!([format!("You have successfully assigned these courses: {}, {}", b.name, a.name)]));
    assert_eq!(out["assigned"], json!([{"id": b.id, "name": b.name}, {"id": a.id, "name": a.name}]));
    assert_eq!(out["already_assigned"], json!([]));
    assert_eq!(t.litmos_calls("GET", "/courses"), 2, "one read of the learner's courses (+ the catalog once)");
    assert_eq!(t.litmos_calls("POST", "/courses"), 1, "one Litmos write");

    t.e.double.clear_requests();
    let (status, out) = t.call("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&learner, &[&a.id, &c.id, &b.id]))).await;
    assert_eq!(status, 200);
    assert_eq!(out["messages"], json!([format!("You have successfully assigned these courses: {}", c.name), format!("{} is already assigned", a.name), format!("{} is already assigned", b.name)]));
    let posted: Vec<_> = t.e.double.requests().into_iter().filter(|r| r.method == "POST").collect();
    assert_eq!(posted.len(), 1);
    assert_eq!(serde_json::from_str::<Value>(&posted[0].body).unwrap(), json!([{"Id": c.id}]), "only new courses are sent");

    t.e.double.clear_requests();
    let (_, out) = t.call("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&learner, &[&a.id]))).await;
    assert_eq!(out["messages"], json!([format!("{} is already assigned", a.name)]));
    assert_eq!(t.litmos_calls("POST", "/courses"), 0, "nothing new, no write");
    assert_eq!(t.e.double.enrolments(&learner).len(), 3);
}

#[tokio::test]
async fn refusals_change_nothing() {
    let t = tenant().await;
    let learner = t.learner("pat.caller@example.com").await;
    let a = t.course(0);
    let not_admin =
        r#"You do not have permission to assign courses. This requires an "Administrator" access level. Please make sure you are an Administrator in Litmos before attempting to assign courses."#;
    for agent in ["leader@pieshop.net", "learner@pieshop.net", "stranger@nowhere.io"] {
        let (status, p) = t.call("POST", "/v1/servicenow/assignments", Some(agent), Some(&assign_body(&learner, &[&a.id]))).await;
        assert_eq!((status, p["detail"].as_str()), (403, Some(not_admin)), "{agent}");
    }
    let (status, _) = t.call("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body("U999999999x1", &[&a.id]))).await;
    assert_eq!(status, 404, "a learner not linked to this tenant");
    let charlie = t.e.double.user_by_name("charlie.smith@pieshop.net").unwrap().id;
    assert_eq!(t.call("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&charlie, &[&a.id]))).await.0, 404, "a Litmos user never linked here");

    let retired = t.e.double.courses().into_iter().find(|c| !c.active).unwrap();
    let (status, p) = t.call("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&learner, &[&a.id, "NoSuchCourse1", &retired.id]))).await;
    assert_eq!(status, 422);
    let detail = p["detail"].as_str().unwrap();
    assert!(detail.contains("NoSuchCourse1") && detail.contains(&retired.id) && !detail.contains(&a.id), "{detail}");

    let many: Vec<String> = (0..51).map(|i| format!("C{i}")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    for (body, agent, field) in [
        (assign_body(&learner, &many), Some("admin@pieshop.net"), "course_ids"),
        (assign_body(&learner, &[&a.id, &a.id]), Some("admin@pieshop.net"), "course_ids"),
        (assign_body(&learner, &[&a.id]).replace("INC0010023", "INC1"), Some("admin@pieshop.net"), "incident.number"),
        (assign_body(&learner, &[&a.id]).replace(INCIDENT, "nothex"), Some("admin@pieshop.net"), "incident.sys_id"),
        (assign_body(&learner, &[&a.id]).replace("\"learner_id\"", "\"status\":\"completed\",\"learner_id\""), Some("admin@pieshop.net"), "status"),
        (assign_body(&learner, &[&a.id]), None, "X-Agent"),
    ] {
        let (status, p) = t.call("POST", "/v1/servicenow/assignments", agent, Some(&body)).await;
        assert_eq!((status, p["field"].as_str()), (400, Some(field)), "{body}");
    }
    assert!(t.e.double.enrolments(&learner).is_empty(), "nothing was assigned");
    assert_eq!(t.call("GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None, None).await.0, 404);
}

#[tokio::test]
async fn idempotency_keys_replay_refuse_changes_and_block_while_in_flight() {
    let t = tenant().await;
    let learner = t.learner("pat.caller@example.com").await;
    let (a, b) = (t.course(0), t.course(1));
    let body = assign_body(&learner, &[&a.id]);
    let (s1, first) = t.call_with("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&body), &[("idempotency-key", "click-1")]).await;
    assert_eq!(s1, 200);
    t.e.double.clear_requests();
    let (s2, replay) = t.call_with("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&body), &[("idempotency-key", "click-1")]).await;
    assert_eq!((s2, &replay), (200, &first), "the retry gets the first answer, not 'already assigned'");
    assert!(t.e.double.requests().is_empty(), "a replay never calls Litmos");
    let (s3, p) = t.call_with("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&learner, &[&b.id])), &[("idempotency-key", "click-1")]).await;
    assert_eq!((s3, p["status"].as_u64()), (422, Some(422)));

    use litmos_domain::ports::IdempotencyStore;
    t.e.state.store.begin("acme", "click-2", "someone-else", "owner-2", T0, T0 + 60, T0 + 86_400).await.unwrap();
    let (s4, _) = t.call_with("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&body), &[("idempotency-key", "click-2")]).await;
    assert_eq!(s4, 422, "same key, other fingerprint");
    let print = litmos_domain::idempotency::fingerprint(&["admin@pieshop.net", &serde_json::to_string(&serde_json::from_str::<AssignInput>(&body).unwrap()).unwrap()]);
    t.e.state.store.begin("acme", "click-3", &print, "owner-3", T0, T0 + 60, T0 + 86_400).await.unwrap();
    let (s5, p) = t.call_with("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&body), &[("idempotency-key", "click-3")]).await;
    assert_eq!((s5, p["status"].as_u64()), (409, Some(409)), "in flight");
    t.e.clock.advance(61);
    let (s6, _) = t.call_with("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&body), &[("idempotency-key", "click-3")]).await;
    assert_eq!(s6, 200, "a crashed request's key recovers after the in-flight window");
}

#[tokio::test]
async fn litmos_failing_mid_assign_loses_and_duplicates_nothing() {
    let t = tenant().await;
    let learner = t.learner("pat.caller@example.com").await;
    let (a, b) = (t.course(0), t.course(1));
    // Warm the catalog and the agent so the faults hit the assignment itself.
    t.call("GET", "/v1/servicenow/courses", Some("admin@pieshop.net"), None).await;

    let fault = |after_effect| Fault { method: Some("POST".into()), path_contains: Some("/courses".into()), status: Some(503), delay_ms: None, count: 3, after_effect, body: None, ..Fault::default() };
    t.e.double.inject(fault(false));
    let (status, p) = t.call_with("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&learner, &[&a.id])), &[("idempotency-key", "k-503")]).await;
    assert_eq!(status, 502, "{p}");
    assert!(p["detail"].as_str().unwrap().contains(&format!("Not assigned: {}", a.name)), "{p}");
    assert!(t.e.double.enrolments(&learner).is_empty());
    assert_eq!(t.call("GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None, None).await.0, 404, "nothing recorded");

    // The retry (same key) runs again and completes.
    let (status, out) = t.call_with("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&learner, &[&a.id])), &[("idempotency-key", "k-503")]).await;
    assert_eq!((status, out["assigned"][0]["id"].as_str()), (200, Some(a.id.as_str())));

    // Litmos takes the write but the answer is lost: read back, record what landed.
    t.e.double.inject(fault(true));
    let (status, p) = t.call("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&learner, &[&b.id]))).await;
    assert_eq!(status, 502);
    assert!(p["detail"].as_str().unwrap().contains(&format!("Assigned: {}", b.name)), "{p}");
    let (_, again) = t.call("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&learner, &[&b.id]))).await;
    assert_eq!(again["messages"], json!([format!("{} is already assigned", b.name)]));
    assert_eq!(t.e.double.enrolments(&learner).len(), 2);
    let (_, tr) = t.call("GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None, None).await;
    assert_eq!(tr["assignments"].as_array().unwrap().len(), 2, "both recorded once");
}

#[tokio::test]
async fn fifty_concurrent_identical_assigns_assign_once() {
    let t = tenant().await;
    let learner = t.learner("pat.caller@example.com").await;
    let ids: Vec<String> = (0..3).map(|i| t.course(i).id).collect();
    let state = t.e.state.clone();
    let caller = state.keys.authenticate(&state.store, state.clock.as_ref(), Some(&bearer(&t.key))).await.unwrap();
    let (_, acct) = state.account(&caller).await.unwrap();
    let acct = Arc::new(acct);
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (state, acct, learner, ids) = (state.clone(), acct.clone(), learner.clone(), ids.clone());
        tasks.push(tokio::spawn(async move {
            let service = state.assignments(&state.litmos);
            let input = AssignInput { learner_id: learner, course_ids: ids, incident: IncidentRef { sys_id: INCIDENT.into(), number: "INC0010023".into(), table: None }, send_message: false };
            match service.assign("acme", &acct, "admin@pieshop.net", None, input).await.unwrap() {
                litmos_domain::assignments::Answer::Fresh(o) => o,
                _ => unreachable!("no idempotency key"),
            }
        }));
    }
    let mut assigned = std::collections::HashMap::<String, usize>::new();
    for task in tasks {
        let out = task.await.unwrap();
        assert_eq!(out.assigned.len() + out.already_assigned.len(), 3);
        for c in out.assigned {
            *assigned.entry(c.id).or_default() += 1;
        }
    }
    assert_eq!(assigned.len(), 3);
    assert!(assigned.values().all(|n| *n == 1), "{assigned:?}");
    assert_eq!(t.e.double.enrolments(&learner).len(), 3);
    let (_, tr) = t.call("GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None, None).await;
    assert_eq!(tr["assignments"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn the_incident_shows_what_became_of_its_training() {
    let t = tenant().await;
    let learner = t.learner("pat.caller@example.com").await;
    let (a, b, c) = (t.course(0), t.course(1), t.course(2));
    t.call("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&learner, &[&a.id, &b.id, &c.id]))).await;
    let progress = |course: &str, pct: u8| {
        let mut data = t.e.double.data.lock().unwrap();
        let e = data.enrolments.get_mut(&learner).unwrap().iter_mut().find(|e| e.course_id == course).unwrap();
        e.percentage = pct;
        e.completed_at = (pct == 100).then_some(1_795_920_000);
    };
    progress(&b.id, 40);
    progress(&c.id, 100);
    t.e.clock.advance(121);
    let (status, tr) = t.call("GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None, None).await;
    assert_eq!(status, 200, "{tr}");
    assert_eq!(tr["incident"], json!({"sys_id": INCIDENT, "number": "INC0010023", "table": "incident"}));
    let by_id = |id: &str| tr["assignments"].as_array().unwrap().iter().find(|x| x["course_id"] == id).unwrap().clone();
    assert_eq!(by_id(&a.id)["status"], "not_started");
    assert_eq!(by_id(&b.id)["status"], "in_progress");
    assert_eq!(by_id(&b.id)["percentage_complete"], 40.0);
    assert_eq!(by_id(&c.id)["status"], "completed");
    assert_eq!(by_id(&c.id)["completed_at"], "2026-11-29T02:40:00Z");
    assert_eq!(by_id(&a.id)["assigned_by"], "admin@pieshop.net");
    assert_eq!(by_id(&a.id)["course_url"], format!("{}/course/{}", t.e.litmos_url.trim_end_matches("/v1.svc"), a.id));
    for k in ["learner_id", "course_name", "assigned_at", "score"] {
        assert!(by_id(&a.id).get(k).is_some(), "{k}");
    }
    // Cached a few minutes: a second look makes no Litmos call.
    t.e.double.clear_requests();
    t.call("GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None, None).await;
    assert!(t.e.double.requests().is_empty());
    assert_eq!(t.call("GET", "/v1/servicenow/incidents/zzz/training", None, None).await.1["field"], "incident_sys_id");
}

#[tokio::test]
async fn another_tenants_ids_are_404_and_never_data() {
    let t = tenant().await;
    let learner = t.learner("pat.caller@example.com").await;
    let a = t.course(0);
    t.call("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&learner, &[&a.id]))).await;

    // A second tenant on the same deployment and the same Litmos account.
    let auth = bearer(ADMIN);
    let body = json!({"name": "Other", "litmos": {"base_url": t.e.litmos_url, "api_key": "demo-litmos-key", "source": "other"}}).to_string();
    admin::put_tenant(t.e.state.clone(), event("PUT", "/v1/admin/tenants/other", &[("authorization", &auth)], Some(&body))).await;
    let r = admin::enable_servicenow(t.e.state.clone(), event("POST", "/v1/admin/tenants/other/servicenow", &[("authorization", &auth)], None)).await;
    let other = Tenant { key: status_and_json(&r).1["api_key"].as_str().unwrap().to_string(), e: t.e };

    let (status, p) = other.call("GET", &format!("/v1/servicenow/learners/{CALLER}"), None, None).await;
    assert_eq!(status, 404, "{p}");
    assert!(!p.to_string().contains(&learner));
    let (status, p) = other.call("GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None, None).await;
    assert_eq!(status, 404);
    assert!(!p.to_string().contains(&a.id));
    let (status, _) = other.call("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&learner, &[&a.id]))).await;
    assert_eq!(status, 404, "a learner linked in another tenant is unknown here");
    let (_, conf) = other.call_with("GET", "/v1/servicenow/courses?limit=1", Some("admin@pieshop.net"), None, &[]).await;
    assert_eq!(conf["limit"], 1);
}

#[tokio::test]
async fn a_litmos_timeout_mid_assign_is_a_502_and_nothing_is_recorded() {
    let t = tenant().await;
    let learner = t.learner("pat.caller@example.com").await;
    let a = t.course(0);
    t.call("GET", "/v1/servicenow/courses", Some("admin@pieshop.net"), None).await;
    // Longer than LITMOS_TIMEOUT_MS (1 s here) on every attempt.
    t.e.double.inject(Fault {
        method: Some("POST".into()),
        path_contains: Some("/courses".into()),
        status: None,
        delay_ms: Some(1_500),
        count: 3,
        after_effect: false,
        body: None,
        ..Fault::default()
    });
    let (status, p) = t.call("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&learner, &[&a.id]))).await;
    assert_eq!(status, 502, "{p}");
    assert!(p["detail"].as_str().unwrap().contains("could not be reached") || p["detail"].as_str().unwrap().contains("Not assigned"), "{p}");
    // The delayed writes still land in Litmos after our timeout: what is recorded follows
    // Litmos, and the retry reports the course as already assigned, once.
    tokio::time::sleep(std::time::Duration::from_millis(1_600)).await;
    let (status, out) = t.call("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&learner, &[&a.id]))).await;
    assert_eq!(status, 200, "{out}");
    assert_eq!(out["assigned"].as_array().unwrap().len() + out["already_assigned"].as_array().unwrap().len(), 1);
    assert_eq!(t.e.double.enrolments(&learner).len(), 1);
}

#[tokio::test]
async fn litmos_emails_new_learners_only_when_the_tenant_asks() {
    let t = tenant().await;
    t.learner("quiet@example.com").await;
    let created = |name: &str| t.e.double.requests().into_iter().rev().find(|r| r.method == "POST" && r.body.contains(name)).map(|r| serde_json::from_str::<Value>(&r.body).unwrap()).unwrap();
    assert_eq!(created("quiet@example.com")["DisableMessages"], true);

    let auth = bearer(ADMIN);
    let body = json!({"name": "Acme", "litmos": {"base_url": t.e.litmos_url, "api_key": "demo-litmos-key", "source": "servicenow", "send_welcome_email": true}}).to_string();
    let r = admin::put_tenant(t.e.state.clone(), event("PUT", "/v1/admin/tenants/acme", &[("authorization", &auth)], Some(&body))).await;
    assert_eq!(status_and_json(&r).1["litmos"]["send_welcome_email"], true);
    t.e.clock.advance(6);
    let other = json!({"caller": {"sys_id": "22222222222222222222222222222222", "email": "welcome@example.com"}}).to_string();
    assert_eq!(t.call("POST", "/v1/servicenow/learners", None, Some(&other)).await.0, 201);
    assert_eq!(created("welcome@example.com")["DisableMessages"], false);
}

/// Issue 7.3: Litmos is the truth. A course removed from the learner in Litmos is
/// assigned again (and recorded again, against the new incident); the old record stays.
#[tokio::test]
async fn a_course_removed_in_litmos_is_assigned_again() {
    let t = tenant().await;
    let learner = t.learner("pat.caller@example.com").await;
    let a = t.course(0);
    let (status, _) = t.call("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&learner, &[&a.id]))).await;
    assert_eq!(status, 200);
    // Someone removes the course from the learner in Litmos.
    t.e.double.data.lock().unwrap().enrolments.get_mut(&learner).unwrap().retain(|e| e.course_id != a.id);
    t.e.clock.advance(60);
    let second = "0123456789abcdef0123456789abcd02";
    let body = json!({"learner_id": learner, "course_ids": [a.id], "incident": {"sys_id": second, "number": "INC0010024"}}).to_string();
    let (status, out) = t.call("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&body)).await;
    assert_eq!(status, 200, "{out}");
    assert_eq!(out["messages"], json!([format!("You have successfully assigned these courses: {}", a.name)]));
    assert_eq!(t.e.double.enrolments(&learner).len(), 1, "Litmos holds it again");
    let (status, tr) = t.call("GET", &format!("/v1/servicenow/incidents/{second}/training"), None, None).await;
    assert_eq!((status, tr["assignments"].as_array().unwrap().len()), (200, 1), "recorded against the new incident");
    assert_eq!(t.call("GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None, None).await.0, 200, "the first stays as history");
}

/// Issue 7.3: Litmos took the course but it could be neither confirmed nor read back:
/// the retry records what Litmos holds against the request's incident, so the incident
/// never misses a course Litmos has.
#[tokio::test]
async fn a_course_litmos_took_but_nobody_recorded_is_recorded_by_the_retry() {
    let t = tenant().await;
    let learner = t.learner("pat.caller@example.com").await;
    let a = t.course(0);
    t.call("GET", "/v1/servicenow/courses", Some("admin@pieshop.net"), None).await;
    // The write lands but its answers are lost, and the read-back fails too.
    t.e.double.inject(Fault { method: Some("POST".into()), path_contains: Some("/courses".into()), status: Some(503), count: 3, after_effect: true, ..Fault::default() });
    // The first read (before the write) passes; the read-back fails.
    t.e.double.inject(Fault { method: Some("GET".into()), path_contains: Some("/courses".into()), count: 1, ..Fault::default() });
    t.e.double.inject(Fault { method: Some("GET".into()), path_contains: Some("/courses".into()), status: Some(500), count: 1, ..Fault::default() });
    let (status, p) = t.call("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&learner, &[&a.id]))).await;
    assert_eq!(status, 502, "{p}");
    assert_eq!(t.e.double.enrolments(&learner).len(), 1, "Litmos took it");
    assert_eq!(t.call("GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None, None).await.0, 404);
    // The retry, at once (the failed request freed its claim).
    let (status, out) = t.call("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&learner, &[&a.id]))).await;
    assert_eq!(status, 200, "{out}");
    assert_eq!(out["messages"], json!([format!("{} is already assigned", a.name)]));
    let (status, tr) = t.call("GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None, None).await;
    assert_eq!((status, tr["assignments"][0]["course_id"].as_str()), (200, Some(a.id.as_str())));
    assert_eq!(t.litmos_calls("POST", "/courses"), 3, "the retry did not write to Litmos again");
}

/// Issue 7.3: two requests for one learner with overlapping courses in opposite order
/// claim in sorted order, so neither holds one and waits for the other.
#[tokio::test]
async fn overlapping_requests_in_opposite_order_both_finish() {
    let t = tenant().await;
    let learner = t.learner("pat.caller@example.com").await;
    let (a, b, c) = (t.course(0).id, t.course(1).id, t.course(2).id);
    t.call("GET", "/v1/servicenow/courses", Some("admin@pieshop.net"), None).await;
    let t = Arc::new(t);
    let mut tasks = Vec::new();
    for i in 0..10 {
        let t = t.clone();
        let ids: Vec<String> = if i % 2 == 0 { vec![a.clone(), b.clone(), c.clone()] } else { vec![c.clone(), b.clone(), a.clone()] };
        let learner = learner.clone();
        tasks.push(tokio::spawn(async move {
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            t.call("POST", "/v1/servicenow/assignments", Some("admin@pieshop.net"), Some(&assign_body(&learner, &refs))).await
        }));
    }
    let started = std::time::Instant::now();
    let mut assigned = 0;
    for task in tasks {
        let (status, out) = task.await.unwrap();
        assert_eq!(status, 200, "{out}");
        assigned += out["assigned"].as_array().unwrap().len();
    }
    assert_eq!(assigned, 3, "each course once");
    assert!(started.elapsed() < std::time::Duration::from_secs(9), "no request waited out another: {:?}", started.elapsed());
    assert_eq!(t.e.double.enrolments(&learner).len(), 3);
}

/// Issue 8.2: a warm container answers the course list from its decoded copy of the
/// catalog while the cache generation is unchanged, and picks up a refresh another
/// container wrote.
#[tokio::test]
async fn a_warm_container_keeps_its_catalog_until_the_cache_changes() {
    let t = tenant().await;
    let (status, first) = t.call("GET", "/v1/servicenow/courses?limit=100&sort=name", Some("admin@pieshop.net"), None).await;
    assert_eq!(status, 200);
    t.e.double.clear_requests();
    let (_, again) = t.call("GET", "/v1/servicenow/courses?limit=100&sort=name", Some("admin@pieshop.net"), None).await;
    assert_eq!(first, again);
    assert!(t.e.double.requests().is_empty(), "a warm catalog makes no Litmos call");
    // Another container refreshes the catalog (Litmos gained courses, the TTL passed).
    t.e.double.data.lock().unwrap().add_courses(3);
    let other = litmos_domain::cache::Memo::default();
    let catalog = litmos_domain::courses::Catalog { cache: &t.e.state.store, memo: &other, litmos: &t.e.state.litmos, clock: t.e.state.clock.as_ref(), catalog_ttl: 0 };
    let caller = t.e.state.keys.authenticate(&t.e.state.store, t.e.state.clock.as_ref(), Some(&bearer(&t.key))).await.unwrap();
    let (_, acct) = t.e.state.account(&caller).await.unwrap();
    let refreshed = catalog.all("acme", &acct).await.unwrap();
    // A copy confirmed under a second ago is used as it is; after that, the head is read.
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    let (_, after) = t.call("GET", "/v1/servicenow/courses?limit=1", Some("admin@pieshop.net"), None).await;
    assert_eq!(after["total"].as_u64().unwrap() as usize, refreshed.iter().filter(|c| c.active).count(), "the new generation is read");
    assert!(after["total"].as_u64().unwrap() > first["total"].as_u64().unwrap());
}

#[tokio::test]
async fn the_app_keeps_its_course_table_from_the_paged_catalog_and_filters_it_per_agent() {
    let t = tenant().await;
    // The whole catalog, inactive courses too, in pages; the generation stays while nothing changes.
    let (status, first) = t.call("GET", "/v1/servicenow/catalog?limit=25", None, None).await;
    assert_eq!(status, 200, "{first}");
    let total = first["total"].as_u64().unwrap() as usize;
    assert_eq!(total, t.e.double.courses().len());
    let mut ids: Vec<String> = Vec::new();
    let mut page = first.clone();
    loop {
        ids.extend(page["items"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()));
        let Some(cursor) = page["next_cursor"].as_str() else { break };
        let (status, next) = t.call("GET", &format!("/v1/servicenow/catalog?limit=25&cursor={cursor}"), None, None).await;
        assert_eq!(status, 200, "{next}");
        assert_eq!(next["generation"], first["generation"]);
        page = next;
    }
    let mut expected: Vec<String> = t.e.double.courses().iter().map(|c| c.id.clone()).collect();
    expected.sort();
    assert_eq!(ids, expected);
    assert!(first["items"].as_array().unwrap().iter().all(|c| c["active"].is_boolean()));
    assert_eq!(t.call("GET", "/v1/servicenow/catalog?limit=1001", None, None).await.0, 400);
    assert_eq!(t.call("GET", "/v1/servicenow/catalog?cursor=nodot", None, None).await.0, 400);
    // Paging the cached catalog asks Litmos for nothing more.
    t.e.double.clear_requests();
    assert_eq!(t.call("GET", "/v1/servicenow/catalog", None, None).await.0, 200);
    assert!(t.e.double.requests().is_empty());

    // Per agent: everything for an Administrator, the led teams' courses for a Team Leader,
    // nothing for a Learner, 403 for a stranger.
    let (status, admin) = t.call("GET", "/v1/servicenow/courses/assignable", Some(ADMIN_AGENT), None).await;
    assert_eq!((status, &admin["all"], &admin["course_ids"]), (200, &json!(true), &json!([])), "{admin}");
    let (_, led) = t.call("GET", "/v1/servicenow/courses/assignable", Some("leader@pieshop.net"), None).await;
    let (_, list) = t.call("GET", "/v1/servicenow/courses?limit=100", Some("leader@pieshop.net"), None).await;
    let mut listed: Vec<&str> = list["items"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    listed.sort();
    assert_eq!((led["all"].as_bool(), led["access_level"].as_str()), (Some(false), Some("Team_Leader")));
    assert_eq!(led["course_ids"], json!(listed), "the same courses the list shows the leader");
    let (_, learner) = t.call("GET", "/v1/servicenow/courses/assignable", Some("learner@pieshop.net"), None).await;
    assert_eq!((learner["all"].as_bool(), learner["course_ids"].clone()), (Some(false), json!([])));
    assert_eq!(t.call("GET", "/v1/servicenow/courses/assignable", Some("stranger@nowhere.io"), None).await.0, 403);
    assert_eq!(t.call("GET", "/v1/servicenow/courses/assignable", None, None).await.0, 400);
}
