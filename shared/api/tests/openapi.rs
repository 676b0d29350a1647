//! The OpenAPI document (shared/api/openapi.json) against the code: it describes every
//! route of `ROUTES` and nothing else, each operation fully (responses, problem+json
//! errors, security by path), and `GET /v1/openapi.json` serves it.

mod support;

use std::collections::BTreeSet;

use litmos_api::openapi::{DOCUMENT, PATH, serve};
use litmos_api::routes::ROUTES;
use serde_json::Value;
use support::{event, status_and_json};

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch", "head", "options", "trace"];
const OPENAPI_FUNCTION: &str = "get-openapi";

fn doc() -> Value {
    serde_json::from_str(DOCUMENT).expect("openapi.json is valid JSON")
}

/// Every (METHOD, path) the document declares, with its operation.
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths is an object") {
        for (method, op) in item.as_object().expect("a path item is an object") {
            if METHODS.contains(&method.as_str()) {
                out.push((method.to_uppercase(), path.clone(), op.clone()));
            }
        }
    }
    out
}

/// `ROUTES` plus the document's own route (whether or not `ROUTES` lists it), without
/// the admin console's page: a web page, not part of the API.
fn routes_in_code() -> BTreeSet<(String, String)> {
    let mut all: BTreeSet<(String, String)> = ROUTES.iter().filter(|(_, _, f)| *f != "admin-console").map(|(m, p, _)| (m.to_string(), p.to_string())).collect();
    all.insert(("GET".into(), PATH.into()));
    all
}

/// Resolves a local `$ref` (`#/components/...`) once.
fn deref<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) => doc.pointer(r.strip_prefix('#').expect("local $ref")).unwrap_or_else(|| panic!("dangling $ref {r}")),
        None => v,
    }
}

#[test]
fn the_document_is_openapi_3_1() {
    let d = doc();
    let version = d["openapi"].as_str().expect("openapi version string");
    assert!(version.starts_with("3.1."), "openapi is {version}, not 3.1.x");
    assert!(d["info"]["title"].is_string() && d["info"]["version"].is_string(), "info needs title and version");
    let schemes = &d["components"]["securitySchemes"];
    for name in ["adminToken", "serviceNowKey"] {
        assert_eq!(schemes[name]["type"], "http", "{name}");
        assert_eq!(schemes[name]["scheme"], "bearer", "{name}");
    }
    let problem = &d["components"]["schemas"]["Problem"];
    for field in ["type", "title", "status", "detail"] {
        assert!(problem["required"].as_array().unwrap().iter().any(|f| f == field), "Problem must require {field}");
    }
    for field in ["field", "request_id", "allow"] {
        assert!(problem["properties"][field].is_object(), "Problem documents {field}");
        assert!(!problem["required"].as_array().unwrap().iter().any(|f| f == field), "{field} is optional");
    }
}

#[test]
fn every_route_in_the_code_is_in_the_document_and_the_other_way_round() {
    let d = doc();
    let documented: BTreeSet<(String, String)> = operations(&d).into_iter().map(|(m, p, _)| (m, p)).collect();
    let code = routes_in_code();
    let missing: Vec<_> = code.difference(&documented).collect();
    let extra: Vec<_> = documented.difference(&code).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "shared/api/openapi.json and routes::ROUTES differ.\n  in the code, not in the document: {missing:?}\n  in the document, not in the code: {extra:?}"
    );
}

#[test]
fn each_operation_is_named_after_its_function() {
    let d = doc();
    for (method, path, op) in operations(&d) {
        let function = ROUTES.iter().find(|(m, p, _)| *m == method && *p == path).map(|(_, _, f)| *f).unwrap_or(OPENAPI_FUNCTION);
        assert_eq!(op["operationId"], function, "{method} {path}: operationId should be the function's name");
    }
}

#[test]
fn every_operation_documents_its_answers_and_its_security() {
    let d = doc();
    for (method, path, op) in operations(&d) {
        let what = format!("{method} {path}");
        let responses = op["responses"].as_object().unwrap_or_else(|| panic!("{what}: no responses"));
        // The one route a person's browser opens (a caller's start link): a redirect,
        // or an HTML page saying why not; never a 400 (a bad link is an unknown one).
        if path == "/v1/start/{token}" {
            assert!(responses.contains_key("303") && responses.contains_key("404") && responses.contains_key("410"), "{what}");
            for (status, r) in responses.iter().filter(|(s, _)| s.as_str() != "303") {
                assert!(r["content"]["text/html"].is_object(), "{what} {status}: an HTML page");
                assert!(r["headers"]["Cache-Control"].is_object(), "{what} {status}: no-store");
            }
            assert_eq!(op["security"], serde_json::json!([]), "{what}: the link is the credential");
            continue;
        }
        assert!(responses.keys().any(|s| s.starts_with('2')), "{what}: no 2xx");
        assert!(responses.contains_key("400"), "{what}: every route documents 400");
        assert!(responses.keys().any(|s| s.starts_with('4')), "{what}: no 4xx");
        for (status, r) in responses {
            let r = deref(&d, r);
            assert!(r["description"].is_string(), "{what} {status}: no description");
            let code: u16 = status.parse().unwrap_or_else(|_| panic!("{what}: status {status} is not a number"));
            if code >= 400 {
                let schema = &r["content"]["application/problem+json"]["schema"];
                assert_eq!(schema["$ref"], "#/components/schemas/Problem", "{what} {status}: errors are the Problem schema as application/problem+json");
                assert_eq!(r["content"].as_object().unwrap().len(), 1, "{what} {status}: errors have one content type");
            } else if code != 204 {
                assert!(r["content"]["application/json"]["schema"].is_object(), "{what} {status}: a JSON body schema");
            } else {
                assert!(r.get("content").is_none(), "{what} 204 has no body");
            }
        }
        // Security follows the path: admin token, ServiceNow key, or none.
        let schemes: BTreeSet<String> =
            op["security"].as_array().unwrap_or_else(|| panic!("{what}: security must be set explicitly")).iter().flat_map(|req| req.as_object().unwrap().keys().cloned()).collect();
        let expected: BTreeSet<String> = if path.starts_with("/v1/admin/") {
            ["adminToken".to_string()].into()
        } else if path.starts_with("/v1/servicenow/") {
            ["serviceNowKey".to_string()].into()
        } else {
            BTreeSet::new()
        };
        assert_eq!(schemes, expected, "{what}: security");
        assert_eq!(responses.contains_key("401"), !expected.is_empty() || path.starts_with("/v1/litmos/webhooks/"), "{what}: 401 exactly where a credential is checked");
        // Path parameters: declared, required, with the SPEC's patterns.
        let declared: BTreeSet<String> =
            op["parameters"].as_array().map(|ps| ps.iter().map(|p| deref(&d, p)).filter(|p| p["in"] == "path").map(|p| p["name"].as_str().unwrap().to_string()).collect()).unwrap_or_default();
        let in_path: BTreeSet<String> = path.split('/').filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}'))).map(str::to_string).collect();
        assert_eq!(declared, in_path, "{what}: path parameters");
        for p in op["parameters"].as_array().into_iter().flatten().map(|p| deref(&d, p)).filter(|p| p["in"] == "path") {
            assert_eq!(p["required"], true, "{what}: path parameters are required");
            let schema = deref(&d, &p["schema"]);
            let name = p["name"].as_str().unwrap();
            let want = match name {
                "tenant_id" => Some("^[a-z0-9][a-z0-9-]{1,62}$"),
                n if n.ends_with("sys_id") => Some("^[0-9a-f]{32}$"),
                _ => None,
            };
            if let Some(want) = want {
                assert_eq!(schema["pattern"], want, "{what}: {name} pattern");
            }
        }
        // A body means 413 for oversized ones; request bodies are closed objects.
        if let Some(body) = op.get("requestBody") {
            assert!(responses.contains_key("413"), "{what}: a route with a body documents 413");
            let schema = deref(&d, &body["content"]["application/json"]["schema"]);
            if !path.starts_with("/v1/litmos/webhooks/") {
                assert_eq!(schema["additionalProperties"], false, "{what}: the input denies unknown fields");
            }
        }
    }
}

#[test]
fn every_local_ref_resolves() {
    fn walk(d: &Value, v: &Value, at: &str) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    let p = r.strip_prefix('#').unwrap_or_else(|| panic!("{at}: non-local $ref {r}"));
                    assert!(d.pointer(p).is_some(), "{at}: dangling $ref {r}");
                }
                for (k, v) in m {
                    walk(d, v, &format!("{at}/{k}"));
                }
            }
            Value::Array(a) => a.iter().enumerate().for_each(|(i, v)| walk(d, v, &format!("{at}/{i}"))),
            _ => {}
        }
    }
    let d = doc();
    walk(&d, &d, "#");
}

#[tokio::test]
async fn serves_the_document() {
    let r = serve((), event("GET", PATH, &[], None)).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/json");
    let (_, body) = status_and_json(&r);
    assert_eq!(body, doc());
}

#[tokio::test]
async fn a_query_parameter_is_400_naming_it() {
    let r = serve((), event("GET", &format!("{PATH}?tenant_id=other"), &[], None)).await;
    assert_eq!(r.status(), 400);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let (_, body) = status_and_json(&r);
    assert_eq!(body["status"], 400);
    assert_eq!(body["field"], "tenant_id");
}

#[tokio::test]
async fn other_methods_are_405_with_allow() {
    let r = serve((), event("POST", PATH, &[], Some("{}"))).await;
    assert_eq!(r.status(), 405);
    assert_eq!(r.headers()["allow"], "GET");
    assert_eq!(r.headers()["content-type"], "application/problem+json");
}
