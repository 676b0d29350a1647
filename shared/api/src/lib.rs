//! What every Lambda shares: start-up (`run`), auth, request parsing, problem+json
//! answers, and the handler of each route. A function's `main.rs` names its handler
//! and nothing else.

pub mod admin;
pub mod http;
pub mod problem;
pub mod routes;
pub mod servicenow;
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

/// The production log format, written to `writer` (tests capture it).
pub fn init_tracing_to<W>(writer: W)
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    let _ = tracing_subscriber::fmt().json().with_env_filter(filter).with_current_span(false).with_target(false).with_writer(writer).try_init();
}

/// Builds the state once (failing fast on bad configuration) and serves `handler`.
pub async fn run<F, Fut>(handler: F) -> Result<(), lambda_http::Error>
where
    F: Fn(Arc<AppState>, Request) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Response<Body>> + Send + 'static,
{
    init_tracing();
    let state = match AppState::from_env().await {
        Ok(s) => Arc::new(s),
        Err(e) => {
            tracing::error!(error = %e, "invalid configuration; the function cannot start");
            std::process::exit(1);
        }
    };
    let handler = Arc::new(handler);
    lambda_http::run(service_fn(move |req: Request| {
        let state = state.clone();
        let handler = handler.clone();
        async move { Ok::<_, Infallible>(handler(state, req).await) }
    }))
    .await
}
