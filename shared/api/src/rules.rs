//! Automatic training by category (issue 20.2): the Account Owner's rules (admin API)
//! and their firing when ServiceNow reports a record.

use std::collections::HashSet;
use std::sync::Arc;

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use litmos_adapters::LitmosClient;
use litmos_domain::Error;
use litmos_domain::learners::{CallerInput, Learners};
use litmos_domain::model::{Incident, LitmosAccount};
use litmos_domain::ports::RuleStore;
use litmos_domain::rules::{self, Firing, Rule, RuleInput, RuleView, Rules};
use serde_json::json;

use crate::AppState;
use crate::http::{json, json_body, no_content, path_param};

const RULE: &str = "/v1/admin/tenants/{tenant_id}/rules/{rule_id}";

impl AppState {
    /// Rules fire with the background share of the Litmos budget: a burst of new
    /// records never takes what agents need to assign by hand.
    fn rules_service<'a>(&'a self, litmos: &'a LitmosClient) -> Rules<'a> {
        Rules { store: &self.store, learners: Learners { store: &self.store, litmos, clock: self.clock.as_ref() }, assignments: self.assignments(litmos), clock: self.clock.as_ref() }
    }

    /// Fires the rules matching a record ServiceNow just reported.
    pub async fn fire_rules(&self, tenant: &str, acct: &LitmosAccount, send_welcome: bool, matching: &[Rule], record: &Incident, caller: Option<CallerInput>) -> Result<Vec<Firing>, Error> {
        self.rules_service(&self.litmos_background).fire(tenant, acct, send_welcome, matching, record, caller).await
    }

    /// After a tenant's sync: the rule firings Litmos could not take before, within
    /// `time_left` (a firing cut off there is kept aside and goes on at the next sync).
    pub async fn retry_deferred_rules(&self, tenant: &str, acct: &LitmosAccount, send_welcome: bool, time_left: std::time::Duration) {
        if time_left < std::time::Duration::from_secs(2) {
            return;
        }
        let service = self.rules_service(&self.litmos_background);
        match tokio::time::timeout(time_left, service.retry_deferred(tenant, acct, send_welcome, rules::DEFERRED_PER_SYNC)).await {
            Ok(Ok(0)) => {}
            Ok(Ok(n)) => tracing::info!(tenant, fired = n, "deferred rule firings assigned"),
            Ok(Err(e)) => tracing::warn!(tenant, error = %e, "deferred rule firings wait for the next sync"),
            Err(_) => tracing::info!(tenant, "deferred rule firings out of time; the rest go on at the next sync"),
        }
    }
}

fn rule_id(req: &Request) -> Result<String, Error> {
    let id = path_param(req, RULE, "rule_id")?;
    rules::validate_id(&id)?;
    Ok(id)
}

/// Which of each rule's courses Litmos no longer has (active courses only), read from
/// the catalog cache; `None` for all when the catalog cannot be read now.
async fn missing_courses(state: &AppState, tenant: &str, list: &[Rule]) -> Vec<Option<Vec<String>>> {
    let catalog = async {
        let (_, acct) = state.accounts.load(&state.store, &state.secrets, &state.names, state.clock.as_ref(), tenant).await?;
        let active: HashSet<String> = state.catalog().all(tenant, &acct).await?.into_iter().filter(|c| c.active).map(|c| c.id).collect();
        Ok::<_, Error>(active)
    };
    let active = if list.is_empty() { None } else { catalog.await.inspect_err(|e| tracing::info!(tenant, error = e.kind(), "rule courses not checked: no catalog")).ok() };
    list.iter().map(|r| active.as_ref().map(|a| r.course_ids.iter().filter(|c| !a.contains(*c)).cloned().collect())).collect()
}

/// `PUT /v1/admin/tenants/{tenant_id}/rules/{rule_id}`: 201 created, 200 replaced.
pub async fn put_rule(state: Arc<AppState>, req: Request) -> Response<Body> {
    crate::admin::guarded(state, req, |state, req, id| async move {
        let rule_id = rule_id(&req)?;
        let input: RuleInput = json_body(&req)?;
        let rule = rules::validate_rule(&rule_id, input, state.clock.now())?;
        crate::outcomes::existing_tenant(&state, &id).await?;
        let existing = state.store.rules(&id).await.map_err(Error::from)?;
        if existing.len() >= rules::MAX_RULES && !existing.iter().any(|r| r.id == rule.id) {
            return Err(Error::Conflict(format!("Tenant '{id}' has {} rules, the most it may have; delete one first.", rules::MAX_RULES)).into());
        }
        let created = state.store.put_rule(&id, &rule).await.map_err(Error::from)?;
        let missing = missing_courses(&state, &id, std::slice::from_ref(&rule)).await.pop().flatten();
        Ok(json(if created { StatusCode::CREATED } else { StatusCode::OK }, &RuleView::new(&rule, missing)))
    })
    .await
}

/// `GET /v1/admin/tenants/{tenant_id}/rules`: `{"rules": [...]}` in id order.
pub async fn list_rules(state: Arc<AppState>, req: Request) -> Response<Body> {
    crate::admin::guarded(state, req, |state, _req, id| async move {
        let (tenant, list) = tokio::join!(crate::outcomes::existing_tenant(&state, &id), state.store.rules(&id));
        tenant?;
        let list = list.map_err(Error::from)?;
        let missing = missing_courses(&state, &id, &list).await;
        let views: Vec<RuleView> = list.iter().zip(missing).map(|(r, m)| RuleView::new(r, m)).collect();
        Ok(json(StatusCode::OK, &json!({"rules": views})))
    })
    .await
}

/// `DELETE /v1/admin/tenants/{tenant_id}/rules/{rule_id}`: 204, or 404 when unknown.
pub async fn delete_rule(state: Arc<AppState>, req: Request) -> Response<Body> {
    crate::admin::guarded(state, req, |state, req, id| async move {
        let rule_id = rule_id(&req)?;
        let _: crate::admin::Empty = json_body(&req)?;
        crate::outcomes::existing_tenant(&state, &id).await?;
        if !state.store.delete_rule(&id, &rule_id).await.map_err(Error::from)? {
            return Err(Error::NotFound(format!("Tenant '{id}' has no rule '{rule_id}'.")).into());
        }
        Ok(no_content())
    })
    .await
}
