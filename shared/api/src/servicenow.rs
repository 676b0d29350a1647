//! ServiceNow API handlers (SPEC 3.2). The tenant comes from the key alone.

use std::sync::Arc;

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use litmos_domain::auth::Caller;
use litmos_domain::ports::TenantStore;
use litmos_domain::servicenow::{self, ActivateInput};

use crate::AppState;
use crate::http::{Rejection, json, json_body, only_query, request_id};

/// Authenticates, then runs `f` for the caller's tenant.
pub(crate) async fn authed<F, Fut>(state: Arc<AppState>, req: Request, f: F) -> Response<Body>
where
    F: FnOnce(Arc<AppState>, Request, Caller) -> Fut,
    Fut: std::future::Future<Output = Result<Response<Body>, Rejection>>,
{
    let rid = request_id(&req);
    let outcome = async {
        let caller = state.require_servicenow(&req).await?;
        // The key's last use is written beside the request's own work, not before it,
        // and joined before answering (Lambda freezes the process after the response).
        let touch = caller.touch_due.then(|| caller.tenant_id.clone());
        let record_use = async {
            if let Some(tenant) = touch
                && let Err(e) = state.store.touch_last_used(&tenant, state.clock.now()).await
            {
                tracing::warn!(error = %e, tenant = %tenant, "could not record last use");
            }
        };
        let (out, ()) = tokio::join!(f(state.clone(), req, caller), record_use);
        out
    }
    .await;
    outcome.unwrap_or_else(|r| r.into_response(&rid))
}

pub async fn activate(state: Arc<AppState>, req: Request) -> Response<Body> {
    authed(state, req, |state, req, caller| async move {
        only_query(&req, &[])?;
        let input: ActivateInput = json_body(&req)?;
        let base = state.public_base(&req);
        let view = servicenow::activate(&state.store, state.clock.as_ref(), &caller.tenant_id, input, &base).await?;
        tracing::info!(tenant = %caller.tenant_id, key_id = %caller.key_id, "servicenow activated");
        Ok(json(StatusCode::OK, &view))
    })
    .await
}

pub async fn configuration(state: Arc<AppState>, req: Request) -> Response<Body> {
    authed(state, req, |state, req, caller| async move {
        only_query(&req, &[])?;
        // Read fresh, not from the account cache: activation may have just happened.
        let tenant = state.store.get_tenant(&caller.tenant_id).await.map_err(litmos_domain::Error::from)?.ok_or(litmos_domain::Error::Unauthorized)?;
        let base = state.public_base(&req);
        Ok(json(StatusCode::OK, &servicenow::configuration(&tenant, &base)))
    })
    .await
}
