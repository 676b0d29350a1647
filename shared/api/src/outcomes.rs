//! Training outcomes (SPEC 3.4): the Litmos webhook, the admin's sync, incidents, the
//! feed, one caller's courses and the effectiveness report.

use std::sync::Arc;
use std::time::Duration;

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use litmos_domain::keys;
use litmos_domain::model::{SyncRecord, Tenant};
use litmos_domain::ports::{RuleStore, SyncMessage, SyncQueue, TenantStore};
use litmos_domain::report::{self, ReportQuery};
use litmos_domain::training::{self, IncidentInput, Outcomes, WebhookOutcome};
use litmos_domain::{Error, validate};
use serde_json::{Value, json};
use subtle::ConstantTimeEq;

use crate::AppState;
use crate::http::{Rejection, body_bytes, header, json, json_body, only_query, path_param, query, request_id};
use crate::servicenow::authed;

const WEBHOOK: &str = "/v1/litmos/webhooks/{tenant_id}/{webhook_token}";

impl AppState {
    pub fn outcomes(&self) -> Outcomes<'_> {
        Outcomes { progress: &self.store, incidents: &self.store, learners: &self.store, cache: &self.store, litmos: &self.litmos, clock: self.clock.as_ref() }
    }

    /// For the progress sync: Litmos calls from the background share of the budget.
    pub fn background_outcomes(&self) -> Outcomes<'_> {
        Outcomes { litmos: &self.litmos_background, ..self.outcomes() }
    }
}

/// The token in the URL is the only credential Litmos can send. It is checked before
/// the body is looked at; an unknown tenant and a wrong token are the same 401.
async fn check_webhook_token(state: &AppState, req: &Request) -> Result<String, Error> {
    let tenant_id = path_param(req, WEBHOOK, "tenant_id").map_err(|_| Error::Unauthorized)?;
    let token = path_param(req, WEBHOOK, "webhook_token").map_err(|_| Error::Unauthorized)?;
    if validate::tenant_id("tenant_id", &tenant_id).is_err() || token.len() != 64 {
        return Err(Error::Unauthorized);
    }
    let tenant = state.store.get_tenant(&tenant_id).await?.ok_or(Error::Unauthorized)?;
    let given = keys::hash(&token);
    let sn = &tenant.servicenow;
    let matches = |h: &keys::KeyHash| bool::from(h.0.as_bytes().ct_eq(given.0.as_bytes()));
    let current = sn.webhook.as_ref().is_some_and(matches);
    let previous = sn.previous_webhooks.iter().any(|(h, until)| state.clock.now() < *until && matches(h));
    if !sn.enabled || !(current || previous) {
        tracing::warn!(tenant = %tenant_id, "webhook auth failed");
        return Err(Error::Unauthorized);
    }
    Ok(tenant_id)
}

/// The parts of Litmos' event this product reads: `achievement.earned` needs
/// `data.userId`, `data.courseId` and `data.achievementId`; other types are accepted.
fn parse_event(body: &[u8]) -> Result<Option<(String, String, String)>, Error> {
    let v: Value = serde_json::from_slice(body).map_err(|_| Error::invalid("body", "is not valid JSON"))?;
    let obj = v.as_object().ok_or_else(|| Error::invalid("body", "must be a Litmos webhook event object"))?;
    let kind = obj.get("type").and_then(Value::as_str).ok_or_else(|| Error::invalid("type", "is required and must be a string"))?;
    let data = obj.get("data").and_then(Value::as_object).ok_or_else(|| Error::invalid("data", "is required and must be an object"))?;
    if kind != "achievement.earned" {
        return Ok(None);
    }
    let id = |field: &str| -> Result<String, Error> {
        let name = format!("data.{field}");
        let raw = match data.get(field) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => return Err(Error::invalid(&name, "is required")),
        };
        validate::litmos_id(&name, &raw)?;
        Ok(raw)
    };
    Ok(Some((id("userId")?, id("courseId")?, id("achievementId")?)))
}

pub async fn litmos_webhook(state: Arc<AppState>, req: Request) -> Response<Body> {
    let rid = request_id(&req);
    let outcome = async {
        let tenant = check_webhook_token(&state, &req).await?;
        only_query(&req, &[])?;
        let bytes = body_bytes(&req);
        if bytes.len() > crate::http::MAX_BODY_BYTES {
            return Err(Rejection::TooLarge);
        }
        let Some((user, course, achievement)) = parse_event(bytes)? else {
            return Ok(json(StatusCode::OK, &json!({"status": "ignored"})));
        };
        let account = async { state.accounts.load(&state.store, &state.secrets, &state.names, state.clock.as_ref(), &tenant).await.map(|(_, a)| a) };
        // Hints read Litmos with the background share of the account's budget: a flood of
        // them can never take the calls agents need for Assign Courses.
        let (status, word) = match state.background_outcomes().achievement_hint(&tenant, account, &user, &course, &achievement).await? {
            WebhookOutcome::Done => (StatusCode::OK, "recorded"),
            WebhookOutcome::Ignored => (StatusCode::OK, "ignored"),
            WebhookOutcome::Deferred => (StatusCode::ACCEPTED, "accepted"),
        };
        Ok(json(status, &json!({"status": word})))
    }
    .await;
    outcome.unwrap_or_else(|r: Rejection| r.into_response(&rid))
}

pub async fn create_incident(state: Arc<AppState>, req: Request) -> Response<Body> {
    authed(state, req, |state, req, caller| async move {
        only_query(&req, &[])?;
        let input: IncidentInput = json_body(&req)?;
        let tenant = caller.tenant_id.as_str();
        // The tenant's rules are read beside the write (one round trip, not two in a row).
        let outcomes = state.outcomes();
        let (recorded, rules) = tokio::join!(outcomes.record_incident(tenant, &input), state.store.rules(tenant));
        let recorded = recorded?;
        let status = if recorded.created { StatusCode::CREATED } else { StatusCode::OK };
        let matching: Vec<_> = rules.map_err(Error::from)?.into_iter().filter(|r| litmos_domain::rules::matches(r, &recorded.record)).collect();
        if matching.is_empty() {
            return Ok(json(status, &json!({"incident": recorded.view})));
        }
        let (settings, acct) = state.account(&caller).await?;
        let fired = state.fire_rules(tenant, &acct, settings.send_welcome_email, &matching, &recorded.record, input.caller).await?;
        Ok(json(status, &json!({"incident": recorded.view, "rules": fired})))
    })
    .await
}

pub async fn incident_training(state: Arc<AppState>, req: Request) -> Response<Body> {
    authed(state, req, |state, req, caller| async move {
        only_query(&req, &[])?;
        let sys_id = path_param(&req, "/v1/servicenow/incidents/{incident_sys_id}/training", "incident_sys_id")?;
        validate::sys_id("incident_sys_id", &sys_id)?;
        let (_, acct) = state.account(&caller).await?;
        let mut training = state.outcomes().incident_training(&caller.tenant_id, &acct, &sys_id).await?;
        crate::start_links::add_to_training(&state, &req, &caller, &mut training.assignments).await?;
        Ok(json(StatusCode::OK, &training))
    })
    .await
}

pub async fn learner_courses(state: Arc<AppState>, req: Request) -> Response<Body> {
    authed(state, req, |state, req, caller| async move {
        only_query(&req, &[])?;
        let sys_id = path_param(&req, "/v1/servicenow/learners/{caller_sys_id}/courses", "caller_sys_id")?;
        validate::sys_id("caller_sys_id", &sys_id)?;
        let (_, acct) = state.account(&caller).await?;
        Ok(json(StatusCode::OK, &state.outcomes().caller_courses(&caller.tenant_id, &acct, &sys_id).await?))
    })
    .await
}

pub async fn training_updates(state: Arc<AppState>, req: Request) -> Response<Body> {
    authed(state, req, |state, req, caller| async move {
        only_query(&req, &["cursor", "limit"])?;
        let secret = state.cursor_secret().await?;
        let mut page = training::feed_page(&state.store, &secret, &caller.tenant_id, query(&req, "cursor").as_deref(), query(&req, "limit").as_deref()).await?;
        crate::start_links::add_to_feed(&state, &req, &caller, &mut page.updates).await?;
        Ok(json(StatusCode::OK, &page))
    })
    .await
}

pub(crate) async fn existing_tenant(state: &AppState, id: &str) -> Result<litmos_domain::model::Tenant, Error> {
    state.store.get_tenant(id).await?.ok_or_else(|| Error::NotFound(format!("No tenant with id '{id}'.")))
}

const REPORT_QUERY: &[&str] = &["from", "to", "group_by", "window_days"];

/// The report of one tenant, as JSON or (for `Accept: text/csv`) CSV.
async fn report_response(state: &AppState, req: &Request, tenant_id: &str) -> Result<Response<Body>, Rejection> {
    let q = ReportQuery::parse(query(req, "from").as_deref(), query(req, "to").as_deref(), query(req, "group_by").as_deref(), query(req, "window_days").as_deref())?;
    let report = training::effectiveness(&state.store, &state.store, tenant_id, &q).await?;
    let wants_csv = header(req, "accept").is_some_and(|a| a.to_ascii_lowercase().contains("text/csv"));
    if wants_csv {
        return Ok(Response::builder()
            .status(StatusCode::OK)
            .header("content-type", "text/csv; charset=utf-8")
            .header("cache-control", crate::http::NO_STORE)
            .body(Body::Text(report::to_csv(&report)))
            .expect("static response parts"));
    }
    Ok(json(StatusCode::OK, &report))
}

pub async fn effectiveness_report(state: Arc<AppState>, req: Request) -> Response<Body> {
    authed(state, req, |state, req, caller| async move {
        only_query(&req, REPORT_QUERY)?;
        report_response(&state, &req, &caller.tenant_id).await
    })
    .await
}

/// `GET /v1/admin/tenants/{tenant_id}/reports/effectiveness`: the same report for the
/// admin console; 404 for an unknown tenant.
pub async fn admin_effectiveness_report(state: Arc<AppState>, req: Request) -> Response<Body> {
    crate::admin::guarded_with_query(state, req, REPORT_QUERY, |state, req, id| async move {
        existing_tenant(&state, &id).await?;
        report_response(&state, &req, &id).await
    })
    .await
}

/// Courses ranked by what they prevent, for one category (and table), over the tenant's
/// last 365 days: one range read of its records, and of the tenant (its minimum sample)
/// unless the caller read it already.
async fn recommendations_response(state: &AppState, req: &Request, tenant_id: &str, tenant: Option<Tenant>) -> Result<Response<Body>, Rejection> {
    use litmos_domain::ports::ProgressStore;
    use litmos_domain::recommend;
    let (category, table) = recommend::parse(query(req, "category").as_deref(), query(req, "table").as_deref())?;
    let now = state.clock.now();
    let tenant = async {
        match tenant {
            Some(t) => Ok(Some(t)),
            None => state.store.get_tenant(tenant_id).await,
        }
    };
    let (tenant, records) = tokio::join!(tenant, state.store.records_between(tenant_id, now - recommend::LOOKBACK_DAYS * 86_400, now + 1));
    let min_sample = tenant.map_err(Error::from)?.map_or(recommend::DEFAULT_MIN_SAMPLE, |t| t.recommend_min_sample);
    let ranked = recommend::rank(&records.map_err(Error::from)?, &category, table.as_deref(), min_sample, now);
    Ok(json(StatusCode::OK, &ranked))
}

/// `GET /v1/servicenow/recommendations?category=&table=`.
pub async fn recommendations(state: Arc<AppState>, req: Request) -> Response<Body> {
    authed(state, req, |state, req, caller| async move {
        only_query(&req, &["category", "table"])?;
        recommendations_response(&state, &req, &caller.tenant_id, None).await
    })
    .await
}

/// `GET /v1/admin/tenants/{tenant_id}/reports/recommendations`: the same for the console.
pub async fn admin_recommendations(state: Arc<AppState>, req: Request) -> Response<Body> {
    crate::admin::guarded_with_query(state, req, &["category", "table"], |state, req, id| async move {
        let tenant = existing_tenant(&state, &id).await?;
        recommendations_response(&state, &req, &id, Some(tenant)).await
    })
    .await
}

/// `POST /v1/admin/tenants/{tenant_id}/sync`: one progress sync now.
pub async fn sync_tenant(state: Arc<AppState>, req: Request) -> Response<Body> {
    crate::admin::guarded(state, req, |state, req, id| async move {
        let _: crate::admin::Empty = json_body(&req)?;
        let started = std::time::Instant::now();
        let tenant = existing_tenant(&state, &id).await?;
        // A 401 here would read as the admin's own token failing (the console signs out).
        if !tenant.servicenow.enabled {
            return Err(litmos_domain::Error::Conflict(format!("The ServiceNow integration of tenant '{id}' is disabled, so there is nothing to sync; enable it first.")).into());
        }
        let (settings, acct) = state.accounts.load(&state.store, &state.secrets, &state.names, state.clock.as_ref(), &tenant.id).await?;
        let result = state.background_outcomes().sync(&id, &acct, state.config.sync_budget).await;
        if result.is_ok() {
            // Inside this request's deadline (26 s), with room to answer.
            let left = Duration::from_secs(18).saturating_sub(started.elapsed());
            state.retry_deferred_rules(&id, &acct, settings.litmos.send_welcome_email, left).await;
        }
        let (outcome, error) = match &result {
            Ok(_) => (SyncResult::Succeeded, None),
            Err((_, e)) => (SyncResult::Failed, Some(e)),
        };
        if let Err(e) = record_sync(&state, &id, outcome, error).await {
            tracing::warn!(error = %e, "could not record the sync's outcome on the tenant");
        }
        match result {
            Ok(out) => Ok(json(StatusCode::OK, &out)),
            Err((out, e)) => {
                tracing::warn!(tenant = %id, updated = out.assignments_updated, calls = out.litmos_calls, "sync stopped part-way; what was read is kept");
                Err(e.into())
            }
        }
    })
    .await
}

/// The scheduled `sync-progress`. With a sync queue (every deployment): one message per
/// enabled tenant, enqueued in batches of 10; `sync-worker` runs them side by side, a
/// tenant never twice at once. Without one (a stack without SQS): every tenant here,
/// one after another.
pub async fn sync_all(state: &AppState) -> Result<Value, Error> {
    // The registry a page at a time (one Query and one BatchGet per 100 tenants).
    let mut enabled = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let (page, next) = state.store.list_tenants(after.as_deref(), 100, None).await?;
        enabled.extend(page.into_iter().filter(|t| t.servicenow.enabled).map(|t| t.id));
        match next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    if let Some(queue) = state.sync_queue() {
        let now = state.clock.now();
        let round = now - now.rem_euclid(60);
        let messages: Vec<SyncMessage> = enabled.iter().map(|tenant| SyncMessage { tenant: tenant.clone(), round, part: 0, job: None }).collect();
        queue.enqueue(&messages).await?;
        tracing::info!(tenants = messages.len(), round, "sync round enqueued");
        return Ok(json!({"tenants_enqueued": messages.len(), "round": round}));
    }
    let mut counts = SyncCounts::default();
    for tenant in enabled {
        let message = SyncMessage { tenant, round: 0, part: MAX_SYNC_PARTS, job: None };
        match sync_one(state, &message, Duration::from_secs(state.config.sync_soft_deadline_seconds)).await {
            Ok(outcome) => counts.add(outcome),
            Err(e) => {
                tracing::warn!(tenant = %message.tenant, error = %e, "tenant sync failed");
                counts.add(SyncResult::Failed);
            }
        }
    }
    if counts.failed > 0 && counts.succeeded == 0 {
        return Err(Error::Internal(format!("every tenant's sync failed ({} tenants)", counts.failed)));
    }
    Ok(json!({"tenants_synced": counts.succeeded, "tenants_failed": counts.failed, "tenants_deferred": counts.deferred}))
}

/// Follow-ups of one deferred sync, at most: past this the round gives up (failed) and
/// the next round starts afresh.
pub const MAX_SYNC_PARTS: u32 = 4;
const RATE_LIMIT_FIRST_WAIT: Duration = Duration::from_secs(5);
const RATE_LIMIT_MAX_WAIT: Duration = Duration::from_secs(60);

/// How one tenant's sync ended.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SyncResult {
    Succeeded,
    /// Out of time or rate-limited until the soft deadline: what was read is kept, a
    /// follow-up message goes on with the rest.
    Deferred,
    /// A failure that a retry now would not mend (a refused Litmos key, say): recorded
    /// on the tenant, not retried.
    Failed,
    /// The tenant is gone or disabled: nothing to do.
    Skipped,
}

impl SyncResult {
    fn as_str(self) -> &'static str {
        match self {
            SyncResult::Succeeded => "succeeded",
            SyncResult::Deferred => "deferred",
            SyncResult::Failed => "failed",
            SyncResult::Skipped => "skipped",
        }
    }
}

#[derive(Debug, Default, PartialEq)]
pub struct SyncCounts {
    pub succeeded: usize,
    pub failed: usize,
    pub deferred: usize,
}

impl SyncCounts {
    fn add(&mut self, r: SyncResult) {
        match r {
            SyncResult::Succeeded => self.succeeded += 1,
            SyncResult::Failed => self.failed += 1,
            SyncResult::Deferred => self.deferred += 1,
            SyncResult::Skipped => {}
        }
    }
}

/// Keeps how a tenant's sync ended on the tenant (`last_sync`) and counts it (EMF: the
/// alarms compare failed with succeeded).
async fn record_sync(state: &AppState, id: &str, outcome: SyncResult, error: Option<&Error>) -> Result<SyncResult, Error> {
    use litmos_adapters::metrics::{count, names};
    match outcome {
        SyncResult::Succeeded => count(names::SYNC_SUCCEEDED, 1),
        SyncResult::Failed => count(names::SYNC_FAILED, 1),
        SyncResult::Deferred => count(names::SYNC_DEFERRED, 1),
        SyncResult::Skipped => return Ok(outcome),
    }
    let rec = SyncRecord { at: state.clock.now(), outcome: outcome.as_str().into(), error_kind: error.map(|e| e.kind().to_string()) };
    state.store.record_sync(id, &rec).await?;
    Ok(outcome)
}

/// One tenant's sync, for one queue message: within the tenant's Litmos budget and
/// `soft_deadline`. Litmos 503s (and a spent budget) are waited out here with growing
/// pauses up to the soft deadline, then continued by a follow-up message, so rate
/// limiting never burns queue receives. `Err` only for what a retry of the message can
/// mend (the store): the message goes back to the queue, and after its receives to the
/// dead-letter queue.
pub async fn sync_one(state: &AppState, message: &SyncMessage, soft_deadline: Duration) -> Result<SyncResult, Error> {
    let started = std::time::Instant::now();
    let id = message.tenant.as_str();
    // The tenant and its Litmos account in one read: a tenant gone or disabled is
    // `Unauthorized` there, and has nothing to sync.
    let (settings, acct) = match state.accounts.load(&state.store, &state.secrets, &state.names, state.clock.as_ref(), id).await {
        Ok(loaded) => loaded,
        Err(Error::Unauthorized) => return Ok(SyncResult::Skipped),
        Err(e @ Error::Store(_)) => return Err(e),
        Err(e) => return record_sync(state, id, SyncResult::Failed, Some(&e)).await,
    };
    let mut wait = RATE_LIMIT_FIRST_WAIT;
    loop {
        let left = soft_deadline.saturating_sub(started.elapsed());
        let run = tokio::time::timeout(left, state.background_outcomes().sync(id, &acct, state.config.sync_budget)).await;
        let error = match run {
            Ok(Ok(out)) => {
                tracing::info!(tenant = id, learners = out.learners_checked, updated = out.assignments_updated, "tenant synced");
                state.retry_deferred_rules(id, &acct, settings.litmos.send_welcome_email, soft_deadline.saturating_sub(started.elapsed())).await;
                return record_sync(state, id, SyncResult::Succeeded, None).await;
            }
            // Out of time: each learner's progress is saved as it is read, so stopping
            // here loses nothing; the follow-up goes on, least recently checked first.
            Err(_) => Error::Busy("the sync reached its soft deadline".into()),
            Ok(Err((_, e @ Error::Store(_)))) => return Err(e),
            Ok(Err((_, e))) => e,
        };
        let retryable = matches!(error, Error::RateLimited(_) | Error::Busy(_));
        if !retryable {
            tracing::warn!(tenant = id, error = %error, "tenant sync failed");
            return record_sync(state, id, SyncResult::Failed, Some(&error)).await;
        }
        if started.elapsed() + wait < soft_deadline {
            tracing::info!(tenant = id, wait_s = wait.as_secs(), "Litmos is pacing this tenant; waiting before going on");
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(RATE_LIMIT_MAX_WAIT);
            continue;
        }
        if message.part >= MAX_SYNC_PARTS {
            return record_sync(state, id, SyncResult::Failed, Some(&error)).await;
        }
        let Some(queue) = state.sync_queue() else { return record_sync(state, id, SyncResult::Deferred, Some(&error)).await };
        queue.enqueue(&[SyncMessage { part: message.part + 1, ..message.clone() }]).await?;
        return record_sync(state, id, SyncResult::Deferred, Some(&error)).await;
    }
}

/// `sync-worker`: the SQS event's messages, one tenant each, one after another (the
/// event source mapping sends one at a time). A message whose sync failed in a way a
/// retry can mend is reported back (`ReportBatchItemFailures`); the rest are done.
pub async fn sync_worker(state: &AppState, event: aws_lambda_events::event::sqs::SqsEvent) -> aws_lambda_events::event::sqs::SqsBatchResponse {
    use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse};
    let mut response = SqsBatchResponse::default();
    let soft_deadline = Duration::from_secs(state.config.sync_soft_deadline_seconds);
    for record in event.records {
        let id = record.message_id.clone().unwrap_or_default();
        let message: Option<SyncMessage> = record.body.as_deref().and_then(|b| serde_json::from_str(b).ok());
        let outcome = match message {
            // Not ours to read: back to the queue, and so to the dead-letter queue.
            None => Err(Error::Internal("a sync message that is not one".into())),
            Some(m @ SyncMessage { job: Some(_), .. }) => {
                let job = m.job.clone().expect("just matched");
                crate::jobs::run_job(state, &m, &job, soft_deadline).await.map(|_| SyncResult::Succeeded)
            }
            Some(m) => sync_one(state, &m, soft_deadline).await,
        };
        if let Err(e) = outcome {
            tracing::error!(message_id = %id, error = %e, "sync message failed; it goes back to the queue");
            let mut failure = BatchItemFailure::default();
            failure.item_identifier = id;
            response.batch_item_failures.push(failure);
        }
    }
    response
}
