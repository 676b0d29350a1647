//! The sync fanned out on SQS (issue 19.1), on moto's FIFO queue and the Litmos double:
//! the schedule enqueues one message per enabled tenant (once per round), the worker,
//! fed real SQS event JSON, syncs one tenant per message, records each tenant's outcome,
//! defers a rate-limited tenant with a follow-up message, and reports back only what a
//! retry can mend.

mod support;

use std::sync::Arc;

use litmos_api::AppState;
use litmos_api::outcomes;
use litmos_domain::ports::SecretStore;
use serde_json::{Value, json};
use support::*;

async fn fifo_queue(name: &str) -> (aws_sdk_sqs::Client, String) {
    let client = aws_sdk_sqs::Client::new(&testkit::sdk_config().await);
    let unique = format!("{name}-{:x}.fifo", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos());
    let out = client.create_queue().queue_name(unique).attributes(aws_sdk_sqs::types::QueueAttributeName::FifoQueue, "true").send().await.unwrap();
    (client, out.queue_url.unwrap())
}

/// The deployment's state with the sync queue (and a short soft deadline).
async fn with_queue(e: &Env, url: &str, soft_deadline: u64) -> Arc<AppState> {
    let mut config = e.state.config.clone();
    config.sync_queue_url = Some(url.to_string());
    config.sync_soft_deadline_seconds = soft_deadline;
    Arc::new(AppState::new(config, &testkit::sdk_config().await, Box::new(e.clock.clone())))
}

/// Every message now in the queue, as the SQS event Lambda would get (received, so they
/// are in flight), one event per message as the worker's mapping sends them.
async fn receive_all(client: &aws_sdk_sqs::Client, url: &str) -> Vec<Value> {
    let mut events = Vec::new();
    loop {
        let out = client.receive_message().queue_url(url).max_number_of_messages(10).send().await.unwrap();
        let messages = out.messages.unwrap_or_default();
        if messages.is_empty() {
            return events;
        }
        for m in messages {
            events.push(json!({"Records": [{
                "messageId": m.message_id(), "receiptHandle": m.receipt_handle(), "body": m.body(),
                "attributes": {"ApproximateReceiveCount": "1", "MessageGroupId": "x"}, "messageAttributes": {},
                "md5OfBody": m.md5_of_body(), "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:sync.fifo", "awsRegion": "us-east-1"
            }]}));
        }
    }
}

async fn work(state: &AppState, event: &Value) -> Value {
    let event: aws_lambda_events::event::sqs::SqsEvent = serde_json::from_value(event.clone()).unwrap();
    serde_json::to_value(outcomes::sync_worker(state, event).await).unwrap()
}

async fn last_sync(e: &Env, id: &str) -> Value {
    let r = litmos_api::admin::get_tenant(e.state.clone(), event("GET", &format!("/v1/admin/tenants/{id}"), &[("authorization", &bearer(ADMIN))], None)).await;
    status_and_json(&r).1["last_sync"].clone()
}

fn tenant_of(event: &Value) -> String {
    serde_json::from_str::<Value>(event["Records"][0]["body"].as_str().unwrap()).unwrap()["tenant"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_round_enqueues_each_enabled_tenant_once_and_the_worker_records_each_outcome() {
    let e = env().await;
    enabled_tenant(&e, "alpha").await;
    enabled_tenant(&e, "beta").await;
    enabled_tenant(&e, "gamma").await;
    litmos_api::admin::disable_servicenow(e.state.clone(), event("DELETE", "/v1/admin/tenants/gamma/servicenow", &[("authorization", &bearer(ADMIN))], None)).await;
    // Beta's Litmos key was revoked in Litmos: its sync fails, and says so.
    e.state.secrets.put_secret(&e.state.names.litmos_key("beta"), "revoked-litmos-key").await.unwrap();
    let (sqs, url) = fifo_queue("sync").await;
    let state = with_queue(&e, &url, 30).await;

    let out = outcomes::sync_all(&state).await.unwrap();
    assert_eq!(out["tenants_enqueued"], 2, "{out}");
    assert_eq!(outcomes::sync_all(&state).await.unwrap()["tenants_enqueued"], 2, "the schedule firing twice in a round…");
    let events = receive_all(&sqs, &url).await;
    let mut tenants: Vec<String> = events.iter().map(tenant_of).collect();
    tenants.sort();
    assert_eq!(tenants, ["alpha", "beta"], "…enqueues each enabled tenant once, the disabled one not at all");

    assert_eq!(last_sync(&e, "alpha").await, Value::Null, "no sync yet");
    for ev in &events {
        let response = work(&state, ev).await;
        assert_eq!(response["batchItemFailures"], json!([]), "neither is for SQS to retry: {response}");
    }
    let alpha = last_sync(&e, "alpha").await;
    assert_eq!((alpha["outcome"].as_str(), alpha["error_kind"].as_str()), (Some("succeeded"), None), "{alpha}");
    assert_eq!(alpha["at"], litmos_domain::time::rfc3339(T0));
    let beta = last_sync(&e, "beta").await;
    assert_eq!((beta["outcome"].as_str(), beta["error_kind"].as_str()), (Some("failed"), Some("litmos")), "{beta}");
    assert!(receive_all(&sqs, &url).await.is_empty(), "nothing was deferred");
}

#[tokio::test]
async fn a_rate_limited_tenant_is_paced_then_continued_by_a_follow_up_message() {
    let e = env_with(litmos_double::Config { rate_limit_per_minute: 3, ..Default::default() }, None).await;
    let key = enabled_tenant(&e, "alpha").await;
    // Work for the sync: an open assignment (the double's budget is spent on the way).
    let body = json!({"caller": {"sys_id": CALLER, "email": "pat@example.com", "first_name": "Pat", "last_name": "Lee"}}).to_string();
    let _ = servicenow_call(&e.state, &key, "POST", "/v1/servicenow/learners", None, Some(&body), &[]).await;
    let (sqs, url) = fifo_queue("paced").await;
    let state = with_queue(&e, &url, 8).await;
    let message = json!({"tenant": "alpha", "round": 60, "part": 0}).to_string();
    let ev = json!({"Records": [{"messageId": "m-1", "receiptHandle": "r", "body": message, "attributes": {}, "messageAttributes": {},
        "md5OfBody": "", "eventSource": "aws:sqs", "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:sync.fifo", "awsRegion": "us-east-1"}]});
    let started = std::time::Instant::now();
    let response = work(&state, &ev).await;
    let took = started.elapsed();
    assert_eq!(response["batchItemFailures"], json!([]), "rate limiting never burns a receive: {response}");
    assert!(took >= std::time::Duration::from_secs(5) && took < std::time::Duration::from_secs(15), "paced (5 s), then deferred before its 8 s soft deadline: {took:?}");
    let deferred = last_sync(&e, "alpha").await;
    assert_eq!(deferred["outcome"], "deferred", "{deferred}");
    let follow_ups = receive_all(&sqs, &url).await;
    assert_eq!(follow_ups.len(), 1);
    let next: Value = serde_json::from_str(follow_ups[0]["Records"][0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(next, json!({"tenant": "alpha", "round": 60, "part": 1}));
}

#[tokio::test]
async fn what_a_retry_can_mend_goes_back_to_the_queue_and_a_bad_message_too() {
    let e = env().await;
    enabled_tenant(&e, "alpha").await;
    // The store is unreachable: the message is reported back (SQS retries it, then the DLQ).
    let down = env_with(litmos_double::Config::default(), Some("http://127.0.0.1:9")).await;
    let mut config = down.state.config.clone();
    config.sync_queue_url = Some("http://127.0.0.1:9/queue/sync.fifo".into());
    let state = Arc::new(AppState::new(config, &testkit::sdk_config_at("http://127.0.0.1:9").await, Box::new(down.clock.clone())));
    let record = |id: &str, body: &str| {
        json!({"messageId": id, "receiptHandle": "r", "body": body, "attributes": {}, "messageAttributes": {},
        "md5OfBody": "", "eventSource": "aws:sqs", "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:sync.fifo", "awsRegion": "us-east-1"})
    };
    let ev = json!({"Records": [record("m-store", &json!({"tenant": "alpha", "round": 1}).to_string()), record("m-bad", "not a sync message")]});
    let response = work(&state, &ev).await;
    assert_eq!(response["batchItemFailures"], json!([{"itemIdentifier": "m-store"}, {"itemIdentifier": "m-bad"}]));
}

#[tokio::test]
async fn without_a_queue_a_round_where_every_tenant_failed_is_a_failure() {
    let e = env().await;
    enabled_tenant(&e, "alpha").await;
    e.state.secrets.put_secret(&e.state.names.litmos_key("alpha"), "revoked-litmos-key").await.unwrap();
    let err = outcomes::sync_all(&e.state).await.unwrap_err();
    assert!(err.to_string().contains("every tenant's sync failed"), "{err}");
    enabled_tenant(&e, "beta").await;
    let out = outcomes::sync_all(&e.state).await.unwrap();
    assert_eq!((out["tenants_synced"].as_u64(), out["tenants_failed"].as_u64()), (Some(1), Some(1)), "{out}");
}

/// A deployment whose deletions never fit in their request: each goes on as a job.
async fn impatient(e: &Env, url: &str) -> Arc<AppState> {
    let mut config = e.state.config.clone();
    config.sync_queue_url = Some(url.to_string());
    config.inline_delete_seconds = 0;
    Arc::new(AppState::new(config, &testkit::sdk_config().await, Box::new(e.clock.clone())))
}

async fn job_status(state: &Arc<AppState>, id: &str) -> (u16, Value) {
    status_and_json(&litmos_api::jobs::get_job(state.clone(), event("GET", &format!("/v1/admin/jobs/{id}"), &[("authorization", &bearer(ADMIN))], None)).await)
}

#[tokio::test]
async fn a_forget_that_outgrows_its_request_answers_202_and_finishes_as_a_job() {
    let e = env().await;
    let key = enabled_tenant(&e, "acme").await;
    let caller = json!({"caller": {"sys_id": CALLER, "email": "gone@customer.example"}}).to_string();
    let (status, linked) = status_and_json(&servicenow_call(&e.state, &key, "POST", "/v1/servicenow/learners", Some(ADMIN_AGENT), Some(&caller), &[]).await);
    assert_eq!(status, 201);
    let learner = linked["learner"]["id"].as_str().unwrap().to_string();
    let (client, url) = fifo_queue("jobs").await;
    let state = impatient(&e, &url).await;

    let path = format!("/v1/admin/tenants/acme/callers/{CALLER}");
    let r = litmos_api::admin::forget_caller(state.clone(), event("DELETE", &path, &[("authorization", &bearer(ADMIN))], None)).await;
    let location = r.headers().get("location").map(|v| v.to_str().unwrap().to_string());
    let (status, body) = status_and_json(&r);
    assert_eq!(status, 202, "{body}");
    let job = body["job"]["id"].as_str().unwrap().to_string();
    assert_eq!((body["job"]["kind"].as_str(), body["job"]["status"].as_str()), (Some("forget_caller"), Some("running")));
    assert!(location.as_deref().is_some_and(|l| l.ends_with(&format!("/v1/admin/jobs/{job}"))), "{location:?}");
    assert_eq!(body["job"]["status_url"].as_str(), location.as_deref());
    assert_eq!(job_status(&state, &job).await.1["status"], "running");

    // The links are cut at once, though the data is still being deleted: the caller has
    // no learner, their Litmos user takes no assignment, and neither can be linked again
    // until the job is done.
    let (status, _) = status_and_json(&servicenow_call(&e.state, &key, "GET", &format!("/v1/servicenow/learners/{CALLER}"), None, None, &[]).await);
    assert_eq!(status, 404, "no learner while being forgotten");
    let (status, body) = status_and_json(&servicenow_call(&e.state, &key, "POST", "/v1/servicenow/learners", Some(ADMIN_AGENT), Some(&caller), &[]).await);
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["detail"], format!("Caller {CALLER} is being forgotten; link them again once that has finished."));
    let assign = json!({"learner_id": learner, "course_ids": ["1"], "incident": {"sys_id": "f".repeat(32), "number": "INC0000001"}}).to_string();
    let (status, body) = status_and_json(&servicenow_call(&e.state, &key, "POST", "/v1/servicenow/assignments", Some(ADMIN_AGENT), Some(&assign), &[]).await);
    assert_eq!(status, 404, "{body}");
    let other = json!({"caller": {"sys_id": "b".repeat(32), "email": "gone@customer.example"}}).to_string();
    let (status, body) = status_and_json(&servicenow_call(&e.state, &key, "POST", "/v1/servicenow/learners", Some(ADMIN_AGENT), Some(&other), &[]).await);
    assert_eq!(status, 409, "another caller does not take the Litmos user meanwhile: {body}");

    // The worker finishes it from the queue; run twice (a redelivery), it stays done.
    let events = receive_all(&client, &url).await;
    assert_eq!(events.len(), 1);
    assert_eq!(work(&state, &events[0]).await["batchItemFailures"], json!([]));
    assert_eq!(work(&state, &events[0]).await["batchItemFailures"], json!([]));
    let (status, done) = job_status(&state, &job).await;
    assert_eq!((status, done["status"].as_str(), done["error_kind"].clone()), (200, Some("done"), Value::Null), "{done}");
    assert!(done.get("caller_sys_id").is_none(), "the forgotten caller is not named once done: {done}");
    let (status, _) = status_and_json(&servicenow_call(&e.state, &key, "GET", &format!("/v1/servicenow/learners/{CALLER}"), None, None, &[]).await);
    assert_eq!(status, 404, "the caller is forgotten");
    let (status, relinked) = status_and_json(&servicenow_call(&e.state, &key, "POST", "/v1/servicenow/learners", Some(ADMIN_AGENT), Some(&caller), &[]).await);
    assert_eq!((status, relinked["learner"]["id"].as_str()), (200, Some(learner.as_str())), "once done, the caller links again to their Litmos user: {relinked}");
    assert_eq!(job_status(&state, "0123456789abcdef0123456789abcdef").await.0, 404);
    assert_eq!(job_status(&state, "not-a-job").await.0, 400);
}

#[tokio::test]
async fn a_tenant_delete_cuts_its_keys_at_once_and_finishes_as_a_job() {
    let e = env().await;
    let key = enabled_tenant(&e, "acme").await;
    let (client, url) = fifo_queue("jobs").await;
    let state = impatient(&e, &url).await;
    let r = litmos_api::admin::delete_tenant(state.clone(), event("DELETE", "/v1/admin/tenants/acme", &[("authorization", &bearer(ADMIN))], None)).await;
    let (status, body) = status_and_json(&r);
    assert_eq!(status, 202, "{body}");
    // The key no longer works, though the data is still being deleted.
    e.clock.advance(10);
    let (status, _) = status_and_json(&servicenow_call(&e.state, &key, "GET", "/v1/servicenow/configuration", None, None, &[]).await);
    assert_eq!(status, 401);
    let events = receive_all(&client, &url).await;
    assert_eq!(work(&state, &events[0]).await["batchItemFailures"], json!([]));
    assert_eq!(job_status(&state, body["job"]["id"].as_str().unwrap()).await.1["status"], "done");
    let r = litmos_api::admin::get_tenant(state.clone(), event("GET", "/v1/admin/tenants/acme", &[("authorization", &bearer(ADMIN))], None)).await;
    assert_eq!(r.status(), 404);
    // An unknown tenant is a 404 at once, not a job.
    let r = litmos_api::admin::delete_tenant(state.clone(), event("DELETE", "/v1/admin/tenants/nobody", &[("authorization", &bearer(ADMIN))], None)).await;
    assert_eq!(r.status(), 404);
    assert!(receive_all(&client, &url).await.is_empty());
}

#[tokio::test]
async fn deletions_that_fit_still_answer_204() {
    let e = env().await;
    enabled_tenant(&e, "acme").await;
    let r = litmos_api::admin::delete_tenant(e.state.clone(), event("DELETE", "/v1/admin/tenants/acme", &[("authorization", &bearer(ADMIN))], None)).await;
    assert_eq!(r.status(), 204);
}
