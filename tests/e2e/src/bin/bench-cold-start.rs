//! `make bench`: cold start, side by side in one run. Each release binary is started 41
//! times against a local stub of the Lambda Runtime API; the time from exec to its
//! first `GET /runtime/invocation/next` is its init. The floor is a bare `lambda_http`
//! hello-world built with the same profile (`tests/hello-floor`), started in turn with
//! each binary so that each ratio compares runs made at the same moment. Init is measured
//! with the connection warm-up switched off (`LITMOS_INIT_WARMUP=false`); the warm-up
//! is then timed on its own against moto (no TLS here, so it is a lower bound).
//! Prints numbers; asserts nothing.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use tokio::sync::mpsc;

const RUNS: usize = 41;

async fn next(State(tx): State<mpsc::UnboundedSender<Instant>>) -> &'static str {
    let _ = tx.send(Instant::now());
    // Never hand out an invocation: the process is killed once its init is timed.
    tokio::time::sleep(Duration::from_secs(3600)).await;
    ""
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

async fn init_times(bin: &PathBuf, api: &str, rx: &mut mpsc::UnboundedReceiver<Instant>, warmup: bool, endpoint: &str) -> Vec<Duration> {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        times.push(init_once(bin, api, rx, warmup, endpoint).await);
    }
    times
}

/// One start of `bin`: exec to its first poll of the runtime API.
async fn init_once(bin: &PathBuf, api: &str, rx: &mut mpsc::UnboundedReceiver<Instant>, warmup: bool, endpoint: &str) -> Duration {
    {
        while rx.try_recv().is_ok() {}
        let started = Instant::now();
        let mut child = tokio::process::Command::new(bin)
            .env_clear()
            .env("AWS_LAMBDA_RUNTIME_API", api)
            .env("AWS_LAMBDA_FUNCTION_NAME", "bench")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")
            .env("AWS_LAMBDA_FUNCTION_VERSION", "1")
            .env("TABLE_NAME", "bench-cold-start")
            .env("SECRET_PREFIX", "bench")
            .env("ADMIN_TOKEN_SECRET_ID", "bench-admin")
            .env("AWS_REGION", "us-east-1")
            .env("AWS_ACCESS_KEY_ID", "bench")
            .env("AWS_SECRET_ACCESS_KEY", "bench")
            .env("AWS_ENDPOINT_URL", endpoint)
            .env("LITMOS_INIT_WARMUP", if warmup { "true" } else { "false" })
            .env("RUST_LOG", "warn")
            .kill_on_drop(true)
            .spawn()
            .expect("start the binary");
        let first = tokio::time::timeout(Duration::from_secs(20), rx.recv()).await.expect("the binary polled the runtime API").unwrap();
        child.kill().await.ok();
        first - started
    }
}

#[tokio::main]
async fn main() {
    let endpoint = std::env::var("MOTO_ENDPOINT").unwrap_or_else(|_| "http://127.0.0.1:9".into());
    let (tx, mut rx) = mpsc::unbounded_channel();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let api = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move { axum::serve(listener, Router::new().route("/2018-06-01/runtime/invocation/next", get(next)).with_state(tx)).await.unwrap() });

    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    // The binaries measured (BENCH_DIR, default target/release) and, optionally, those of
    // an earlier build to compare with in the same run (BENCH_BEFORE_DIR, default
    // target/bench-before: copy them there before rebuilding).
    let dir = |var: &str, default: &str| std::env::var(var).map(PathBuf::from).unwrap_or_else(|_| root.join(default));
    let release = dir("BENCH_DIR", "target/release");
    let before_dir = dir("BENCH_BEFORE_DIR", "target/bench-before");
    let names = ["method-not-allowed", "get-openapi", "admin-console", "get-configuration", "assign-courses", "get-incident-training"];
    let floor_bin = release.join("hello-floor");
    for bin in std::iter::once(floor_bin.clone()).chain(names.iter().map(|n| release.join(n))) {
        if !bin.exists() {
            eprintln!("bench-cold-start: {} is missing: run `cargo build --release --workspace` (make bench does)", bin.display());
            std::process::exit(2);
        }
    }
    println!(
        "cold start: init = exec to first /next, medians of {RUNS} starts; each row starts the floor, the binary and its earlier build in turn, and `x floor` is the median of each start's ratio to the floor's start just before it; x86_64 release (workspace profile)"
    );
    println!("{:<24} {:>9} {:>9} {:>8} {:>9} | {:>10} {:>9}", "binary", "floor ms", "init ms", "x floor", "size MB", "before ms", "before MB");
    let floor_size = std::fs::metadata(&floor_bin).unwrap().len() as f64 / 1e6;
    for name in names {
        let bin = release.join(name);
        let before_bin = before_dir.join(name);
        let (mut floor, mut now, mut then) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..RUNS {
            floor.push(init_once(&floor_bin, &api, &mut rx, false, &endpoint).await);
            now.push(init_once(&bin, &api, &mut rx, false, &endpoint).await);
            if before_bin.exists() {
                then.push(init_once(&before_bin, &api, &mut rx, false, &endpoint).await);
            }
        }
        // Each start of the binary against the floor's start just before it: the median
        // of those ratios, steadier on a shared machine than a ratio of two medians.
        let mut ratios: Vec<f64> = floor.iter().zip(&now).map(|(f, n)| n.as_secs_f64() / f.as_secs_f64()).collect();
        ratios.sort_by(f64::total_cmp);
        let ratio = ratios[ratios.len() / 2];
        let (floor_ms, init_ms) = (median(floor).as_secs_f64() * 1e3, median(now).as_secs_f64() * 1e3);
        let size = std::fs::metadata(&bin).unwrap().len() as f64 / 1e6;
        let before =
            if then.is_empty() { format!("{:>10} {:>9}", "-", "-") } else { format!("{:>10.2} {:>9.1}", median(then).as_secs_f64() * 1e3, std::fs::metadata(&before_bin).unwrap().len() as f64 / 1e6) };
        println!("{name:<24} {floor_ms:>9.2} {init_ms:>9.2} {ratio:>8.2} {size:>9.1} | {before}");
    }
    println!("(the floor, hello-floor: {floor_size:.1} MB)");
    let with = median(init_times(&release.join("get-configuration"), &api, &mut rx, true, &endpoint).await);
    let without = median(init_times(&release.join("get-configuration"), &api, &mut rx, false, &endpoint).await);
    println!("connection warm-up (get-configuration, moto at {endpoint}): {:.2} ms on its own", (with.as_secs_f64() - without.as_secs_f64()) * 1e3);
}
