//! `dev-sync-poller`: what EventBridge Scheduler and the SQS event source mapping do in a
//! deployment, for the local stack (moto's SQS-to-Lambda trigger needs Docker). Every
//! `DEV_SYNC_EVERY_SECONDS` (900 by default, the template's schedule; the first round
//! after one period) it runs `sync-progress`'s round, which enqueues one message per
//! enabled tenant; meanwhile it receives messages one at a time and hands each to
//! `sync-worker`'s handler as the SQS event Lambda would get, deleting the ones it
//! finished and leaving the ones it reported back to come again.

use std::time::{Duration, Instant};

use aws_lambda_events::event::sqs::{SqsEvent, SqsMessage};

#[tokio::main]
async fn main() {
    let state = match litmos_api::AppState::from_env().await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dev-sync: {e}");
            std::process::exit(1);
        }
    };
    let Some(url) = state.config.sync_queue_url.clone() else {
        eprintln!("dev-sync: SYNC_QUEUE_URL is not set");
        std::process::exit(1);
    };
    let every = Duration::from_secs(std::env::var("DEV_SYNC_EVERY_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(900));
    let sqs = aws_sdk_sqs::Client::new(&litmos_adapters::aws::sdk_config().await);
    eprintln!("dev-sync: a sync round every {} s through {url}", every.as_secs());
    let mut next_round = Instant::now() + every;
    loop {
        if Instant::now() >= next_round {
            next_round += every;
            match litmos_api::outcomes::sync_all(&state).await {
                Ok(out) => eprintln!("dev-sync: round enqueued: {out}"),
                Err(e) => eprintln!("dev-sync: round failed: {e}"),
            }
        }
        // No long polling: the local moto answers one request at a time, so a waiting
        // receive would hold up every other call of the stack. A short receive, then a pause.
        let received = sqs.receive_message().queue_url(&url).max_number_of_messages(1).wait_time_seconds(0).send().await;
        let messages = match received {
            Ok(r) => r.messages.unwrap_or_default(),
            Err(e) => {
                eprintln!("dev-sync: receive failed: {}", aws_sdk_sqs::error::DisplayErrorContext(e));
                tokio::time::sleep(Duration::from_secs(2)).await;
                continue;
            }
        };
        if messages.is_empty() {
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
        for m in messages {
            let mut record = SqsMessage::default();
            record.message_id = m.message_id.clone();
            record.receipt_handle = m.receipt_handle.clone();
            record.body = m.body.clone();
            let mut event = SqsEvent::default();
            event.records.push(record);
            let response = litmos_api::outcomes::sync_worker(&state, event).await;
            if response.batch_item_failures.is_empty() {
                if let Some(handle) = m.receipt_handle() {
                    let _ = sqs.delete_message().queue_url(&url).receipt_handle(handle).send().await;
                }
                eprintln!("dev-sync: done {}", m.body().unwrap_or_default());
            } else {
                eprintln!("dev-sync: reported back (comes again after its visibility timeout): {}", m.body().unwrap_or_default());
            }
        }
    }
}
