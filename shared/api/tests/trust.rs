//! Trust boundaries (issue 18), through the handlers on moto and the Litmos double:
//! one Litmos user per caller, a re-created tenant that inherits nothing, and rotated-out
//! keys that can be cut early.

mod support;

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
