//! The "Assign Courses" click path (SPEC 3.2, 3.3): learners, courses, assignments,
//! (the training an incident caused is in `outcomes`).

use std::sync::Arc;

use lambda_http::http::StatusCode;
use lambda_http::{Body, Request, Response};
use litmos_adapters::LitmosClient;
use litmos_domain::Error;
use litmos_domain::assignments::{Answer, AssignInput, Assignments};
use litmos_domain::courses::{self, Catalog, CourseQuery};
use litmos_domain::learners::{LearnerInput, Learners};

use crate::AppState;
use crate::http::{header, json, json_body, only_query, path_param, query};
use crate::servicenow::authed;

impl AppState {
    pub fn catalog(&self) -> Catalog<'_> {
        Catalog { cache: &self.store, memo: &self.catalog_memo, litmos: &self.litmos, clock: self.clock.as_ref(), catalog_ttl: self.config.catalog_ttl_seconds }
    }

    /// Assign Courses on the store, calling Litmos through `litmos`: the interactive
    /// share of the budget for agents, the background one for rules.
    pub fn assignments<'a>(&'a self, litmos: &'a LitmosClient) -> Assignments<'a> {
        Assignments { learners: &self.store, store: &self.store, idempotency: &self.store, incidents: &self.store, catalog: Catalog { litmos, ..self.catalog() }, litmos, clock: self.clock.as_ref() }
    }
}

pub async fn upsert_learner(state: Arc<AppState>, req: Request) -> Response<Body> {
    authed(state, req, |state, req, caller| async move {
        only_query(&req, &[])?;
        let input: LearnerInput = json_body(&req)?;
        let (settings, acct) = state.account(&caller).await?;
        let learners = Learners { store: &state.store, litmos: &state.litmos, clock: state.clock.as_ref() };
        let outcome = learners.find_or_create(&caller.tenant_id, &acct, settings.send_welcome_email, input).await?;
        Ok(json(if outcome.created { StatusCode::CREATED } else { StatusCode::OK }, &outcome))
    })
    .await
}

pub async fn get_learner(state: Arc<AppState>, req: Request) -> Response<Body> {
    authed(state, req, |state, req, caller| async move {
        only_query(&req, &[])?;
        let sys_id = path_param(&req, "/v1/servicenow/learners/{caller_sys_id}", "caller_sys_id")?;
        let learners = Learners { store: &state.store, litmos: &state.litmos, clock: state.clock.as_ref() };
        Ok(json(StatusCode::OK, &serde_json::json!({"learner": learners.get(&caller.tenant_id, &sys_id).await?})))
    })
    .await
}

/// `GET /v1/servicenow/catalog`: every course, active or not, 1,000 a page, for the
/// app's local course table (no agent: what an agent may assign is the next route's).
pub async fn get_catalog(state: Arc<AppState>, req: Request) -> Response<Body> {
    authed(state, req, |state, req, caller| async move {
        only_query(&req, &["cursor", "limit"])?;
        // Bad paging is refused before anything is read.
        let limit = query(&req, "limit");
        courses::catalog_page(Vec::new(), None, limit.as_deref())?;
        let (_, acct) = state.account(&caller).await?;
        let all = state.catalog().all(&caller.tenant_id, &acct).await?;
        Ok(json(StatusCode::OK, &courses::catalog_page(all, query(&req, "cursor").as_deref(), limit.as_deref())?))
    })
    .await
}

/// The Litmos user behind `X-Agent`: 403 when the account has none.
async fn known_agent(catalog: &litmos_domain::courses::Catalog<'_>, tenant: &str, acct: &litmos_domain::model::LitmosAccount, who: &str) -> Result<litmos_domain::courses::Agent, Error> {
    catalog.agent(tenant, acct, who).await?.ok_or_else(|| Error::Forbidden("The agent in X-Agent is not a user of this Litmos account.".into()))
}

/// `GET /v1/servicenow/courses/assignable`: which courses `X-Agent` may assign (all, or
/// these ids), for the app to filter its local course table by.
pub async fn assignable_courses(state: Arc<AppState>, req: Request) -> Response<Body> {
    authed(state, req, |state, req, caller| async move {
        only_query(&req, &[])?;
        let who = courses::agent_header(header(&req, "x-agent").as_deref())?;
        let (_, acct) = state.account(&caller).await?;
        let catalog = state.catalog();
        let agent = known_agent(&catalog, &caller.tenant_id, &acct, &who).await?;
        Ok(json(StatusCode::OK, &catalog.assignable_view(&caller.tenant_id, &acct, &agent).await?))
    })
    .await
}

pub async fn list_courses(state: Arc<AppState>, req: Request) -> Response<Body> {
    authed(state, req, |state, req, caller| async move {
        only_query(&req, &["search", "name", "code", "sort", "limit", "offset"])?;
        let who = courses::agent_header(header(&req, "x-agent").as_deref())?;
        let q =
            CourseQuery { search: query(&req, "search"), name: query(&req, "name"), code: query(&req, "code"), sort: query(&req, "sort"), limit: query(&req, "limit"), offset: query(&req, "offset") };
        // Bad paging is refused before anything is read.
        let paging = q.parse()?;
        let (_, acct) = state.account(&caller).await?;
        let catalog = state.catalog();
        let agent = known_agent(&catalog, &caller.tenant_id, &acct, &who).await?;
        let (allowed, notice) = catalog.assignable_with_notice(&caller.tenant_id, &acct, &agent).await?;
        let mut page = courses::page(allowed, &paging);
        page.notice = notice;
        Ok(json(StatusCode::OK, &page))
    })
    .await
}

pub async fn assign_courses(state: Arc<AppState>, req: Request) -> Response<Body> {
    authed(state, req, |state, req, caller| async move {
        only_query(&req, &[])?;
        let who = courses::agent_header(header(&req, "x-agent").as_deref())?;
        let input: AssignInput = json_body(&req)?;
        let (_, acct) = state.account(&caller).await?;
        let service = state.assignments(&state.litmos);
        let key = header(&req, "idempotency-key");
        match service.assign(&caller.tenant_id, &acct, &who, key.as_deref(), input).await? {
            Answer::Fresh(outcome) => {
                litmos_adapters::metrics::count(litmos_adapters::metrics::names::ASSIGNMENTS, outcome.assigned.len() as u64);
                Ok(json(StatusCode::OK, &outcome))
            }
            Answer::Replay { status, body } => Ok(Response::builder()
                .status(status)
                .header("content-type", "application/json")
                .header("idempotent-replayed", "true")
                .header("cache-control", crate::http::NO_STORE)
                .body(Body::Text(body))
                .expect("static response parts")),
        }
    })
    .await
}
