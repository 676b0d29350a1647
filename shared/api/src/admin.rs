//! Admin API handlers (SPEC 3.1): the Litmos Account Owner's side.

use std::sync::Arc;

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use litmos_domain::admin::{RotateInput, TenantInput};
use serde::Deserialize;

use crate::AppState;
use crate::http::{Rejection, json, json_body, no_content, only_query, path_param, query, request_id};

const TENANT: &str = "/v1/admin/tenants/{tenant_id}";

/// Routes that take no body still refuse one with fields in it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Empty {}

/// Admin auth, then only the query parameters `allowed` (`?tenant_id=other` is refused,
/// never read), then `f`.
pub(crate) async fn admin_only<F, Fut>(state: Arc<AppState>, req: Request, allowed: &[&str], f: F) -> Response<Body>
where
    F: FnOnce(Arc<AppState>, Request) -> Fut,
    Fut: std::future::Future<Output = Result<Response<Body>, Rejection>>,
{
    let rid = request_id(&req);
    let outcome = async {
        state.require_admin(&req).await?;
        only_query(&req, allowed)?;
        f(state.clone(), req).await
    }
    .await;
    outcome.unwrap_or_else(|r| r.into_response(&rid))
}

/// An admin route under one tenant: `f` gets its validated id.
pub(crate) async fn guarded<F, Fut>(state: Arc<AppState>, req: Request, f: F) -> Response<Body>
where
    F: FnOnce(Arc<AppState>, Request, String) -> Fut,
    Fut: std::future::Future<Output = Result<Response<Body>, Rejection>>,
{
    guarded_with_query(state, req, &[], f).await
}

pub(crate) async fn guarded_with_query<F, Fut>(state: Arc<AppState>, req: Request, allowed: &[&str], f: F) -> Response<Body>
where
    F: FnOnce(Arc<AppState>, Request, String) -> Fut,
    Fut: std::future::Future<Output = Result<Response<Body>, Rejection>>,
{
    admin_only(state, req, allowed, |state, req| async move {
        let id = path_param(&req, TENANT, "tenant_id")?;
        litmos_domain::validate::tenant_id("tenant_id", &id)?;
        f(state, req, id).await
    })
    .await
}

/// `GET /v1/admin/tenants`: the admin console's list, paged by an opaque cursor.
pub async fn list_tenants(state: Arc<AppState>, req: Request) -> Response<Body> {
    admin_only(state, req, &["cursor", "limit", "search"], |state, req| async move {
        let page = state.admin_service().list_tenants(query(&req, "cursor").as_deref(), query(&req, "limit").as_deref(), query(&req, "search").as_deref()).await?;
        Ok(json(StatusCode::OK, &page))
    })
    .await
}

pub async fn put_tenant(state: Arc<AppState>, req: Request) -> Response<Body> {
    guarded(state, req, |state, req, id| async move {
        let input: TenantInput = json_body(&req)?;
        let (created, view) = state.admin_service().put_tenant(&id, input).await?;
        Ok(json(if created { StatusCode::CREATED } else { StatusCode::OK }, &view))
    })
    .await
}

pub async fn get_tenant(state: Arc<AppState>, req: Request) -> Response<Body> {
    guarded(state, req, |state, _req, id| async move { Ok(json(StatusCode::OK, &state.admin_service().get_tenant(&id).await?)) }).await
}

/// 204 when done in the request; 202 with a job when it outgrows it (issue 19.5).
pub async fn delete_tenant(state: Arc<AppState>, req: Request) -> Response<Body> {
    guarded(state, req, |state, req, id| async move {
        // The keys stop at once, whatever happens to the rest (an unknown tenant is a
        // 404 here, not a job).
        state.admin_service().disable_servicenow(&id).await?;
        crate::jobs::delete_or_defer(&state, &req, litmos_domain::jobs::JobKind::DeleteTenant, &id, None).await
    })
    .await
}

pub async fn enable_servicenow(state: Arc<AppState>, req: Request) -> Response<Body> {
    guarded(state, req, |state, req, id| async move {
        let _: Empty = json_body(&req)?;
        let (created, view) = state.admin_service().enable_servicenow(&id).await?;
        Ok(json(if created { StatusCode::CREATED } else { StatusCode::OK }, &view))
    })
    .await
}

pub async fn get_servicenow(state: Arc<AppState>, req: Request) -> Response<Body> {
    guarded(state, req, |state, req, id| async move {
        let base = state.public_base(&req);
        Ok(json(StatusCode::OK, &state.admin_service().get_servicenow(&id, &base).await?))
    })
    .await
}

pub async fn rotate_servicenow_key(state: Arc<AppState>, req: Request) -> Response<Body> {
    guarded(state, req, |state, req, id| async move {
        let input: RotateInput = json_body(&req)?;
        let base = state.public_base(&req);
        Ok(json(StatusCode::OK, &state.admin_service().rotate(&id, input, &base).await?))
    })
    .await
}

/// `DELETE .../servicenow/previous`: every key but the current one stops.
pub async fn revoke_previous_keys(state: Arc<AppState>, req: Request) -> Response<Body> {
    guarded(state, req, |state, _req, id| async move {
        state.admin_service().revoke_previous_keys(&id).await?;
        Ok(no_content())
    })
    .await
}

pub async fn disable_servicenow(state: Arc<AppState>, req: Request) -> Response<Body> {
    guarded(state, req, |state, _req, id| async move {
        state.admin_service().disable_servicenow(&id).await?;
        Ok(no_content())
    })
    .await
}

pub async fn forget_caller(state: Arc<AppState>, req: Request) -> Response<Body> {
    guarded(state, req, |state, req, id| async move {
        let caller = path_param(&req, "/v1/admin/tenants/{tenant_id}/callers/{caller_sys_id}", "caller_sys_id")?;
        litmos_domain::validate::sys_id("caller_sys_id", &caller)?;
        // The links stop at once, whatever happens to the rest (as a tenant's keys do).
        state.admin_service().cut_caller(&id, &caller).await?;
        crate::jobs::delete_or_defer(&state, &req, litmos_domain::jobs::JobKind::ForgetCaller, &id, Some(&caller)).await
    })
    .await
}
