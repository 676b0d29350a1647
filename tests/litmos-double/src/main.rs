//! `litmos-double`: serves the local Litmos stand-in on `DOUBLE_ADDR`
//! (default 127.0.0.1:9100), accepting `DOUBLE_API_KEY` (default `demo-litmos-key`).

use litmos_double::{Config, serve};

#[tokio::main]
async fn main() {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let addr = env("DOUBLE_ADDR").unwrap_or_else(|| "127.0.0.1:9100".into());
    let config = Config {
        api_key: env("DOUBLE_API_KEY").unwrap_or_else(|| "demo-litmos-key".into()),
        rate_limit_per_minute: env("DOUBLE_RATE_LIMIT").and_then(|v| v.parse().ok()).unwrap_or(0),
        courses: env("DOUBLE_COURSES").and_then(|v| v.parse().ok()).unwrap_or(64),
    };
    let listener = tokio::net::TcpListener::bind(&addr).await.unwrap_or_else(|e| panic!("cannot bind {addr}: {e}"));
    eprintln!("litmos-double listening on http://{addr}/v1.svc");
    serve(listener, config).await;
}
