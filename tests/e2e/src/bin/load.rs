//! `make load`: 30 concurrent ServiceNow clients for 60 s against the local stack
//! (`infra/with-stack.sh` starts it): course lists, learners and assignments with
//! think times. Rate-budget 503s carry `Retry-After`, which the clients honour and
//! count; any other 5xx fails the run. Afterwards: no course assigned twice, and every
//! assignment held by Litmos. Prints p50/p99 per route.
//!
//! `LOAD_CLIENTS` (30) and `LOAD_SECONDS` (60) change the shape. The local router runs
//! one request per function at a time, so these are not Lambda's numbers.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[derive(Default)]
struct Tally {
    latencies: BTreeMap<&'static str, Vec<Duration>>,
    statuses: BTreeMap<(&'static str, u16), usize>,
    retried_503: usize,
    /// (learner, course) -> how many answers reported it as newly assigned.
    assigned: HashMap<(String, String), usize>,
    learners: HashMap<String, String>,
}

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        eprintln!("load: {name} is not set; run `make load` (it starts the local stack)");
        std::process::exit(2)
    })
}

fn sys_id(n: u64) -> String {
    format!("{:032x}", 0x10ad_0000_0000_0000_u64.wrapping_add(n))
}

async fn call(http: &reqwest::Client, tally: &Mutex<Tally>, route: &'static str, req: reqwest::RequestBuilder) -> (u16, Value) {
    loop {
        let t = Instant::now();
        let resp = match req.try_clone().expect("cloneable request").send().await {
            Ok(r) => r,
            Err(e) => {
                eprintln!("load: {route}: {e}");
                tally.lock().unwrap().statuses.entry((route, 0)).and_modify(|n| *n += 1).or_insert(1);
                return (0, Value::Null);
            }
        };
        let status = resp.status().as_u16();
        let retry_after = resp.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
        let body: Value = resp.json().await.unwrap_or(Value::Null);
        let elapsed = t.elapsed();
        let wait = {
            let mut tl = tally.lock().unwrap();
            tl.latencies.entry(route).or_default().push(elapsed);
            match (status, retry_after) {
                (503, Some(secs)) => {
                    tl.retried_503 += 1;
                    Some(secs)
                }
                _ => {
                    *tl.statuses.entry((route, status)).or_default() += 1;
                    None
                }
            }
        };
        match wait {
            Some(secs) => tokio::time::sleep(Duration::from_secs(secs.min(10))).await,
            None => {
                let _ = http;
                return (status, body);
            }
        }
    }
}

#[tokio::main]
async fn main() {
    let base = var("E2E_BASE_URL");
    let key = var("E2E_DEMO_KEY");
    let double = var("E2E_DOUBLE_URL");
    let clients: u64 = std::env::var("LOAD_CLIENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(30);
    let seconds: u64 = std::env::var("LOAD_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(60);
    let http = reqwest::Client::builder().timeout(Duration::from_secs(60)).build().unwrap();
    if http.get(format!("{base}/v1/openapi.json")).send().await.is_err() {
        eprintln!("load: nothing answers at {base}; start the stack first (`make load` does)");
        std::process::exit(2);
    }
    let tally = Arc::new(Mutex::new(Tally::default()));
    let run = std::env::var("LOAD_RUN").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| std::process::id() as u64);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    eprintln!("load: {clients} clients for {seconds} s against {base}");
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (http, tally, base, key) = (http.clone(), tally.clone(), base.clone(), key.clone());
        tasks.push(tokio::spawn(async move {
            let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(run.wrapping_mul(1_000).wrapping_add(c));
            let caller = sys_id(run * 1_000 + c);
            let incident = sys_id(run * 1_000 + 500 + c);
            let auth = format!("Bearer {key}");
            let mut learner: Option<String> = None;
            let mut courses: Vec<String> = Vec::new();
            while Instant::now() < deadline {
                let roll: u32 = rand::Rng::random_range(&mut rng, 0..10);
                if learner.is_none() || roll == 0 {
                    let body = json!({"caller": {"sys_id": caller, "email": format!("load.{run}.{c}@example.com"), "first_name": "Load"}});
                    let (status, b) = call(&http, &tally, "POST /learners", http.post(format!("{base}/v1/servicenow/learners")).header("authorization", &auth).json(&body)).await;
                    if status == 200 || status == 201 {
                        let id = b["learner"]["id"].as_str().unwrap_or_default().to_string();
                        tally.lock().unwrap().learners.insert(id.clone(), caller.clone());
                        learner = Some(id);
                    }
                } else if roll < 7 || courses.is_empty() {
                    let offset: u32 = rand::Rng::random_range(&mut rng, 0..40);
                    let url = format!("{base}/v1/servicenow/courses?limit=20&offset={offset}&sort=name");
                    let (status, b) = call(&http, &tally, "GET /courses", http.get(url).header("authorization", &auth).header("x-agent", "admin@pieshop.net")).await;
                    if status == 200 {
                        courses = b["items"].as_array().map(|a| a.iter().filter_map(|i| i["id"].as_str().map(str::to_string)).collect()).unwrap_or_default();
                    }
                } else if let Some(l) = &learner {
                    let pick: Vec<&String> = courses.iter().take(rand::Rng::random_range(&mut rng, 1..4)).collect();
                    let body = json!({"learner_id": l, "course_ids": pick, "incident": {"sys_id": incident, "number": "INC0090001"}});
                    let idem = format!("load-{run}-{c}-{}", rand::Rng::random::<u32>(&mut rng));
                    let (status, b) = call(
                        &http,
                        &tally,
                        "POST /assignments",
                        http.post(format!("{base}/v1/servicenow/assignments")).header("authorization", &auth).header("x-agent", "admin@pieshop.net").header("idempotency-key", idem).json(&body),
                    )
                    .await;
                    if status == 200 {
                        let mut tl = tally.lock().unwrap();
                        for a in b["assigned"].as_array().into_iter().flatten() {
                            *tl.assigned.entry((l.clone(), a["id"].as_str().unwrap_or_default().to_string())).or_default() += 1;
                        }
                    }
                }
                let think = Duration::from_millis(rand::Rng::random_range(&mut rng, 200..800));
                tokio::time::sleep(think).await;
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }

    let tally = Arc::try_unwrap(tally).ok().unwrap().into_inner().unwrap();
    println!("route                 requests      p50 ms      p99 ms");
    for (route, mut l) in tally.latencies.clone() {
        l.sort();
        let p = |q: f64| l[((l.len() as f64 - 1.0) * q).round() as usize].as_secs_f64() * 1e3;
        println!("{route:<20} {:>9} {:>11.1} {:>11.1}", l.len(), p(0.5), p(0.99));
    }
    println!("statuses: {:?}", tally.statuses);
    println!("503 with Retry-After, honoured and retried: {}", tally.retried_503);
    let mut failures = Vec::new();
    for ((route, status), n) in &tally.statuses {
        if *status >= 500 || *status == 0 {
            failures.push(format!("{n} x {status} on {route}"));
        }
    }
    let twice: Vec<_> = tally.assigned.iter().filter(|(_, n)| **n > 1).collect();
    if !twice.is_empty() {
        failures.push(format!("{} courses reported as newly assigned more than once: {twice:?}", twice.len()));
    }
    // Every assignment is held by Litmos (asked of the double's Litmos API itself).
    let mut missing = 0;
    let mut by_learner: HashMap<&String, Vec<&String>> = HashMap::new();
    for (learner, course) in tally.assigned.keys() {
        by_learner.entry(learner).or_default().push(course);
    }
    for (learner, wanted) in &by_learner {
        let held: Value =
            http.get(format!("{double}/v1.svc/users/{learner}/courses?source=load&format=json")).header("apikey", "demo-litmos-key").send().await.unwrap().json().await.unwrap_or(Value::Null);
        let ids: Vec<&str> = held.as_array().into_iter().flatten().filter_map(|c| c["Id"].as_str()).collect();
        missing += wanted.iter().filter(|w| !ids.contains(&w.as_str())).count();
    }
    if missing > 0 {
        failures.push(format!("{missing} assignments are not held by Litmos"));
    }
    println!("assignments: {} distinct, 0 duplicates expected, {missing} missing in Litmos", tally.assigned.len());
    if failures.is_empty() {
        println!("load: OK");
    } else {
        for f in &failures {
            println!("load: FAILED: {f}");
        }
        std::process::exit(1);
    }
}
