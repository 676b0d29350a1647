//! `GET /v1/openapi.json`: the OpenAPI 3.1 description of every route, kept beside the
//! code in `shared/api/openapi.json` (tests/openapi.rs fails when it and `ROUTES` differ).
//! It needs no configuration and no AWS, so its function starts with `run_without_state`.

use lambda_http::http::{Method, StatusCode};
use lambda_http::{Body, Request, RequestExt, Response};
use litmos_domain::Error;
use serde_json::json;

use crate::http::request_id;
use crate::problem::{from_error, problem};

/// The document, as served.
pub const DOCUMENT: &str = include_str!("../openapi.json");

/// Where it is served.
pub const PATH: &str = "/v1/openapi.json";

/// 200 `application/json` with the document; any query parameter is 400, any method
/// but GET (and HEAD) 405.
pub async fn serve<S>(_state: S, req: Request) -> Response<Body> {
    if let Some(refused) = refuse_unless_plain_get(&req) {
        return refused;
    }
    let body = if req.method() == Method::HEAD { Body::Empty } else { Body::Text(DOCUMENT.to_string()) };
    Response::builder().status(StatusCode::OK).header("content-type", "application/json").header("cache-control", "public, max-age=300").body(body).expect("static response parts")
}

/// For routes that serve a fixed document: 405 for any method but GET and HEAD, 400 for
/// any query parameter.
pub fn refuse_unless_plain_get(req: &Request) -> Option<Response<Body>> {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let detail = format!("{} is not allowed here; this route answers GET.", req.method());
        let mut resp = problem(StatusCode::METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed", &detail, Some(("allow", json!(["GET"]))));
        resp.headers_mut().insert("allow", "GET".parse().expect("ASCII"));
        return Some(resp);
    }
    first_query_parameter(req).map(|name| from_error(&Error::invalid(name, "this route takes no query parameters"), &request_id(req)))
}

/// The name of the first query parameter: API Gateway's parsed ones, else the URI's.
fn first_query_parameter(req: &Request) -> Option<String> {
    if let Some((name, _)) = req.query_string_parameters_ref().and_then(|q| q.iter().next()) {
        return Some(name.to_string());
    }
    let query = req.uri().query()?;
    query.split('&').map(|kv| kv.split('=').next().unwrap_or_default()).find(|k| !k.is_empty()).map(str::to_string)
}
