//! The integration's lifecycle over HTTP against the local stack (`make dev`'s), as a
//! Litmos Account Owner and a ServiceNow instance would use it.

mod common;

use serde_json::json;

#[tokio::test]
#[ignore = "needs the local stack: `make test` starts it"]
async fn enable_activate_rotate_disable_delete() {
    let s = common::stack();
    let id = s.unique("e2e");
    let tenant = json!({"name": "E2E Pies", "litmos": {"base_url": format!("{}/v1.svc", s.double), "api_key": "demo-litmos-key", "source": "servicenow-e2e"}}).to_string();
    let r = s.admin("PUT", &format!("/v1/admin/tenants/{id}"), Some(&tenant)).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["litmos"]["api_key_set"], true);
    assert!(!r.text.contains("demo-litmos-key"));
    assert_eq!(s.admin("PUT", &format!("/v1/admin/tenants/{id}"), Some(&tenant)).await.status, 200);

    let r = s.admin("POST", &format!("/v1/admin/tenants/{id}/servicenow"), None).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let key = r.body["api_key"].as_str().unwrap().to_string();
    let r = s.admin("GET", &format!("/v1/admin/tenants/{id}/servicenow"), None).await;
    assert_eq!((r.status, r.body["api_key"].as_str()), (200, Some(key.as_str())));

    let r = s.call("POST", "/v1/servicenow/activate", Some(&key), Some(r#"{"instance_url":"https://pies.service-now.com"}"#)).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["tenant"]["id"], id.as_str());
    assert_eq!(r.body["endpoints"]["courses"], format!("{}/v1/servicenow/courses", s.base));
    let conf = s.call("GET", "/v1/servicenow/configuration", Some(&key), None).await;
    assert_eq!(conf.status, 200);
    assert_eq!(conf.body["activated_at"], r.body["activated_at"]);

    let r = s.admin("POST", &format!("/v1/admin/tenants/{id}/servicenow/rotate"), Some(r#"{"grace_period_seconds":0}"#)).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let new_key = r.body["api_key"].as_str().unwrap().to_string();
    assert_eq!(s.call("GET", "/v1/servicenow/configuration", Some(&new_key), None).await.status, 200);
    s.wait_auth_ttl().await;
    assert_eq!(s.call("GET", "/v1/servicenow/configuration", Some(&key), None).await.status, 401, "rotated out with no grace");

    assert_eq!(s.admin("DELETE", &format!("/v1/admin/tenants/{id}/servicenow"), None).await.status, 204);
    s.wait_auth_ttl().await;
    let r = s.call("GET", "/v1/servicenow/configuration", Some(&new_key), None).await;
    assert_eq!((r.status, r.content_type.as_str()), (401, "application/problem+json"));
    assert_eq!(s.admin("GET", &format!("/v1/admin/tenants/{id}/servicenow"), None).await.body, json!({"enabled": false}));

    assert_eq!(s.admin("DELETE", &format!("/v1/admin/tenants/{id}"), None).await.status, 204);
    assert_eq!(s.admin("GET", &format!("/v1/admin/tenants/{id}"), None).await.status, 404);
}

#[tokio::test]
#[ignore = "needs the local stack: `make test` starts it"]
async fn the_demo_tenant_is_ready_to_use() {
    let s = common::stack();
    let r = s.call("GET", "/v1/servicenow/configuration", Some(&s.demo_key), None).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["tenant"]["id"], s.demo_tenant.as_str());
    let r = s.admin("GET", &format!("/v1/admin/tenants/{}", s.demo_tenant), None).await;
    assert_eq!((r.status, r.body["servicenow"]["enabled"].as_bool()), (200, Some(true)));
}

/// The admin console's page and files come through the local router with their
/// headers; its list route finds the demo tenant.
#[tokio::test]
#[ignore = "needs the local stack: `make test` starts it"]
async fn the_admin_console_is_served_beside_its_list_route() {
    let s = common::stack();
    for (path, kind) in [("/admin", "text/html"), ("/admin/console.js", "text/javascript"), ("/admin/console.css", "text/css")] {
        let r = s.http.get(format!("{}{path}", s.base)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        let h = r.headers();
        assert!(h["content-type"].to_str().unwrap().starts_with(kind), "{path}");
        assert!(h["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "no-referrer");
    }
    assert_eq!(s.call("GET", "/admin/nothing.js", None, None).await.status, 404);
    assert_eq!(s.call("POST", "/admin", None, None).await.status, 405);
    let mut found = false;
    let mut cursor = String::new();
    loop {
        let r = s.admin("GET", &format!("/v1/admin/tenants?limit=100{cursor}"), None).await;
        assert_eq!(r.status, 200, "{}", r.text);
        found |= r.body["tenants"].as_array().unwrap().iter().any(|t| t["id"] == s.demo_tenant.as_str());
        match r.body["next_cursor"].as_str() {
            Some(c) => cursor = format!("&cursor={c}"),
            None => break,
        }
    }
    assert!(found, "the demo tenant is listed");
    assert_eq!(s.call("GET", "/v1/admin/tenants", None, None).await.status, 401);
}

#[tokio::test]
#[ignore = "needs the local stack: `make test` starts it"]
async fn errors_are_problem_json_over_http() {
    let s = common::stack();
    let r = s.admin("PUT", "/v1/admin/tenants/Bad_Id", Some("{}")).await;
    assert_eq!((r.status, r.content_type.as_str()), (400, "application/problem+json"));
    assert_eq!(r.body["field"], "tenant_id");
    let r = s.call("POST", "/v1/servicenow/activate", Some(&s.demo_key), Some(r#"{"instance_url":"https://x.service-now.com","tenant_id":"other"}"#)).await;
    assert_eq!((r.status, r.body["field"].as_str()), (400, Some("tenant_id")), "the tenant comes from the key only");
    let big = format!(r#"{{"instance_url":"{}"}}"#, "a".repeat(70_000));
    let r = s.call("POST", "/v1/servicenow/activate", Some(&s.demo_key), Some(&big)).await;
    assert_eq!((r.status, r.body["status"].as_u64()), (413, Some(413)));
    let r = s.call("GET", "/v1/admin/tenants/demo", Some("not-the-token"), None).await;
    assert_eq!((r.status, r.body["status"].as_u64()), (401, Some(401)));
    let r = s.admin("GET", "/v1/admin/tenants/no-such-tenant", None).await;
    assert_eq!((r.status, r.body["title"].as_str()), (404, Some("Not found")));
}

#[tokio::test]
#[ignore = "needs the local stack: `make test` starts it"]
async fn every_undeclared_method_is_405_with_allow() {
    let s = common::stack();
    let paths = [
        ("/v1/admin/tenants/demo", "PUT, GET, DELETE"),
        ("/v1/admin/tenants/demo/servicenow", "POST, GET, DELETE"),
        ("/v1/admin/tenants/demo/servicenow/rotate", "POST"),
        ("/v1/admin/tenants/demo/servicenow/previous", "DELETE"),
        ("/v1/servicenow/activate", "POST"),
        ("/v1/servicenow/configuration", "GET"),
        ("/v1/servicenow/learners", "POST"),
        ("/v1/servicenow/learners/0123456789abcdef0123456789abcdef", "GET"),
        ("/v1/servicenow/courses", "GET"),
        ("/v1/servicenow/courses/assignable", "GET"),
        ("/v1/servicenow/catalog", "GET"),
        ("/v1/servicenow/assignments", "POST"),
        ("/v1/servicenow/incidents/0123456789abcdef0123456789abcdef/training", "GET"),
        ("/v1/servicenow/incidents", "POST"),
        ("/v1/servicenow/training/updates", "GET"),
        ("/v1/servicenow/learners/0123456789abcdef0123456789abcdef/courses", "GET"),
        ("/v1/servicenow/reports/effectiveness", "GET"),
        ("/v1/admin/tenants/demo/sync", "POST"),
        ("/v1/litmos/webhooks/demo/0000", "POST"),
        ("/v1/admin/tenants", "GET"),
        ("/v1/admin/tenants/demo/reports/effectiveness", "GET"),
        ("/v1/admin/tenants/demo/rules", "GET"),
        ("/v1/admin/tenants/demo/rules/vpn", "PUT, DELETE"),
        ("/v1/start/0123456789abcdefghij0123456789abcdefghijk", "GET"),
        ("/v1/admin/jobs/0123456789abcdef0123456789abcdef", "GET"),
        ("/admin", "GET"),
        ("/admin/console.js", "GET"),
    ];
    for (path, allow) in paths {
        for method in ["GET", "POST", "PUT", "DELETE", "PATCH"] {
            if allow.split(", ").any(|m| m == method) {
                continue;
            }
            let r = s.call(method, path, Some(&s.demo_key), None).await;
            assert_eq!((r.status, r.content_type.as_str()), (405, "application/problem+json"), "{method} {path}: {}", r.text);
            assert_eq!(r.body["status"], 405);
            assert_eq!(r.body["allow"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect::<Vec<_>>().join(", "), allow);
        }
    }
}

#[tokio::test]
#[ignore = "needs the local stack: `make test` starts it"]
async fn unknown_paths_are_a_problem_json_404_and_undeclared_query_parameters_400() {
    let s = common::stack();
    for (method, path) in [("GET", "/"), ("GET", "/v2/servicenow/courses"), ("POST", "/v1/admin"), ("DELETE", "/v1/servicenow/learners/a/b/c"), ("GET", "/admin/a/b"), ("GET", "/favicon.ico")] {
        let r = s.call(method, path, Some(&s.demo_key), None).await;
        assert_eq!((r.status, r.content_type.as_str()), (404, "application/problem+json"), "{method} {path}: {}", r.text);
        assert_eq!(r.body["status"], 404);
    }
    let admin = s.admin("GET", &format!("/v1/admin/tenants/{}?tenant_id=other", s.demo_tenant), None).await;
    assert_eq!((admin.status, admin.body["field"].as_str()), (400, Some("tenant_id")), "{}", admin.text);
    let sn = s.call("GET", "/v1/servicenow/configuration?tenant_id=other", Some(&s.demo_key), None).await;
    assert_eq!((sn.status, sn.body["field"].as_str()), (400, Some("tenant_id")), "{}", sn.text);
}
