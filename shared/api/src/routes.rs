//! Every route and the function that serves it: the one list `Cargo.toml`'s local
//! router and `template.yaml` are checked against (tests/e2e/tests/template.rs), and
//! what the 405 answer reads its `Allow` header from.

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use serde_json::json;

use crate::http::raw_path;
use crate::problem::problem;

pub const ROUTES: &[(&str, &str, &str)] = &[
    ("PUT", "/v1/admin/tenants/{tenant_id}", "put-tenant"),
    ("GET", "/v1/admin/tenants/{tenant_id}", "get-tenant"),
    ("DELETE", "/v1/admin/tenants/{tenant_id}", "delete-tenant"),
    ("POST", "/v1/admin/tenants/{tenant_id}/servicenow", "enable-servicenow"),
    ("GET", "/v1/admin/tenants/{tenant_id}/servicenow", "get-servicenow"),
    ("DELETE", "/v1/admin/tenants/{tenant_id}/servicenow", "disable-servicenow"),
    ("POST", "/v1/admin/tenants/{tenant_id}/servicenow/rotate", "rotate-servicenow-key"),
    ("DELETE", "/v1/admin/tenants/{tenant_id}/servicenow/previous", "revoke-previous-keys"),
    ("POST", "/v1/servicenow/activate", "activate-servicenow"),
    ("GET", "/v1/servicenow/configuration", "get-configuration"),
    ("POST", "/v1/servicenow/learners", "upsert-learner"),
    ("GET", "/v1/servicenow/learners/{caller_sys_id}", "get-learner"),
    ("GET", "/v1/servicenow/courses", "list-courses"),
    ("POST", "/v1/servicenow/assignments", "assign-courses"),
    ("GET", "/v1/servicenow/incidents/{incident_sys_id}/training", "get-incident-training"),
    ("POST", "/v1/litmos/webhooks/{tenant_id}/{webhook_token}", "receive-litmos-webhook"),
    ("POST", "/v1/admin/tenants/{tenant_id}/sync", "sync-tenant"),
    ("DELETE", "/v1/admin/tenants/{tenant_id}/callers/{caller_sys_id}", "forget-caller"),
    ("GET", "/v1/openapi.json", "get-openapi"),
    ("POST", "/v1/servicenow/incidents", "record-incident"),
    ("GET", "/v1/servicenow/training/updates", "get-training-updates"),
    ("GET", "/v1/servicenow/learners/{caller_sys_id}/courses", "get-learner-courses"),
    ("GET", "/v1/servicenow/reports/effectiveness", "get-effectiveness-report"),
    ("GET", "/v1/servicenow/catalog", "get-catalog"),
    ("GET", "/v1/servicenow/courses/assignable", "get-assignable-courses"),
    ("GET", "/v1/servicenow/recommendations", "get-recommendations"),
    ("GET", "/v1/admin/tenants/{tenant_id}/reports/recommendations", "get-tenant-recommendations"),
    ("GET", "/v1/admin/tenants", "list-tenants"),
    ("GET", "/v1/admin/tenants/{tenant_id}/reports/effectiveness", "get-tenant-report"),
    ("GET", "/v1/admin/tenants/{tenant_id}/rules", "list-rules"),
    ("PUT", "/v1/admin/tenants/{tenant_id}/rules/{rule_id}", "put-rule"),
    ("DELETE", "/v1/admin/tenants/{tenant_id}/rules/{rule_id}", "delete-rule"),
    ("GET", "/v1/start/{token}", "open-start-link"),
    ("GET", "/v1/admin/jobs/{job_id}", "get-job"),
    ("GET", "/admin", "admin-console"),
    ("GET", "/admin/{asset}", "admin-console"),
];

/// Functions no route reaches: EventBridge runs them on a schedule, or SQS hands them messages.
pub const SCHEDULED: &[&str] = &["sync-progress", "sync-worker"];

/// The function that answers every other method on a known path.
pub const METHOD_NOT_ALLOWED: &str = "method-not-allowed";

pub fn matches(template: &str, path: &str) -> bool {
    let (t, p): (Vec<&str>, Vec<&str>) = (template.trim_matches('/').split('/').collect(), path.trim_matches('/').split('/').collect());
    t.len() == p.len() && t.iter().zip(&p).all(|(t, p)| (t.starts_with('{') && !p.is_empty()) || t == p)
}

/// The methods a path answers to, in the order of `ROUTES`.
pub fn allowed(path: &str) -> Vec<&'static str> {
    ROUTES.iter().filter(|(_, t, _)| matches(t, path)).map(|(m, _, _)| *m).collect()
}

/// 405 with `Allow` for a known path, 404 for anything else.
pub async fn method_not_allowed<S>(_state: S, req: Request) -> Response<Body> {
    let path = raw_path(&req).to_string();
    let allow = allowed(&path);
    if allow.is_empty() {
        return problem(StatusCode::NOT_FOUND, "not-found", "Not found", "No such route.", None);
    }
    let detail = format!("{} is not allowed here; this route answers {}.", req.method(), allow.join(", "));
    let mut resp = problem(StatusCode::METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed", &detail, Some(("allow", json!(allow))));
    resp.headers_mut().insert("allow", allow.join(", ").parse().expect("ASCII methods"));
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_their_templates_only() {
        assert_eq!(allowed("/v1/admin/tenants/acme"), ["PUT", "GET", "DELETE"]);
        assert_eq!(allowed("/v1/admin/tenants/acme/servicenow/rotate"), ["POST"]);
        assert_eq!(allowed("/v1/servicenow/incidents/abc/training"), ["GET"]);
        assert_eq!(allowed("/v1/admin/tenants"), ["GET"]);
        assert!(allowed("/v1/admin").is_empty());
        assert!(allowed("/v1/admin/tenants/acme/other").is_empty());
    }

    #[tokio::test]
    async fn undeclared_methods_are_405_with_allow() {
        let req = lambda_http::http::Request::builder().method("PATCH").uri("/v1/admin/tenants/acme").body(Body::Empty).unwrap();
        let r = method_not_allowed((), req).await;
        assert_eq!(r.status(), 405);
        assert_eq!(r.headers()["allow"], "PUT, GET, DELETE");
        assert_eq!(r.headers()["content-type"], "application/problem+json");
    }
}
