//! Deletions that outgrow their request (issue 19.5): forgetting a caller and deleting a
//! tenant answer 204 when they finish within `INLINE_DELETE_SECONDS`; past that they
//! answer 202 with a job (`GET /v1/admin/jobs/{job_id}`) and finish on the sync queue.
//! A deletion cut short anywhere can run again (see `litmos_domain::jobs`).

use std::sync::Arc;
use std::time::Duration;

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use litmos_domain::Error;
use litmos_domain::jobs::{self, Job, JobKind, JobRef, JobStatus, JobView};
use litmos_domain::ports::{JobStore, SyncMessage, SyncQueue};
use serde_json::json;

use crate::AppState;
use crate::http::{Rejection, json, no_content, path_param};

async fn run(state: &AppState, kind: JobKind, tenant: &str, caller: Option<&str>) -> Result<(), Error> {
    let admin = state.admin_service();
    match (kind, caller) {
        (JobKind::DeleteTenant, _) => admin.delete_tenant(tenant).await,
        (JobKind::ForgetCaller, Some(c)) => admin.forget_caller(tenant, c).await,
        (JobKind::ForgetCaller, None) => Err(Error::Internal("a forget-caller job without its caller".into())),
    }
}

/// Runs the deletion inside the request while it fits; else hands it to a job.
pub async fn delete_or_defer(state: &AppState, req: &Request, kind: JobKind, tenant: &str, caller: Option<&str>) -> Result<Response<Body>, Rejection> {
    let inline = Duration::from_secs(state.config.inline_delete_seconds);
    if let Ok(done) = tokio::time::timeout(inline, run(state, kind, tenant, caller)).await {
        done?;
        return Ok(no_content());
    }
    // What ran is kept (each deletion is ordered to be run again); the rest goes on.
    let Some(queue) = state.sync_queue() else {
        return Err(Error::Busy("The deletion did not finish in time and this deployment has no job queue; send the request again: it goes on where it stopped.".into()).into());
    };
    let now = state.clock.now();
    let job =
        Job { id: jobs::new_id(), kind, tenant_id: tenant.to_string(), caller_sys_id: caller.map(str::to_string), status: JobStatus::Running, created_at: now, updated_at: now, error_kind: None };
    state.store.put_job(&job).await.map_err(Error::from)?;
    let message = SyncMessage { tenant: tenant.to_string(), round: 0, part: 0, job: Some(JobRef { id: job.id.clone(), kind, caller_sys_id: job.caller_sys_id.clone() }) };
    queue.enqueue(&[message]).await.map_err(Error::from)?;
    tracing::info!(tenant, job = %job.id, kind = ?kind, "deletion goes on as a background job");
    let view = JobView::new(&job, &state.public_base(req));
    let mut response = json(StatusCode::ACCEPTED, &json!({"job": view}));
    response.headers_mut().insert("location", view.status_url.parse().expect("an ASCII URL"));
    Ok(response)
}

/// The sync worker's side: one job message. `Err` only for what a retry of the message
/// can mend (the store); a job that outruns `soft_deadline` sends its next part.
pub async fn run_job(state: &AppState, message: &SyncMessage, job: &JobRef, soft_deadline: Duration) -> Result<(), Error> {
    let outcome = tokio::time::timeout(soft_deadline, run(state, job.kind, &message.tenant, job.caller_sys_id.as_deref())).await;
    let (status, error) = match outcome {
        Err(_) => {
            let queue = state.sync_queue().ok_or_else(|| Error::Internal("a job message without a queue to continue on".into()))?;
            queue.enqueue(&[SyncMessage { part: message.part + 1, ..message.clone() }]).await?;
            tracing::info!(job = %job.id, part = message.part + 1, "job goes on in its next part");
            return Ok(());
        }
        Ok(Ok(())) => (JobStatus::Done, None),
        // Nothing left: the request's own run (or an earlier try of this message)
        // removed the last of it.
        Ok(Err(Error::NotFound(_))) => (JobStatus::Done, None),
        Ok(Err(e @ Error::Store(_))) => return Err(e),
        Ok(Err(e)) => (JobStatus::Failed, Some(e.kind().to_string())),
    };
    let Some(mut record) = state.store.get_job(&job.id).await? else { return Ok(()) };
    if record.status == JobStatus::Done {
        return Ok(());
    }
    record.status = status;
    record.error_kind = error;
    // A forgotten caller is not kept named in the job's record once the job is over.
    if status == JobStatus::Done {
        record.caller_sys_id = None;
    }
    record.updated_at = state.clock.now();
    state.store.put_job(&record).await?;
    tracing::info!(job = %job.id, status = ?status, "job finished");
    Ok(())
}

/// `GET /v1/admin/jobs/{job_id}`.
pub async fn get_job(state: Arc<AppState>, req: Request) -> Response<Body> {
    crate::admin::admin_only(state, req, &[], |state, req| async move {
        let id = path_param(&req, "/v1/admin/jobs/{job_id}", "job_id")?;
        if !jobs::valid_id(&id) {
            return Err(Error::invalid("job_id", "must be a job id: 32 lowercase hexadecimal characters").into());
        }
        let job = state.store.get_job(&id).await.map_err(Error::from)?.ok_or_else(|| Error::NotFound(format!("No job with id '{id}'.")))?;
        Ok(json(StatusCode::OK, &JobView::new(&job, &state.public_base(&req))))
    })
    .await
}
