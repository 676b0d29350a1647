//! Request parsing shared by the handlers: path parameters, bounded JSON bodies that
//! name the offending field, query parameters, headers and JSON answers.

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, RequestExt, Response};
use litmos_domain::Error;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::problem;

pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// A request that could not even be read: its answer is ready.
pub enum Rejection {
    Error(Error),
    TooLarge,
}

impl From<Error> for Rejection {
    fn from(e: Error) -> Self {
        Rejection::Error(e)
    }
}

impl Rejection {
    pub fn into_response(self, request_id: &str) -> Response<Body> {
        match self {
            Rejection::Error(e) => {
                if matches!(e, Error::Unauthorized) {
                    litmos_adapters::metrics::count(litmos_adapters::metrics::names::AUTH_FAILURES, 1);
                }
                problem::from_error(&e, request_id)
            }
            Rejection::TooLarge => problem::problem(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload-too-large",
                "Payload too large",
                &format!("body: the request body must be at most {MAX_BODY_BYTES} bytes"),
                Some(("field", serde_json::json!("body"))),
            ),
        }
    }
}

/// The Lambda request id (the one in the logs), else API Gateway's.
pub fn request_id(req: &Request) -> String {
    if let Some(c) = req.lambda_context_ref() {
        return c.request_id.clone();
    }
    match req.request_context_ref() {
        Some(lambda_http::request::RequestContext::ApiGatewayV2(ctx)) => ctx.request_id.clone().unwrap_or_default(),
        _ => String::new(),
    }
}

/// The path as the client sent it: API Gateway's raw path (the same under
/// `cargo lambda watch`), else the URI's.
pub fn raw_path(req: &Request) -> &str {
    let raw = req.raw_http_path();
    if raw.is_empty() { req.uri().path() } else { raw }
}

/// The value of `{name}` in `template`, read from the raw path.
pub fn path_param(req: &Request, template: &str, name: &str) -> Result<String, Error> {
    let raw = raw_path(req);
    let want = format!("{{{name}}}");
    let value = template.trim_matches('/').split('/').zip(raw.trim_matches('/').split('/')).find(|(t, _)| *t == want).map(|(_, v)| v.to_string());
    value.ok_or_else(|| Error::invalid(name, "missing from the path"))
}

pub fn body_bytes(req: &Request) -> &[u8] {
    match req.body() {
        Body::Empty => &[],
        Body::Text(t) => t.as_bytes(),
        Body::Binary(b) => b,
        _ => &[],
    }
}

/// Parses a JSON body into `T` (which denies unknown fields), naming the field at fault.
/// An empty body reads as `{}` when `T` allows it.
pub fn json_body<T: DeserializeOwned>(req: &Request) -> Result<T, Rejection> {
    let bytes = body_bytes(req);
    if bytes.len() > MAX_BODY_BYTES {
        return Err(Rejection::TooLarge);
    }
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) { b"{}" } else { bytes };
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let msg = inner.to_string();
        if inner.is_syntax() || inner.is_eof() {
            return Rejection::Error(Error::invalid("body", "is not valid JSON"));
        }
        let at_root = path == "." || path.is_empty() || path == "?";
        // For an unknown field the path already ends at it; a missing one is named
        // under its parent.
        let field = match (unknown_field(&msg), quoted_after(&msg, "missing field `")) {
            (Some(unknown), _) if at_root => unknown,
            (Some(_), _) => path.clone(),
            (None, Some(missing)) if at_root => missing,
            (None, Some(missing)) => format!("{path}.{missing}"),
            (None, None) if at_root => "body".to_string(),
            (None, None) => path.clone(),
        };
        Rejection::Error(Error::invalid(field, clean(&msg)))
    })
}

fn unknown_field(msg: &str) -> Option<String> {
    quoted_after(msg, "unknown field `")
}

fn quoted_after(msg: &str, prefix: &str) -> Option<String> {
    msg.strip_prefix(prefix)?.split('`').next().map(str::to_string)
}

/// serde's message without its " at line 1 column 9" suffix.
fn clean(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Refuses query parameters the route does not declare (a `tenant_id` among them).
pub fn only_query(req: &Request, allowed: &[&str]) -> Result<(), Error> {
    if let Some(q) = req.query_string_parameters_ref() {
        for (k, _) in q.iter() {
            if !allowed.contains(&k) {
                let detail = if allowed.is_empty() { "this route takes no query parameters".to_string() } else { format!("unknown query parameter; expected one of {}", allowed.join(", ")) };
                return Err(Error::invalid(k, detail));
            }
        }
    }
    Ok(())
}

pub fn query(req: &Request, name: &str) -> Option<String> {
    req.query_string_parameters_ref().and_then(|q| q.first(name)).map(str::to_string)
}

pub fn header(req: &Request, name: &str) -> Option<String> {
    req.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
}

/// Every API answer is one tenant's data, and some carry a ServiceNow key, a webhook URL
/// or the like: no browser, proxy or CDN may keep any of them.
pub const NO_STORE: &str = "no-store";

pub fn json<T: Serialize>(status: StatusCode, body: &T) -> Response<Body> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .header("cache-control", NO_STORE)
        .body(Body::Text(serde_json::to_string(body).expect("serializable response")))
        .expect("static response parts")
}

pub fn no_content() -> Response<Body> {
    Response::builder().status(StatusCode::NO_CONTENT).body(Body::Empty).expect("static response parts")
}

/// The public base URL: `PUBLIC_BASE_URL` when set, else the request's own host.
pub fn base_url(req: &Request, configured: Option<&str>, behind_edge: bool) -> String {
    if let Some(b) = configured {
        return b.to_string();
    }
    // Behind the edge (CloudFront), the viewer's host comes as X-Edge-Host; always https.
    // Without an edge nobody sets it but the caller, so it is not read.
    if let Some(edge) = header(req, "x-edge-host").filter(|_| behind_edge).filter(|h| !h.is_empty() && h.len() <= 253 && h.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-')) {
        return format!("https://{edge}");
    }
    let host = header(req, "host").unwrap_or_else(|| "localhost".into());
    let local = host.starts_with("127.") || host.starts_with("localhost") || host.starts_with("[::1]");
    let scheme = header(req, "x-forwarded-proto").unwrap_or_else(|| if local { "http".into() } else { "https".into() });
    format!("{scheme}://{host}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        name: String,
        inner: Inner,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        count: u32,
    }

    fn req(body: &str) -> Request {
        lambda_http::http::Request::builder().body(Body::Text(body.to_string())).unwrap()
    }

    fn field(r: Result<Outer, Rejection>) -> String {
        match r {
            Err(Rejection::Error(Error::Invalid { field, .. })) => field,
            _ => panic!("expected a field error"),
        }
    }

    #[test]
    fn names_the_field_at_fault() {
        assert_eq!(field(json_body(&req(r#"{"name":"a","inner":{"count":1},"tenant_id":"x"}"#))), "tenant_id");
        assert_eq!(field(json_body(&req(r#"{"name":"a","inner":{"count":1,"status":"x"}}"#))), "inner.status");
        assert_eq!(field(json_body(&req(r#"{"name":1,"inner":{"count":1}}"#))), "name");
        assert_eq!(field(json_body(&req(r#"{"name":"a","inner":{"count":"1"}}"#))), "inner.count");
        assert_eq!(field(json_body(&req(r#"{"name":"a""#))), "body");
        assert_eq!(field(json_body(&req(r#"{"name":"a"}"#))), "inner");
        assert_eq!(field(json_body(&req(r#"{"name":"a","inner":{}}"#))), "inner.count");
    }

    #[test]
    fn oversized_bodies_are_413() {
        let big = format!(r#"{{"name":"{}","inner":{{"count":1}}}}"#, "a".repeat(MAX_BODY_BYTES));
        assert!(matches!(json_body::<Outer>(&req(&big)), Err(Rejection::TooLarge)));
    }

    #[test]
    fn urls_are_built_from_the_configured_base_else_the_edge_host_else_the_host() {
        let with = |headers: &[(&str, &str)]| {
            let mut b = lambda_http::http::Request::builder().uri("/v1/servicenow/activate");
            for (k, v) in headers {
                b = b.header(*k, *v);
            }
            b.body(Body::Empty).unwrap()
        };
        let edge = with(&[("host", "abc.execute-api.us-east-1.amazonaws.com"), ("x-edge-host", "d111.cloudfront.net")]);
        assert_eq!(base_url(&edge, Some("https://training.example.com"), true), "https://training.example.com");
        assert_eq!(base_url(&edge, None, true), "https://d111.cloudfront.net");
        assert_eq!(base_url(&edge, None, false), "https://abc.execute-api.us-east-1.amazonaws.com", "without an edge the header is the caller's own: not read");
        assert_eq!(base_url(&with(&[("host", "abc.execute-api.us-east-1.amazonaws.com")]), None, true), "https://abc.execute-api.us-east-1.amazonaws.com");
        let odd = with(&[("host", "127.0.0.1:9000"), ("x-edge-host", "evil.example/path?x")]);
        assert_eq!(base_url(&odd, None, true), "http://127.0.0.1:9000", "an X-Edge-Host that is no host name is ignored");
    }
}
