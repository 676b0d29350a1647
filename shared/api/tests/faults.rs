//! Fault injection at every step of "Assign Courses" (RELIABILITY 25): the store fails
//! at its n-th call, for every n a clean assignment makes; a retry with the same
//! Idempotency-Key then ends with Litmos and the table in agreement, every course
//! assigned once, recorded once, linked to its incident, with one feed entry.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};

use async_trait::async_trait;
use litmos_adapters::DynamoStore;
use litmos_api::admin;
use litmos_domain::assignments::{Answer, AssignInput, Assignments, IncidentRef};
use litmos_domain::courses::Catalog;
use litmos_domain::model::*;
use litmos_domain::ports::*;
use litmos_domain::time::Timestamp;
use serde_json::json;
use support::*;

/// The real store, failing its `fail_at`-th call (1-based; 0 never).
struct Flaky<'a> {
    inner: &'a DynamoStore,
    calls: AtomicUsize,
    fail_at: usize,
}

impl Flaky<'_> {
    fn tick(&self) -> Result<(), StoreError> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        if n == self.fail_at { Err(StoreError::Unavailable(format!("injected failure at call {n}"))) } else { Ok(()) }
    }
}

#[async_trait]
impl LearnerStore for Flaky<'_> {
    async fn get_learner(&self, t: &str, c: &str) -> Result<Option<Learner>, StoreError> {
        self.tick()?;
        self.inner.get_learner(t, c).await
    }
    async fn claim_caller(&self, t: &str, c: &str, o: &str, now: Timestamp, l: Timestamp) -> Result<Claim<Learner>, StoreError> {
        self.tick()?;
        self.inner.claim_caller(t, c, o, now, l).await
    }
    async fn save_learner(&self, t: &str, l: &Learner) -> Result<LinkWrite, StoreError> {
        self.tick()?;
        self.inner.save_learner(t, l).await
    }
    async fn release_caller(&self, t: &str, c: &str, o: &str) -> Result<(), StoreError> {
        self.tick()?;
        self.inner.release_caller(t, c, o).await
    }
    async fn learner_caller(&self, t: &str, l: &str) -> Result<Option<String>, StoreError> {
        self.tick()?;
        self.inner.learner_caller(t, l).await
    }
    async fn forget_caller(&self, t: &str, c: &str) -> Result<bool, StoreError> {
        self.tick()?;
        self.inner.forget_caller(t, c).await
    }
    async fn cut_caller(&self, t: &str, c: &str) -> Result<bool, StoreError> {
        self.tick()?;
        self.inner.cut_caller(t, c).await
    }
    async fn being_forgotten(&self, t: &str, l: &str) -> Result<bool, StoreError> {
        self.tick()?;
        self.inner.being_forgotten(t, l).await
    }
}

#[async_trait]
impl AssignmentStore for Flaky<'_> {
    async fn assigned_owners(&self, t: &str, l: &str, c: &[String]) -> Result<std::collections::HashMap<String, String>, StoreError> {
        self.tick()?;
        self.inner.assigned_owners(t, l, c).await
    }
    async fn claim_assignment(&self, t: &str, l: &str, c: &str, o: &str, now: Timestamp, lease: Timestamp, re: Option<&str>) -> Result<Claim<()>, StoreError> {
        self.tick()?;
        self.inner.claim_assignment(t, l, c, o, now, lease, re).await
    }
    async fn feed_position(&self, t: &str) -> Result<FeedPosition, StoreError> {
        self.tick()?;
        self.inner.feed_position(t).await
    }
    async fn confirm_assignments(&self, t: &str, o: &str, r: &[AssignmentRecord], ms: i64, k: Option<FeedPosition>, note: Option<&str>) -> Result<(), StoreError> {
        self.tick()?;
        self.inner.confirm_assignments(t, o, r, ms, k, note).await
    }
    async fn release_assignments(&self, t: &str, l: &str, c: &[String], o: &str) -> Result<(), StoreError> {
        self.tick()?;
        self.inner.release_assignments(t, l, c, o).await
    }
}

#[async_trait]
impl IdempotencyStore for Flaky<'_> {
    async fn begin(&self, t: &str, k: &str, h: &str, o: &str, now: Timestamp, f: Timestamp, e: Timestamp) -> Result<IdempotencyStart, StoreError> {
        self.tick()?;
        self.inner.begin(t, k, h, o, now, f, e).await
    }
    async fn complete(&self, t: &str, k: &str, o: &str, s: u16, b: &str, e: Timestamp) -> Result<(), StoreError> {
        self.tick()?;
        self.inner.complete(t, k, o, s, b, e).await
    }
    async fn abandon(&self, t: &str, k: &str, o: &str) -> Result<(), StoreError> {
        self.tick()?;
        self.inner.abandon(t, k, o).await
    }
}

#[async_trait]
impl IncidentStore for Flaky<'_> {
    async fn get_incident(&self, t: &str, s: &str) -> Result<Option<Incident>, StoreError> {
        self.tick()?;
        self.inner.get_incident(t, s).await
    }
    async fn put_incident(&self, t: &str, i: &Incident) -> Result<IncidentWrite, StoreError> {
        self.tick()?;
        self.inner.put_incident(t, i).await
    }
    async fn next_incident_after(&self, t: &str, c: &str, a: Timestamp, e: &str) -> Result<Option<Timestamp>, StoreError> {
        self.tick()?;
        self.inner.next_incident_after(t, c, a, e).await
    }
}

#[async_trait]
impl CacheStore for Flaky<'_> {
    async fn get_blob(&self, t: &str, n: &str) -> Result<Option<CachedBlob>, StoreError> {
        self.tick()?;
        self.inner.get_blob(t, n).await
    }
    async fn put_blob(&self, t: &str, n: &str, b: &[u8], now: Timestamp, ttl: i64) -> Result<(), StoreError> {
        self.tick()?;
        self.inner.put_blob(t, n, b, now, ttl).await
    }
    async fn lease_refresh(&self, t: &str, n: &str, o: &str, now: Timestamp, until: Timestamp) -> Result<bool, StoreError> {
        self.tick()?;
        self.inner.lease_refresh(t, n, o, now, until).await
    }
    async fn end_refresh(&self, t: &str, n: &str, o: &str) -> Result<(), StoreError> {
        self.tick()?;
        self.inner.end_refresh(t, n, o).await
    }
}

async fn new_learner(e: &Env, acct: &LitmosAccount, n: usize) -> String {
    let learners = litmos_domain::learners::Learners { store: &e.state.store, litmos: &e.state.litmos, clock: e.state.clock.as_ref() };
    let caller = litmos_domain::learners::CallerInput { sys_id: format!("{n:032x}"), user_name: None, email: Some(format!("step{n}@example.com")), first_name: None, last_name: None };
    learners.find_or_create("acme", acct, false, litmos_domain::learners::LearnerInput { caller }).await.unwrap().learner.id
}

/// One assign through the flaky store; returns its outcome and how many store calls it made.
async fn run_for(e: &Env, acct: &LitmosAccount, courses: &[String], learner: &str, key: &str, fail_at: usize) -> (Result<Answer, litmos_domain::Error>, usize) {
    let flaky = Flaky { inner: &e.state.store, calls: AtomicUsize::new(0), fail_at };
    let svc = Assignments {
        learners: &flaky,
        store: &flaky,
        idempotency: &flaky,
        incidents: &flaky,
        catalog: Catalog { cache: &flaky, memo: &e.state.catalog_memo, litmos: &e.state.litmos, clock: e.state.clock.as_ref(), catalog_ttl: 900 },
        litmos: &e.state.litmos,
        clock: e.state.clock.as_ref(),
    };
    let input =
        AssignInput { learner_id: learner.to_string(), course_ids: courses.to_vec(), incident: IncidentRef { sys_id: INCIDENT.into(), number: "INC0010023".into(), table: None }, send_message: false };
    let out = svc.assign("acme", acct, "admin@pieshop.net", Some(key), input).await;
    (out, flaky.calls.load(Ordering::SeqCst))
}

#[tokio::test]
async fn a_store_failure_at_any_step_of_assign_loses_and_duplicates_nothing() {
    let e = env().await;
    let auth = bearer(ADMIN);
    let body = json!({"name": "Acme", "litmos": {"base_url": e.litmos_url, "api_key": "demo-litmos-key", "source": "servicenow"}}).to_string();
    assert_eq!(admin::put_tenant(e.state.clone(), event("PUT", "/v1/admin/tenants/acme", &[("authorization", &auth)], Some(&body))).await.status(), 201);
    admin::enable_servicenow(e.state.clone(), event("POST", "/v1/admin/tenants/acme/servicenow", &[("authorization", &auth)], None)).await;
    let (_, acct) = e.state.accounts.load(&e.state.store, &e.state.secrets, &e.state.names, e.state.clock.as_ref(), "acme").await.unwrap();
    let courses: Vec<String> = e.double.courses().iter().filter(|c| c.active).take(2).map(|c| c.id.clone()).collect();

    let measure_learner = new_learner(&e, &acct, 9_999).await;
    let mut step = 0;
    let mut steps_seen = usize::MAX;
    while step <= steps_seen {
        step += 1;
        // A caller and learner of its own for each step.
        let learner = new_learner(&e, &acct, step).await;

        let key = format!("key-{step}");
        let run = |fail_at: usize| run_for(&e, &acct, &courses, &learner, &key, fail_at);
        if step == 1 {
            // A clean run by another caller tells how many store calls there are to break.
            let (out, clean_calls) = run_for(&e, &acct, &courses, &measure_learner, "measure", 0).await;
            assert!(out.is_ok() && clean_calls > 3, "{clean_calls}");
            steps_seen = clean_calls;
        }
        let (first, _) = run(step).await;
        // Whatever happened, leases of a request that failed half-way end.
        e.clock.advance(61);
        let (retry, _) = run(0).await;
        let retry = match retry {
            Ok(Answer::Fresh(o)) => serde_json::to_value(o).unwrap(),
            Ok(Answer::Replay { body, .. }) => serde_json::from_str(&body).unwrap(),
            Err(err) => panic!("step {step}: the retry failed: {err:?} (first attempt: {:?})", first.err()),
        };
        let reported = retry["assigned"].as_array().unwrap().len() + retry["already_assigned"].as_array().unwrap().len();
        assert_eq!(reported, 2, "step {step}: {retry}");

        // Litmos and the table agree, once each.
        let held: Vec<String> = e.double.enrolments(&learner).iter().map(|x| x.course_id.clone()).collect();
        assert_eq!(held.len(), 2, "step {step}: Litmos holds {held:?}");
        let recs = e.state.store.learner_records("acme", &learner).await.unwrap();
        let mut recorded: Vec<String> = recs.iter().map(|r| r.assignment.course_id.clone()).collect();
        recorded.sort();
        let mut want = courses.clone();
        want.sort();
        assert_eq!(recorded, want, "step {step}: every course Litmos holds is recorded once");
        assert!(recs.iter().all(|r| r.assignment.incident_sys_id == INCIDENT), "step {step}: every record links the incident");
        let feed = e.state.store.feed("acme", 0, 1000).await.unwrap();
        for c in &courses {
            let n = feed.iter().filter(|f| f.learner_id == learner && &f.course_id == c).count();
            assert_eq!(n, 1, "step {step}: one feed entry for {c}");
        }
    }
    assert!(step > 5, "the loop broke {step} steps");
}
