//! Background deletion jobs: one item each, in its own partition (a deleted tenant's
//! partition goes, its job's record stays), kept a week.

use async_trait::async_trait;
use litmos_domain::jobs::{Job, JobKind, JobStatus, KEEP_SECONDS};
use litmos_domain::ports::{JobStore, StoreError};
use serde::{Deserialize, Serialize};
use tracing::instrument;

use super::layout::*;
use super::{DynamoStore, unavailable};

/// The item's JSON body (the key and the TTL are attributes of their own).
#[derive(Serialize, Deserialize)]
struct Stored {
    kind: JobKind,
    tenant_id: String,
    caller_sys_id: Option<String>,
    status: JobStatus,
    created_at: i64,
    updated_at: i64,
    error_kind: Option<String>,
}

#[async_trait]
impl JobStore for DynamoStore {
    #[instrument(skip_all, fields(job = %job.id))]
    async fn put_job(&self, job: &Job) -> Result<(), StoreError> {
        let body = Stored {
            kind: job.kind,
            tenant_id: job.tenant_id.clone(),
            caller_sys_id: job.caller_sys_id.clone(),
            status: job.status,
            created_at: job.created_at,
            updated_at: job.updated_at,
            error_kind: job.error_kind.clone(),
        };
        let mut item = key(job_pk(&job.id), JOB_SK);
        item.insert(JOB_JSON.into(), json_s(&body));
        item.insert(TTL.into(), n(job.created_at + KEEP_SECONDS));
        self.client.put_item().table_name(&self.table).set_item(Some(item)).send().await.map_err(|e| unavailable("put_item", e))?;
        Ok(())
    }

    #[instrument(skip_all, fields(job = id))]
    async fn get_job(&self, id: &str) -> Result<Option<Job>, StoreError> {
        let Some(item) = self.get_item(key(job_pk(id), JOB_SK)).await? else { return Ok(None) };
        let b: Stored = from_json_s(&item, JOB_JSON)?;
        Ok(Some(Job {
            id: id.to_string(),
            kind: b.kind,
            tenant_id: b.tenant_id,
            caller_sys_id: b.caller_sys_id,
            status: b.status,
            created_at: b.created_at,
            updated_at: b.updated_at,
            error_kind: b.error_kind,
        }))
    }
}
