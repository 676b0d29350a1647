//! The sync queue on SQS: a FIFO queue with one message group per tenant, so a tenant's
//! syncs run one at a time and in order, while different tenants run side by side.

use async_trait::async_trait;
use aws_sdk_sqs::Client;
use aws_sdk_sqs::error::DisplayErrorContext;
use aws_sdk_sqs::types::SendMessageBatchRequestEntry;
use litmos_domain::ports::{StoreError, SyncMessage, SyncQueue};
use tracing::instrument;

/// SQS takes at most 10 messages a call.
const BATCH: usize = 10;

pub struct SqsSyncQueue {
    client: Client,
    url: String,
}

impl SqsSyncQueue {
    pub fn new(client: Client, url: String) -> Self {
        SqsSyncQueue { client, url }
    }
}

/// The same round and part of a tenant is one message however often it is sent (FIFO
/// de-duplication, 5 minutes): a schedule that fires twice enqueues each tenant once.
/// A job is one message per job id and part.
fn dedup_id(m: &SyncMessage) -> String {
    match &m.job {
        Some(j) => format!("job.{}.{}", j.id, m.part),
        None => format!("{}.{}.{}", m.tenant, m.round, m.part),
    }
}

#[async_trait]
impl SyncQueue for SqsSyncQueue {
    #[instrument(skip_all, fields(count = messages.len()))]
    async fn enqueue(&self, messages: &[SyncMessage]) -> Result<(), StoreError> {
        for chunk in messages.chunks(BATCH) {
            let mut pending: Vec<&SyncMessage> = chunk.iter().collect();
            for attempt in 0..3 {
                let entries = pending
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        SendMessageBatchRequestEntry::builder()
                            .id(i.to_string())
                            .message_body(serde_json::to_string(m).expect("serializable"))
                            .message_group_id(&m.tenant)
                            .message_deduplication_id(dedup_id(m))
                            .build()
                            .expect("id and body are set")
                    })
                    .collect();
                let out = self
                    .client
                    .send_message_batch()
                    .queue_url(&self.url)
                    .set_entries(Some(entries))
                    .send()
                    .await
                    .map_err(|e| StoreError::Unavailable(format!("sqs send_message_batch: {}", DisplayErrorContext(e))))?;
                let failed: Vec<usize> = out.failed().iter().filter_map(|f| f.id().parse().ok()).collect();
                if failed.is_empty() {
                    break;
                }
                if attempt == 2 {
                    return Err(StoreError::Unavailable(format!("sqs send_message_batch: {} messages refused", failed.len())));
                }
                pending = failed.into_iter().filter_map(|i| pending.get(i).copied()).collect();
            }
        }
        Ok(())
    }
}
