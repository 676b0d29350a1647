//! `make bench`: the course list against a 5,000-course catalog, on moto and the Litmos
//! double, through the real handler. Prints numbers; asserts nothing.
//!
//! Needs MOTO_ENDPOINT (make bench starts moto).

use std::sync::Arc;
use std::time::{Duration, Instant};

use litmos_api::{AppState, admin, training};
use litmos_domain::courses::{CourseQuery, page};
use litmos_domain::model::Course;
use litmos_domain::ports::SecretStore;
use litmos_domain::time::SystemClock;

fn event(method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> lambda_http::Request {
    let (p, q) = path.split_once('?').unwrap_or((path, ""));
    let qs: serde_json::Map<String, serde_json::Value> = q
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (k.to_string(), v.into())
        })
        .collect();
    let h: serde_json::Map<String, serde_json::Value> = headers.iter().map(|(k, v)| (k.to_string(), (*v).into())).collect();
    let e = serde_json::json!({
        "version": "2.0", "routeKey": "$default", "rawPath": p, "rawQueryString": q, "headers": h,
        "queryStringParameters": qs,
        "requestContext": {"accountId": "1", "apiId": "bench", "domainName": "bench.local", "domainPrefix": "bench",
            "http": {"method": method, "path": p, "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1", "userAgent": "bench"},
            "requestId": "bench", "routeKey": "$default", "stage": "$default", "time": "", "timeEpoch": 0},
        "body": body, "isBase64Encoded": false
    });
    lambda_http::request::from_str(&e.to_string()).unwrap()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main]
async fn main() {
    e2e::use_bench_moto();
    let (addr, _double) = litmos_double::spawn(litmos_double::Config { courses: 5_000, ..Default::default() }).await;
    let sdk = litmos_adapters::aws::sdk_config().await;
    let table = format!("bench-{:x}", rand_id());
    litmos_adapters::dynamo::ensure_table(&aws_sdk_dynamodb::Client::new(&sdk), &table).await.unwrap();
    let env = [("TABLE_NAME", table.as_str()), ("SECRET_PREFIX", "bench"), ("ADMIN_TOKEN_SECRET_ID", "bench-admin"), ("LITMOS_ALLOWED_HOSTS", "http://127.0.0.1:*")];
    let config = litmos_adapters::Config::from_map(&env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()).unwrap();
    let state = Arc::new(AppState::new(config, &sdk, Box::new(SystemClock)));
    state.secrets.put_secret("bench-admin", "bench-admin-token").await.unwrap();
    let auth = "Bearer bench-admin-token";
    let body = serde_json::json!({"name": "Bench", "litmos": {"base_url": format!("http://{addr}/v1.svc"), "api_key": "demo-litmos-key", "source": "bench"}}).to_string();
    admin::put_tenant(state.clone(), event("PUT", "/v1/admin/tenants/bench", &[("authorization", auth)], &body)).await;
    let r = admin::enable_servicenow(state.clone(), event("POST", "/v1/admin/tenants/bench/servicenow", &[("authorization", auth)], "")).await;
    let key: serde_json::Value = match r.body() {
        lambda_http::Body::Text(t) => serde_json::from_str(t).unwrap(),
        _ => panic!(),
    };
    let bearer = format!("Bearer {}", key["api_key"].as_str().unwrap());
    let headers = [("authorization", bearer.as_str()), ("x-agent", "admin@pieshop.net")];

    let started = Instant::now();
    let r = training::list_courses(state.clone(), event("GET", "/v1/servicenow/courses?limit=100", &headers, "")).await;
    let cold = started.elapsed();
    assert_eq!(r.status(), 200);

    let queries = ["limit=100", "search=billing&limit=20", "sort=-code&offset=2000&limit=100", "name=advanced&code=SUP4"];
    let mut warm = Vec::new();
    for i in 0..200 {
        let t = Instant::now();
        let r = training::list_courses(state.clone(), event("GET", &format!("/v1/servicenow/courses?{}", queries[i % 4]), &headers, "")).await;
        warm.push(t.elapsed());
        assert_eq!(r.status(), 200);
    }
    warm.sort();

    let catalog: Vec<Course> = (0..5_000)
        .map(|i| Course { id: format!("C{i:06}"), code: format!("SUP{i:04}"), name: format!("Topic {} level {}", i % 97, i % 7), description: "How to handle it".into(), active: true })
        .collect();
    let q = CourseQuery { search: Some("level 3".into()), sort: Some("-name".into()), limit: Some("100".into()), ..Default::default() };
    let t = Instant::now();
    let rounds = 200;
    for _ in 0..rounds {
        std::hint::black_box(page(catalog.clone(), &q.parse().unwrap()));
    }
    let pure = t.elapsed() / rounds;

    println!("catalog: 5000 courses (Litmos double, moto)");
    println!("cold list (5 Litmos pages + cache write): {:>8.1} ms", cold.as_secs_f64() * 1e3);
    println!("warm list p50:                            {:>8.1} ms", percentile(&warm, 0.5).as_secs_f64() * 1e3);
    println!("warm list p99:                            {:>8.1} ms", percentile(&warm, 0.99).as_secs_f64() * 1e3);
    println!("filter+sort+page 5000 in memory:          {:>8.3} ms", pure.as_secs_f64() * 1e3);
}

fn rand_id() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
}
