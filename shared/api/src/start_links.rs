//! "Start course" links (issue 20.1): made for the training list and the feed when the
//! tenant has them on, and opened by the caller at `GET /v1/start/{token}`.

use std::sync::Arc;

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use litmos_domain::Error;
use litmos_domain::auth::Caller;
use litmos_domain::model::TrainingStatus;
use litmos_domain::ports::TenantStore;
use litmos_domain::start_links::{self, LinkFor, Opened, StartLinks};
use litmos_domain::training::{FeedView, TrainingItem};

use crate::AppState;
use crate::http::{path_param, request_id};

/// The tenant's link lifetime in days (None when links are off) and its generation,
/// from the key's copy of the profile (the tenant for keys from before it had one).
async fn link_settings(state: &AppState, caller: &Caller) -> Result<Option<(u32, String)>, Error> {
    let (days, generation) = match &caller.profile {
        Some(p) => (p.litmos.start_link_days, p.generation.clone()),
        None => match state.store.get_tenant(&caller.tenant_id).await? {
            Some(t) => (t.litmos.start_link_days, t.generation),
            None => return Ok(None),
        },
    };
    Ok((days > 0).then_some((days, generation)))
}

/// One start link per assignment in `wanted` (one batch write), in order; none when
/// there is nothing to link or the tenant has links off.
async fn mint_for(state: &AppState, req: &Request, caller: &Caller, wanted: &[LinkFor<'_>]) -> Result<Vec<String>, Error> {
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let Some((days, generation)) = link_settings(state, caller).await? else { return Ok(Vec::new()) };
    start_links::mint(&state.store, &state.public_base(req), &caller.tenant_id, &generation, days, wanted, state.clock.now()).await
}

/// Gives each assignment of a training list its start link.
pub async fn add_to_training(state: &AppState, req: &Request, caller: &Caller, items: &mut [TrainingItem]) -> Result<(), Error> {
    let wanted: Vec<LinkFor> = items.iter().map(|i| LinkFor { learner_id: &i.learner_id, course_id: &i.course_id, caller_sys_id: &i.caller_sys_id }).collect();
    let urls = mint_for(state, req, caller, &wanted).await?;
    for (item, url) in items.iter_mut().zip(urls) {
        item.start_url = Some(url);
    }
    Ok(())
}

/// Gives each assignment entry of a feed page (`not_started`) its start link.
pub async fn add_to_feed(state: &AppState, req: &Request, caller: &Caller, updates: &mut [FeedView]) -> Result<(), Error> {
    let assigned: Vec<usize> = (0..updates.len()).filter(|&i| updates[i].status == TrainingStatus::NotStarted).collect();
    let wanted: Vec<LinkFor> = assigned.iter().map(|&i| LinkFor { learner_id: &updates[i].learner_id, course_id: &updates[i].course.id, caller_sys_id: &updates[i].caller_sys_id }).collect();
    let urls = mint_for(state, req, caller, &wanted).await?;
    for (i, url) in assigned.into_iter().zip(urls) {
        updates[i].start_url = Some(url);
    }
    Ok(())
}

fn html(status: u16, body: String) -> Response<Body> {
    Response::builder()
        .status(status)
        .header("content-type", "text/html; charset=utf-8")
        .header("cache-control", crate::http::NO_STORE)
        .header("referrer-policy", "no-referrer")
        .header("x-robots-tag", "noindex")
        .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
        .body(Body::Text(body))
        .expect("static response parts")
}

/// `GET /v1/start/{token}`: the caller's link. A redirect to a fresh Litmos sign-in, or
/// a small page saying why not and what to do; never a stack trace.
pub async fn open(state: Arc<AppState>, req: Request) -> Response<Body> {
    let rid = request_id(&req);
    let token = path_param(&req, "/v1/start/{token}", "token").unwrap_or_default();
    let links = StartLinks { links: &state.store, tenants: &state.store, learners: &state.store, litmos: &state.litmos, budget: &state.store };
    let load = |tenant: litmos_domain::model::Tenant| {
        let state = state.clone();
        async move { state.accounts.load(&state.store, &state.secrets, &state.names, state.clock.as_ref(), &tenant.id).await.map(|(_, acct)| acct) }
    };
    match links.open(&token, state.clock.now(), load).await {
        Ok(Opened::Redirect(to)) => Response::builder()
            .status(StatusCode::SEE_OTHER)
            .header("location", to)
            .header("cache-control", crate::http::NO_STORE)
            .header("referrer-policy", "no-referrer")
            .body(Body::Empty)
            .expect("static response parts"),
        Ok(Opened::Refused { status, title, text }) => html(status, start_links::page(title, text)),
        Err(e) => {
            tracing::warn!(request_id = %rid, error = e.kind(), "start link could not be opened");
            let (status, text) = match e {
                Error::Busy(_) | Error::RateLimited(_) => (503, "Litmos is busy right now. Wait a minute, then open the link again."),
                Error::Store(_) => (503, "The training service is unavailable right now. Wait a minute, then open the link again."),
                _ => (502, "Litmos could not be reached to sign you in. Wait a minute, then open the link again."),
            };
            html(status, start_links::page("Your training could not be opened just now", text))
        }
    }
}
