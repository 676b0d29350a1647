//! "Start course" links (issue 20.1) through the handlers, on moto and the Litmos
//! double: off by default; when on, every assignment in the training list and its feed
//! entry has a link; opening it redirects to a fresh Litmos LoginKey each time; only
//! the token's hash is stored; expiry, forget-caller, disable, links off and tenant
//! delete cut it at once; unknown links get a small page; a link opens 5 times a minute.

mod support;

use lambda_http::{Body, Response};
use litmos_api::{admin, start_links};
use serde_json::{Value, json};
use support::*;

async fn call(e: &Env, key: &str, method: &str, path: &str, body: Option<&str>) -> (u16, Value) {
    status_and_json(&servicenow_call(&e.state, key, method, path, Some(ADMIN_AGENT), body, &[]).await)
}

async fn admin_call(e: &Env, method: &str, path: &str, body: Option<&str>) -> u16 {
    let auth = bearer(ADMIN);
    let req = event(method, path, &[("authorization", &auth)], body);
    let st = e.state.clone();
    let r = match (method, path) {
        ("PUT", _) => admin::put_tenant(st, req).await,
        ("DELETE", p) if p.contains("/callers/") => admin::forget_caller(st, req).await,
        ("DELETE", p) if p.ends_with("/servicenow") => admin::disable_servicenow(st, req).await,
        ("POST", p) if p.ends_with("/servicenow") => admin::enable_servicenow(st, req).await,
        ("DELETE", _) => admin::delete_tenant(st, req).await,
        other => panic!("{other:?}"),
    };
    r.status().as_u16()
}

fn tenant_body(e: &Env, links: Value) -> String {
    json!({"name": "Acme", "litmos": {"base_url": e.litmos_url, "api_key": "demo-litmos-key", "source": "servicenow"}, "start_links": links}).to_string()
}

/// A tenant with links on (2 days), a caller's learner and one course assigned from the
/// incident: the ServiceNow key and the training list's start URL.
async fn assigned(e: &Env) -> (String, String) {
    let key = enabled_tenant(e, "acme").await;
    assert_eq!(admin_call(e, "PUT", "/v1/admin/tenants/acme", Some(&tenant_body(e, json!({"enabled": true, "expire_days": 2})))).await, 200);
    let caller = json!({"caller": {"sys_id": CALLER, "email": "learner@customer.example"}}).to_string();
    let (_, linked) = call(e, &key, "POST", "/v1/servicenow/learners", Some(&caller)).await;
    let learner = linked["learner"]["id"].as_str().unwrap().to_string();
    let course = e.double.courses()[0].id.clone();
    let body = json!({"learner_id": learner, "course_ids": [course], "incident": {"sys_id": INCIDENT, "number": "INC0010001"}}).to_string();
    assert_eq!(call(e, &key, "POST", "/v1/servicenow/assignments", Some(&body)).await.0, 200);
    let (status, training) = call(e, &key, "GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None).await;
    assert_eq!(status, 200, "{training}");
    let url = training["assignments"][0]["start_url"].as_str().expect("a start link").to_string();
    (key, url)
}

async fn open(e: &Env, url: &str) -> Response<Body> {
    let path = &url[url.find("/v1/start/").expect("our route")..];
    start_links::open(e.state.clone(), event("GET", path, &[], None)).await
}

fn header<'a>(r: &'a Response<Body>, name: &str) -> &'a str {
    r.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

#[tokio::test]
async fn a_link_redirects_to_a_fresh_login_key_each_time_and_only_its_hash_is_stored() {
    let e = env().await;
    let (key, url) = assigned(&e).await;
    let token = url.rsplit('/').next().unwrap().to_string();
    assert!(url.starts_with("https://r4nd0m1d.execute-api.us-east-1.amazonaws.com/v1/start/") && token.len() == 43, "absolute, on the host the request came to: {url}");
    // The feed's assignment entry has a link of its own.
    let (_, feed) = call(&e, &key, "GET", "/v1/servicenow/training/updates", None).await;
    assert!(feed["updates"][0]["start_url"].as_str().is_some_and(|u| u.contains("/v1/start/") && *u != url), "{feed}");

    let first = open(&e, &url).await;
    assert_eq!(first.status(), 303);
    let login = header(&first, "location").to_string();
    assert!(login.starts_with(&e.litmos_url.replace("/v1.svc", "")) && login.contains("//login.aspx?loginkey="), "{login}");
    assert_eq!((header(&first, "cache-control"), header(&first, "referrer-policy")), ("no-store", "no-referrer"));
    let second = open(&e, &url).await;
    assert_eq!(second.status(), 303);
    assert_ne!(header(&second, "location"), login, "a new LoginKey for every open: Litmos' key works once");
    let reads = e.double.requests().iter().filter(|r| r.method == "GET" && r.path.ends_with(&format!("/users/{}", login_user(&e)))).count();
    assert_eq!(reads, 2, "one Litmos read per open");

    // Nothing in the table holds the token or a LoginKey: only hashes.
    let dynamo = aws_sdk_dynamodb::Client::new(&testkit::sdk_config().await);
    let items = dynamo.scan().table_name(&e.state.config.table_name).send().await.unwrap().items.unwrap_or_default();
    let dump = format!("{items:?}");
    assert!(!dump.contains(&token), "the token itself is never stored");
    assert!(!dump.contains("loginkey="), "a LoginKey is never stored");
    assert!(dump.contains(&litmos_domain::keys::hash(&token).0), "its SHA-256 is");
}

fn login_user(e: &Env) -> String {
    e.double.user_by_name("learner@customer.example").unwrap().id
}

async fn refused(e: &Env, url: &str) -> (u16, String) {
    let r = open(e, url).await;
    assert_eq!(header(&r, "content-type"), "text/html; charset=utf-8");
    assert_eq!(header(&r, "cache-control"), "no-store");
    (r.status().as_u16(), body_text(&r))
}

#[tokio::test]
async fn expired_unknown_and_overused_links_get_a_page_saying_what_to_do() {
    let e = env().await;
    let (_, url) = assigned(&e).await;
    let (status, page) = refused(&e, &format!("{}X", &url[..url.len() - 1])).await;
    assert_eq!(status, 404);
    assert!(page.contains("This training link is not valid") && page.contains("ask them to send you a new link"), "{page}");
    assert_eq!(refused(&e, "/v1/start/short").await.0, 404);
    // Five opens a minute, then a page; the next minute it opens again.
    for _ in 0..5 {
        assert_eq!(open(&e, &url).await.status(), 303);
    }
    let (status, page) = refused(&e, &url).await;
    assert_eq!(status, 429, "{page}");
    e.clock.advance(60);
    assert_eq!(open(&e, &url).await.status(), 303);
    // Two days after it was made, it has expired.
    e.clock.advance(2 * 86_400);
    let (status, page) = refused(&e, &url).await;
    assert_eq!(status, 410);
    assert!(page.contains("This training link has expired") && !page.contains("<script"), "{page}");
}

#[tokio::test]
async fn forget_disable_links_off_and_delete_cut_links_at_once() {
    let e = env().await;
    let (key, url) = assigned(&e).await;
    // Changing the lifetime keeps links working; turning links off cuts them, and
    // turning them on again does not bring them back.
    assert_eq!(admin_call(&e, "PUT", "/v1/admin/tenants/acme", Some(&tenant_body(&e, json!({"enabled": true, "expire_days": 3})))).await, 200);
    assert_eq!(open(&e, &url).await.status(), 303);
    assert_eq!(admin_call(&e, "PUT", "/v1/admin/tenants/acme", Some(&tenant_body(&e, json!({"enabled": false})))).await, 200);
    assert_eq!(refused(&e, &url).await.0, 410);
    e.clock.advance(1);
    assert_eq!(admin_call(&e, "PUT", "/v1/admin/tenants/acme", Some(&tenant_body(&e, json!({"enabled": true, "expire_days": 2})))).await, 200);
    assert_eq!(refused(&e, &url).await.0, 410);
    let (_, fresh) = call(&e, &key, "GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None).await;
    let fresh = fresh["assignments"][0]["start_url"].as_str().unwrap().to_string();
    assert_eq!(open(&e, &fresh).await.status(), 303, "a link made after links went on again works");
    let url = fresh;
    // Disabling ServiceNow cuts them, and enabling it again does not bring them back.
    assert_eq!(admin_call(&e, "DELETE", "/v1/admin/tenants/acme/servicenow", None).await, 204);
    assert_eq!(refused(&e, &url).await.0, 410);
    e.clock.advance(1);
    assert_eq!(admin_call(&e, "POST", "/v1/admin/tenants/acme/servicenow", None).await, 201);
    let (status, page) = refused(&e, &url).await;
    assert_eq!(status, 410);
    assert!(page.contains("no longer works"), "{page}");
    let _ = key;

    // A link works until the caller is forgotten, and stays cut when the same caller
    // is linked again (to the same Litmos user); the forgotten link's item is gone.
    let e2 = env().await;
    let (key2, url2) = assigned(&e2).await;
    assert_eq!(open(&e2, &url2).await.status(), 303);
    assert_eq!(admin_call(&e2, "DELETE", &format!("/v1/admin/tenants/acme/callers/{CALLER}"), None).await, 204);
    assert_eq!(refused(&e2, &url2).await.0, 404, "forgetting the caller deleted the link");
    e2.clock.advance(1);
    let caller = json!({"caller": {"sys_id": CALLER, "email": "learner@customer.example"}}).to_string();
    assert_eq!(call(&e2, &key2, "POST", "/v1/servicenow/learners", Some(&caller)).await.0, 200, "linked again to the same Litmos user");
    assert_eq!(refused(&e2, &url2).await.0, 404);

    let e3 = env().await;
    let (_, url3) = assigned(&e3).await;
    assert_eq!(admin_call(&e3, "DELETE", "/v1/admin/tenants/acme", None).await, 204);
    assert_eq!(refused(&e3, &url3).await.0, 404, "deleting the tenant deleted its links");
}

#[tokio::test]
async fn links_are_off_unless_the_tenant_turns_them_on() {
    let e = env().await;
    let key = enabled_tenant(&e, "acme").await;
    let caller = json!({"caller": {"sys_id": CALLER, "email": "learner@customer.example"}}).to_string();
    let (_, linked) = call(&e, &key, "POST", "/v1/servicenow/learners", Some(&caller)).await;
    let body = json!({"learner_id": linked["learner"]["id"], "course_ids": [e.double.courses()[0].id], "incident": {"sys_id": INCIDENT, "number": "INC0010001"}}).to_string();
    call(&e, &key, "POST", "/v1/servicenow/assignments", Some(&body)).await;
    let (_, training) = call(&e, &key, "GET", &format!("/v1/servicenow/incidents/{INCIDENT}/training"), None).await;
    assert!(training["assignments"][0].get("start_url").is_none(), "{training}");
    let (_, feed) = call(&e, &key, "GET", "/v1/servicenow/training/updates", None).await;
    assert!(feed["updates"][0].get("start_url").is_none(), "{feed}");
    let auth = bearer(ADMIN);
    let r = admin::get_tenant(e.state.clone(), event("GET", "/v1/admin/tenants/acme", &[("authorization", &auth)], None)).await;
    assert_eq!(status_and_json(&r).1["start_links"], json!({"enabled": false, "expire_days": 30}));
    // Out of range: refused, nothing changed.
    assert_eq!(admin_call(&e, "PUT", "/v1/admin/tenants/acme", Some(&tenant_body(&e, json!({"enabled": true, "expire_days": 91})))).await, 400);
    let r = admin::get_tenant(e.state.clone(), event("GET", "/v1/admin/tenants/acme", &[("authorization", &auth)], None)).await;
    assert_eq!(status_and_json(&r).1["start_links"]["enabled"], false);
}
