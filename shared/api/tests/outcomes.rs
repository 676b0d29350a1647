//! Training outcomes through the handlers, on moto and the Litmos double: the webhook
//! (its token, its shape, Litmos as the only truth, repeats, a slow Litmos), the sync
//! and its call budget, incidents, the feed and its cursors, one caller's courses and
//! the effectiveness report.

mod support;

use litmos_api::{admin, outcomes};
use litmos_domain::ports::{ProgressStore, RollupStore};
use litmos_double::Fault;
use serde_json::{Value, json};
use support::*;

const LATER_INCIDENT: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

struct Tenant {
    e: Env,
    id: String,
    key: String,
    learner: String,
    courses: Vec<(String, String)>,
}

async fn admin_report_call(state: std::sync::Arc<litmos_api::AppState>, path_and_query: &str, token: &str, accept: &str) -> lambda_http::Response<lambda_http::Body> {
    let req = event("GET", path_and_query, &[("authorization", &bearer(token)), ("accept", accept)], None);
    litmos_api::outcomes::admin_effectiveness_report(state, req).await
}

async fn tenant() -> Tenant {
    tenant_in(env().await, "acme").await
}

async fn tenant_in(e: Env, id: &str) -> Tenant {
    let mut t = bare_tenant(e, id).await;
    let caller = json!({"caller": {"sys_id": CALLER, "email": format!("caller.{id}@example.com"), "first_name": "Cal"}}).to_string();
    let (_, l) = t.call("POST", "/v1/servicenow/learners", None, Some(&caller)).await;
    t.learner = l["learner"]["id"].as_str().unwrap().to_string();
    t
}

/// A tenant with ServiceNow enabled and no caller yet.
async fn bare_tenant(e: Env, id: &str) -> Tenant {
    let auth = bearer(ADMIN);
    let body = json!({"name": "Acme", "litmos": {"base_url": e.litmos_url, "api_key": "demo-litmos-key", "source": "servicenow"}}).to_string();
    let r = admin::put_tenant(e.state.clone(), event("PUT", &format!("/v1/admin/tenants/{id}"), &[("authorization", &auth)], Some(&body))).await;
    assert!(r.status() == 201 || r.status() == 200);
    let r = admin::enable_servicenow(e.state.clone(), event("POST", &format!("/v1/admin/tenants/{id}/servicenow"), &[("authorization", &auth)], None)).await;
    let key = status_and_json(&r).1["api_key"].as_str().unwrap().to_string();
    let courses = e.double.courses().iter().filter(|c| c.active).take(3).map(|c| (c.id.clone(), c.name.clone())).collect();
    Tenant { e, id: id.to_string(), key, learner: String::new(), courses }
}

impl Tenant {
    async fn call(&self, method: &str, path: &str, agent: Option<&str>, body: Option<&str>) -> (u16, Value) {
        let r = self.raw(method, path, agent, body, &[]).await;
        status_and_json(&r)
    }

    async fn raw(&self, method: &str, path: &str, agent: Option<&str>, body: Option<&str>, extra: &[(&str, &str)]) -> lambda_http::Response<lambda_http::Body> {
        servicenow_call(&self.e.state, &self.key, method, path, agent, body, extra).await
    }

    async fn assign(&self, courses: &[usize], incident: &str) -> Value {
        let ids: Vec<&str> = courses.iter().map(|i| self.courses[*i].0.as_str()).collect();
        let body = json!({"learner_id": self.learner, "course_ids": ids, "incident": {"sys_id": incident, "number": "INC0010023"}}).to_string();
        let (status, out) = self.call("POST", "/v1/servicenow/assignments", Some(ADMIN_AGENT), Some(&body)).await;
        assert_eq!(status, 200, "{out}");
        out
    }

    async fn webhook_url(&self) -> String {
        let r = admin::get_servicenow(self.e.state.clone(), event("GET", &format!("/v1/admin/tenants/{}/servicenow", self.id), &[("authorization", &bearer(ADMIN))], None)).await;
        status_and_json(&r).1["webhook_url"].as_str().unwrap().to_string()
    }

    async fn webhook(&self, url_path: &str, body: &str) -> (u16, Value) {
        status_and_json(&outcomes::litmos_webhook(self.e.state.clone(), event("POST", url_path, &[("content-type", "application/json")], Some(body))).await)
    }

    async fn sync(&self) -> (u16, Value) {
        status_and_json(&outcomes::sync_tenant(self.e.state.clone(), event("POST", &format!("/v1/admin/tenants/{}/sync", self.id), &[("authorization", &bearer(ADMIN))], None)).await)
    }

    async fn training(&self, incident: &str) -> Value {
        let (status, body) = self.call("GET", &format!("/v1/servicenow/incidents/{incident}/training"), None, None).await;
        assert_eq!(status, 200, "{body}");
        body
    }

    async fn feed(&self, query: &str) -> (u16, Value) {
        self.call("GET", &format!("/v1/servicenow/training/updates{query}"), None, None).await
    }
}

fn path_of(url: &str) -> String {
    url.split_once("://").map(|(_, rest)| rest[rest.find('/').unwrap()..].to_string()).unwrap()
}

fn achievement_event(user: &str, course: &str, achievement: u64) -> String {
    json!({"id": 4513, "created": "2019-05-06T01:13:19.533", "type": "achievement.earned", "object": "event",
        "data": {"userId": user, "userName": "x", "courseId": course, "title": "T", "code": "C", "achievementDate": "2019-05-06T01:12:35.990",
                 "compliantTilldate": null, "result": "Completed", "type": "Course Completed", "firstName": "F", "lastName": "L",
                 "achievementId": achievement, "certificateId": null, "addedLater": true}})
    .to_string()
}

fn statuses(training: &Value) -> Vec<(String, String, Value)> {
    training["assignments"].as_array().unwrap().iter().map(|a| (a["course_id"].as_str().unwrap().to_string(), a["status"].as_str().unwrap().to_string(), a["score"].clone())).collect()
}

#[tokio::test]
async fn a_webhook_completes_a_course_on_the_incident_and_in_the_feed_once() {
    let t = tenant().await;
    t.assign(&[0, 1], INCIDENT).await;
    let url = t.webhook_url().await;
    assert!(url.starts_with(&format!("https://example.execute-api.us-east-1.amazonaws.com/v1/litmos/webhooks/{}/", t.id)) || url.contains("/v1/litmos/webhooks/acme/"), "{url}");
    let token = url.rsplit('/').next().unwrap();
    assert!(token.len() >= 22 && token.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-'), "{token}");

    let (c0, c1) = (&t.courses[0].0, &t.courses[1].0);
    let achievement = t.e.double.set_progress(&t.learner, c0, 100, Some(92.0)).unwrap().unwrap();
    t.e.double.clear_requests();
    let (status, body) = t.webhook(&path_of(&url), &achievement_event(&t.learner, c0, achievement)).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("recorded")), "{body}");
    assert_eq!(t.e.double.requests().len(), 2, "one read of the courses, one of the achievements");
    let training = t.training(INCIDENT).await;
    let mut got = statuses(&training);
    got.sort_by(|a, b| a.0.cmp(&b.0));
    let mut want = vec![(c0.clone(), "completed".to_string(), json!(92.0)), (c1.clone(), "not_started".to_string(), Value::Null)];
    want.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(got, want);

    let (_, feed) = t.feed("").await;
    let notes: Vec<&str> = feed["updates"].as_array().unwrap().iter().map(|u| u["note"].as_str().unwrap()).collect();
    assert_eq!(notes.len(), 3, "{feed}");
    assert_eq!(notes[2], format!("Litmos training completed: {} (score 92)", t.courses[0].1));
    assert!(notes[..2].iter().all(|n| n.starts_with("Litmos training assigned: ")));
    let last = &feed["updates"][2];
    assert_eq!((last["incident"]["sys_id"].as_str(), last["caller_sys_id"].as_str(), last["status"].as_str()), (Some(INCIDENT), Some(CALLER), Some("completed")));
    assert!(last["changed_at"].as_str().unwrap().ends_with('Z') && last["changed_at"].as_str().unwrap().contains('.'), "RFC 3339 with milliseconds");

    // The same achievement again: nothing twice, not even a Litmos read.
    t.e.double.clear_requests();
    let (status, body) = t.webhook(&path_of(&url), &achievement_event(&t.learner, c0, achievement)).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("ignored")));
    assert!(t.e.double.requests().is_empty());
    assert_eq!(t.feed("").await.1["updates"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn the_webhook_token_is_checked_before_the_body() {
    let t = tenant().await;
    t.assign(&[0], INCIDENT).await;
    let url = t.webhook_url().await;
    let good = path_of(&url);
    let wrong_token = format!("/v1/litmos/webhooks/{}/{}", t.id, "0".repeat(64));
    let unknown_tenant = good.replace(&format!("/webhooks/{}/", t.id), "/webhooks/nobody/");
    for path in [wrong_token.as_str(), unknown_tenant.as_str(), &format!("/v1/litmos/webhooks/{}/short", t.id)] {
        let (status, body) = t.webhook(path, "this is not json").await;
        assert_eq!(status, 401, "{path}: {body}");
        assert_eq!(body["detail"], litmos_api::problem::UNAUTHORIZED_DETAIL, "the same body as every 401");
    }
    let c0 = t.courses[0].0.clone();
    for (body, field) in [
        ("this is not json".to_string(), "body"),
        ("[1, 2]".to_string(), "body"),
        (json!({"data": {}}).to_string(), "type"),
        (json!({"type": "achievement.earned"}).to_string(), "data"),
        (json!({"type": "achievement.earned", "data": {"userId": t.learner, "courseId": c0}}).to_string(), "data.achievementId"),
        (json!({"type": "achievement.earned", "data": {"userId": "a b", "courseId": c0, "achievementId": 1}}).to_string(), "data.userId"),
    ] {
        let (status, problem) = t.webhook(&good, &body).await;
        assert_eq!((status, problem["field"].as_str()), (400, Some(field)), "{body}: {problem}");
    }
    // Other event types and unknown users or courses: 200, nothing read or changed.
    t.e.double.clear_requests();
    let (status, _) = t.webhook(&good, &json!({"type": "user.created", "data": {"userId": "x"}}).to_string()).await;
    assert_eq!(status, 200);
    assert_eq!(t.webhook(&good, &achievement_event("UNKNOWNUSER1", &c0, 7)).await.0, 200);
    assert_eq!(t.webhook(&good, &achievement_event(&t.learner, "NOTASSIGNED1", 8)).await.0, 200);
    assert!(t.e.double.requests().is_empty());

    // After a rotation the new token works at once and the old one through the grace.
    let r = admin::rotate_servicenow_key(
        t.e.state.clone(),
        event("POST", &format!("/v1/admin/tenants/{}/servicenow/rotate", t.id), &[("authorization", &bearer(ADMIN))], Some(r#"{"grace_period_seconds": 60}"#)),
    )
    .await;
    let rotated = status_and_json(&r).1;
    let new = path_of(rotated["webhook_url"].as_str().unwrap());
    assert_ne!(new, good);
    assert_eq!(t.webhook(&new, &json!({"type": "x", "data": {}}).to_string()).await.0, 200);
    assert_eq!(t.webhook(&good, &json!({"type": "x", "data": {}}).to_string()).await.0, 200, "the old token in its grace period");
    t.e.clock.advance(61);
    assert_eq!(t.webhook(&good, &json!({"type": "x", "data": {}}).to_string()).await.0, 401, "the old token after its grace period");
    // Disabled: no token works.
    admin::disable_servicenow(t.e.state.clone(), event("DELETE", &format!("/v1/admin/tenants/{}/servicenow", t.id), &[("authorization", &bearer(ADMIN))], None)).await;
    assert_eq!(t.webhook(&new, &json!({"type": "x", "data": {}}).to_string()).await.0, 401);
}

#[tokio::test]
async fn a_forged_webhook_changes_nothing_litmos_does_not_confirm() {
    let t = tenant().await;
    t.assign(&[0], INCIDENT).await;
    let path = path_of(&t.webhook_url().await);
    let (status, _) = t.webhook(&path, &achievement_event(&t.learner, &t.courses[0].0, 999_999)).await;
    assert_eq!(status, 200);
    assert_eq!(statuses(&t.training(INCIDENT).await)[0].1, "not_started");
    assert_eq!(t.feed("").await.1["updates"].as_array().unwrap().len(), 1, "only the assignment");
}

#[tokio::test]
async fn a_webhook_litmos_cannot_answer_in_time_is_202_and_the_sync_finishes_it() {
    let t = tenant().await;
    t.assign(&[0], INCIDENT).await;
    let path = path_of(&t.webhook_url().await);
    let c0 = t.courses[0].0.clone();
    let achievement = t.e.double.set_progress(&t.learner, &c0, 100, Some(75.5)).unwrap().unwrap();
    t.e.double.inject(Fault { path_contains: Some("/courses".into()), method: Some("GET".into()), delay_ms: Some(6_000), count: 3, ..Fault::default() });
    let started = std::time::Instant::now();
    let (status, body) = t.webhook(&path, &achievement_event(&t.learner, &c0, achievement)).await;
    assert_eq!(status, 202, "{body}");
    assert!(started.elapsed() < std::time::Duration::from_secs(6), "answered within Litmos' 10 s: {:?}", started.elapsed());
    let (status, out) = t.sync().await;
    assert_eq!(status, 200, "{out}");
    assert_eq!(out["assignments_updated"], 1, "{out}");
    let got = statuses(&t.training(INCIDENT).await);
    assert_eq!((got[0].1.as_str(), &got[0].2), ("completed", &json!(75.5)));
}

#[tokio::test]
async fn the_sync_finds_progress_without_a_webhook_and_counts_nothing_twice() {
    let t = tenant().await;
    t.assign(&[0, 1, 2], INCIDENT).await;
    let (c0, c1) = (t.courses[0].0.clone(), t.courses[1].0.clone());
    t.e.double.set_progress(&t.learner, &c0, 40, None).unwrap();
    t.e.double.set_progress(&t.learner, &c1, 100, Some(87.5)).unwrap();
    t.e.double.clear_requests();
    let (status, out) = t.sync().await;
    assert_eq!(status, 200);
    assert_eq!(out, json!({"learners_checked": 1, "assignments_updated": 2, "litmos_calls": 2}));
    assert_eq!(t.e.double.requests().len(), 2, "the reported calls are the calls made");
    let (status, again) = t.sync().await;
    assert_eq!((status, &again["assignments_updated"]), (200, &json!(0)));
    let (_, feed) = t.feed("").await;
    let kinds: Vec<&str> = feed["updates"].as_array().unwrap().iter().map(|u| u["status"].as_str().unwrap()).collect();
    assert_eq!(&kinds[..3], ["not_started"; 3]);
    assert_eq!(kinds.iter().filter(|k| **k == "completed").count(), 1);
    assert_eq!(kinds.iter().filter(|k| **k == "in_progress").count(), 1);
    let completed = feed["updates"].as_array().unwrap().iter().find(|u| u["status"] == "completed").unwrap();
    assert_eq!(completed["note"], format!("Litmos training completed: {} (score 87.5)", t.courses[1].1));

    // Litmos failing mid-sync: 502, what was read before the failure (the achievement)
    // is kept, and a later sync goes on without counting it again.
    t.e.double.set_progress(&t.learner, &c0, 100, None).unwrap();
    t.e.double.inject(Fault { path_contains: Some("/courses".into()), method: Some("GET".into()), status: Some(500), count: 1, ..Fault::default() });
    assert_eq!(t.sync().await.0, 502);
    assert!(statuses(&t.training(INCIDENT).await).iter().any(|(c, s, _)| *c == c0 && s == "completed"));
    let (status, last) = t.sync().await;
    assert_eq!((status, &last["assignments_updated"]), (200, &json!(0)));
    let (_, feed) = t.feed("").await;
    assert_eq!(feed["updates"].as_array().unwrap().iter().filter(|u| u["status"] == "completed").count(), 2);
}

#[tokio::test]
async fn a_sync_of_500_open_learners_stays_inside_its_call_budget() {
    let t = tenant().await;
    for i in 0..500 {
        t.e.state.store.mark_checked(&t.id, &format!("GONE{i:04}"), 0, true).await.unwrap();
    }
    t.e.double.clear_requests();
    let (status, out) = t.sync().await;
    assert_eq!(status, 200, "{out}");
    assert_eq!(out["litmos_calls"], 50, "{out}");
    assert_eq!(t.e.double.requests().len(), 50, "the double saw exactly the budget");
    t.e.double.clear_requests();
    let (_, out) = t.sync().await;
    assert!(out["litmos_calls"].as_u64().unwrap() <= 50);
    let checked: std::collections::HashSet<String> = t.e.double.requests().iter().filter(|r| r.path.contains("/users/")).map(|r| r.path.clone()).collect();
    assert_eq!(checked.len(), 49, "the next run checks learners not checked by the first");
}

#[tokio::test]
async fn incidents_are_recorded_once_and_refuse_what_does_not_fit() {
    let t = tenant().await;
    let body = |number: &str, caller: &str, opened: &str, category: Option<&str>| {
        json!({"sys_id": INCIDENT, "number": number, "caller_sys_id": caller, "opened_at": opened, "category": category}).to_string()
    };
    let opened = litmos_domain::time::rfc3339(T0 - 3600);
    let (status, out) = t.call("POST", "/v1/servicenow/incidents", None, Some(&body("INC0010023", CALLER, &opened, Some("network")))).await;
    assert_eq!(status, 201, "{out}");
    assert_eq!(out["incident"]["category"], "network");
    assert_eq!(t.call("POST", "/v1/servicenow/incidents", None, Some(&body("INC0010023", CALLER, &opened, Some("network")))).await.0, 200);
    let (status, out) = t.call("POST", "/v1/servicenow/incidents", None, Some(&body("INC0010023", CALLER, &opened, Some("email")))).await;
    assert_eq!((status, out["incident"]["category"].as_str()), (200, Some("email")));
    assert_eq!(t.call("POST", "/v1/servicenow/incidents", None, Some(&body("INC0010024", CALLER, &opened, None))).await.0, 409);
    assert_eq!(t.call("POST", "/v1/servicenow/incidents", None, Some(&body("INC0010023", &"b".repeat(32), &opened, None))).await.0, 409);
    let future = litmos_domain::time::rfc3339(T0 + 301);
    let other = json!({"sys_id": "b".repeat(32), "number": "INC0010099", "caller_sys_id": CALLER, "opened_at": future}).to_string();
    let (status, problem) = t.call("POST", "/v1/servicenow/incidents", None, Some(&other)).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("opened_at")));
    let ok_skew = json!({"sys_id": "b".repeat(32), "number": "INC0010099", "caller_sys_id": CALLER, "opened_at": litmos_domain::time::rfc3339(T0 + 299)}).to_string();
    assert_eq!(t.call("POST", "/v1/servicenow/incidents", None, Some(&ok_skew)).await.0, 201, "a little clock skew is fine");
    for (bad, field) in [
        (json!({"sys_id": "x", "number": "INC0010023", "caller_sys_id": CALLER, "opened_at": opened}), "sys_id"),
        (json!({"sys_id": INCIDENT, "number": "inc1", "caller_sys_id": CALLER, "opened_at": opened}), "number"),
        (json!({"sys_id": INCIDENT, "number": "INC0010023", "caller_sys_id": CALLER, "opened_at": "yesterday"}), "opened_at"),
        (json!({"sys_id": INCIDENT, "number": "INC0010023", "caller_sys_id": CALLER, "opened_at": opened, "category": "c".repeat(81)}), "category"),
        (json!({"sys_id": INCIDENT, "number": "INC0010023", "caller_sys_id": CALLER, "opened_at": opened, "tenant_id": "other"}), "tenant_id"),
    ] {
        let (status, problem) = t.call("POST", "/v1/servicenow/incidents", None, Some(&bad.to_string())).await;
        assert_eq!((status, problem["field"].as_str()), (400, Some(field)), "{bad}");
    }
}

#[tokio::test]
async fn the_feed_pages_each_entry_once_and_refuses_changed_or_foreign_cursors() {
    let t = tenant().await;
    t.assign(&[0, 1, 2], INCIDENT).await;
    t.e.double.set_progress(&t.learner, &t.courses[0].0, 30, None).unwrap();
    t.sync().await;
    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let q = if cursor.is_empty() { "?limit=2".to_string() } else { format!("?limit=2&cursor={cursor}") };
        let (status, page) = t.feed(&q).await;
        assert_eq!(status, 200, "{page}");
        let updates = page["updates"].as_array().unwrap().clone();
        cursor = page["next_cursor"].as_str().unwrap().to_string();
        if updates.is_empty() {
            break;
        }
        seen.extend(updates.iter().map(|u| (u["id"].as_str().unwrap().to_string(), u["changed_at"].as_str().unwrap().to_string())));
    }
    assert_eq!(seen.len(), 4, "3 assigned + 1 started: {seen:?}");
    let ids: std::collections::HashSet<_> = seen.iter().map(|s| &s.0).collect();
    assert_eq!(ids.len(), 4, "each exactly once");
    assert!(seen.windows(2).all(|w| w[0].1 <= w[1].1), "changed_at never decreases");
    // The end cursor keeps working for what comes later.
    t.e.double.set_progress(&t.learner, &t.courses[0].0, 100, None).unwrap();
    t.sync().await;
    let (_, later) = t.feed(&format!("?cursor={cursor}")).await;
    assert_eq!(later["updates"].as_array().unwrap().len(), 1);

    let (seq, sig) = cursor.split_once('.').unwrap();
    let forged = format!("{}.{sig}", seq.parse::<u64>().unwrap().saturating_sub(2));
    for bad in [forged.as_str(), "garbage", &format!("{seq}.{}", "0".repeat(sig.len()))] {
        let (status, problem) = t.feed(&format!("?cursor={bad}")).await;
        assert_eq!((status, problem["field"].as_str()), (400, Some("cursor")), "{bad}");
    }
    for bad in ["?limit=0", "?limit=201", "?limit=x", "?tenant_id=other"] {
        assert_eq!(t.feed(bad).await.0, 400, "{bad}");
    }
    // Another tenant on the same deployment: our cursor is no cursor of theirs.
    let e2 = Env { state: t.e.state.clone(), clock: t.e.clock.clone(), double: t.e.double.clone(), litmos_url: t.e.litmos_url.clone() };
    let other = tenant_in(e2, "beta").await;
    let (status, _) = other.feed(&format!("?cursor={cursor}")).await;
    assert_eq!(status, 400, "another tenant's cursor");
    let (_, theirs) = other.feed("").await;
    assert!(theirs["updates"].as_array().unwrap().is_empty(), "nothing of acme's");
}

#[tokio::test]
async fn one_callers_courses_come_from_litmos_merged_with_their_incidents() {
    let t = tenant().await;
    t.assign(&[0], INCIDENT).await;
    // A course the caller holds in Litmos that this backend never assigned.
    let other_course = t.e.double.courses().iter().filter(|c| c.active).nth(5).unwrap().id.clone();
    let client = litmos_adapters::LitmosClient::new(std::time::Duration::from_secs(2), litmos_domain::litmos_url::LitmosHosts::with_extra("http://127.0.0.1:*").unwrap());
    let acct = litmos_domain::model::LitmosAccount { base_url: t.e.litmos_url.clone(), api_key: "demo-litmos-key".into(), source: "s".into() };
    litmos_domain::ports::Litmos::assign_courses(&client, &acct, &t.learner, std::slice::from_ref(&other_course), false).await.unwrap();
    let (status, body) = t.call("GET", &format!("/v1/servicenow/learners/{CALLER}/courses"), None, None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["learner_id"], t.learner);
    let courses = body["courses"].as_array().unwrap();
    assert_eq!(courses.len(), 2);
    let ours = courses.iter().find(|c| c["course_id"] == t.courses[0].0.as_str()).unwrap();
    assert_eq!(ours["incident"]["sys_id"], INCIDENT);
    let theirs = courses.iter().find(|c| c["course_id"] == other_course.as_str()).unwrap();
    assert_eq!(theirs["incident"], Value::Null);
    assert_eq!(t.call("GET", &format!("/v1/servicenow/learners/{}/courses", "c".repeat(32)), None, None).await.0, 404);
    assert_eq!(t.call("GET", "/v1/servicenow/learners/nope/courses", None, None).await.0, 400);
}

#[tokio::test]
async fn the_report_counts_completions_scores_and_repeat_incidents() {
    let t = tenant().await;
    let day = 86_400;
    // Incident A (category network) for the caller; 3 courses assigned from it at T0.
    let incident = |sys: &str, number: &str, opened: i64, cat: Option<&str>| {
        json!({"sys_id": sys, "number": number, "caller_sys_id": CALLER, "opened_at": litmos_domain::time::rfc3339(opened), "category": cat}).to_string()
    };
    assert_eq!(t.call("POST", "/v1/servicenow/incidents", None, Some(&incident(INCIDENT, "INC0010023", T0 - 60, Some("network")))).await.0, 201);
    t.assign(&[0, 1, 2], INCIDENT).await;
    // Course 0 completed 2 days later with 90, course 1 with 80 after 4 days, course 2 untouched.
    t.e.double.complete_at(&t.learner, &t.courses[0].0, (T0 + 2 * day) as u64, Some(90.0)).unwrap();
    t.e.double.complete_at(&t.learner, &t.courses[1].0, (T0 + 4 * day) as u64, Some(80.0)).unwrap();
    t.e.clock.advance(5 * day);
    assert_eq!(t.sync().await.1["assignments_updated"], 2);
    // The caller comes back 10 days after the assignment.
    t.e.clock.advance(5 * day);
    assert_eq!(t.call("POST", "/v1/servicenow/incidents", None, Some(&incident(LATER_INCIDENT, "INC0010024", T0 + 10 * day, None))).await.0, 201);
    t.e.clock.advance(day);

    let date = litmos_domain::time::rfc3339(T0)[..10].to_string();
    let q = format!("/v1/servicenow/reports/effectiveness?from={date}&to={date}&group_by=category&window_days=30");
    let (status, r) = t.call("GET", &q, None, None).await;
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["groups"].as_array().unwrap().len(), 1);
    let g = &r["groups"][0];
    assert_eq!((g["key"].as_str(), g["assigned"].as_u64(), g["started"].as_u64(), g["completed"].as_u64()), (Some("network"), Some(3), Some(2), Some(2)));
    assert_eq!(g["completion_rate"].as_f64(), Some(0.6667));
    assert_eq!(g["median_days_to_complete"].as_f64(), Some(3.0), "the mean of 2 and 4 days");
    assert_eq!(g["average_score"].as_f64(), Some(85.0));
    assert_eq!(g["repeat_after_completed"], json!({"assignments": 2, "repeated": 2, "rate": 1}));
    assert_eq!(g["repeat_after_not_completed"], json!({"assignments": 1, "repeated": 1, "rate": 1}));
    // A window shorter than the 10 days to the next incident: no repeats.
    let (_, short) = t.call("GET", &q.replace("window_days=30", "window_days=9"), None, None).await;
    assert_eq!(short["totals"]["repeat_after_completed"]["repeated"], 0);

    let r = t.raw("GET", &q.replace("group_by=category", "group_by=course"), None, None, &[("accept", "text/csv")]).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = body_text(&r);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "key,label,assigned,started,completed,completion_rate,median_days_to_complete,average_score,completed_assignments,completed_repeated,completed_repeat_rate,not_completed_assignments,not_completed_repeated,not_completed_repeat_rate"
    );
    assert_eq!(lines.count(), 3, "one line per course, no totals");

    // The admin console's route: the same report, JSON and CSV, behind the admin token.
    let admin_report = |path_and_query: String, token: &'static str, accept: &'static str| {
        let st = t.e.state.clone();
        async move { admin_report_call(st, &path_and_query, token, accept).await }
    };
    let admin_q = q.replace("/v1/servicenow/", &format!("/v1/admin/tenants/{}/", t.id));
    let (status, via_admin) = status_and_json(&admin_report(admin_q.clone(), ADMIN, "application/json").await);
    assert_eq!(status, 200, "{via_admin}");
    assert_eq!(via_admin, t.call("GET", &q, None, None).await.1, "the same report as ServiceNow's");
    let admin_csv = admin_report(admin_q.replace("group_by=category", "group_by=course"), ADMIN, "text/csv").await;
    assert_eq!(body_text(&admin_csv), csv);
    assert_eq!(admin_report(admin_q.clone(), "not-the-admin-token", "application/json").await.status(), 401);
    assert_eq!(admin_report(admin_q.replace(&t.id, "nobody"), ADMIN, "application/json").await.status(), 404);
    let (status, problem) = status_and_json(&admin_report(admin_q.replace("group_by=category", "group_by=colour"), ADMIN, "application/json").await);
    assert_eq!((status, problem["field"].as_str()), (400, Some("group_by")));
    let (status, problem) = status_and_json(&admin_report(format!("{admin_q}&tenant_id=other"), ADMIN, "application/json").await);
    assert_eq!((status, problem["field"].as_str()), (400, Some("tenant_id")));

    for (bad, field) in [
        (format!("?from={date}&to=2020-01-01&group_by=course"), "from"),
        ("?from=2026-01-01&to=2027-01-03&group_by=course".to_string(), "to"),
        (format!("?from={date}&to={date}&group_by=colour"), "group_by"),
        (format!("?from=2026-02-30&to={date}&group_by=course"), "from"),
        (format!("?from={date}&to={date}&group_by=course&window_days=0"), "window_days"),
    ] {
        let (status, problem) = t.call("GET", &format!("/v1/servicenow/reports/effectiveness{bad}"), None, None).await;
        assert_eq!((status, problem["field"].as_str()), (400, Some(field)), "{bad}: {problem}");
    }
    // Another tenant's report: empty, never an error, never acme's data.
    let e2 = Env { state: t.e.state.clone(), clock: t.e.clock.clone(), double: t.e.double.clone(), litmos_url: t.e.litmos_url.clone() };
    let other = tenant_in(e2, "beta").await;
    let (status, empty) = other.call("GET", &q, None, None).await;
    assert_eq!((status, empty["groups"].as_array().unwrap().len()), (200, 0));
    assert_eq!(empty["totals"]["assigned"], 0);
}

/// Issue 19.5: while a cut caller's data is still going (a forget running as a job), the
/// sync and the incident view read nothing from Litmos for their Litmos user and write
/// nothing new about them (no progress, feed entry or cache); the forget then leaves
/// nothing behind.
#[tokio::test]
async fn a_caller_being_forgotten_is_neither_synced_nor_refreshed() {
    let t = tenant().await;
    t.assign(&[0, 1], INCIDENT).await;
    let store = &t.e.state.store;
    assert!(litmos_domain::ports::LearnerStore::cut_caller(store, &t.id, CALLER).await.unwrap());
    t.e.double.set_progress(&t.learner, &t.courses[0].0, 100, Some(90.0)).unwrap();
    t.e.double.clear_requests();
    t.e.clock.advance(3_600);
    let (status, out) = t.sync().await;
    assert_eq!((status, &out["learners_checked"], &out["assignments_updated"]), (200, &json!(0), &json!(0)), "{out}");
    let training = t.training(INCIDENT).await;
    assert!(training["assignments"].as_array().is_some_and(|a| a.iter().all(|x| x["status"] == "not_started")), "answered from the records: {training}");
    let theirs: Vec<_> = t.e.double.requests().into_iter().filter(|r| r.path.contains(t.learner.as_str()) || r.query.contains(t.learner.as_str())).collect();
    assert!(theirs.is_empty(), "no Litmos call for them (the sync's one read of the account's achievements aside): {theirs:?}");
    let (_, feed) = t.feed("").await;
    assert!(feed["updates"].as_array().unwrap().iter().all(|u| u["status"] == "not_started"), "no entry since the assignments' own: {feed}");
    let forgotten = admin::forget_caller(t.e.state.clone(), event("DELETE", &format!("/v1/admin/tenants/{}/callers/{CALLER}", t.id), &[("authorization", &bearer(ADMIN))], None)).await;
    assert_eq!(forgotten.status(), 204);
    let scan = store.client().scan().table_name(&t.e.state.config.table_name).send().await.unwrap();
    let dump = format!("{:?}", scan.items.unwrap_or_default());
    assert!(!dump.contains(CALLER) && !dump.contains(t.learner.as_str()), "nothing left: {dump}");
}

/// Issue 7.8: forgetting a caller removes every item that names them (links, records,
/// incident links, incidents, feed entries, caches); no route returns their data after;
/// the Litmos user stays.
#[tokio::test]
async fn a_forgotten_caller_leaves_nothing_behind() {
    let t = tenant().await;
    let opened = litmos_domain::time::rfc3339(T0 - 60);
    let inc = json!({"sys_id": INCIDENT, "number": "INC0010023", "caller_sys_id": CALLER, "opened_at": opened, "category": "network"}).to_string();
    assert_eq!(t.call("POST", "/v1/servicenow/incidents", None, Some(&inc)).await.0, 201);
    t.assign(&[0, 1], INCIDENT).await;
    t.e.double.set_progress(&t.learner, &t.courses[0].0, 100, Some(90.0)).unwrap();
    t.sync().await;
    t.call("GET", &format!("/v1/servicenow/learners/{CALLER}/courses"), None, None).await;
    // Another caller's data stays.
    let other_caller = "c".repeat(32);
    let other = json!({"sys_id": "d".repeat(32), "number": "INC0010077", "caller_sys_id": other_caller, "opened_at": opened}).to_string();
    assert_eq!(t.call("POST", "/v1/servicenow/incidents", None, Some(&other)).await.0, 201);

    let forget = |caller: String| {
        let st = t.e.state.clone();
        let id = t.id.clone();
        async move { admin::forget_caller(st, event("DELETE", &format!("/v1/admin/tenants/{id}/callers/{caller}"), &[("authorization", &bearer(ADMIN))], None)).await.status() }
    };
    assert_eq!(forget(CALLER.to_string()).await, 204);
    assert_eq!(forget(CALLER.to_string()).await, 404, "nothing left to forget");
    assert_eq!(forget("e".repeat(32)).await, 404, "never known");

    assert_eq!(t.call("GET", &format!("/v1/servicenow/learners/{CALLER}/courses"), None, None).await.0, 404);
    assert_eq!(t.call("GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None, None).await.0, 404);
    let (_, feed) = t.feed("").await;
    assert!(feed["updates"].as_array().unwrap().is_empty(), "{feed}");
    let date = litmos_domain::time::rfc3339(T0)[..10].to_string();
    let (_, report) = t.call("GET", &format!("/v1/servicenow/reports/effectiveness?from={date}&to={date}&group_by=course"), None, None).await;
    assert_eq!(report["totals"]["assigned"], 0);

    // Nothing in the table names them: not the caller's sys_id, learner id or e-mail.
    let table = t.e.state.config.table_name.clone();
    let scan = t.e.state.store.client().scan().table_name(&table).send().await.unwrap();
    let dump = format!("{:?}", scan.items.unwrap_or_default());
    for needle in [CALLER, t.learner.as_str(), "caller.acme@example.com"] {
        assert!(!dump.contains(needle), "'{needle}' is still in the table");
    }
    assert!(dump.contains(&other_caller), "another caller's incident stays");
    assert!(t.e.double.user_by_name("caller.acme@example.com").is_some(), "the Litmos user stays");
}

/// RELIABILITY 7: every ServiceNow route that takes an id, fed another tenant's real
/// ids or random ones, answers 404 (or, for the feed, 400) and never their data.
#[test]
fn another_tenants_ids_are_404_on_every_route() {
    use proptest::prelude::*;
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (a, b) = rt.block_on(async {
        let a = tenant().await;
        a.assign(&[0, 1], INCIDENT).await;
        let opened = litmos_domain::time::rfc3339(T0 - 60);
        let inc = json!({"sys_id": LATER_INCIDENT, "number": "INC0010099", "caller_sys_id": CALLER, "opened_at": opened}).to_string();
        a.call("POST", "/v1/servicenow/incidents", None, Some(&inc)).await;
        let e2 = Env { state: a.e.state.clone(), clock: a.e.clock.clone(), double: a.e.double.clone(), litmos_url: a.e.litmos_url.clone() };
        let b = bare_tenant(e2, "beta").await;
        (a, b)
    });
    let (_, a_feed) = rt.block_on(a.feed(""));
    let a_cursor = a_feed["next_cursor"].as_str().unwrap().to_string();
    let secrets = [a.learner.clone(), a.courses[0].0.clone(), "caller.acme@example.com".to_string()];
    let config = ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() };
    proptest!(config, |(route in 0usize..6, real in any::<bool>(), random in "[0-9a-f]{32}")| {
        // The other tenant's real ids, or random ones of the right shape.
        let (caller, incident) = if real { (CALLER.to_string(), if route % 2 == 0 { INCIDENT.to_string() } else { LATER_INCIDENT.to_string() }) } else { (random.clone(), random.clone()) };
        let learner = if real { a.learner.clone() } else { random[..12].to_uppercase() };
        let (status, body) = rt.block_on(async {
            match route {
                0 => b.call("GET", &format!("/v1/servicenow/learners/{caller}"), None, None).await,
                1 => b.call("GET", &format!("/v1/servicenow/learners/{caller}/courses"), None, None).await,
                2 => b.call("GET", &format!("/v1/servicenow/incidents/{incident}/training"), None, None).await,
                3 => {
                    let body = json!({"learner_id": learner, "course_ids": [a.courses[0].0], "incident": {"sys_id": incident, "number": "INC0010023"}}).to_string();
                    b.call("POST", "/v1/servicenow/assignments", Some(ADMIN_AGENT), Some(&body)).await
                }
                4 => b.feed(&format!("?cursor={a_cursor}")).await,
                _ => b.call("GET", &format!("/v1/servicenow/incidents/{incident}/training"), None, None).await,
            }
        });
        let want = if route == 4 { 400 } else { 404 };
        prop_assert_eq!(status, want, "route {} real {}: {}", route, real, body);
        // Nothing of A's beyond what the request itself named.
        for s in secrets.iter().filter(|s| !(route == 3 && **s == learner)) {
            prop_assert!(!body.to_string().contains(s.as_str()), "route {} leaked {}", route, s);
        }
    });
    // And B's own views hold nothing of A's.
    let (_, feed) = rt.block_on(b.feed(""));
    assert!(feed["updates"].as_array().unwrap().is_empty());
}

/// Issue 6: a webhook racing a sync, and two syncs at once, record each change once:
/// one completed entry in the feed, and the updates the runs report add up to the
/// changes made.
#[tokio::test]
async fn a_webhook_racing_syncs_counts_nothing_twice() {
    let t = std::sync::Arc::new(tenant().await);
    t.assign(&[0, 1], INCIDENT).await;
    let path = path_of(&t.webhook_url().await);
    let (c0, c1) = (t.courses[0].0.clone(), t.courses[1].0.clone());
    let achievement = t.e.double.set_progress(&t.learner, &c0, 100, Some(70.0)).unwrap().unwrap();
    t.e.double.set_progress(&t.learner, &c1, 20, None).unwrap();
    let (a, b, c) = (t.clone(), t.clone(), t.clone());
    let body = achievement_event(&t.learner, &c0, achievement);
    let (w, s1, s2) = tokio::join!(async move { a.webhook(&path, &body).await }, async move { b.sync().await }, async move { c.sync().await },);
    assert_eq!(w.0, 200, "{}", w.1);
    assert_eq!((s1.0, s2.0), (200, 200));
    let reported = s1.1["assignments_updated"].as_u64().unwrap() + s2.1["assignments_updated"].as_u64().unwrap();
    assert!(reported <= 2, "two changes, counted at most once each: {reported}");
    let (_, feed) = t.feed("").await;
    let updates = feed["updates"].as_array().unwrap();
    assert_eq!(updates.iter().filter(|u| u["status"] == "completed").count(), 1, "{feed}");
    assert_eq!(updates.iter().filter(|u| u["status"] == "in_progress").count(), 1, "{feed}");
    let got = statuses(&t.training(INCIDENT).await);
    assert!(got.iter().any(|(c, s, score)| *c == c0 && s == "completed" && *score == json!(70.0)));
}

/// The report as the records give it (`report::build`, today's exact computation), as JSON.
async fn exact_report(t: &Tenant, q: &litmos_domain::report::ReportQuery) -> Value {
    let (start, end) = q.range();
    let rows: Vec<_> = t.e.state.store.records_between(&t.id, start, end).await.unwrap().iter().map(litmos_domain::report::ReportRow::from).collect();
    serde_json::to_value(litmos_domain::report::build(q, &rows)).unwrap()
}

/// Every grouping and a few windows: the route's report equals the records' report.
async fn assert_report_is_exact(t: &Tenant, from: &str, to: &str, when: &str) {
    for by in ["course", "agent", "category"] {
        for window in ["1", "5", "30", "365"] {
            let q = litmos_domain::report::ReportQuery::parse(Some(from), Some(to), Some(by), Some(window)).unwrap();
            let (status, via_route) = t.call("GET", &format!("/v1/servicenow/reports/effectiveness?from={from}&to={to}&group_by={by}&window_days={window}"), None, None).await;
            assert_eq!(status, 200, "{via_route}");
            assert_eq!(via_route, exact_report(t, &q).await, "{when}: by {by}, {window} days");
        }
    }
}

/// Issue 19.3: every write that changes a record (assigning, progress from the sync,
/// a category that changes, a caller coming back, forgetting a caller) keeps the
/// rollups the report reads equal to the records, and the report reads rollups.
#[tokio::test]
async fn the_report_read_from_rollups_equals_the_records_through_every_change() {
    let t = tenant().await;
    let day = 86_400;
    let incident = |sys: &str, caller: &str, number: &str, opened: i64, cat: Option<&str>| {
        json!({"sys_id": sys, "number": number, "caller_sys_id": caller, "opened_at": litmos_domain::time::rfc3339(opened), "category": cat}).to_string()
    };
    assert_eq!(t.call("POST", "/v1/servicenow/incidents", None, Some(&incident(INCIDENT, CALLER, "INC0010023", T0 - 60, Some("network")))).await.0, 201);
    t.assign(&[0, 1, 2], INCIDENT).await;
    // A second caller, assigned from an incident of their own.
    let caller2 = "c".repeat(32);
    let incident2 = "d".repeat(32);
    let (_, l2) = t.call("POST", "/v1/servicenow/learners", None, Some(&json!({"caller": {"sys_id": caller2, "email": "second@example.com"}}).to_string())).await;
    let learner2 = l2["learner"]["id"].as_str().unwrap().to_string();
    assert_eq!(t.call("POST", "/v1/servicenow/incidents", None, Some(&incident(&incident2, &caller2, "INC0010031", T0 - 30, Some("email")))).await.0, 201);
    let body = json!({"learner_id": learner2, "course_ids": [t.courses[0].0, t.courses[1].0], "incident": {"sys_id": incident2, "number": "INC0010031"}}).to_string();
    assert_eq!(t.call("POST", "/v1/servicenow/assignments", Some(ADMIN_AGENT), Some(&body)).await.0, 200);
    let (from, to) = (litmos_domain::time::rfc3339(T0)[..10].to_string(), litmos_domain::time::rfc3339(T0 + 20 * day)[..10].to_string());
    assert_report_is_exact(&t, &from, &to, "assigned").await;
    let by_course = litmos_domain::report::ReportQuery::parse(Some(&from), Some(&to), Some("course"), None).unwrap();
    let rollups = t.e.state.store.rollups(&t.id, &["course"], by_course.from, by_course.to, &litmos_domain::rollup::read_cells(30)).await.unwrap();
    assert_eq!(rollups.map(|r| r.len()), Some(3), "a new tenant's report reads its rollups: one per course and day");

    // Progress: completions with and without a score, one course started.
    t.e.double.complete_at(&t.learner, &t.courses[0].0, (T0 + 2 * day) as u64, Some(90.0)).unwrap();
    t.e.double.set_progress(&t.learner, &t.courses[1].0, 40, None).unwrap();
    t.e.double.complete_at(&learner2, &t.courses[1].0, (T0 + 3 * day / 2) as u64, Some(87.5)).unwrap();
    t.e.double.complete_at(&learner2, &t.courses[0].0, (T0 + day) as u64, None).unwrap();
    t.e.clock.advance(3 * day);
    assert_eq!(t.sync().await.0, 200);
    assert_report_is_exact(&t, &from, &to, "after the sync").await;

    // The first incident's category changes; the first caller comes back 6 days in.
    assert_eq!(t.call("POST", "/v1/servicenow/incidents", None, Some(&incident(INCIDENT, CALLER, "INC0010023", T0 - 60, Some("email")))).await.0, 200);
    t.e.clock.advance(3 * day);
    assert_eq!(t.call("POST", "/v1/servicenow/incidents", None, Some(&incident(LATER_INCIDENT, CALLER, "INC0010024", T0 + 6 * day, None))).await.0, 201);
    // The started course completes; the sync reads it.
    t.e.double.complete_at(&t.learner, &t.courses[1].0, (T0 + 5 * day) as u64, Some(70.25)).unwrap();
    t.e.clock.advance(day);
    assert_eq!(t.sync().await.0, 200);
    assert_report_is_exact(&t, &from, &to, "after incidents and more progress").await;
    // The caller's return counts through repeat nodes; a read for a window gets only
    // the nodes that window sums (projected in DynamoDB), and the report still matches.
    let nodes = |r: &[litmos_domain::rollup::Rollup]| r.iter().flat_map(|r| r.cells.repeat_done.iter().chain(&r.cells.repeat_open).map(|(node, _)| *node)).collect::<std::collections::BTreeSet<i64>>();
    for (window, sums) in [(7, vec![7, 6, 4]), (365, vec![365, 364, 360, 352, 320, 256])] {
        let read = t.e.state.store.rollups(&t.id, &["all"], by_course.from, by_course.to, &litmos_domain::rollup::read_cells(window)).await.unwrap().unwrap();
        assert!(!nodes(&read).is_empty() && nodes(&read).is_subset(&sums.into_iter().collect()), "window {window}: {:?}", nodes(&read));
    }
    let (_, r) = t.call("GET", &format!("/v1/servicenow/reports/effectiveness?from={from}&to={to}&group_by=category"), None, None).await;
    assert_eq!(r["totals"]["assigned"], 5);
    assert_eq!(r["groups"][0]["key"], "email", "the changed category holds all five: {r}");

    // Forgetting the second caller takes their assignments out.
    let forgotten = admin::forget_caller(t.e.state.clone(), event("DELETE", &format!("/v1/admin/tenants/{}/callers/{caller2}", t.id), &[("authorization", &bearer(ADMIN))], None)).await;
    assert_eq!(forgotten.status(), 204);
    assert_report_is_exact(&t, &from, &to, "after forgetting a caller").await;
    let (_, r) = t.call("GET", &format!("/v1/servicenow/reports/effectiveness?from={from}&to={to}&group_by=agent"), None, None).await;
    assert_eq!(r["totals"]["assigned"], 3);
    // A range read in several Queries (whole months, runs of up to 8 days).
    let (wide_from, wide_to) = (litmos_domain::time::rfc3339(T0 - 45 * day)[..10].to_string(), litmos_domain::time::rfc3339(T0 + 80 * day)[..10].to_string());
    assert_report_is_exact(&t, &wide_from, &wide_to, "a wide range").await;
    let (_, wide) = t.call("GET", &format!("/v1/servicenow/reports/effectiveness?from={wide_from}&to={wide_to}&group_by=agent"), None, None).await;
    assert_eq!(wide["totals"]["assigned"], 3);
}

/// Issue 19.3: records from before rollups existed are read from the records until the
/// backfill has counted each of them once (an assignment made meanwhile is counted by
/// its own write, not again); then the report reads rollups, with the same numbers.
#[tokio::test]
async fn the_backfill_counts_older_records_once_and_then_the_report_reads_rollups() {
    let t = tenant().await;
    let day = 86_400;
    let store = &t.e.state.store;
    // 60 records written before rollups: no `rolled_up`, and the tenant not ready.
    let old: Vec<litmos_domain::model::AssignmentRecord> = (0..60)
        .map(|i| litmos_domain::model::AssignmentRecord {
            assignment: litmos_domain::model::Assignment {
                learner_id: format!("L{}", i % 7),
                course_id: t.courses[i % 3].0.clone(),
                course_name: t.courses[i % 3].1.clone(),
                incident_sys_id: format!("{i:032}"),
                incident_number: "INC0000001".into(),
                incident_table: "incident".into(),
                assigned_by: ["ann@example.com", "bob@example.com"][i % 2].into(),
                assigned_at: T0 - (i as i64 % 10) * day - i as i64,
            },
            caller_sys_id: format!("{:032}", i % 7),
            progress: if i % 3 == 0 {
                litmos_domain::model::Progress {
                    status: litmos_domain::model::TrainingStatus::Completed,
                    percentage_complete: 100.0,
                    started_at: Some(T0),
                    completed_at: Some(T0 + (i as i64) * 3_600),
                    score: (i % 2 == 0).then_some(80.0 + i as f64 / 4.0),
                }
            } else {
                litmos_domain::model::Progress::default()
            },
            category: [None, Some("network".to_string()), Some("".to_string())][i % 3].clone(),
            next_incident_at: (i % 4 == 0).then_some(T0 + (i as i64) * 7_200),
            rolled_up: false,
        })
        .collect();
    store.import_records(&t.id, &old).await.unwrap();
    store
        .client()
        .update_item()
        .table_name(&t.e.state.config.table_name)
        .key("pk", aws_sdk_dynamodb::types::AttributeValue::S(format!("TENANT#{}", t.id)))
        .key("sk", aws_sdk_dynamodb::types::AttributeValue::S("META".into()))
        .update_expression("REMOVE rollups_ready")
        .send()
        .await
        .unwrap();
    // Assigned while the backfill has not run: counted by the assignment itself.
    assert_eq!(
        t.call(
            "POST",
            "/v1/servicenow/incidents",
            None,
            Some(&json!({"sys_id": INCIDENT, "number": "INC0010023", "caller_sys_id": CALLER, "opened_at": litmos_domain::time::rfc3339(T0 - 60)}).to_string())
        )
        .await
        .0,
        201
    );
    t.assign(&[0, 2], INCIDENT).await;
    let (from, to) = (litmos_domain::time::rfc3339(T0 - 12 * day)[..10].to_string(), litmos_domain::time::rfc3339(T0)[..10].to_string());
    let q = litmos_domain::report::ReportQuery::parse(Some(&from), Some(&to), Some("agent"), None).unwrap();
    assert!(store.rollups(&t.id, &[q.group_by.as_str()], q.from, q.to, &litmos_domain::rollup::read_cells(30)).await.unwrap().is_none(), "not ready: the report reads the records");
    assert_report_is_exact(&t, &from, &to, "before the backfill").await;

    let mut lines = Vec::new();
    let counted = store.backfill_rollups(&t.id, &mut |seen, counted| lines.push((seen, counted))).await.unwrap();
    assert_eq!(counted, Some(60), "the 60 older records, not the 2 assigned since");
    assert_eq!(lines.last(), Some(&(62, 60)), "progress: records looked at, records counted");
    assert!(store.rollups(&t.id, &[q.group_by.as_str()], q.from, q.to, &litmos_domain::rollup::read_cells(30)).await.unwrap().is_some(), "ready: the report reads rollups");
    assert_report_is_exact(&t, &from, &to, "after the backfill").await;
    assert_eq!(store.backfill_rollups(&t.id, &mut |_, _| {}).await.unwrap(), Some(0), "a second run counts nothing again");
    assert_eq!(store.backfill_rollups("nobody", &mut |_, _| {}).await.unwrap(), None, "no such tenant");
    assert_report_is_exact(&t, &from, &to, "after a second backfill").await;
}
