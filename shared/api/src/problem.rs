//! RFC 9457 problem+json for every error. Server-side faults are logged with their
//! cause and answered with a generic detail and the request id; nothing internal
//! (SDK text, traces, keys, hashes) reaches the body.

use lambda_http::http::StatusCode;
use lambda_http::{Body, Response};
use litmos_domain::Error;
use serde_json::{Value, json};

pub const PROBLEM_JSON: &str = "application/problem+json";

pub fn problem(status: StatusCode, slug: &str, title: &str, detail: &str, extra: Option<(&str, Value)>) -> Response<Body> {
    let mut body = json!({
        "type": format!("/problems/{slug}"),
        "title": title,
        "status": status.as_u16(),
        "detail": detail,
    });
    if let Some((k, v)) = extra {
        body[k] = v;
    }
    let mut builder = Response::builder().status(status).header("content-type", PROBLEM_JSON).header("cache-control", crate::http::NO_STORE);
    if status == StatusCode::SERVICE_UNAVAILABLE {
        builder = builder.header("retry-after", "2");
    }
    builder.body(Body::Text(body.to_string())).expect("static response parts")
}

pub const UNAUTHORIZED_DETAIL: &str = "A valid API key is required: send it as 'Authorization: Bearer <key>'.";

pub fn from_error(err: &Error, request_id: &str) -> Response<Body> {
    let rid = || Some(("request_id", json!(request_id)));
    match err {
        Error::Invalid { field, detail } => problem(StatusCode::BAD_REQUEST, "invalid-request", "Invalid request", &format!("{field}: {detail}"), Some(("field", json!(field)))),
        Error::Unauthorized => problem(StatusCode::UNAUTHORIZED, "unauthorized", "Unauthorized", UNAUTHORIZED_DETAIL, None),
        Error::Forbidden(d) => problem(StatusCode::FORBIDDEN, "forbidden", "Forbidden", d, None),
        Error::NotFound(d) => problem(StatusCode::NOT_FOUND, "not-found", "Not found", d, None),
        Error::Conflict(d) => problem(StatusCode::CONFLICT, "conflict", "Conflict", d, None),
        Error::Unprocessable(d) => problem(StatusCode::UNPROCESSABLE_ENTITY, "unprocessable", "Unprocessable request", d, None),
        Error::Upstream(d) | Error::RateLimited(d) => {
            tracing::warn!(detail = %d, "litmos error");
            problem(StatusCode::BAD_GATEWAY, "litmos-error", "Litmos error", d, rid())
        }
        Error::Busy(d) => {
            tracing::warn!(detail = %d, "contended write");
            problem(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "Service unavailable", d, rid())
        }
        Error::Store(cause) => {
            tracing::error!(cause = %cause, "store failure");
            problem(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "Service unavailable", "The service could not reach its storage. Retry shortly; quote the request id if it persists.", rid())
        }
        Error::Internal(cause) => {
            tracing::error!(cause = %cause, "internal error");
            problem(StatusCode::INTERNAL_SERVER_ERROR, "internal", "Internal error", "Something went wrong on our side. Quote the request id when reporting it.", rid())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(r: &Response<Body>) -> Value {
        match r.body() {
            Body::Text(t) => serde_json::from_str(t).unwrap(),
            other => panic!("unexpected body {other:?}"),
        }
    }

    #[test]
    fn every_error_is_problem_json_with_matching_status_and_no_internals() {
        let errors = [
            Error::invalid("name", "must not be empty"),
            Error::Unauthorized,
            Error::Forbidden("no".into()),
            Error::NotFound("none".into()),
            Error::Conflict("busy".into()),
            Error::Unprocessable("bad ids".into()),
            Error::Upstream("Litmos could not be reached".into()),
            Error::Busy("retry".into()),
            Error::Store("dispatch failure: ConnectorError { timeout } arn:aws:dynamodb:...".into()),
            Error::Internal("panic at src/lib.rs:42".into()),
        ];
        for e in &errors {
            let r = from_error(e, "req-1");
            assert_eq!(r.headers()["content-type"], PROBLEM_JSON);
            let b = body(&r);
            assert_eq!(b["status"], r.status().as_u16(), "{e:?}");
            for k in ["type", "title", "detail"] {
                assert!(b[k].is_string(), "{k} missing for {e:?}");
            }
            let text = b.to_string();
            assert!(!text.contains("arn:aws") && !text.contains("src/lib.rs") && !text.contains("ConnectorError"), "{text}");
            if r.status().is_server_error() {
                assert_eq!(b["request_id"], "req-1");
            }
        }
    }

    #[test]
    fn invalid_names_the_field() {
        let b = body(&from_error(&Error::invalid("litmos.api_key", "must not be empty"), "r"));
        assert_eq!(b["field"], "litmos.api_key");
        assert!(b["detail"].as_str().unwrap().starts_with("litmos.api_key"));
    }
}
