//! What every Lambda shares: start-up (`run`), auth, request parsing, problem+json
//! answers, and the handler of each route. A function's `main.rs` names its handler
//! and nothing else.

pub mod admin;
pub mod console;
pub mod http;
pub mod jobs;
pub mod openapi;
pub mod outcomes;
pub mod permissions;
pub mod problem;
pub mod routes;
pub mod rules;
pub mod servicenow;
pub mod start_links;
pub mod state;
pub mod training;

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;

use lambda_http::{Body, Request, Response, service_fn};

pub use state::AppState;

/// JSON log lines, filtered by `RUST_LOG` (default `info`), carrying the Lambda
/// request id from the runtime's span.
pub fn init_tracing() {
    init_tracing_to(std::io::stdout);
}

/// The production log format, written to `writer` (tests capture it). `RUST_LOG` takes
/// a level or `target=level` directives (tracing-subscriber's `Targets`, which needs no
/// regex engine: a smaller binary than `EnvFilter`); anything else means `info`.
pub fn init_tracing_to<W>(writer: W)
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    use tracing_subscriber::Layer;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let filter = log_filter(std::env::var("RUST_LOG").ok().as_deref());
    let layer = tracing_subscriber::fmt::layer().json().with_current_span(false).with_target(false).with_writer(writer);
    let _ = tracing_subscriber::registry().with(layer.with_filter(filter)).try_init();
}

fn log_filter(rust_log: Option<&str>) -> tracing_subscriber::filter::Targets {
    let info = || tracing_subscriber::filter::Targets::new().with_default(tracing::Level::INFO);
    rust_log.filter(|v| !v.trim().is_empty()).and_then(|v| v.parse().ok()).unwrap_or_else(info)
}

/// Tracing, then the state built once; bad configuration stops the function here.
async fn start() -> Arc<AppState> {
    init_tracing();
    let state = match AppState::from_env().await {
        Ok(s) => Arc::new(s),
        Err(e) => {
            tracing::error!(error = %e, "invalid configuration; the function cannot start");
            std::process::exit(1);
        }
    };
    if state.config.init_warmup {
        warm_up(&state).await;
    }
    state
}

/// Lambda gives init a full CPU: open the connection to DynamoDB (TLS handshake,
/// credentials) now rather than on the first request. Bounded and never failing: any
/// answer, even an error, has done the work.
async fn warm_up(state: &AppState) {
    let started = std::time::Instant::now();
    let probe = state
        .store
        .client()
        .get_item()
        .table_name(&state.config.table_name)
        .key("pk", aws_sdk_dynamodb::types::AttributeValue::S("WARMUP".into()))
        .key("sk", aws_sdk_dynamodb::types::AttributeValue::S("WARMUP".into()))
        .send();
    let outcome = tokio::time::timeout(std::time::Duration::from_secs(1), probe).await;
    tracing::debug!(ms = started.elapsed().as_millis() as u64, answered = outcome.is_ok(), "connection warm-up");
}

/// With edge protection on (issue 19.2), CloudFront adds `X-Origin-Verify` with a
/// secret the functions hold in `ORIGIN_VERIFY`: a request sent straight to the API's
/// own URL, past the edge's per-tenant and per-address limits, is refused. Unset (the
/// local stack, or edge protection off), every request passes.
fn origin_secret() -> Option<String> {
    std::env::var("ORIGIN_VERIFY").ok().filter(|v| !v.trim().is_empty())
}

/// `None` when the request came through the edge (or there is no edge); else the 403.
pub fn refused_off_edge(req: &Request, secret: Option<&str>) -> Option<Response<Body>> {
    let expected = secret?;
    let given = http::header(req, "x-origin-verify").unwrap_or_default();
    if litmos_domain::keys::token_matches(&given, expected) {
        return None;
    }
    tracing::warn!("request refused: it did not come through the edge");
    Some(problem::problem(lambda_http::http::StatusCode::FORBIDDEN, "forbidden", "Forbidden", "Call this API at its public address, not at the API Gateway URL.", None))
}

/// Builds the state once (failing fast on bad configuration) and serves `handler`.
/// Where Lambda sends several requests to one execution environment (Lambda Managed
/// Instances set `AWS_LAMBDA_MAX_CONCURRENCY`), they run side by side on the shared
/// state, whose caches are all behind locks; elsewhere one at a time.
pub async fn run<F, Fut>(handler: F) -> Result<(), lambda_http::Error>
where
    F: Fn(Arc<AppState>, Request) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Response<Body>> + Send + 'static,
{
    let state = start().await;
    let handler = Arc::new(handler);
    let edge: Arc<Option<String>> = Arc::new(origin_secret());
    lambda_http::run_concurrent(service_fn(move |req: Request| {
        let state = state.clone();
        let handler = handler.clone();
        let edge = edge.clone();
        let rid = http::request_id(&req);
        async move {
            if let Some(refused) = refused_off_edge(&req, edge.as_deref()) {
                return Ok::<_, Infallible>(refused);
            }
            Ok::<_, Infallible>(within_deadline(handler(state, req), rid).await)
        }
    }))
    .await
}

/// The entry point of a function that answers from the request alone (the OpenAPI
/// document, the admin console's files, 405/404): tracing, then `serve` for every
/// request. No `AppState`, so no environment, no AWS clients, and a binary that links
/// neither.
pub async fn run_without_state<F, Fut>(serve: F) -> Result<(), lambda_http::Error>
where
    F: Fn((), Request) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Response<Body>> + Send + 'static,
{
    init_tracing();
    let edge: Arc<Option<String>> = Arc::new(origin_secret());
    // Concurrent where Lambda allows it (Managed Instances), as `run`.
    lambda_http::run_concurrent(service_fn(move |req: Request| {
        let refused = refused_off_edge(&req, edge.as_deref());
        let answer = serve((), req);
        async move {
            Ok::<_, Infallible>(match refused {
                Some(r) => r,
                None => answer.await,
            })
        }
    }))
    .await
}

/// For functions EventBridge invokes on a schedule (no HTTP): the same start-up, then
/// `job` once per event. A failure is returned to Lambda, which logs it.
pub async fn run_scheduled<F, Fut>(job: F) -> Result<(), lambda_http::Error>
where
    F: Fn(Arc<AppState>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<serde_json::Value, litmos_domain::Error>> + Send + 'static,
{
    let state = start().await;
    let job = Arc::new(job);
    lambda_http::lambda_runtime::run(lambda_http::lambda_runtime::service_fn(move |_event: lambda_http::lambda_runtime::LambdaEvent<serde_json::Value>| {
        let (state, job) = (state.clone(), job.clone());
        async move { job(state).await.map_err(|e| lambda_http::Error::from(e.to_string())) }
    }))
    .await
}

/// `sync-worker`: the runtime with an SQS event in and a partial batch response out.
pub async fn run_sync_worker() -> Result<(), lambda_http::Error> {
    let state = start().await;
    lambda_http::lambda_runtime::run(lambda_http::lambda_runtime::service_fn(move |event: lambda_http::lambda_runtime::LambdaEvent<aws_lambda_events::event::sqs::SqsEvent>| {
        let state = state.clone();
        async move { Ok::<_, lambda_http::Error>(outcomes::sync_worker(&state, event.payload).await) }
    }))
    .await
}

/// Answer before Lambda's 28 s timeout (template.yaml) kills the invocation, so a slow
/// Litmos still gets the client a problem+json answer. Claims a cut-off request held
/// expire with their lease, so a retry completes the work without duplicates.
pub const REQUEST_DEADLINE: std::time::Duration = std::time::Duration::from_secs(26);

async fn within_deadline(work: impl Future<Output = Response<Body>>, request_id: String) -> Response<Body> {
    match tokio::time::timeout(REQUEST_DEADLINE, work).await {
        Ok(resp) => resp,
        Err(_) => {
            tracing::error!("request cut off at its deadline");
            problem::from_error(&litmos_domain::Error::Busy("The request took too long (Litmos is slow to answer); retry shortly.".into()), &request_id)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_level_comes_from_rust_log() {
        use tracing::Level;
        use tracing_subscriber::filter::LevelFilter;
        assert_eq!(log_filter(Some("debug")).default_level(), Some(LevelFilter::DEBUG));
        assert_eq!(log_filter(Some("warn")).default_level(), Some(LevelFilter::WARN));
        assert_eq!(log_filter(None).default_level(), Some(LevelFilter::INFO));
        assert_eq!(log_filter(Some("")).default_level(), Some(LevelFilter::INFO));
        assert!(log_filter(Some("litmos_api=debug,info")).would_enable("litmos_api", &Level::DEBUG));
        assert!(!log_filter(Some("litmos_api=debug,info")).would_enable("hyper", &Level::DEBUG));
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_past_its_deadline_is_a_503_problem() {
        let slow = async {
            tokio::time::sleep(REQUEST_DEADLINE * 2).await;
            Response::new(Body::Empty)
        };
        let r = within_deadline(slow, "rid-1".into()).await;
        assert_eq!(r.status(), 503);
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        assert!(r.headers().contains_key("retry-after"));
    }

    fn req(header: Option<&str>) -> Request {
        let mut b = lambda_http::http::Request::builder().uri("/v1/servicenow/configuration");
        if let Some(h) = header {
            b = b.header("x-origin-verify", h);
        }
        b.body(Body::Empty).unwrap()
    }

    #[test]
    fn behind_the_edge_only_requests_carrying_its_secret_pass() {
        assert!(refused_off_edge(&req(None), None).is_none(), "no edge: everything passes");
        assert!(refused_off_edge(&req(Some("anything")), None).is_none());
        let secret = Some("edge-secret-0123456789");
        assert!(refused_off_edge(&req(Some("edge-secret-0123456789")), secret).is_none());
        let refused = refused_off_edge(&req(None), secret).expect("refused");
        assert_eq!(refused.status(), 403);
        assert_eq!(refused_off_edge(&req(Some("edge-secret-012345678")), secret).map(|r| r.status().as_u16()), Some(403));
    }
}
