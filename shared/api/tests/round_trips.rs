//! What a request costs in round trips, counted on the wire: every DynamoDB and Secrets
//! Manager request the SDK sends (retries included) and every Litmos request the double
//! receives. On Lambda these are what the agent waits for; issue 8 sets the targets.

mod support;

use litmos_api::admin;
use serde_json::json;
use support::*;

struct Deployed {
    e: Env,
    key: String,
    learner: String,
    courses: Vec<String>,
}

/// A tenant with ServiceNow on, a caller's learner and a warm catalog cache in the
/// table, all made through a container other than the one measured.
async fn deployed() -> Deployed {
    let e = env().await;
    let auth = bearer(ADMIN);
    let body = json!({"name": "Acme", "litmos": {"base_url": e.litmos_url, "api_key": "demo-litmos-key", "source": "servicenow"}}).to_string();
    assert_eq!(admin::put_tenant(e.state.clone(), event("PUT", "/v1/admin/tenants/acme", &[("authorization", &auth)], Some(&body))).await.status(), 201);
    let r = admin::enable_servicenow(e.state.clone(), event("POST", "/v1/admin/tenants/acme/servicenow", &[("authorization", &auth)], None)).await;
    let key = status_and_json(&r).1["api_key"].as_str().unwrap().to_string();
    let caller = json!({"caller": {"sys_id": CALLER, "email": "caller@example.com", "first_name": "Cal"}}).to_string();
    let (status, l) = status_and_json(&servicenow_call(&e.state, &key, "POST", "/v1/servicenow/learners", None, Some(&caller), &[]).await);
    assert_eq!(status, 201, "{l}");
    let learner = l["learner"]["id"].as_str().unwrap().to_string();
    let (status, page) = status_and_json(&servicenow_call(&e.state, &key, "GET", "/v1/servicenow/courses?limit=5", Some(ADMIN_AGENT), None, &[]).await);
    assert_eq!(status, 200, "{page}");
    let courses = page["items"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()).collect();
    Deployed { e, key, learner, courses }
}

struct Cost {
    aws: Vec<testkit::Call>,
    litmos: usize,
    litmos_queries: Vec<String>,
}

impl Cost {
    fn of(&self, service: &str) -> Vec<testkit::Call> {
        self.aws.iter().filter(|c| c.operation.starts_with(service)).cloned().collect()
    }
    fn dynamodb(&self) -> usize {
        self.of("dynamodb:").len()
    }
    /// DynamoDB round trips waited for one after another.
    fn dynamodb_in_sequence(&self) -> usize {
        testkit::in_sequence(&self.of("dynamodb:"))
    }
    fn secrets(&self) -> usize {
        self.of("secretsmanager:").len()
    }
    fn names(&self) -> Vec<String> {
        self.aws.iter().map(|c| format!("{} {}", c.operation, c.item.as_deref().unwrap_or("-"))).collect()
    }
    /// Reads of one kind of item (`KEY/KEY`, `TENANT/META`, ...).
    fn reads_of(&self, item: &str) -> usize {
        self.aws.iter().filter(|c| c.operation == "dynamodb:GetItem" && c.item.as_deref() == Some(item)).count()
    }
}

async fn measure(d: &Deployed, state: &std::sync::Arc<litmos_api::AppState>, calls: &testkit::Calls, what: &str, method: &str, path: &str, body: Option<&str>) -> Cost {
    calls.take();
    d.e.double.clear_requests();
    let r = servicenow_call(state, &d.key, method, path, Some(ADMIN_AGENT), body, &[]).await;
    assert!(r.status().is_success(), "{what}: {}", r.status());
    let requests = d.e.double.requests();
    let cost = Cost { aws: calls.take(), litmos: requests.len(), litmos_queries: requests.into_iter().map(|r| r.query).collect() };
    println!("{what:<44} dynamodb {:>2} ({:>2} in sequence)  secrets {:>2}  litmos {:>2}   {:?}", cost.dynamodb(), cost.dynamodb_in_sequence(), cost.secrets(), cost.litmos, cost.names());
    cost
}

#[tokio::test]
async fn round_trips_per_request() {
    let d = deployed().await;
    let (state, calls) = fresh_container(&d.e).await;
    let assign = |courses: &[&String]| json!({"learner_id": d.learner, "course_ids": courses, "incident": {"sys_id": INCIDENT, "number": "INC0010023"}}).to_string();

    let first = measure(&d, &state, &calls, "learner, container new to the key", "GET", &format!("/v1/servicenow/learners/{CALLER}"), None).await;
    let courses_cold = measure(&d, &state, &calls, "courses, first in this container", "GET", "/v1/servicenow/courses?limit=20", None).await;
    let courses_warm = measure(&d, &state, &calls, "courses, warm container", "GET", "/v1/servicenow/courses?limit=20&search=a", None).await;
    let assigned = measure(&d, &state, &calls, "assign 2 courses, warm container", "POST", "/v1/servicenow/assignments", Some(&assign(&[&d.courses[0], &d.courses[1]]))).await;
    let (from, to) = (&litmos_domain::time::rfc3339(T0 - 200 * 86_400)[..10], &litmos_domain::time::rfc3339(T0 + 165 * 86_400)[..10]);
    let report_range = litmos_domain::report::ReportQuery::parse(Some(from), Some(to), Some("course"), None).map(|q| (q.from, q.to)).unwrap();
    let report = measure(&d, &state, &calls, "report over 366 days, warm container", "GET", &format!("/v1/servicenow/reports/effectiveness?from={from}&to={to}&group_by=course"), None).await;
    d.e.clock.advance(6);
    let after_ttl = measure(&d, &state, &calls, "courses, after the auth cache's TTL", "GET", "/v1/servicenow/courses?limit=20", None).await;

    // Auth is one read: the key item carries the tenant's profile.
    assert_eq!((first.reads_of("KEY/KEY"), first.reads_of("TENANT/META")), (1, 0), "{:?}", first.names());
    assert!(first.dynamodb_in_sequence() <= 2 && first.secrets() == 0, "the key, then the learner link: {:?}", first.names());
    // The Litmos key: read once per container, not again after the auth cache's TTL.
    assert_eq!((courses_cold.secrets(), courses_cold.reads_of("TENANT/META")), (1, 0), "{:?}", courses_cold.names());
    assert_eq!((after_ttl.dynamodb(), after_ttl.secrets()), (1, 0), "only the key again: {:?}", after_ttl.names());
    assert!(courses_warm.dynamodb() == 0 && courses_warm.secrets() == 0 && courses_warm.litmos == 0, "a warm container answers from memory: {:?}", courses_warm.names());
    // Assign: 2 Litmos calls, and besides the claims (a conditional PutItem per
    // course, in sorted order) at most 3 DynamoDB round trips in sequence: the first
    // reads with the budget, the reads beside Litmos' answer, the recording transaction.
    assert_eq!(assigned.litmos, 2, "read the learner's courses, assign the new ones");
    let besides_claims: Vec<testkit::Call> = assigned.of("dynamodb:").into_iter().filter(|c| c.operation != "dynamodb:PutItem").collect();
    assert!(testkit::in_sequence(&besides_claims) <= 3, "{:?}", assigned.names());
    assert_eq!(assigned.of("dynamodb:UpdateItem").len(), 1, "one budget update for both Litmos calls: {:?}", assigned.names());

    // The report (issue 19.3): the tenant's META and, for the courses and the totals,
    // each whole month and each few days of the two part months (`rollup::reads`), all
    // at once; no record is read (nothing is completed yet: no fine items to read).
    let reads = litmos_domain::rollup::reads(report_range.0, report_range.1).len();
    assert_eq!((report.reads_of("TENANT/META"), report.of("dynamodb:Query").len(), report.dynamodb()), (1, 2 * reads, 1 + 2 * reads), "{:?}", report.names());
    assert_eq!(report.dynamodb_in_sequence(), 1, "{:?}", report.names());

    // The tenant changes (a new source): within the auth cache's TTL this container
    // reads the key again, sees the new profile, and reads the Litmos key again once.
    let auth = bearer(ADMIN);
    let body = json!({"name": "Acme", "litmos": {"base_url": d.e.litmos_url, "api_key": "demo-litmos-key", "source": "servicenow-2"}}).to_string();
    assert_eq!(admin::put_tenant(d.e.state.clone(), event("PUT", "/v1/admin/tenants/acme", &[("authorization", &auth)], Some(&body))).await.status(), 200);
    d.e.clock.advance(6);
    let changed = measure(&d, &state, &calls, "assign 1 course after the tenant changed", "POST", "/v1/servicenow/assignments", Some(&assign(&[&d.courses[2]]))).await;
    assert_eq!((changed.reads_of("KEY/KEY"), changed.reads_of("TENANT/META"), changed.secrets()), (1, 0, 1), "{:?}", changed.names());
    assert!(changed.litmos_queries.iter().all(|q| q.contains("source=servicenow-2")), "Litmos calls carry the new source: {:?}", changed.litmos_queries);
    // However long the tenant stays the same, the Litmos key is read again now and then.
    d.e.clock.advance(litmos_domain::auth::API_KEY_MAX_AGE_SECONDS);
    let aged = measure(&d, &state, &calls, "courses, the Litmos key past its max age", "GET", "/v1/servicenow/courses?limit=20", None).await;
    assert_eq!(aged.secrets(), 1, "{:?}", aged.names());

    // Forgetting the caller reads the tenant once (to cut the links), not again for the
    // rest of the deletion.
    calls.take();
    let r = admin::forget_caller(state.clone(), event("DELETE", &format!("/v1/admin/tenants/acme/callers/{CALLER}"), &[("authorization", &auth)], None)).await;
    assert_eq!(r.status(), 204);
    let forget = Cost { aws: calls.take(), litmos: 0, litmos_queries: Vec::new() };
    assert_eq!(forget.reads_of("TENANT/META"), 1, "{:?}", forget.names());
    // Reads in sequence: the tenant and the cut's two, the link, then everything that
    // goes side by side (15 when each query waited for the one before).
    let reads: Vec<testkit::Call> = forget.of("dynamodb:").into_iter().filter(|c| matches!(c.operation.as_str(), "dynamodb:GetItem" | "dynamodb:Query")).collect();
    println!("forget-caller: {} reads, {} in sequence; {:?}", reads.len(), testkit::in_sequence(&reads), forget.names());
    assert!(testkit::in_sequence(&reads) <= 5, "{:?}", forget.names());
}

/// A key made before keys carried their tenant's profile still works: the tenant is
/// read instead (one more read, cached like the key).
#[tokio::test]
async fn a_key_without_a_profile_reads_its_tenant() {
    let d = deployed().await;
    let hash = litmos_domain::keys::hash(&d.key);
    d.e.state
        .store
        .client()
        .update_item()
        .table_name(&d.e.state.config.table_name)
        .key("pk", aws_sdk_dynamodb::types::AttributeValue::S(format!("KEY#{}", hash.0)))
        .key("sk", aws_sdk_dynamodb::types::AttributeValue::S("KEY".into()))
        .update_expression("REMOVE base_url, #source, send_welcome_email, profile_v")
        .expression_attribute_names("#source", "source")
        .send()
        .await
        .unwrap();
    let (state, calls) = fresh_container(&d.e).await;
    let courses = measure(&d, &state, &calls, "courses, a key without a profile", "GET", "/v1/servicenow/courses?limit=20", None).await;
    assert_eq!((courses.reads_of("KEY/KEY"), courses.reads_of("TENANT/META"), courses.secrets()), (1, 1, 1), "{:?}", courses.names());
}

/// Issue 8: containers that find the catalog stale or missing at the same moment
/// refresh it from Litmos once between them (a lease in the table), not once each.
#[tokio::test]
async fn concurrent_containers_refresh_the_catalog_once() {
    let d = deployed().await;
    let containers = new_containers(&d, 4).await;
    for (what, prepare) in [("stale", 0), ("missing", 1)] {
        match prepare {
            // Older than CATALOG_TTL_SECONDS: every container finds it stale.
            0 => d.e.clock.advance(24 * 3_600),
            // Gone from the table: nobody has a copy to serve meanwhile.
            _ => {
                d.e.state
                    .store
                    .client()
                    .delete_item()
                    .table_name(&d.e.state.config.table_name)
                    .key("pk", aws_sdk_dynamodb::types::AttributeValue::S("TENANT#acme".into()))
                    .key("sk", aws_sdk_dynamodb::types::AttributeValue::S("CACHE#catalog".into()))
                    .send()
                    .await
                    .unwrap();
                d.e.clock.advance(60);
            }
        }
        d.e.double.clear_requests();
        let lists = containers.iter().map(|state| {
            let (state, key) = (state.clone(), d.key.clone());
            tokio::spawn(async move { servicenow_call(&state, &key, "GET", "/v1/servicenow/courses?limit=5&search=e", Some(ADMIN_AGENT), None, &[]).await.status() })
        });
        for l in lists.collect::<Vec<_>>() {
            assert_eq!(l.await.unwrap(), 200, "{what}: every container answers");
        }
        let pages: Vec<String> = d.e.double.requests().into_iter().filter(|r| r.path.ends_with("/courses")).map(|r| r.query).collect();
        let distinct: std::collections::BTreeSet<&String> = pages.iter().collect();
        assert!(!pages.is_empty(), "{what}: the catalog was refreshed");
        assert_eq!(pages.len(), distinct.len(), "{what}: each catalog page read once, not once per container: {pages:?}");
    }
}

/// `n` new execution environments of the deployment.
async fn new_containers(d: &Deployed, n: usize) -> Vec<std::sync::Arc<litmos_api::AppState>> {
    let mut out = Vec::new();
    for _ in 0..n {
        let (state, _) = fresh_container(&d.e).await;
        out.push(state);
    }
    out
}
