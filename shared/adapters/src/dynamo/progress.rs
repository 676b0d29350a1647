//! Training outcomes: assignment records with their progress, the learners to check,
//! the feed of status changes, incidents, and the sync's watermark.
//!
//! The feed is a gap-free sequence per tenant: every append is one transaction that
//! moves the tenant's `FEEDSEQ` counter from the value it read, so appends commit in
//! sequence order and a reader paging by sequence never skips one that commits late.

use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{Put, PutRequest, TransactWriteItem, Update, WriteRequest};
use litmos_domain::model::*;
use litmos_domain::ports::*;
use litmos_domain::rollup::{self, Cells, FineKey, Rollup};
use litmos_domain::time::Timestamp;
use tracing::instrument;

use super::layout::*;
use super::rollups::{GUARD_ATTEMPTS, Guard, RECORDS_PER_TX, record_changes};
use super::{DynamoStore, unavailable, written};

/// Appends racing for one tenant's counter retry this often before answering 503.
const APPEND_ATTEMPTS: u32 = 40;

/// How a transaction ended, item by item.
pub(crate) enum TxResult {
    Committed,
    /// The cancellation code of every item ("None" for those that were fine).
    Cancelled(Vec<String>),
}

fn put(table: &str, item: Item) -> TransactWriteItem {
    TransactWriteItem::builder().put(Put::builder().table_name(table).set_item(Some(item)).build().expect("put")).build()
}

impl DynamoStore {
    /// A transaction whose failed conditions are reported per item; conflicts with
    /// other transactions are retried a bounded number of times.
    pub(crate) async fn transact_items(&self, items: Vec<TransactWriteItem>, what: &'static str) -> Result<TxResult, StoreError> {
        for attempt in 0..6u64 {
            match self.client.transact_write_items().set_transact_items(Some(items.clone())).send().await {
                Ok(_) => return Ok(TxResult::Committed),
                Err(SdkError::ServiceError(ctx)) => {
                    if let TransactWriteItemsError::TransactionCanceledException(c) = ctx.err() {
                        let codes: Vec<String> = c.cancellation_reasons().iter().map(|r| r.code().unwrap_or("None").to_string()).collect();
                        if codes.iter().any(|c| c == "ConditionalCheckFailed") {
                            return Ok(TxResult::Cancelled(codes));
                        }
                        if codes.iter().any(|c| c == "TransactionConflict") {
                            tokio::time::sleep(Duration::from_millis(20 * (attempt + 1) + rand::random_range(0..40u64))).await;
                            continue;
                        }
                    }
                    return Err(unavailable("transact_write_items", SdkError::ServiceError(ctx)));
                }
                Err(e) => return Err(unavailable("transact_write_items", e)),
            }
        }
        Err(StoreError::Contended(what))
    }

    /// The tenant's feed counter as it stands.
    pub(crate) async fn feed_counter(&self, tenant: &str) -> Result<FeedPosition, StoreError> {
        let counter = self.get_item(key(tenant_pk(tenant), FEEDSEQ_SK)).await?;
        Ok(counter.map_or_else(FeedPosition::default, |c| FeedPosition { seq: Some(opt_n(&c, SEQ).unwrap_or(0) as u64), last_ms: opt_n(&c, LAST_MS).unwrap_or(0) }))
    }

    /// Runs `build(first_seq, changed_at_ms)` + a move of the tenant's feed counter by
    /// `entries` in one transaction. `build` puts its feed entries at `first_seq..`.
    /// `known`, a position read earlier, is tried first instead of reading the counter.
    /// Retries while other appends move the counter first. On a failed condition of
    /// one of `build`'s items, returns their codes (index 0 is `build`'s first item).
    pub(crate) async fn append_with_feed(
        &self,
        tenant: &str,
        now_ms: i64,
        entries: u64,
        mut known: Option<FeedPosition>,
        build: &(dyn Fn(u64, i64) -> Vec<TransactWriteItem> + Send + Sync),
    ) -> Result<Result<(), Vec<String>>, StoreError> {
        for _ in 0..APPEND_ATTEMPTS {
            let (position, read_ahead) = match known.take() {
                Some(p) => (p, true),
                None => (self.feed_counter(tenant).await?, false),
            };
            let seq = position.seq.unwrap_or(0) as i64;
            // Clocks of two containers can disagree: the feed's time never goes back.
            let ms = now_ms.max(position.last_ms);
            let mut update = Update::builder()
                .table_name(&self.table)
                .set_key(Some(key(tenant_pk(tenant), FEEDSEQ_SK)))
                .update_expression("SET #seq = :new, #last = :ms")
                .expression_attribute_names("#seq", SEQ)
                .expression_attribute_names("#last", LAST_MS)
                .expression_attribute_values(":new", n(seq + entries as i64))
                .expression_attribute_values(":ms", n(ms));
            update =
                if position.seq.is_some() { update.condition_expression("#seq = :old").expression_attribute_values(":old", n(seq)) } else { update.condition_expression("attribute_not_exists(#seq)") };
            let mut items = vec![TransactWriteItem::builder().update(update.build().expect("update")).build()];
            items.extend(build(seq as u64 + 1, ms));
            match self.transact_items(items, "the training feed").await? {
                TxResult::Committed => return Ok(Ok(())),
                // Another writer moved the counter (or `known` was stale): read it again,
                // after a pause when it was contended just now.
                TxResult::Cancelled(codes) if codes[0] == "ConditionalCheckFailed" => {
                    if !read_ahead {
                        tokio::time::sleep(Duration::from_millis(rand::random_range(5..40u64))).await;
                    }
                }
                TxResult::Cancelled(codes) => return Ok(Err(codes[1..].to_vec())),
            }
        }
        Err(StoreError::Contended("the training feed"))
    }

    /// The records behind assignment slots or incident links (both carry the fields
    /// that name the record).
    async fn records_for(&self, tenant: &str, pointers: &[Item]) -> Result<Vec<AssignmentRecord>, StoreError> {
        let keys: Vec<Item> = pointers.iter().filter_map(|p| Some(key(tenant_pk(tenant), rec_sk(opt_n(p, ASSIGNED_AT)?, &opt_s(p, LEARNER_ID)?, &opt_s(p, COURSE_ID)?)))).collect();
        let mut records: Vec<AssignmentRecord> = self.batch_get(keys).await?.iter().map(record_from).collect::<Result<_, _>>()?;
        records.sort_by(|a, b| (a.assignment.assigned_at, &a.assignment.learner_id, &a.assignment.course_id).cmp(&(b.assignment.assigned_at, &b.assignment.learner_id, &b.assignment.course_id)));
        Ok(records)
    }

    /// The transaction items that record confirmed assignments: the slot becomes
    /// `done`, the incident link, the record and its first feed entry, and the learner
    /// to check. Used by `confirm_assignments`.
    /// `note`: the batch's own note for its first entry (`""` for none), the others none.
    pub(crate) fn record_items(&self, tenant: &str, owner: &str, records: &[AssignmentRecord], first_seq: u64, ms: i64, note: Option<&str>) -> Vec<TransactWriteItem> {
        let mut items = Vec::with_capacity(records.len() * 4 + 1);
        for (i, r) in records.iter().enumerate() {
            let a = &r.assignment;
            let mut update = Update::builder()
                .table_name(&self.table)
                .set_key(Some(key(tenant_pk(tenant), assign_sk(&a.learner_id, &a.course_id))))
                .condition_expression("#owner = :owner")
                .expression_attribute_names("#owner", OWNER)
                .expression_attribute_names("#state", STATE)
                .expression_attribute_names("#lease", LEASE_UNTIL)
                .expression_attribute_values(":owner", s(owner))
                .expression_attribute_values(":done", s(DONE));
            let mut sets = vec!["#state = :done".to_string()];
            for (j, (k, v)) in assignment_attrs(a).into_iter().enumerate() {
                update = update.expression_attribute_names(format!("#a{j}"), k).expression_attribute_values(format!(":a{j}"), v);
                sets.push(format!("#a{j} = :a{j}"));
            }
            let update = update.update_expression(format!("SET {} REMOVE #lease", sets.join(", "))).build().expect("update");
            items.push(TransactWriteItem::builder().update(update).build());
            items.push(put(&self.table, incident_item(tenant, a)));
            let mut record = record_item(tenant, r);
            record.insert(ROLLED_UP.into(), aws_sdk_dynamodb::types::AttributeValue::Bool(true));
            items.push(put(&self.table, record));
            let mut entry = feed_item(tenant, first_seq + i as u64, ms, r, &r.progress);
            if let Some(text) = note {
                entry.insert(NOTE.into(), s(if i == 0 { text } else { "" }));
            }
            items.push(put(&self.table, entry));
        }
        let learners: std::collections::BTreeSet<&str> = records.iter().map(|r| r.assignment.learner_id.as_str()).collect();
        for learner in learners {
            let open = Update::builder()
                .table_name(&self.table)
                .set_key(Some(key(tenant_pk(tenant), open_sk(learner))))
                .update_expression("SET #checked = if_not_exists(#checked, :zero), #lid = :lid, #fresh = :fresh")
                .expression_attribute_names("#checked", CHECKED_AT)
                .expression_attribute_names("#lid", LEARNER_ID)
                .expression_attribute_names("#fresh", FRESH)
                .expression_attribute_values(":fresh", aws_sdk_dynamodb::types::AttributeValue::Bool(true))
                .expression_attribute_values(":zero", n(0))
                .expression_attribute_values(":lid", s(learner))
                .build()
                .expect("update");
            items.push(TransactWriteItem::builder().update(open).build());
        }
        // The report's rollups count them from here on.
        let added: Vec<_> = records.iter().flat_map(|r| record_changes(None, Some(r))).collect();
        items.extend(self.rollup_items(tenant, &rollup::merge(added)));
        items
    }

    /// The record's new progress, only while its status has not gone past `p`'s
    /// (`strictly`: only while it is still behind, for a change that gets a feed entry)
    /// and while it is still `r` in what its rollups count.
    fn progress_item(&self, tenant: &str, r: &AssignmentRecord, p: &Progress, strictly: bool) -> TransactWriteItem {
        let a = &r.assignment;
        let condition = if strictly { "attribute_exists(#pk) AND #rank < :rank" } else { "attribute_exists(#pk) AND #rank <= :rank" };
        let update = Update::builder()
            .table_name(&self.table)
            .set_key(Some(key(tenant_pk(tenant), rec_sk(a.assigned_at, &a.learner_id, &a.course_id))))
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#rank", STATUS_RANK)
            .expression_attribute_values(":rank", n(rank(p.status)));
        let mut update = Guard::of(r).on_update(update, Some(condition));
        let mut sets = Vec::new();
        for (i, (k, v)) in progress_attrs(p).into_iter().enumerate() {
            if let Some(v) = v {
                update = update.expression_attribute_names(format!("#p{i}"), k).expression_attribute_values(format!(":p{i}"), v);
                sets.push(format!("#p{i} = :p{i}"));
            }
        }
        TransactWriteItem::builder().update(update.update_expression(format!("SET {}", sets.join(", "))).build().expect("update")).build()
    }
}

/// `r` with `p` saved over it as `progress_item` saves it: dates and score only replace
/// what was there when `p` has them.
fn with_progress(r: &AssignmentRecord, p: &Progress) -> AssignmentRecord {
    let mut new = r.clone();
    let q = &mut new.progress;
    q.status = p.status;
    q.percentage_complete = p.percentage_complete;
    q.started_at = p.started_at.or(q.started_at);
    q.completed_at = p.completed_at.or(q.completed_at);
    q.score = p.score.or(q.score);
    new
}

impl DynamoStore {
    /// Loads assignment records in bulk (batch writes, no feed entries): for data
    /// migrations and `make bench`'s report data set.
    pub async fn import_records(&self, tenant: &str, records: &[AssignmentRecord]) -> Result<(), StoreError> {
        let requests = records.iter().map(|r| WriteRequest::builder().put_request(PutRequest::builder().set_item(Some(record_item(tenant, r))).build().expect("item set")).build()).collect();
        self.batch_write(requests).await
    }

    /// Loads incidents in bulk with their caller index, as `put_incident` writes them.
    pub async fn import_incidents(&self, tenant: &str, incidents: &[Incident]) -> Result<(), StoreError> {
        let mut requests = Vec::with_capacity(incidents.len() * 2);
        for i in incidents {
            let mut index = key(tenant_pk(tenant), caller_incident_sk(&i.caller_sys_id, i.opened_at, &i.sys_id));
            index.insert(INCIDENT_SYS_ID.into(), s(i.sys_id.clone()));
            index.insert(OPENED_AT.into(), n(i.opened_at));
            for item in [incident_meta_item(tenant, i), index] {
                requests.push(WriteRequest::builder().put_request(PutRequest::builder().set_item(Some(item)).build().expect("item set")).build());
            }
        }
        self.batch_write(requests).await
    }
}

#[async_trait]
impl ProgressStore for DynamoStore {
    #[instrument(skip_all, fields(tenant, learner = learner_id))]
    async fn learner_records(&self, tenant: &str, learner_id: &str) -> Result<Vec<AssignmentRecord>, StoreError> {
        let slots: Vec<Item> = self.query_partition(&tenant_pk(tenant), &format!("ASSIGN#{learner_id}#"), false).await?.into_iter().filter(|i| opt_s(i, STATE).as_deref() == Some(DONE)).collect();
        self.records_for(tenant, &slots).await
    }

    #[instrument(skip_all, fields(tenant))]
    async fn incident_records(&self, tenant: &str, incident_sys_id: &str) -> Result<Vec<AssignmentRecord>, StoreError> {
        let links = self.query_partition(&tenant_pk(tenant), &incident_prefix(incident_sys_id), false).await?;
        self.records_for(tenant, &links).await
    }

    #[instrument(skip_all, fields(tenant))]
    async fn records_between(&self, tenant: &str, start: Timestamp, end: Timestamp) -> Result<Vec<AssignmentRecord>, StoreError> {
        // `REC#<end>` sorts before `REC#<end>#...`: end is exclusive.
        self.query_between(&tenant_pk(tenant), &rec_time_sk(start), &rec_time_sk(end), None).await?.iter().map(record_from).collect()
    }

    #[instrument(skip_all, fields(tenant, count = changes.len()))]
    async fn save_progress(&self, tenant: &str, changes: &[(AssignmentRecord, Progress)], now_ms: i64) -> Result<usize, StoreError> {
        let mut changed = 0;
        let (advancing, in_place): (Vec<_>, Vec<_>) = changes.iter().cloned().partition(|(r, p)| rank(p.status) > rank(r.progress.status));
        for (r, p) in in_place {
            let mut current = r;
            for _ in 0..GUARD_ATTEMPTS {
                let mut items = vec![self.progress_item(tenant, &current, &p, false)];
                items.extend(self.rollup_items(tenant, &record_changes(Some(&current), Some(&with_progress(&current, &p)))));
                if let TxResult::Committed = self.transact_items(items, "an assignment's progress").await? {
                    changed += 1;
                    break;
                }
                // Gone past `p`, gone, or changed by another writer: in the last case
                // work it out again from what is there now.
                match self.reread(tenant, &current).await? {
                    Some(now) if rank(now.progress.status) <= rank(p.status) && now != current => current = now,
                    _ => break,
                }
            }
        }
        // Each advance: the record, its feed entry and up to 24 rollups (4 dimensions;
        // month, block and day; coarse and fine); 3 of them and the counter fit in one
        // transaction.
        for chunk in advancing.chunks(RECORDS_PER_TX) {
            let mut batch: Vec<(AssignmentRecord, Progress)> = chunk.to_vec();
            let mut rounds = 0;
            while !batch.is_empty() {
                let build = |first: u64, ms: i64| {
                    let mut items = Vec::with_capacity(batch.len() * 5);
                    let mut rollups = Vec::new();
                    for (i, (r, p)) in batch.iter().enumerate() {
                        items.push(self.progress_item(tenant, r, p, true));
                        items.push(put(&self.table, feed_item(tenant, first + i as u64, ms, r, p)));
                        rollups.extend(record_changes(Some(r), Some(&with_progress(r, p))));
                    }
                    items.extend(self.rollup_items(tenant, &rollup::merge(rollups)));
                    items
                };
                match self.append_with_feed(tenant, now_ms, batch.len() as u64, None, &build).await? {
                    Ok(()) => {
                        changed += batch.len();
                        break;
                    }
                    // Another writer advanced or changed some of these first: read those
                    // again; the ones still behind go again as they are now.
                    Err(codes) => {
                        rounds += 1;
                        if rounds > GUARD_ATTEMPTS {
                            return Err(StoreError::Contended("an assignment's progress"));
                        }
                        let mut again = Vec::with_capacity(batch.len());
                        for (i, (r, p)) in batch.into_iter().enumerate() {
                            if codes.get(2 * i).is_some_and(|c| c == "ConditionalCheckFailed") {
                                if let Some(now) = self.reread(tenant, &r).await?.filter(|now| rank(now.progress.status) < rank(p.status)) {
                                    again.push((now, p));
                                }
                            } else {
                                again.push((r, p));
                            }
                        }
                        batch = again;
                    }
                }
            }
        }
        Ok(changed)
    }

    #[instrument(skip_all, fields(tenant))]
    async fn set_record_incident_facts(&self, tenant: &str, record: &AssignmentRecord, category: Option<&str>, next_incident_at: Option<Timestamp>) -> Result<(), StoreError> {
        let mut current = record.clone();
        for _ in 0..GUARD_ATTEMPTS {
            let mut new = current.clone();
            if let Some(c) = category {
                new.category = Some(c.to_string());
            }
            // Only ever earlier.
            if let Some(t) = next_incident_at.filter(|t| current.next_incident_at.is_none_or(|x| x > *t)) {
                new.next_incident_at = Some(t);
            }
            if new == current {
                return Ok(());
            }
            let a = &current.assignment;
            let mut update = Update::builder().table_name(&self.table).set_key(Some(key(tenant_pk(tenant), rec_sk(a.assigned_at, &a.learner_id, &a.course_id))));
            let mut sets = Vec::new();
            if let Some(c) = new.category.clone().filter(|_| new.category != current.category) {
                update = update.expression_attribute_names("#cat", CATEGORY).expression_attribute_values(":cat", s(c));
                sets.push("#cat = :cat");
            }
            if let Some(t) = new.next_incident_at.filter(|_| new.next_incident_at != current.next_incident_at) {
                update = update.expression_attribute_names("#next", NEXT_INCIDENT_AT).expression_attribute_values(":t", n(t));
                sets.push("#next = :t");
            }
            let update = Guard::of(&current).on_update(update.update_expression(format!("SET {}", sets.join(", "))), None).build().expect("update");
            let mut items = vec![TransactWriteItem::builder().update(update).build()];
            items.extend(self.rollup_items(tenant, &record_changes(Some(&current), Some(&new))));
            match self.transact_items(items, "a record's incident facts").await? {
                TxResult::Committed => return Ok(()),
                TxResult::Cancelled(_) => match self.reread(tenant, &current).await? {
                    Some(now) => current = now,
                    None => return Ok(()),
                },
            }
        }
        Err(StoreError::Contended("a record's incident facts"))
    }

    #[instrument(skip_all, fields(tenant))]
    async fn open_learners(&self, tenant: &str) -> Result<Vec<(String, Timestamp)>, StoreError> {
        let items = self.query_partition(&tenant_pk(tenant), "OPEN#", false).await?;
        Ok(items.iter().filter_map(|i| Some((opt_s(i, LEARNER_ID)?, opt_n(i, CHECKED_AT).unwrap_or(0)))).collect())
    }

    #[instrument(skip_all, fields(tenant, learner = learner_id))]
    async fn mark_checked(&self, tenant: &str, learner_id: &str, at: Timestamp, still_open: bool) -> Result<(), StoreError> {
        let k = key(tenant_pk(tenant), open_sk(learner_id));
        if !still_open {
            // Gone only if no assignment came in since the records were read; else it
            // stays for one more check.
            let res = self
                .client
                .delete_item()
                .table_name(&self.table)
                .set_key(Some(k.clone()))
                .condition_expression("attribute_not_exists(#fresh)")
                .expression_attribute_names("#fresh", FRESH)
                .send()
                .await;
            if written("delete_item", res)? {
                return Ok(());
            }
        }
        self.client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(k))
            .update_expression("SET #checked = :at, #lid = :lid REMOVE #fresh")
            .expression_attribute_names("#checked", CHECKED_AT)
            .expression_attribute_names("#lid", LEARNER_ID)
            .expression_attribute_names("#fresh", FRESH)
            .expression_attribute_values(":at", n(at))
            .expression_attribute_values(":lid", s(learner_id))
            .send()
            .await
            .map_err(|e| unavailable("update_item", e))?;
        Ok(())
    }

    #[instrument(skip_all, fields(tenant))]
    async fn achievement_seen(&self, tenant: &str, achievement_id: &str) -> Result<bool, StoreError> {
        Ok(self.get_item(key(tenant_pk(tenant), achievement_sk(achievement_id))).await?.is_some())
    }

    async fn remember_achievement(&self, tenant: &str, achievement_id: &str, expires_at: Timestamp) -> Result<(), StoreError> {
        let mut item = key(tenant_pk(tenant), achievement_sk(achievement_id));
        item.insert(TTL.into(), n(expires_at));
        self.client.put_item().table_name(&self.table).set_item(Some(item)).send().await.map_err(|e| unavailable("put_item", e))?;
        Ok(())
    }

    async fn sync_watermark(&self, tenant: &str) -> Result<Option<Timestamp>, StoreError> {
        Ok(self.get_item(key(tenant_pk(tenant), SYNC_SK)).await?.and_then(|i| opt_n(&i, WATERMARK)))
    }

    async fn set_sync_watermark(&self, tenant: &str, at: Timestamp) -> Result<(), StoreError> {
        // Only forward: two syncs racing keep the later mark.
        let res = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(tenant_pk(tenant), SYNC_SK)))
            .condition_expression("attribute_not_exists(#w) OR #w < :at")
            .update_expression("SET #w = :at")
            .expression_attribute_names("#w", WATERMARK)
            .expression_attribute_values(":at", n(at))
            .send()
            .await;
        written("update_item", res).map(|_| ())
    }

    #[instrument(skip_all, fields(tenant, after = after_seq))]
    async fn feed(&self, tenant: &str, after_seq: u64, limit: usize) -> Result<Vec<FeedEntry>, StoreError> {
        self.query_between(&tenant_pk(tenant), &feed_sk(after_seq + 1), "FEED#~", Some(limit)).await?.iter().map(feed_from).collect()
    }

    #[instrument(skip_all, fields(tenant, seq))]
    async fn note_feed_read(&self, tenant: &str, seq: u64) -> Result<(), StoreError> {
        let res = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(tenant_pk(tenant), FEEDREAD_SK)))
            .condition_expression("attribute_not_exists(#r) OR #r < :seq")
            .update_expression("SET #r = :seq")
            .expression_attribute_names("#r", READ_SEQ)
            .expression_attribute_values(":seq", n(seq as i64))
            .send()
            .await;
        written("update_item", res).map(|_| ())
    }

    /// Entries are never changed once appended, so each is put again whole with its
    /// expiry (25 to a BatchWrite), then the stamped mark moves forward.
    #[instrument(skip_all, fields(tenant))]
    async fn expire_read_feed(&self, tenant: &str, expires_at: Timestamp, max: usize) -> Result<usize, StoreError> {
        let pk = tenant_pk(tenant);
        let Some(marks) = self.get_item(key(pk.clone(), FEEDREAD_SK)).await? else { return Ok(0) };
        let (read, stamped) = (opt_n(&marks, READ_SEQ).unwrap_or(0), opt_n(&marks, STAMPED_SEQ).unwrap_or(0));
        if read <= stamped {
            return Ok(0);
        }
        let mut entries = self.query_between(&pk, &feed_sk(stamped as u64 + 1), &feed_sk(read as u64), Some(max)).await?;
        let last = entries.last().and_then(|e| opt_n(e, SEQ)).unwrap_or(read).min(read);
        let count = entries.len();
        for e in &mut entries {
            e.insert(TTL.into(), n(expires_at));
        }
        self.batch_write(entries.into_iter().map(|item| WriteRequest::builder().put_request(PutRequest::builder().set_item(Some(item)).build().expect("put")).build()).collect()).await?;
        let res = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(pk, FEEDREAD_SK)))
            .condition_expression("attribute_not_exists(#s) OR #s < :last")
            .update_expression("SET #s = :last")
            .expression_attribute_names("#s", STAMPED_SEQ)
            .expression_attribute_values(":last", n(last))
            .send()
            .await;
        written("update_item", res)?;
        Ok(count)
    }
}

#[async_trait]
impl IncidentStore for DynamoStore {
    #[instrument(skip_all, fields(tenant))]
    async fn get_incident(&self, tenant: &str, sys_id: &str) -> Result<Option<Incident>, StoreError> {
        self.get_item(key(tenant_pk(tenant), incident_meta_sk(sys_id))).await?.as_ref().map(incident_meta_from).transpose()
    }

    #[instrument(skip_all, fields(tenant))]
    async fn put_incident(&self, tenant: &str, incident: &Incident) -> Result<IncidentWrite, StoreError> {
        let meta = Put::builder()
            .table_name(&self.table)
            .set_item(Some(incident_meta_item(tenant, incident)))
            .condition_expression("attribute_not_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .build()
            .expect("put");
        let mut index = key(tenant_pk(tenant), caller_incident_sk(&incident.caller_sys_id, incident.opened_at, &incident.sys_id));
        index.insert(INCIDENT_SYS_ID.into(), s(incident.sys_id.clone()));
        index.insert(OPENED_AT.into(), n(incident.opened_at));
        let items = vec![TransactWriteItem::builder().put(meta).build(), put(&self.table, index)];
        if let TxResult::Committed = self.transact_items(items, "the incident").await? {
            return Ok(IncidentWrite::Created);
        }
        let Some(known) = self.get_incident(tenant, &incident.sys_id).await? else {
            return Err(StoreError::Contended("the incident"));
        };
        if known.caller_sys_id != incident.caller_sys_id || known.number != incident.number || known.table != incident.table {
            return Ok(IncidentWrite::Mismatch);
        }
        if known.category == incident.category {
            return Ok(IncidentWrite::Known { category_changed: false });
        }
        let mut update = self.client.update_item().table_name(&self.table).set_key(Some(key(tenant_pk(tenant), incident_meta_sk(&incident.sys_id)))).expression_attribute_names("#cat", CATEGORY);
        update = match &incident.category {
            Some(c) => update.update_expression("SET #cat = :cat").expression_attribute_values(":cat", s(c.clone())),
            None => update.update_expression("REMOVE #cat"),
        };
        update.send().await.map_err(|e| unavailable("update_item", e))?;
        Ok(IncidentWrite::Known { category_changed: true })
    }

    #[instrument(skip_all, fields(tenant))]
    async fn next_incident_after(&self, tenant: &str, caller_sys_id: &str, after: Timestamp, except: &str) -> Result<Option<Timestamp>, StoreError> {
        let prefix = caller_incident_prefix(caller_sys_id);
        // Strictly after `after`: from the next second on.
        let items = self.query_between(&tenant_pk(tenant), &format!("{prefix}{:012}", after + 1), &format!("{prefix}~"), Some(10)).await?;
        Ok(items.iter().filter(|i| opt_s(i, INCIDENT_SYS_ID).as_deref() != Some(except)).find_map(|i| opt_n(i, OPENED_AT)))
    }
}

#[async_trait]
impl RateBudget for DynamoStore {
    async fn take(&self, account: &str, calls: u32, ceiling: u32, now: Timestamp) -> Result<bool, StoreError> {
        if calls > ceiling {
            return Ok(false);
        }
        let minute = now.div_euclid(60);
        let res = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(budget_pk(account), format!("{minute}"))))
            .condition_expression("attribute_not_exists(#n) OR #n <= :room")
            .update_expression("ADD #n :calls SET #ttl = :ttl")
            .expression_attribute_names("#n", SPENT)
            .expression_attribute_names("#ttl", TTL)
            .expression_attribute_values(":calls", n(i64::from(calls)))
            .expression_attribute_values(":room", n(i64::from(ceiling - calls)))
            .expression_attribute_values(":ttl", n((minute + 2) * 60))
            .send()
            .await;
        written("update_item", res)
    }
}

#[async_trait]
impl RollupStore for DynamoStore {
    /// The report's rollups (issue 19.3).
    async fn rollups(&self, tenant: &str, by: &[&str], from: time::Date, to: time::Date, cells: &[String]) -> Result<Option<Vec<Rollup>>, StoreError> {
        self.read_rollups(tenant, by, from, to, cells).await
    }

    async fn fine_rollups(&self, tenant: &str, keys: &[FineKey]) -> Result<Vec<(FineKey, Cells)>, StoreError> {
        self.read_fine_rollups(tenant, keys).await
    }
}
