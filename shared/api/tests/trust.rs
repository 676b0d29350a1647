//! Trust boundaries (issue 18), through the handlers on moto and the Litmos double:
//! one Litmos user per caller, a re-created tenant that inherits nothing, and rotated-out
//! keys that can be cut early.

mod support;

use litmos_domain::time::Timestamp;
use litmos_double::Fault;
use serde_json::{Value, json};
use support::*;

const OTHER_CALLER: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const OTHER_INCIDENT: &str = "cccccccccccccccccccccccccccccccc";

async fn call(e: &Env, key: &str, method: &str, path: &str, body: Option<&str>) -> (u16, Value) {
    status_and_json(&servicenow_call(&e.state, key, method, path, Some(ADMIN_AGENT), body, &[]).await)
}

async fn admin_call(e: &Env, method: &str, path: &str, body: Option<&str>) -> (u16, Value) {
    use litmos_api::admin;
    let req = event(method, path, &[("authorization", &bearer(ADMIN))], body);
    let st = e.state.clone();
    let resp = match (method, path.rsplit('/').next().unwrap()) {
        ("GET", "servicenow") => admin::get_servicenow(st, req).await,
        ("POST", "rotate") => admin::rotate_servicenow_key(st, req).await,
        ("DELETE", "previous") => admin::revoke_previous_keys(st, req).await,
        ("DELETE", _) if path.contains("/callers/") => admin::forget_caller(st, req).await,
        ("DELETE", _) => admin::delete_tenant(st, req).await,
        other => panic!("no route {other:?}"),
    };
    status_and_json(&resp)
}

fn caller_body(sys_id: &str, email: &str) -> String {
    json!({"caller": {"sys_id": sys_id, "email": email, "first_name": "Pat", "last_name": "Caller"}}).to_string()
}

fn incident_body(sys_id: &str, number: &str, caller: &str) -> String {
    json!({"sys_id": sys_id, "number": number, "caller_sys_id": caller, "opened_at": litmos_domain::time::rfc3339(T0 - 60)}).to_string()
}

fn assign_body(learner: &str, course: &str, incident: &str, number: &str) -> String {
    json!({"learner_id": learner, "course_ids": [course], "incident": {"sys_id": incident, "number": number}}).to_string()
}

#[tokio::test]
async fn a_litmos_user_is_linked_to_one_caller_for_linking_assigning_and_forgetting() {
    let e = env().await;
    let key = enabled_tenant(&e, "acme").await;
    let course = e.double.courses()[0].id.clone();

    // Link: the first caller gets the Litmos user; a second caller with the same e-mail
    // is refused, naming the caller that holds it, and nothing is linked for it.
    let (status, first) = call(&e, &key, "POST", "/v1/servicenow/learners", Some(&caller_body(CALLER, "shared@example.com"))).await;
    assert_eq!(status, 201, "{first}");
    let learner = first["learner"]["id"].as_str().unwrap().to_string();
    let (status, refused) = call(&e, &key, "POST", "/v1/servicenow/learners", Some(&caller_body(OTHER_CALLER, "SHARED@example.com"))).await;
    assert_eq!(status, 409, "{refused}");
    let detail = refused["detail"].as_str().unwrap();
    assert!(detail.contains(CALLER) && detail.contains(OTHER_CALLER) && detail.contains(&learner), "{detail}");
    assert_eq!(call(&e, &key, "GET", &format!("/v1/servicenow/learners/{OTHER_CALLER}"), None).await.0, 404);
    assert_eq!(e.double.users_named("shared@example.com"), 1, "no second Litmos user either");
    // A retry is refused the same way (the refused claim was released, not left pending).
    assert_eq!(call(&e, &key, "POST", "/v1/servicenow/learners", Some(&caller_body(OTHER_CALLER, "shared@example.com"))).await.0, 409);

    // Assign: the first caller's learner cannot be assigned from the other caller's incident.
    assert_eq!(call(&e, &key, "POST", "/v1/servicenow/incidents", Some(&incident_body(INCIDENT, "INC0010023", CALLER))).await.0, 201);
    assert_eq!(call(&e, &key, "POST", "/v1/servicenow/incidents", Some(&incident_body(OTHER_INCIDENT, "INC0010024", OTHER_CALLER))).await.0, 201);
    let (status, out) = call(&e, &key, "POST", "/v1/servicenow/assignments", Some(&assign_body(&learner, &course, INCIDENT, "INC0010023"))).await;
    assert_eq!(status, 200, "{out}");
    e.double.clear_requests();
    let (status, problem) = call(&e, &key, "POST", "/v1/servicenow/assignments", Some(&assign_body(&learner, &course, OTHER_INCIDENT, "INC0010024"))).await;
    assert_eq!(status, 409, "{problem}");
    assert!(problem["detail"].as_str().unwrap().contains("INC0010024"), "{problem}");
    assert!(e.double.requests().iter().all(|r| r.method == "GET"), "nothing was assigned in Litmos");
    let (status, other_training) = call(&e, &key, "GET", &format!("/v1/servicenow/incidents/{OTHER_INCIDENT}/training"), None).await;
    assert_eq!(status, 404, "the other caller's incident has no training of the first: {other_training}");

    // Forget: forgetting the other caller leaves the first caller's learner and training whole.
    assert_eq!(admin_call(&e, "DELETE", &format!("/v1/admin/tenants/acme/callers/{OTHER_CALLER}"), None).await.0, 204);
    let (status, still) = call(&e, &key, "GET", &format!("/v1/servicenow/learners/{CALLER}"), None).await;
    assert_eq!((status, still["learner"]["id"].as_str()), (200, Some(learner.as_str())));
    let (_, training) = call(&e, &key, "GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None).await;
    assert_eq!(training["assignments"].as_array().unwrap().len(), 1, "{training}");
    // Forgetting the first caller frees the Litmos user for the other.
    assert_eq!(admin_call(&e, "DELETE", &format!("/v1/admin/tenants/acme/callers/{CALLER}"), None).await.0, 204);
    let (status, relinked) = call(&e, &key, "POST", "/v1/servicenow/learners", Some(&caller_body(OTHER_CALLER, "shared@example.com"))).await;
    assert_eq!((status, relinked["learner"]["id"].as_str()), (200, Some(learner.as_str())), "{relinked}");
}

fn path_of(url: &str) -> String {
    url.split_once("://").map(|(_, rest)| rest[rest.find('/').unwrap()..].to_string()).unwrap()
}

async fn webhook(e: &Env, path: &str) -> u16 {
    let body = json!({"type": "user.created", "data": {"userId": "x"}}).to_string();
    litmos_api::outcomes::litmos_webhook(e.state.clone(), event("POST", path, &[("content-type", "application/json")], Some(&body))).await.status().as_u16()
}

#[tokio::test]
async fn a_re_created_tenant_inherits_no_cached_key_and_no_leftovers() {
    let e = env().await;
    let key = enabled_tenant(&e, "acme").await;
    // This container reads and caches the first tenant's Litmos key (profile version 1).
    assert_eq!(call(&e, &key, "GET", "/v1/servicenow/courses", None).await.0, 200);
    assert_eq!(admin_call(&e, "DELETE", "/v1/admin/tenants/acme", None).await.0, 204);
    // Work still in flight for the deleted tenant writes after the delete swept its data.
    litmos_domain::ports::ProgressStore::mark_checked(&e.state.store, "acme", "LEFTOVER1", T0, true).await.unwrap();

    // The same id again, on another Litmos account with another key: version 1 again.
    let (addr, other) = litmos_double::spawn(litmos_double::Config { api_key: "second-account-key".into(), ..Default::default() }).await;
    let body = json!({"name": "Acme again", "litmos": {"base_url": format!("http://{addr}/v1.svc"), "api_key": "second-account-key", "source": "servicenow"}}).to_string();
    let r = litmos_api::admin::put_tenant(e.state.clone(), event("PUT", "/v1/admin/tenants/acme", &[("authorization", &bearer(ADMIN))], Some(&body))).await;
    assert_eq!(r.status(), 201, "{}", body_text(&r));
    let r = litmos_api::admin::enable_servicenow(e.state.clone(), event("POST", "/v1/admin/tenants/acme/servicenow", &[("authorization", &bearer(ADMIN))], None)).await;
    let new_key = status_and_json(&r).1["api_key"].as_str().unwrap().to_string();
    other.clear_requests();
    let (status, courses) = call(&e, &new_key, "GET", "/v1/servicenow/courses", None).await;
    assert_eq!(status, 200, "the same container uses the new tenant's Litmos key: {courses}");
    let sent: Vec<Option<String>> = other.requests().iter().map(|r| r.apikey.clone()).collect();
    assert!(!sent.is_empty() && sent.iter().all(|k| k.as_deref() == Some("second-account-key")), "{sent:?}");
    let open = litmos_domain::ports::ProgressStore::open_learners(&e.state.store, "acme").await.unwrap();
    assert!(open.is_empty(), "the new tenant reads nothing the deleted one left: {open:?}");
}

#[tokio::test]
async fn rotated_out_keys_can_be_revoked_early_and_each_keeps_its_own_grace_until_then() {
    let e = env().await;
    let k0 = enabled_tenant(&e, "acme").await;
    let (_, sn) = admin_call(&e, "GET", "/v1/admin/tenants/acme/servicenow", None).await;
    let w0 = path_of(sn["webhook_url"].as_str().unwrap());
    let (status, r1) = admin_call(&e, "POST", "/v1/admin/tenants/acme/servicenow/rotate", Some(r#"{"grace_period_seconds":100}"#)).await;
    assert_eq!(status, 200, "{r1}");
    let (k1, w1) = (r1["api_key"].as_str().unwrap().to_string(), path_of(r1["webhook_url"].as_str().unwrap()));
    e.clock.advance(10);
    let (_, r2) = admin_call(&e, "POST", "/v1/admin/tenants/acme/servicenow/rotate", Some(r#"{"grace_period_seconds":100}"#)).await;
    let (k2, w2) = (r2["api_key"].as_str().unwrap().to_string(), path_of(r2["webhook_url"].as_str().unwrap()));
    // Two rotations inside a grace period: each old key and webhook token keeps its own.
    for k in [&k0, &k1, &k2] {
        assert_eq!(call(&e, k, "GET", "/v1/servicenow/configuration", None).await.0, 200);
    }
    for w in [&w0, &w1, &w2] {
        assert_eq!(webhook(&e, w).await, 200, "{w}");
    }
    e.clock.advance(90);
    assert_eq!(webhook(&e, &w0).await, 401, "the first token's grace ended at its own time");
    assert_eq!(webhook(&e, &w1).await, 200, "the second's still runs");

    // Revoke the previous keys: only the current key and token work, within the auth TTL.
    let (status, _) = admin_call(&e, "DELETE", "/v1/admin/tenants/acme/servicenow/previous", None).await;
    assert_eq!(status, 204);
    e.clock.advance(5);
    assert_eq!(call(&e, &k1, "GET", "/v1/servicenow/configuration", None).await.0, 401);
    assert_eq!(call(&e, &k2, "GET", "/v1/servicenow/configuration", None).await.0, 200);
    assert_eq!(webhook(&e, &w1).await, 401);
    assert_eq!(webhook(&e, &w2).await, 200);
    let (_, sn) = admin_call(&e, "GET", "/v1/admin/tenants/acme/servicenow", None).await;
    assert_eq!(sn["api_key"], k2.as_str(), "the current key is untouched");
    // Again: nothing left to revoke, still 204. Disabled: 409 naming the state.
    assert_eq!(admin_call(&e, "DELETE", "/v1/admin/tenants/acme/servicenow/previous", None).await.0, 204);
    litmos_api::admin::disable_servicenow(e.state.clone(), event("DELETE", "/v1/admin/tenants/acme/servicenow", &[("authorization", &bearer(ADMIN))], None)).await;
    let (status, problem) = admin_call(&e, "DELETE", "/v1/admin/tenants/acme/servicenow/previous", None).await;
    assert_eq!(status, 409, "{problem}");
    assert!(problem["detail"].as_str().unwrap().contains("not enabled"));
    assert_eq!(admin_call(&e, "DELETE", "/v1/admin/tenants/nobody/servicenow/previous", None).await.0, 404);
}

/// The real key store, whose writes of a new key fail as DynamoDB can (after the key's
/// secret was made).
struct FailingKeyWrites<'a>(&'a litmos_adapters::DynamoStore);

#[async_trait::async_trait]
impl litmos_domain::ports::KeyStore for FailingKeyWrites<'_> {
    async fn get_key(&self, h: &litmos_domain::keys::KeyHash) -> Result<Option<litmos_domain::model::KeyRecord>, StoreError> {
        self.0.get_key(h).await
    }
    async fn enable(&self, _: &str, _: &litmos_domain::keys::KeyHash, _: &litmos_domain::keys::KeyHash, _: i64) -> Result<bool, StoreError> {
        Err(StoreError::Unavailable("injected".into()))
    }
    async fn rotate(
        &self,
        _: &str,
        _: &litmos_domain::keys::KeyHash,
        _: &litmos_domain::keys::KeyHash,
        _: &litmos_domain::keys::KeyHash,
        _: i64,
        _: i64,
        _: &[litmos_domain::keys::KeyHash],
        _: &[(litmos_domain::keys::KeyHash, i64)],
    ) -> Result<bool, StoreError> {
        Err(StoreError::Unavailable("injected".into()))
    }
    async fn revoke_previous(&self, t: &litmos_domain::model::Tenant, c: &litmos_domain::keys::KeyHash) -> Result<bool, StoreError> {
        self.0.revoke_previous(t, c).await
    }
    async fn disable(&self, t: &litmos_domain::model::Tenant, now: i64) -> Result<Vec<litmos_domain::keys::KeyHash>, StoreError> {
        self.0.disable(t, now).await
    }
}

use litmos_domain::ports::StoreError;

async fn servicenow_secrets(e: &Env, tenant: &str) -> usize {
    let sdk = testkit::sdk_config().await;
    let client = aws_sdk_secretsmanager::Client::new(&sdk);
    let prefix = format!("{}/tenants/{tenant}/servicenow/", e.state.names.prefix);
    let mut names = Vec::new();
    let mut pages = client.list_secrets().into_paginator().send();
    while let Some(page) = pages.next().await {
        names.extend(page.unwrap().secret_list().iter().filter_map(|s| s.name().map(str::to_string)).filter(|n| n.starts_with(&prefix)));
    }
    names.len()
}

#[tokio::test]
async fn a_key_write_that_fails_leaves_no_orphaned_secret() {
    let e = env().await;
    let auth = bearer(ADMIN);
    let body = json!({"name": "Acme", "litmos": {"base_url": e.litmos_url, "api_key": "demo-litmos-key", "source": "servicenow"}}).to_string();
    litmos_api::admin::put_tenant(e.state.clone(), event("PUT", "/v1/admin/tenants/acme", &[("authorization", &auth)], Some(&body))).await;
    let s = &e.state;
    let failing = FailingKeyWrites(&s.store);
    let admin = litmos_domain::admin::Admin {
        tenants: &s.store,
        learners: &s.store,
        keys: &failing,
        secrets: &s.secrets,
        litmos: &s.litmos,
        names: &s.names,
        clock: s.clock.as_ref(),
        hosts: &s.config.litmos_hosts,
    };
    assert!(matches!(admin.enable_servicenow("acme").await, Err(litmos_domain::Error::Store(_))));
    assert_eq!(servicenow_secrets(&e, "acme").await, 0, "enable's secret went with its failed write");

    // Enabled for real (one secret), then a rotation whose write fails: still one.
    s.admin_service().enable_servicenow("acme").await.unwrap();
    assert_eq!(servicenow_secrets(&e, "acme").await, 1);
    let rotated = admin.rotate("acme", litmos_domain::admin::RotateInput { grace_period_seconds: Some(60) }, "https://x").await;
    assert!(matches!(rotated, Err(litmos_domain::Error::Store(_))));
    assert_eq!(servicenow_secrets(&e, "acme").await, 1, "the rotation's secret went with its failed write");
}

#[tokio::test]
async fn answers_that_carry_keys_are_never_cached_and_sync_of_a_disabled_tenant_is_409() {
    let e = env().await;
    enabled_tenant(&e, "acme").await;
    let st = e.state.clone();
    let auth = bearer(ADMIN);
    for r in [
        litmos_api::admin::enable_servicenow(st.clone(), event("POST", "/v1/admin/tenants/acme/servicenow", &[("authorization", &auth)], None)).await,
        litmos_api::admin::get_servicenow(st.clone(), event("GET", "/v1/admin/tenants/acme/servicenow", &[("authorization", &auth)], None)).await,
        litmos_api::admin::rotate_servicenow_key(st.clone(), event("POST", "/v1/admin/tenants/acme/servicenow/rotate", &[("authorization", &auth)], Some("{}"))).await,
    ] {
        assert_eq!(r.headers().get("cache-control").map(|v| v.to_str().unwrap()), Some("no-store"), "{}", body_text(&r));
    }
    litmos_api::admin::disable_servicenow(st.clone(), event("DELETE", "/v1/admin/tenants/acme/servicenow", &[("authorization", &auth)], None)).await;
    let r = litmos_api::outcomes::sync_tenant(st.clone(), event("POST", "/v1/admin/tenants/acme/sync", &[("authorization", &auth)], None)).await;
    let (status, problem) = status_and_json(&r);
    assert_eq!(status, 409, "not 401, which would sign the console out: {problem}");
    assert!(problem["detail"].as_str().unwrap().contains("disabled"), "{problem}");
}

/// Frozen seconds whose milliseconds step forward at every reading: two requests within
/// one second, told apart only by their milliseconds.
struct StepClock(std::sync::atomic::AtomicI64);

impl litmos_domain::time::Clock for StepClock {
    fn now(&self) -> i64 {
        T0
    }
    fn now_millis(&self) -> i64 {
        T0 * 1000 + self.0.fetch_add(5, std::sync::atomic::Ordering::SeqCst)
    }
}

#[tokio::test]
async fn a_course_removed_in_litmos_and_assigned_again_within_one_second_is_assigned() {
    let e = env().await;
    let key = enabled_tenant(&e, "acme").await;
    let sdk = testkit::sdk_config().await;
    let state = std::sync::Arc::new(litmos_api::AppState::new(e.state.config.clone(), &sdk, Box::new(StepClock(std::sync::atomic::AtomicI64::new(0)))));
    let call = |body: String| {
        let state = state.clone();
        let key = key.clone();
        async move { status_and_json(&servicenow_call(&state, &key, "POST", "/v1/servicenow/assignments", Some(ADMIN_AGENT), Some(&body), &[]).await) }
    };
    let (_, linked) = status_and_json(&servicenow_call(&state, &key, "POST", "/v1/servicenow/learners", None, Some(&caller_body(CALLER, "pat@example.com")), &[]).await);
    let learner = linked["learner"]["id"].as_str().unwrap().to_string();
    let course = e.double.courses()[0].clone();
    let (status, first) = call(assign_body(&learner, &course.id, INCIDENT, "INC0010023")).await;
    assert_eq!((status, first["assigned"].as_array().map(Vec::len)), (200, Some(1)), "{first}");
    e.double.remove_enrolment(&learner, &course.id);
    let (status, again) = call(assign_body(&learner, &course.id, INCIDENT, "INC0010023")).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["messages"], json!([format!("You have successfully assigned these courses: {}", course.name)]), "Litmos is the truth: {again}");
    assert_eq!(e.double.enrolments(&learner).len(), 1);
}

#[tokio::test]
async fn a_leader_of_many_teams_costs_a_bounded_number_of_litmos_calls_and_is_told_what_was_left_out() {
    let e = env().await;
    let key = enabled_tenant(&e, "acme").await;
    // The demo leader leads one team and is a member of another: 30 more led teams.
    e.double.add_led_teams("leader@pieshop.net", 30);
    e.double.clear_requests();
    let r = servicenow_call(&e.state, &key, "GET", "/v1/servicenow/courses?limit=100", Some("leader@pieshop.net"), None, &[]).await;
    let (status, page) = status_and_json(&r);
    assert_eq!(status, 200, "{page}");
    let team_calls = e.double.requests().iter().filter(|r| r.path.contains("/teams/")).count();
    assert!(team_calls <= 2 * litmos_domain::courses::MAX_LED_TEAMS, "{team_calls} team calls");
    let notice = page["notice"].as_str().expect("the list says what it left out");
    assert!(notice.contains("12 more teams"), "{notice}");
    assert!(!page["items"].as_array().unwrap().is_empty());
    // An Administrator's list has no notice.
    let (_, admin_page) = status_and_json(&servicenow_call(&e.state, &key, "GET", "/v1/servicenow/courses", Some(ADMIN_AGENT), None, &[]).await);
    assert!(admin_page.get("notice").is_none(), "{admin_page}");
}

async fn feed_entry_expiry(e: &Env, seq: u64) -> Option<String> {
    use aws_sdk_dynamodb::types::AttributeValue;
    let client = aws_sdk_dynamodb::Client::new(&testkit::sdk_config().await);
    let item = client
        .get_item()
        .table_name(&e.state.config.table_name)
        .key("pk", AttributeValue::S("TENANT#acme".into()))
        .key("sk", AttributeValue::S(format!("FEED#{seq:012}")))
        .send()
        .await
        .unwrap()
        .item
        .expect("the feed entry");
    item.get("expires_at").and_then(|v| v.as_n().ok()).cloned()
}

#[tokio::test]
async fn feed_entries_expire_90_days_after_servicenow_reads_past_them() {
    let e = env().await;
    let key = enabled_tenant(&e, "acme").await;
    let (_, linked) = call(&e, &key, "POST", "/v1/servicenow/learners", Some(&caller_body(CALLER, "pat@example.com"))).await;
    let learner = linked["learner"]["id"].as_str().unwrap().to_string();
    for i in 0..3 {
        let course = e.double.courses()[i].id.clone();
        assert_eq!(call(&e, &key, "POST", "/v1/servicenow/assignments", Some(&assign_body(&learner, &course, INCIDENT, "INC0010023"))).await.0, 200);
    }
    let sync = || async { status_and_json(&litmos_api::outcomes::sync_tenant(e.state.clone(), event("POST", "/v1/admin/tenants/acme/sync", &[("authorization", &bearer(ADMIN))], None)).await) };
    // Read two entries: nothing is read past yet, so nothing expires.
    let (_, page) = call(&e, &key, "GET", "/v1/servicenow/training/updates?limit=2", None).await;
    assert_eq!(page["updates"].as_array().unwrap().len(), 2, "{page}");
    assert_eq!(sync().await.0, 200);
    assert_eq!(feed_entry_expiry(&e, 1).await, None, "not read past until ServiceNow asks for what follows");
    // Asking for what follows the first two reads past them: the next sync gives those two
    // (and only those) their expiry, 90 days on.
    let cursor = page["next_cursor"].as_str().unwrap().to_string();
    let (status, _) = call(&e, &key, "GET", &format!("/v1/servicenow/training/updates?cursor={cursor}"), None).await;
    assert_eq!(status, 200);
    assert_eq!(sync().await.0, 200);
    let ninety_days = (T0 + litmos_domain::training::FEED_READ_RETENTION_SECONDS).to_string();
    assert_eq!(feed_entry_expiry(&e, 1).await.as_deref(), Some(ninety_days.as_str()));
    assert_eq!(feed_entry_expiry(&e, 2).await.as_deref(), Some(ninety_days.as_str()));
    assert_eq!(feed_entry_expiry(&e, 3).await, None, "the unread entry stays");
    let (_, again) = call(&e, &key, "GET", "/v1/servicenow/training/updates", None).await;
    assert_eq!(again["updates"].as_array().unwrap().len(), 3, "an expiry is not a deletion until it passes: {again}");
}

/// A clock some seconds behind the test's: another Lambda container whose clock drifted.
struct Behind(TestClock, i64);

impl litmos_domain::time::Clock for Behind {
    fn now(&self) -> Timestamp {
        self.0.now() - self.1
    }
    fn now_millis(&self) -> i64 {
        self.0.now_millis() - self.1 * 1000
    }
}

/// Issue 18.8's sturdier form: a request whose Litmos read is older than another
/// request's assignment of the same course must not take that assignment's slot again,
/// however the two containers' clocks differ. Request B's read of the learner's courses
/// is held (and answered as it was before A's write) while container A, its clock 30 s
/// behind, assigns and records the course. B compares the record it saw before its
/// read (none) with what is there now (A's), not confirmation times across clocks, and
/// reports the course assigned: one record, one Litmos enrolment.
#[tokio::test]
async fn a_slower_request_never_reassigns_a_course_another_container_just_assigned() {
    let e = env().await;
    let key = enabled_tenant(&e, "acme").await;
    let sdk = testkit::sdk_config().await;
    let skewed = std::sync::Arc::new(litmos_api::AppState::new(e.state.config.clone(), &sdk, Box::new(Behind(e.clock.clone(), 30))));
    let (_, linked) = status_and_json(&servicenow_call(&e.state, &key, "POST", "/v1/servicenow/learners", None, Some(&caller_body(CALLER, "pat@example.com")), &[]).await);
    let learner = linked["learner"]["id"].as_str().unwrap().to_string();
    let course = e.double.courses()[0].clone();
    // Both containers warm (the agent and the catalog cached): each assigns another course.
    for (state, other) in [(&e.state, 1), (&skewed, 2)] {
        let body = assign_body(&learner, &e.double.courses()[other].id, INCIDENT, "INC0010023");
        assert_eq!(status_and_json(&servicenow_call(state, &key, "POST", "/v1/servicenow/assignments", Some(ADMIN_AGENT), Some(&body), &[]).await).0, 200);
    }
    // B's read of the learner's courses: held 1.5 s, then answered as before A's write.
    e.double.inject(Fault { method: Some("GET".into()), path_contains: Some(format!("/users/{learner}/courses")), delay_ms: Some(1_500), body: Some(json!([])), ..Fault::default() });
    e.double.clear_requests();
    let b = {
        let (state, key, body) = (e.state.clone(), key.clone(), assign_body(&learner, &course.id, INCIDENT, "INC0010023"));
        tokio::spawn(async move { status_and_json(&servicenow_call(&state, &key, "POST", "/v1/servicenow/assignments", Some(ADMIN_AGENT), Some(&body), &[]).await) })
    };
    // A starts once B's read is held.
    while !e.double.requests().iter().any(|r| r.method == "GET" && r.path.ends_with(&format!("/users/{learner}/courses"))) {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let (status, a) =
        status_and_json(&servicenow_call(&skewed, &key, "POST", "/v1/servicenow/assignments", Some(ADMIN_AGENT), Some(&assign_body(&learner, &course.id, INCIDENT, "INC0010023")), &[]).await);
    assert_eq!((status, a["assigned"].as_array().map(Vec::len)), (200, Some(1)), "{a}");
    assert!(!b.is_finished(), "A assigned while B's read was held");
    let (status, b) = b.await.unwrap();
    assert_eq!(status, 200, "{b}");
    assert_eq!(b["already_assigned"].as_array().map(Vec::len), Some(1), "B reports it assigned, not assigned again: {b}");
    let (_, training) = status_and_json(&servicenow_call(&e.state, &key, "GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None, None, &[]).await);
    let of_course = training["assignments"].as_array().unwrap().iter().filter(|t| t["course_id"] == course.id.as_str()).count();
    assert_eq!(of_course, 1, "one record of the course: {training}");
}
