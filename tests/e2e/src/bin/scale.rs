//! `make scale` (by hand, not CI): N tenants on moto and the Litmos double, each with
//! learners to check, Litmos answering every call after `SCALE_LATENCY_MS` and every
//! 10th tenant's Litmos answering 503. Prints the sync's wall time walked one tenant
//! after another (the old `sync-progress` loop) against the fan-out (the worker's
//! `sync_one` per tenant, `MaximumConcurrency` of them at once, as the queue runs
//! them), each tenant's outcome, and when each tenant's sync ended (fairness), then the
//! front-door model (`sim-tenant-share`). Needs MOTO_ENDPOINT (`make scale` starts it).
//!
//! Sizes: SCALE_TENANTS (default 40; moto is slow past a couple of hundred),
//! SCALE_LEARNERS per tenant (default 3), SCALE_LATENCY_MS (default 80),
//! SCALE_CONCURRENCY (default 5, the template's SyncMaxConcurrency).

use std::sync::Arc;
use std::time::{Duration, Instant};

use litmos_adapters::Config;
use litmos_api::AppState;
use litmos_api::outcomes::{SyncResult, sync_one};
use litmos_domain::admin::{LitmosInput, TenantInput};
use litmos_domain::assignments::{AssignInput, IncidentRef};
use litmos_domain::learners::{CallerInput, LearnerInput, Learners};
use litmos_domain::ports::SyncMessage;
use litmos_domain::time::SystemClock;

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn pct(v: &mut [Duration], q: f64) -> f64 {
    v.sort();
    v[((v.len() as f64 * q).ceil() as usize).clamp(1, v.len()) - 1].as_secs_f64()
}

#[tokio::main]
async fn main() {
    e2e::use_bench_moto();
    let (tenants, learners, latency, concurrency) = (env_num("SCALE_TENANTS", 40), env_num("SCALE_LEARNERS", 3), env_num("SCALE_LATENCY_MS", 80) as u64, env_num("SCALE_CONCURRENCY", 5));
    let sdk =
        aws_config::defaults(aws_config::BehaviorVersion::latest()).timeout_config(aws_config::timeout::TimeoutConfig::builder().operation_timeout(Duration::from_secs(120)).build()).load().await;
    let table = format!("scale-{:x}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64);
    litmos_adapters::dynamo::ensure_table(&aws_sdk_dynamodb::Client::new(&sdk), &table).await.unwrap();
    let config = Config::from_map(
        &[
            ("TABLE_NAME", table.as_str()),
            ("SECRET_PREFIX", &format!("{table}-secrets")),
            ("ADMIN_TOKEN_SECRET_ID", "unused"),
            ("LITMOS_ALLOWED_HOSTS", "http://127.0.0.1:*"),
            ("LITMOS_RATE_LIMIT_PER_MINUTE", "1000000"),
            ("SYNC_SOFT_DEADLINE_SECONDS", "5"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect(),
    )
    .unwrap();
    let state = Arc::new(AppState::new(config, &sdk, Box::new(SystemClock)));
    let (healthy, healthy_double) = litmos_double::spawn(litmos_double::Config::default()).await;
    let (failing, failing_double) = litmos_double::spawn(litmos_double::Config::default()).await;

    let setup = Instant::now();
    let mut ids = Vec::new();
    for t in 0..tenants {
        let id = format!("scale-{t:04}");
        let (addr, double) = if t % 10 == 9 { (failing, &failing_double) } else { (healthy, &healthy_double) };
        let course = double.courses()[0].id.clone();
        let input = TenantInput {
            name: format!("Scale {t}"),
            litmos: LitmosInput { base_url: format!("http://{addr}/v1.svc"), api_key: "demo-litmos-key".into(), source: "scale".into(), send_welcome_email: false },
            recommendations: None,
            start_links: None,
        };
        state.admin_service().put_tenant(&id, input).await.unwrap();
        state.admin_service().enable_servicenow(&id).await.unwrap();
        let (_, acct) = state.accounts.load(&state.store, &state.secrets, &state.names, state.clock.as_ref(), &id).await.unwrap();
        let people = Learners { store: &state.store, litmos: &state.litmos, clock: state.clock.as_ref() };
        let assign = state.assignments(&state.litmos);
        for l in 0..learners {
            let caller = format!("{:032x}", t * 1_000 + l);
            let learner = people
                .find_or_create(
                    &id,
                    &acct,
                    false,
                    LearnerInput { caller: CallerInput { sys_id: caller.clone(), user_name: None, email: Some(format!("t{t}l{l}@scale.example")), first_name: None, last_name: None } },
                )
                .await
                .unwrap();
            let input = AssignInput {
                learner_id: learner.learner.id,
                course_ids: vec![course.clone()],
                incident: IncidentRef { sys_id: format!("{:032x}", 9_000_000 + t * 1_000 + l), number: format!("INC{:07}", t * 1_000 + l), table: None },
                send_message: false,
            };
            assign.assign(&id, &acct, "admin@pieshop.net", None, input).await.unwrap();
        }
        ids.push(id);
    }
    eprintln!("scale: {tenants} tenants x {learners} learners set up in {:.1} s", setup.elapsed().as_secs_f64());
    // From now on Litmos is slow for everyone and down (503) for every 10th tenant.
    let slow = litmos_double::Fault { delay_ms: Some(latency), count: usize::MAX, ..Default::default() };
    healthy_double.inject(slow.clone());
    failing_double.inject(litmos_double::Fault { status: Some(503), count: usize::MAX, ..Default::default() });

    // The old sync-progress: one tenant after another in one function.
    let started = Instant::now();
    let (mut ok, mut failed) = (0, 0);
    let mut sequential_ends = Vec::new();
    for id in &ids {
        let (_, acct) = state.accounts.load(&state.store, &state.secrets, &state.names, state.clock.as_ref(), id).await.unwrap();
        match state.background_outcomes().sync(id, &acct, state.config.sync_budget).await {
            Ok(_) => ok += 1,
            Err(_) => failed += 1,
        }
        sequential_ends.push(started.elapsed());
    }
    let sequential = started.elapsed();

    // The fan-out: each tenant its own message, `concurrency` at a time.
    let started = Instant::now();
    let gate = Arc::new(tokio::sync::Semaphore::new(concurrency));
    let mut runs = tokio::task::JoinSet::new();
    for id in ids.clone() {
        let (state, gate) = (state.clone(), gate.clone());
        runs.spawn(async move {
            let _slot = gate.acquire_owned().await.unwrap();
            let message = SyncMessage { tenant: id, round: 1, part: 0, job: None };
            let outcome = sync_one(&state, &message, Duration::from_secs(state.config.sync_soft_deadline_seconds)).await;
            (outcome, started.elapsed())
        });
    }
    let (mut succeeded, mut deferred, mut fan_failed) = (0, 0, 0);
    let mut fan_ends = Vec::new();
    while let Some(done) = runs.join_next().await {
        let (outcome, at) = done.unwrap();
        match outcome {
            Ok(SyncResult::Succeeded) => succeeded += 1,
            Ok(SyncResult::Deferred) => deferred += 1,
            _ => fan_failed += 1,
        }
        fan_ends.push(at);
    }
    let fan_out = started.elapsed();

    println!("scale: {tenants} tenants, {learners} learners each, Litmos {latency} ms a call, every 10th tenant's Litmos down (503)");
    println!("{:<28} {:>10} {:>16} {:>16} {:>24}", "sync round", "wall s", "tenant ends p50", "tenant ends max", "outcomes");
    println!(
        "{:<28} {:>10.1} {:>16.1} {:>16.1} {:>24}",
        "sequential (old loop)",
        sequential.as_secs_f64(),
        pct(&mut sequential_ends, 0.5),
        pct(&mut sequential_ends, 1.0),
        format!("{ok} ok, {failed} failed")
    );
    println!(
        "{:<28} {:>10.1} {:>16.1} {:>16.1} {:>24}",
        format!("fan-out ({concurrency} at a time)"),
        fan_out.as_secs_f64(),
        pct(&mut fan_ends, 0.5),
        pct(&mut fan_ends, 1.0),
        format!("{succeeded} ok, {deferred} deferred, {fan_failed} failed")
    );
    println!("(a deferred tenant was paced up to the soft deadline of {} s and goes on in a follow-up message; the old loop just failed it)", state.config.sync_soft_deadline_seconds);
    println!();
    println!("front door (sim-tenant-share, seed 7): quiet tenant p99 alone vs beside a 10x tenant and junk keys");
    let quiet = e2e::share_sim::run(&e2e::share_sim::with_edge(7));
    let loud = e2e::share_sim::run(&e2e::share_sim::Setup { noisy_rps: 100.0, junk_rps: 200.0, ..e2e::share_sim::with_edge(7) });
    println!("  edge: {} ms alone, {} ms with noise ({} quiet requests failed)", quiet.p(0.99), loud.p(0.99), loud.quiet_failed);
}
