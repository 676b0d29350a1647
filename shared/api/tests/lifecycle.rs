//! Handlers fed real API Gateway v2 events, on moto and the Litmos double: the
//! integration's whole lifecycle, auth, bad input and faults.

mod support;

use litmos_api::{admin, servicenow};
use serde_json::{Value, json};
use support::*;

fn tenant_body(e: &Env) -> String {
    json!({"name": "Acme", "litmos": {"base_url": e.litmos_url, "api_key": "demo-litmos-key", "source": "servicenow"}}).to_string()
}

async fn put(e: &Env, id: &str, body: &str) -> (u16, Value) {
    let auth = bearer(ADMIN);
    status_and_json(&admin::put_tenant(e.state.clone(), event("PUT", &format!("/v1/admin/tenants/{id}"), &[("authorization", &auth)], Some(body))).await)
}

async fn admin_call(e: &Env, method: &str, path: &str, body: Option<&str>) -> (u16, Value) {
    let auth = bearer(ADMIN);
    let req = event(method, path, &[("authorization", &auth)], body);
    let st = e.state.clone();
    let resp = match (method, path.split('?').next().unwrap().rsplit('/').next().unwrap()) {
        ("GET", "servicenow") => admin::get_servicenow(st, req).await,
        ("POST", "servicenow") => admin::enable_servicenow(st, req).await,
        ("DELETE", "servicenow") => admin::disable_servicenow(st, req).await,
        ("POST", "rotate") => admin::rotate_servicenow_key(st, req).await,
        ("GET", _) => admin::get_tenant(st, req).await,
        ("DELETE", _) => admin::delete_tenant(st, req).await,
        other => panic!("no route {other:?}"),
    };
    status_and_json(&resp)
}

async fn configuration(e: &Env, key: &str) -> (u16, Value) {
    let auth = bearer(key);
    status_and_json(&servicenow::configuration(e.state.clone(), event("GET", "/v1/servicenow/configuration", &[("authorization", &auth)], None)).await)
}

#[tokio::test]
async fn the_whole_lifecycle() {
    let e = env().await;
    let (status, body) = put(&e, "acme", &tenant_body(&e)).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["litmos"], json!({"base_url": e.litmos_url, "source": "servicenow", "api_key_set": true, "send_welcome_email": false}));
    assert!(!body.to_string().contains("demo-litmos-key"), "the Litmos key is never echoed");
    assert_eq!(put(&e, "acme", &tenant_body(&e)).await.0, 200);

    let (status, got) = admin_call(&e, "GET", "/v1/admin/tenants/acme", None).await;
    assert_eq!(status, 200);
    assert_eq!(got["servicenow"]["enabled"], false);
    assert_eq!(admin_call(&e, "GET", "/v1/admin/tenants/acme/servicenow", None).await.1, json!({"enabled": false}));

    let (status, enabled) = admin_call(&e, "POST", "/v1/admin/tenants/acme/servicenow", None).await;
    assert_eq!(status, 201);
    let key = enabled["api_key"].as_str().unwrap().to_string();
    assert!(key.starts_with("lsn_"));
    let (status, again) = admin_call(&e, "POST", "/v1/admin/tenants/acme/servicenow", None).await;
    assert_eq!((status, again["api_key"].as_str()), (200, Some(key.as_str())), "enable is idempotent");

    // ServiceNow saves the key: activation, with absolute endpoint URLs.
    let auth = bearer(&key);
    let (status, act) = status_and_json(
        &servicenow::activate(e.state.clone(), event("POST", "/v1/servicenow/activate", &[("authorization", &auth)], Some(r#"{"instance_url":"https://acme.service-now.com"}"#))).await,
    );
    assert_eq!(status, 200, "{act}");
    assert_eq!(act["tenant"], json!({"id": "acme", "name": "Acme"}));
    assert_eq!(act["endpoints"]["assignments"], "https://r4nd0m1d.execute-api.us-east-1.amazonaws.com/v1/servicenow/assignments");
    assert_eq!(act["activated_at"], "2026-11-29T02:00:00Z");
    let (status, conf) = configuration(&e, &key).await;
    assert_eq!(status, 200);
    assert_eq!(conf["endpoints"], act["endpoints"]);

    let (_, sn) = admin_call(&e, "GET", "/v1/admin/tenants/acme/servicenow", None).await;
    assert_eq!(sn["api_key"], key.as_str());
    assert_eq!(sn["instance_url"], "https://acme.service-now.com");
    assert_eq!(sn["activated_at"], "2026-11-29T02:00:00Z");
    assert!(sn["last_used_at"].is_string());

    // Rotate with a 60 s grace: both work, then only the new one.
    let (status, rot) = admin_call(&e, "POST", "/v1/admin/tenants/acme/servicenow/rotate", Some(r#"{"grace_period_seconds":60}"#)).await;
    assert_eq!(status, 200, "{rot}");
    let new_key = rot["api_key"].as_str().unwrap().to_string();
    assert_eq!(rot["previous_key_expires_at"], "2026-11-29T02:01:00Z");
    assert_eq!(configuration(&e, &new_key).await.0, 200, "the new key works at once");
    e.clock.advance(59);
    assert_eq!(configuration(&e, &key).await.0, 200, "the old key works during the grace period");
    e.clock.advance(1);
    assert_eq!(configuration(&e, &key).await.0, 401, "and stops when it ends");
    assert_eq!(admin_call(&e, "GET", "/v1/admin/tenants/acme/servicenow", None).await.1["api_key"], new_key.as_str());

    // Disable: every key stops within the auth cache TTL (5 s here).
    assert_eq!(admin_call(&e, "DELETE", "/v1/admin/tenants/acme/servicenow", None).await.0, 204);
    e.clock.advance(5);
    assert_eq!(configuration(&e, &new_key).await.0, 401);
    assert_eq!(admin_call(&e, "GET", "/v1/admin/tenants/acme/servicenow", None).await.1, json!({"enabled": false}));

    // Delete: gone, with its secrets.
    let (_, again) = admin_call(&e, "POST", "/v1/admin/tenants/acme/servicenow", None).await;
    let last_key = again["api_key"].as_str().unwrap().to_string();
    assert_eq!(admin_call(&e, "DELETE", "/v1/admin/tenants/acme", None).await.0, 204);
    assert_eq!(admin_call(&e, "GET", "/v1/admin/tenants/acme", None).await.0, 404);
    e.clock.advance(5);
    assert_eq!(configuration(&e, &last_key).await.0, 401);
    use litmos_domain::ports::SecretStore;
    assert_eq!(e.state.secrets.get_secret(&e.state.names.litmos_key("acme")).await.unwrap(), None);
    let last = litmos_domain::keys::hash(&last_key);
    assert_eq!(e.state.secrets.get_secret(&e.state.names.servicenow_key("acme", &last)).await.unwrap(), None);
    assert_eq!(litmos_domain::ports::KeyStore::get_key(&e.state.store, &last).await.unwrap(), None);
}

#[tokio::test]
async fn every_auth_failure_gives_the_same_401() {
    let e = env().await;
    put(&e, "acme", &tenant_body(&e)).await;
    let (_, enabled) = admin_call(&e, "POST", "/v1/admin/tenants/acme/servicenow", None).await;
    let key = enabled["api_key"].as_str().unwrap();
    let mut flipped = key.to_string().into_bytes();
    flipped[10] = if flipped[10] == b'a' { b'b' } else { b'a' };
    let flipped = String::from_utf8(flipped).unwrap();
    let unknown = litmos_domain::keys::generate();
    let mut bodies = Vec::new();
    for header in [None, Some("Basic abc".to_string()), Some(bearer("nope")), Some(bearer(&flipped)), Some(bearer(&unknown)), Some(key.to_string())] {
        let headers: Vec<(&str, &str)> = header.as_deref().map(|h| vec![("authorization", h)]).unwrap_or_default();
        let r = servicenow::configuration(e.state.clone(), event("GET", "/v1/servicenow/configuration", &headers, None)).await;
        assert_eq!(r.status(), 401);
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        bodies.push(body_text(&r));
    }
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "{bodies:?}");

    let r = admin::get_tenant(e.state.clone(), event("GET", "/v1/admin/tenants/acme", &[("authorization", "Bearer wrong")], None)).await;
    assert_eq!(r.status(), 401);
    let r = admin::get_tenant(e.state.clone(), event("GET", "/v1/admin/tenants/acme", &[("authorization", &bearer(key))], None)).await;
    assert_eq!(r.status(), 401, "a ServiceNow key is no admin token");
}

#[tokio::test]
async fn bad_input_is_a_400_naming_the_field_and_changes_nothing() {
    let e = env().await;
    let good = tenant_body(&e);
    let cases = [
        ("Acme", good.clone(), "tenant_id"),
        ("acme", good.replace(r#""name":"Acme""#, r#""name":"Acme","tenant_id":"other""#), "tenant_id"),
        ("acme", good.replace(r#""source":"servicenow""#, r#""source":"servicenow","access_level":"x""#), "litmos.access_level"),
        ("acme", good.replace(r#""name":"Acme""#, r#""name":42"#), "name"),
        ("acme", good.replace(r#""name":"Acme""#, r#""name":"""#), "name"),
        ("acme", good.replace(r#""source":"servicenow""#, &format!(r#""source":"{}""#, "s".repeat(51))), "litmos.source"),
        ("acme", good.replace("http://", "ftp://"), "litmos.base_url"),
        ("acme", r#"{"name":"Acme"}"#.to_string(), "litmos"),
        ("acme", "{not json".to_string(), "body"),
    ];
    for (id, body, field) in cases {
        let (status, p) = put(&e, id, &body).await;
        assert_eq!(status, 400, "{body}: {p}");
        assert_eq!(p["field"], field, "{body}");
        assert_eq!(p["status"], 400);
    }
    let big = format!(r#"{{"name":"{}"}}"#, "x".repeat(70_000));
    let (status, p) = put(&e, "acme", &big).await;
    assert_eq!((status, p["status"].as_u64()), (413, Some(413)));
    assert_eq!(admin_call(&e, "GET", "/v1/admin/tenants/acme", None).await.0, 404, "nothing was created");
    assert!(e.double.requests().is_empty(), "bad input never reaches Litmos");

    put(&e, "acme", &good).await;
    admin_call(&e, "POST", "/v1/admin/tenants/acme/servicenow", None).await;
    for grace in ["-1", "604801", r#""soon""#] {
        let (status, p) = admin_call(&e, "POST", "/v1/admin/tenants/acme/servicenow/rotate", Some(&format!(r#"{{"grace_period_seconds":{grace}}}"#))).await;
        assert_eq!((status, p["field"].as_str()), (400, Some("grace_period_seconds")), "{grace}");
    }
    let (status, p) = admin_call(&e, "POST", "/v1/admin/tenants/acme/servicenow", Some(r#"{"enabled":true}"#)).await;
    assert_eq!((status, p["field"].as_str()), (400, Some("enabled")));
    assert_eq!(admin_call(&e, "GET", "/v1/admin/tenants/nobody", None).await.0, 404);
    assert_eq!(admin_call(&e, "POST", "/v1/admin/tenants/nobody/servicenow/rotate", None).await.0, 404);
}

#[tokio::test]
async fn litmos_refusing_the_key_is_422_and_unreachable_is_502() {
    let e = env().await;
    let refused = tenant_body(&e).replace("demo-litmos-key", "not-the-key");
    let (status, p) = put(&e, "acme", &refused).await;
    assert_eq!(status, 422, "{p}");
    assert!(!p.to_string().contains("not-the-key"));
    assert_eq!(admin_call(&e, "GET", "/v1/admin/tenants/acme", None).await.0, 404, "nothing stored");

    let unreachable = tenant_body(&e).replace(&e.litmos_url, &format!("{}/v1.svc", testkit::closed_endpoint()));
    let (status, p) = put(&e, "acme", &unreachable).await;
    assert_eq!(status, 502, "{p}");
    assert_eq!(p["status"], 502);
    assert!(p["request_id"].is_string());
}

#[tokio::test]
async fn a_store_failure_is_503_with_the_request_id_and_no_sdk_text() {
    let e = env_with(litmos_double::Config::default(), Some(&testkit::closed_endpoint())).await;
    let key = litmos_domain::keys::generate();
    let r = servicenow::configuration(e.state.clone(), event("GET", "/v1/servicenow/configuration", &[("authorization", &bearer(&key))], None)).await;
    let (status, p) = status_and_json(&r);
    assert_eq!(status, 503, "{p}");
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    assert!(r.headers().contains_key("retry-after"));
    assert_eq!(p["request_id"], "c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
    let text = p.to_string();
    for leak in ["dispatch", "Connector", "dynamodb", "127.0.0.1", &key] {
        assert!(!text.contains(leak), "{leak} leaked: {text}");
    }

    // The admin side reads its token from Secrets Manager first: same answer.
    let r = admin::get_tenant(e.state.clone(), event("GET", "/v1/admin/tenants/acme", &[("authorization", &bearer(ADMIN))], None)).await;
    let (status, p) = status_and_json(&r);
    assert_eq!((status, p["status"].as_u64()), (503, Some(503)), "{p}");
    assert!(!p.to_string().contains("secretsmanager") && !p.to_string().contains(ADMIN));
}

/// SPEC 3.5: every refused base URL is a 400 naming `litmos.base_url`, before any call
/// (the Litmos double sees nothing) and before anything is stored.
#[tokio::test]
async fn a_base_url_off_the_allow_list_is_refused_before_any_call() {
    let e = env().await;
    let port = e.litmos_url.trim_start_matches("http://127.0.0.1:").trim_end_matches("/v1.svc").to_string();
    for bad in [
        "http://localhost@169.254.169.254/v1.svc".to_string(),
        format!("http://user@127.0.0.1:{port}/v1.svc"),
        format!("http://127.0.0.1:{port}/v1.svc?x=1"),
        format!("http://127.0.0.1:{port}/v1.svc#top"),
        format!("http://127.0.0.1:{port}/other"),
        format!("http://localhost:{port}/v1.svc"),
        "http://api.litmos.com/v1.svc".to_string(),
        "https://api.litmos.com.evil.example/v1.svc".to_string(),
    ] {
        let body = json!({"name": "Acme", "litmos": {"base_url": bad, "api_key": "demo-litmos-key", "source": "servicenow"}}).to_string();
        let (status, problem) = put(&e, "acme", &body).await;
        assert_eq!((status, problem["field"].as_str()), (400, Some("litmos.base_url")), "{bad}: {problem}");
    }
    assert!(e.double.requests().is_empty(), "a refused base URL made a Litmos call");
    assert_eq!(admin_call(&e, "GET", "/v1/admin/tenants/acme", None).await.0, 404, "nothing was stored");
}

/// Issue 7.4: rotations do not grow the tenant item (keys past their grace drop out),
/// and disabling removes the secret of every key, including one made after the state
/// the disable started from.
#[tokio::test]
async fn rotations_keep_only_live_keys_and_disable_removes_every_secret() {
    use litmos_domain::ports::{KeyStore, SecretStore, TenantStore};
    let e = env().await;
    assert_eq!(put(&e, "acme", &tenant_body(&e)).await.0, 201);
    admin_call(&e, "POST", "/v1/admin/tenants/acme/servicenow", None).await;
    for _ in 0..4 {
        let (status, _) = admin_call(&e, "POST", "/v1/admin/tenants/acme/servicenow/rotate", Some(r#"{"grace_period_seconds": 10}"#)).await;
        assert_eq!(status, 200);
        e.clock.advance(11);
    }
    let t = e.state.store.get_tenant("acme").await.unwrap().unwrap();
    assert_eq!(t.servicenow.live_keys.len(), 2, "the current key and the one in its grace period, not every key ever made");

    // A disable that starts from a state read before a rotation.
    let stale = e.state.store.get_tenant("acme").await.unwrap().unwrap();
    let (_, rotated) = admin_call(&e, "POST", "/v1/admin/tenants/acme/servicenow/rotate", Some(r#"{"grace_period_seconds": 100}"#)).await;
    let newest = litmos_domain::keys::hash(rotated["api_key"].as_str().unwrap());
    let removed = e.state.store.disable(&stale, T0 + 100).await.unwrap();
    assert!(removed.contains(&newest), "the racing rotation's key is removed too");
    assert!(e.state.store.get_key(&newest).await.unwrap().is_none());
    // Through the route: every secret of the tenant's keys is gone.
    let (_, again) = admin_call(&e, "POST", "/v1/admin/tenants/acme/servicenow", None).await;
    let k = litmos_domain::keys::hash(again["api_key"].as_str().unwrap());
    assert_eq!(admin_call(&e, "DELETE", "/v1/admin/tenants/acme/servicenow", None).await.0, 204);
    assert!(e.state.secrets.get_secret(&e.state.names.servicenow_key("acme", &k)).await.unwrap().is_none());
}

/// Issue 7.6: a query parameter a route does not declare is 400 on every admin route
/// and changes nothing.
#[tokio::test]
async fn admin_routes_refuse_undeclared_query_parameters() {
    let e = env().await;
    assert_eq!(put(&e, "acme", &tenant_body(&e)).await.0, 201);
    for (method, path) in [
        ("GET", "/v1/admin/tenants/acme?tenant_id=other"),
        ("DELETE", "/v1/admin/tenants/acme?tenant_id=other"),
        ("POST", "/v1/admin/tenants/acme/servicenow?tenant_id=other"),
        ("GET", "/v1/admin/tenants/acme/servicenow?x=1"),
        ("DELETE", "/v1/admin/tenants/acme/servicenow?tenant_id=other"),
    ] {
        let (status, problem) = admin_call(&e, method, path, None).await;
        assert_eq!(status, 400, "{method} {path}: {problem}");
    }
    let auth = bearer(ADMIN);
    let r = admin::put_tenant(e.state.clone(), event("PUT", "/v1/admin/tenants/acme?tenant_id=other", &[("authorization", &auth)], Some(&tenant_body(&e)))).await;
    assert_eq!(r.status(), 400);
    assert_eq!(admin_call(&e, "GET", "/v1/admin/tenants/acme/servicenow", None).await.1, json!({"enabled": false}), "nothing changed");
    assert_eq!(admin_call(&e, "GET", "/v1/admin/tenants/acme", None).await.0, 200, "nothing deleted");
}

/// The admin console's list: every tenant once, in id order, a page at a time; a bad
/// cursor or limit is a 400 naming it; the admin token is required.
#[tokio::test]
async fn tenants_are_listed_a_page_at_a_time() {
    let e = env().await;
    let ids = ["acme", "beta", "cobalt", "delta-2", "echo"];
    for id in ids.iter().rev() {
        assert_eq!(put(&e, id, &tenant_body(&e)).await.0, 201);
    }
    let list = |query: String, token: &'static str| {
        let st = e.state.clone();
        async move { status_and_json(&admin::list_tenants(st, event("GET", &format!("/v1/admin/tenants{query}"), &[("authorization", &bearer(token))], None)).await) }
    };
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let q = match &cursor {
            Some(c) => format!("?limit=2&cursor={c}"),
            None => "?limit=2".to_string(),
        };
        let (status, page) = list(q, ADMIN).await;
        assert_eq!(status, 200, "{page}");
        pages += 1;
        for t in page["tenants"].as_array().unwrap() {
            assert_eq!(t["litmos"]["api_key_set"], true);
            assert!(!t.to_string().contains("demo-litmos-key"), "the Litmos key is never listed");
            seen.push(t["id"].as_str().unwrap().to_string());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(seen, ids, "each tenant once, in id order");
    assert_eq!(pages, 3);
    let (_, all) = list(String::new(), ADMIN).await;
    assert_eq!((all["tenants"].as_array().unwrap().len(), all["next_cursor"].clone()), (5, Value::Null), "the default page holds them all");

    for (query, field) in [("?limit=0", "limit"), ("?limit=101", "limit"), ("?limit=x", "limit"), ("?cursor=zz", "cursor"), ("?cursor=2e2e", "cursor"), ("?tenant_id=acme", "tenant_id")] {
        let (status, problem) = list(query.to_string(), ADMIN).await;
        assert_eq!((status, problem["field"].as_str()), (400, Some(field)), "{query}: {problem}");
    }
    assert_eq!(list(String::new(), "not-the-admin-token").await.0, 401);
    // A deleted tenant leaves the list.
    assert_eq!(admin_call(&e, "DELETE", "/v1/admin/tenants/beta", None).await.0, 204);
    let (_, after) = list(String::new(), ADMIN).await;
    let left: Vec<&str> = after["tenants"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(left, ["acme", "cobalt", "delta-2", "echo"]);
}

#[tokio::test]
async fn the_tenant_list_searches_ids_and_names_and_pages_the_matches() {
    let e = env().await;
    for (id, name) in [("acme-east", "Acme East"), ("acme-west", "Acme West"), ("beta", "Beta Westfield"), ("gamma", "Gamma")] {
        let body = json!({"name": name, "litmos": {"base_url": e.litmos_url, "api_key": "demo-litmos-key", "source": "servicenow"}}).to_string();
        assert_eq!(put(&e, id, &body).await.0, 201);
    }
    let list = |q: &str| {
        let req = event("GET", &format!("/v1/admin/tenants?{q}"), &[("authorization", &bearer(ADMIN))], None);
        let st = e.state.clone();
        async move { status_and_json(&admin::list_tenants(st, req).await) }
    };
    let ids = |v: &Value| v["tenants"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(ids(&list("search=acme").await.1), ["acme-east", "acme-west"], "an id prefix");
    assert_eq!(ids(&list("search=WEST").await.1), ["acme-west", "beta"], "a part of the name, any case");
    let (_, first) = list("search=west&limit=1").await;
    assert_eq!(ids(&first), ["acme-west"]);
    let cursor = first["next_cursor"].as_str().unwrap().to_string();
    let (_, second) = list(&format!("search=west&limit=1&cursor={cursor}")).await;
    assert_eq!((ids(&second), second["next_cursor"].clone()), (vec!["beta".to_string()], Value::Null));
    assert_eq!(ids(&list("search=nothing-like-it").await.1), Vec::<String>::new());
    assert_eq!(list(&format!("search={}", "x".repeat(101))).await.1["field"], "search");
}
