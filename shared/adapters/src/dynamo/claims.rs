//! Caller links, assignments and idempotency records: each a unique slot taken with a
//! conditional put, which a request that died mid-way gives up when its lease ends.

use async_trait::async_trait;
use aws_sdk_dynamodb::types::{AttributeValue, Put, TransactWriteItem, Update};
use litmos_domain::model::*;
use litmos_domain::ports::*;
use litmos_domain::time::Timestamp;
use tracing::instrument;

use super::layout::*;
use super::{DynamoStore, TxOutcome, unavailable, written};

/// The items a read finds, or none when there is nothing to read.
async fn or_none(read: Option<impl std::future::Future<Output = Result<Vec<Item>, StoreError>>>) -> Result<Vec<Item>, StoreError> {
    match read {
        Some(read) => read.await,
        None => Ok(Vec::new()),
    }
}

pub(super) enum Take {
    Taken,
    Held(Item),
}

/// Assignments confirmed in one transaction: four actions each and three rollups (its
/// course's month, block and day), nine for the batch (its agent, category and the
/// totals), one per learner and the feed counter: at most 100 actions.
pub(crate) const ASSIGNMENTS_PER_TX: usize = 12;

impl DynamoStore {
    /// A refresh lease: a pending claim that DynamoDB's TTL removes if nobody does.
    pub(crate) async fn take_refresh(&self, tenant: &str, name: &str, owner: &str, now: Timestamp, until: Timestamp) -> Result<bool, StoreError> {
        let mut item = pending(tenant_pk(tenant), refresh_sk(name), owner, until);
        item.insert(TTL.into(), n(until + 3_600));
        Ok(matches!(self.take(item, now, None).await?, Take::Taken))
    }

    pub(crate) async fn end_refresh_lease(&self, tenant: &str, name: &str, owner: &str) -> Result<(), StoreError> {
        self.release(tenant_pk(tenant), refresh_sk(name), owner).await
    }

    /// Puts `item` unless the slot exists and is not a pending claim whose lease ended
    /// (or, with `done_by`, a done record of that owner).
    pub(super) async fn take(&self, item: Item, now: Timestamp, done_by: Option<&str>) -> Result<Take, StoreError> {
        let (pk, sk) = (item[PK].clone(), item[SK].clone());
        let mut req = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#state", STATE)
            .expression_attribute_names("#lease", LEASE_UNTIL)
            .expression_attribute_values(":pending", s(PENDING))
            .expression_attribute_values(":now", n(now));
        req = match done_by {
            None => req.condition_expression("attribute_not_exists(#pk) OR (#state = :pending AND #lease < :now)"),
            Some(seen) => req
                .condition_expression("attribute_not_exists(#pk) OR (#state = :pending AND #lease < :now) OR (#state = :done AND #owner = :seen)")
                .expression_attribute_names("#owner", OWNER)
                .expression_attribute_values(":done", s(DONE))
                .expression_attribute_values(":seen", s(seen)),
        };
        let res = req.send().await;
        match res {
            Ok(_) => Ok(Take::Taken),
            Err(e) if e.as_service_error().is_some_and(|s| s.is_conditional_check_failed_exception()) => {
                let held = self.get_item(Item::from([(PK.to_string(), pk), (SK.to_string(), sk)])).await?;
                // Gone between the two calls: released; report it pending so the
                // caller simply tries again.
                Ok(Take::Held(held.unwrap_or_else(|| Item::from([(STATE.into(), s(PENDING))]))))
            }
            Err(e) => Err(unavailable("put_item", e)),
        }
    }

    /// Deletes a slot only while `owner` still holds it as a pending claim.
    pub(super) async fn release(&self, pk: String, sk: String, owner: &str) -> Result<(), StoreError> {
        let req = self
            .client
            .delete_item()
            .table_name(&self.table)
            .set_key(Some(key(pk, sk)))
            .condition_expression("#state = :pending AND #owner = :owner")
            .expression_attribute_names("#state", STATE)
            .expression_attribute_values(":pending", s(PENDING))
            .expression_attribute_names("#owner", OWNER)
            .expression_attribute_values(":owner", s(owner));
        match req.send().await {
            Ok(_) => Ok(()),
            Err(e) if e.as_service_error().is_some_and(|s| s.is_conditional_check_failed_exception()) => Ok(()),
            Err(e) => Err(unavailable("delete_item", e)),
        }
    }
}

pub(super) fn pending(pk: String, sk: String, owner: &str, lease_until: Timestamp) -> Item {
    let mut item = key(pk, sk);
    item.insert(STATE.into(), s(PENDING));
    item.insert(OWNER.into(), s(owner));
    item.insert(LEASE_UNTIL.into(), n(lease_until));
    item
}

#[async_trait]
impl LearnerStore for DynamoStore {
    #[instrument(skip_all, fields(tenant))]
    async fn get_learner(&self, tenant: &str, caller_sys_id: &str) -> Result<Option<Learner>, StoreError> {
        match self.get_item(key(tenant_pk(tenant), caller_sk(caller_sys_id))).await? {
            Some(item) if opt_s(&item, STATE).as_deref() == Some(DONE) => learner_from(&item).map(Some),
            _ => Ok(None),
        }
    }

    #[instrument(skip_all, fields(tenant))]
    async fn claim_caller(&self, tenant: &str, caller_sys_id: &str, owner: &str, now: Timestamp, lease_until: Timestamp) -> Result<Claim<Learner>, StoreError> {
        match self.take(pending(tenant_pk(tenant), caller_sk(caller_sys_id), owner, lease_until), now, None).await? {
            Take::Taken => Ok(Claim::Won),
            Take::Held(item) if opt_s(&item, STATE).as_deref() == Some(DONE) => Ok(Claim::Existing(learner_from(&item)?)),
            Take::Held(item) if opt_s(&item, STATE).as_deref() == Some(FORGETTING) => Ok(Claim::Closed),
            Take::Held(_) => Ok(Claim::Pending),
        }
    }

    #[instrument(skip_all, fields(tenant, learner = %learner.id))]
    async fn save_learner(&self, tenant: &str, learner: &Learner) -> Result<LinkWrite, StoreError> {
        let mut reverse = key(tenant_pk(tenant), learner_sk(&learner.id));
        reverse.insert(CALLER_SYS_ID.into(), s(learner.caller_sys_id.clone()));
        reverse.insert(LEARNER_ID.into(), s(learner.id.clone()));
        for _ in 0..3 {
            // The reverse link is the Litmos user's one slot: taken only while free or
            // already this caller's.
            let unique = Put::builder()
                .table_name(&self.table)
                .set_item(Some(reverse.clone()))
                .condition_expression("attribute_not_exists(#pk) OR #caller = :caller")
                .expression_attribute_names("#pk", PK)
                .expression_attribute_names("#caller", CALLER_SYS_ID)
                .expression_attribute_values(":caller", s(learner.caller_sys_id.clone()))
                .build()
                .expect("put");
            // The caller's slot is filled only while it is not closed (being forgotten).
            let link = Put::builder()
                .table_name(&self.table)
                .set_item(Some(learner_item(tenant, learner)))
                .condition_expression("attribute_not_exists(#pk) OR #state <> :forgetting")
                .expression_attribute_names("#pk", PK)
                .expression_attribute_names("#state", STATE)
                .expression_attribute_values(":forgetting", s(FORGETTING))
                .build()
                .expect("put");
            let items = vec![TransactWriteItem::builder().put(link).build(), TransactWriteItem::builder().put(unique).build()];
            if let TxOutcome::Committed = self.transact(items, "the caller's learner link").await? {
                return Ok(LinkWrite::Linked);
            }
            let holder = self.get_item(key(tenant_pk(tenant), learner_sk(&learner.id))).await?.and_then(|i| opt_s(&i, CALLER_SYS_ID));
            // Gone between the two calls (that caller was just forgotten): try again.
            if let Some(other) = holder.filter(|c| *c != learner.caller_sys_id) {
                return Ok(LinkWrite::TakenBy(other));
            }
        }
        Err(StoreError::Contended("the caller's learner link"))
    }

    #[instrument(skip_all, fields(tenant))]
    async fn release_caller(&self, tenant: &str, caller_sys_id: &str, owner: &str) -> Result<(), StoreError> {
        self.release(tenant_pk(tenant), caller_sk(caller_sys_id), owner).await
    }

    #[instrument(skip_all, fields(tenant))]
    async fn forget_caller(&self, tenant: &str, caller_sys_id: &str) -> Result<bool, StoreError> {
        let pk = tenant_pk(tenant);
        let link = self.get_item(key(pk.clone(), caller_sk(caller_sys_id))).await?;
        let linked = link.as_ref().and_then(|l| opt_s(l, LEARNER_ID));
        // A link made before links were unique may share its Litmos user with another
        // caller: what is keyed by that user alone stays while the reverse link names
        // someone else.
        // Cut, the link says whether the Litmos user was this caller's (the reverse link
        // may be gone by a re-run).
        let own = match (&linked, link.as_ref().and_then(|l| l.get(OWN))) {
            (Some(_), Some(AttributeValue::Bool(own))) => *own,
            (Some(l), _) => self.owns(tenant, l, caller_sys_id).await?,
            (None, _) => false,
        };
        // Every read of what goes, at once: they depend on nothing but the link.
        let by_caller = |prefix: &'static str, keys_only: bool| self.query_where(&pk, prefix, CALLER_SYS_ID, caller_sys_id, keys_only);
        let owned = linked.as_ref().filter(|_| own);
        let cache = owned.map(|l| cache_head_sk(&format!("progress#{l}")));
        let (assigned_prefix, cached_prefix) = (owned.map(|l| format!("ASSIGN#{l}#")), cache.as_ref().map(|c| format!("{c}#")));
        let (start_refs_prefix, caller_incidents_prefix) = (format!("{START_REF_PREFIX}{caller_sys_id}#"), caller_incident_prefix(caller_sys_id));
        let (incidents, records, feed, fires, waits, refs, caller_incidents, links, assigned, cached) = tokio::try_join!(
            by_caller("INC#", true),
            by_caller("REC#", false),
            by_caller("FEED#", true),
            by_caller(RULE_FIRE_PREFIX, true),
            by_caller(RULE_WAIT_PREFIX, true),
            self.query_partition(&pk, &start_refs_prefix, true),
            self.query_partition(&pk, &caller_incidents_prefix, true),
            or_none(linked.as_deref().map(|l| self.query_where(&pk, "INCIDENT#", LEARNER_ID, l, true))),
            or_none(assigned_prefix.as_deref().map(|p| self.query_partition(&pk, p, true))),
            or_none(cached_prefix.as_deref().map(|p| self.query_partition(&pk, p, true))),
        )?;
        let records: Vec<AssignmentRecord> = records.iter().map(record_from).collect::<Result<_, _>>()?;
        let mut doomed: Vec<Item> = Vec::new();
        doomed.extend(feed);
        doomed.extend(fires);
        doomed.extend(waits);
        // The caller's start links, and their references.
        doomed.extend(DynamoStore::start_links_of(&refs));
        doomed.extend(refs);
        doomed.extend(caller_incidents);
        let ours: std::collections::HashSet<String> = incidents.iter().filter_map(|i| opt_s(i, INCIDENT_SYS_ID)).collect();
        doomed.extend(links.into_iter().filter(|i| own || opt_s(i, INCIDENT_SYS_ID).is_some_and(|id| ours.contains(&id))));
        doomed.extend(incidents);
        if let (Some(l), Some(cache)) = (owned, cache) {
            doomed.extend(assigned);
            doomed.extend(cached);
            doomed.push(key(pk.clone(), cache));
            doomed.push(key(pk.clone(), open_sk(l)));
            doomed.push(key(pk.clone(), learner_sk(l)));
        }
        if link.is_none() && doomed.is_empty() && records.is_empty() {
            return Ok(false);
        }
        // Records leave the report's rollups as they leave the table.
        self.delete_records(tenant, records).await?;
        let keys: Vec<Item> =
            doomed.iter().map(|i| key(opt_s(i, PK).unwrap_or_else(|| pk.clone()), opt_s(i, SK).unwrap_or_default())).filter(|k| opt_s(k, SK).is_some_and(|s| !s.is_empty())).collect();
        self.delete_keys(keys).await?;
        self.delete_keys(vec![key(pk, caller_sk(caller_sys_id))]).await?;
        Ok(true)
    }

    #[instrument(skip_all, fields(tenant, learner = learner_id))]
    async fn learner_caller(&self, tenant: &str, learner_id: &str) -> Result<Option<String>, StoreError> {
        Ok(self.reverse_link(tenant, learner_id).await?.filter(|(_, forgetting)| !forgetting).map(|(caller, _)| caller))
    }

    #[instrument(skip_all, fields(tenant, learner = learner_id))]
    async fn being_forgotten(&self, tenant: &str, learner_id: &str) -> Result<bool, StoreError> {
        Ok(self.reverse_link(tenant, learner_id).await?.is_some_and(|(_, forgetting)| forgetting))
    }

    #[instrument(skip_all, fields(tenant))]
    async fn cut_caller(&self, tenant: &str, caller_sys_id: &str) -> Result<bool, StoreError> {
        let pk = tenant_pk(tenant);
        for _ in 0..3 {
            let Some(link) = self.get_item(key(pk.clone(), caller_sk(caller_sys_id))).await? else { return Ok(false) };
            let state = opt_s(&link, STATE);
            let learner = opt_s(&link, LEARNER_ID).filter(|_| state.as_deref() == Some(DONE));
            match state.as_deref() {
                Some(FORGETTING) => return Ok(true),
                // A claim still being made is closed too: its learner link, when it
                // comes, finds the slot closed and is not written (`save_learner`).
                Some(DONE) | Some(PENDING) => {}
                _ => return Ok(false),
            }
            // The Litmos user's reverse link stays (no other caller may take the user
            // while what is keyed by it goes) but no longer counts as linked.
            let own = match &learner {
                Some(l) => self.owns(tenant, l, caller_sys_id).await?,
                None => false,
            };
            let mut close = Update::builder()
                .table_name(&self.table)
                .set_key(Some(key(pk.clone(), caller_sk(caller_sys_id))))
                .update_expression("SET #state = :forgetting, #own = :own")
                .condition_expression("#state = :was")
                .expression_attribute_names("#state", STATE)
                .expression_attribute_names("#own", OWN)
                .expression_attribute_values(":forgetting", s(FORGETTING))
                .expression_attribute_values(":own", AttributeValue::Bool(own))
                .expression_attribute_values(":was", s(state.clone().unwrap_or_default()));
            if let Some(l) = &learner {
                close = close.condition_expression("#state = :was AND #learner = :learner").expression_attribute_names("#learner", LEARNER_ID).expression_attribute_values(":learner", s(l.clone()));
            }
            let mut items = vec![TransactWriteItem::builder().update(close.build().expect("update")).build()];
            if let (Some(l), true) = (&learner, own) {
                items.push(
                    TransactWriteItem::builder()
                        .update(
                            Update::builder()
                                .table_name(&self.table)
                                .set_key(Some(key(pk.clone(), learner_sk(l))))
                                .update_expression("SET #forgetting = :true")
                                .condition_expression("#caller = :caller")
                                .expression_attribute_names("#forgetting", FORGETTING)
                                .expression_attribute_names("#caller", CALLER_SYS_ID)
                                .expression_attribute_values(":true", AttributeValue::Bool(true))
                                .expression_attribute_values(":caller", s(caller_sys_id))
                                .build()
                                .expect("update"),
                        )
                        .build(),
                );
            }
            if let TxOutcome::Committed = self.transact(items, "the caller's links").await? {
                return Ok(true);
            }
        }
        Err(StoreError::Contended("the caller's links"))
    }
}

impl DynamoStore {
    /// The caller a Litmos user's reverse link names, and whether that caller is being
    /// forgotten.
    async fn reverse_link(&self, tenant: &str, learner_id: &str) -> Result<Option<(String, bool)>, StoreError> {
        Ok(self.get_item(key(tenant_pk(tenant), learner_sk(learner_id))).await?.and_then(|i| Some((opt_s(&i, CALLER_SYS_ID)?, matches!(i.get(FORGETTING), Some(AttributeValue::Bool(true)))))))
    }

    /// Whether a Litmos user's reverse link names this caller (forgotten or not).
    async fn owns(&self, tenant: &str, learner_id: &str, caller_sys_id: &str) -> Result<bool, StoreError> {
        Ok(self.reverse_link(tenant, learner_id).await?.is_some_and(|(c, _)| c == caller_sys_id))
    }
}

#[async_trait]
impl AssignmentStore for DynamoStore {
    #[instrument(skip_all, fields(tenant, learner = learner_id, count = course_ids.len()))]
    async fn assigned_owners(&self, tenant: &str, learner_id: &str, course_ids: &[String]) -> Result<std::collections::HashMap<String, String>, StoreError> {
        if course_ids.is_empty() {
            return Ok(Default::default());
        }
        let keys = course_ids.iter().map(|c| key(tenant_pk(tenant), assign_sk(learner_id, c))).collect();
        Ok(self.batch_get(keys).await?.iter().filter(|i| opt_s(i, STATE).as_deref() == Some(DONE)).filter_map(|i| Some((opt_s(i, COURSE_ID)?, opt_s(i, OWNER)?))).collect())
    }

    #[instrument(skip_all, fields(tenant, learner = learner_id, course = course_id))]
    async fn claim_assignment(
        &self,
        tenant: &str,
        learner_id: &str,
        course_id: &str,
        owner: &str,
        now: Timestamp,
        lease_until: Timestamp,
        reclaim_owner: Option<&str>,
    ) -> Result<Claim<()>, StoreError> {
        match self.take(pending(tenant_pk(tenant), assign_sk(learner_id, course_id), owner, lease_until), now, reclaim_owner).await? {
            Take::Taken => Ok(Claim::Won),
            Take::Held(item) if opt_s(&item, STATE).as_deref() == Some(DONE) => Ok(Claim::Existing(())),
            Take::Held(_) => Ok(Claim::Pending),
        }
    }

    #[instrument(skip_all, fields(tenant))]
    async fn feed_position(&self, tenant: &str) -> Result<FeedPosition, StoreError> {
        self.feed_counter(tenant).await
    }

    #[instrument(skip_all, fields(tenant, count = records.len()))]
    async fn confirm_assignments(&self, tenant: &str, owner: &str, records: &[AssignmentRecord], now_ms: i64, mut known: Option<FeedPosition>, note: Option<&str>) -> Result<(), StoreError> {
        for (part, chunk) in records.chunks(ASSIGNMENTS_PER_TX).enumerate() {
            // The batch's note on its first entry, none on the others.
            let note = note.map(|text| if part == 0 { text } else { "" });
            let build = |first: u64, ms: i64| self.record_items(tenant, owner, chunk, first, ms, note);
            if let Err(codes) = self.append_with_feed(tenant, now_ms, chunk.len() as u64, known.take(), &build).await? {
                tracing::warn!(?codes, "an assignment claim was lost before it was confirmed");
                return Err(StoreError::Corrupt("an assignment claim was lost before it was confirmed".into()));
            }
        }
        Ok(())
    }

    #[instrument(skip_all, fields(tenant, learner = learner_id))]
    async fn release_assignments(&self, tenant: &str, learner_id: &str, course_ids: &[String], owner: &str) -> Result<(), StoreError> {
        for c in course_ids {
            self.release(tenant_pk(tenant), assign_sk(learner_id, c), owner).await?;
        }
        Ok(())
    }
}

#[async_trait]
impl IdempotencyStore for DynamoStore {
    #[instrument(skip_all, fields(tenant))]
    async fn begin(&self, tenant: &str, key_: &str, request_hash: &str, owner: &str, now: Timestamp, in_flight_until: Timestamp, expires_at: Timestamp) -> Result<IdempotencyStart, StoreError> {
        let mut item = pending(tenant_pk(tenant), idem_sk(key_), owner, in_flight_until);
        item.insert(REQUEST_HASH.into(), s(request_hash));
        item.insert(TTL.into(), n(expires_at));
        for _ in 0..3 {
            let held = match self.take(item.clone(), now, None).await? {
                Take::Taken => return Ok(IdempotencyStart::Started),
                Take::Held(held) => held,
            };
            // An expired record that DynamoDB's TTL has not removed yet counts as absent:
            // replaced in one write, only while it is still that expired record.
            if let Some(old_ttl) = opt_n(&held, TTL).filter(|t| *t <= now) {
                let res = self
                    .client
                    .put_item()
                    .table_name(&self.table)
                    .set_item(Some(item.clone()))
                    .condition_expression("#ttl = :old")
                    .expression_attribute_names("#ttl", TTL)
                    .expression_attribute_values(":old", n(old_ttl))
                    .send()
                    .await;
                match res {
                    Ok(_) => return Ok(IdempotencyStart::Started),
                    // Someone else replaced it first: look again.
                    Err(e) if e.as_service_error().is_some_and(|s| s.is_conditional_check_failed_exception()) => continue,
                    Err(e) => return Err(unavailable("put_item", e)),
                }
            }
            if opt_s(&held, REQUEST_HASH).as_deref() != Some(request_hash) {
                return Ok(IdempotencyStart::Mismatch);
            }
            return match (opt_s(&held, STATE).as_deref(), opt_n(&held, RESPONSE_STATUS), opt_s(&held, RESPONSE_BODY)) {
                (Some(DONE), Some(status), Some(body)) => Ok(IdempotencyStart::Replay { status: status as u16, body }),
                _ => Ok(IdempotencyStart::InFlight),
            };
        }
        Ok(IdempotencyStart::InFlight)
    }

    #[instrument(skip_all, fields(tenant))]
    async fn complete(&self, tenant: &str, key_: &str, owner: &str, status: u16, body: &str, expires_at: Timestamp) -> Result<(), StoreError> {
        let res = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(tenant_pk(tenant), idem_sk(key_))))
            .condition_expression("#owner = :owner AND #state = :pending")
            .update_expression("SET #state = :done, #status = :status, #body = :body, #ttl = :ttl REMOVE #lease")
            .expression_attribute_names("#owner", OWNER)
            .expression_attribute_names("#state", STATE)
            .expression_attribute_names("#status", RESPONSE_STATUS)
            .expression_attribute_names("#body", RESPONSE_BODY)
            .expression_attribute_names("#ttl", TTL)
            .expression_attribute_names("#lease", LEASE_UNTIL)
            .expression_attribute_values(":owner", s(owner))
            .expression_attribute_values(":pending", s(PENDING))
            .expression_attribute_values(":done", s(DONE))
            .expression_attribute_values(":status", n(i64::from(status)))
            .expression_attribute_values(":body", s(body))
            .expression_attribute_values(":ttl", n(expires_at))
            .send()
            .await;
        // False: our in-flight window ended and another request took the key over; its answer stands.
        written("update_item", res).map(|_| ())
    }

    #[instrument(skip_all, fields(tenant))]
    async fn abandon(&self, tenant: &str, key_: &str, owner: &str) -> Result<(), StoreError> {
        self.release(tenant_pk(tenant), idem_sk(key_), owner).await
    }
}
