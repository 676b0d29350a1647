//! The effectiveness report's rollups (issue 19.3, `litmos_domain::rollup`): items per
//! dimension, group and period (UTC month, 8-day block and day of `assigned_at`), and fine items per
//! whole day of completion, whose cells (`_<cell>` attributes) only ever get additions
//! (DynamoDB `ADD`), in the same transaction as the record change they count. Each such
//! transaction is conditioned on the record still being what the change was worked out
//! from (`Guard`), so a retried or racing write never counts a change twice or from the
//! wrong state: a failed guard means "read the record again and work it out again".
//!
//! A record carries `rolled_up` once it is counted. Records from before rollups existed
//! are counted by `backfill_rollups`, one guarded transaction per few records, after
//! which the tenant's `META` says `rollups_ready` and the report reads rollups instead of
//! records. A tenant created since is ready from the start.

use aws_sdk_dynamodb::types::{AttributeValue, Delete, TransactWriteItem, Update};
use litmos_domain::model::AssignmentRecord;
use litmos_domain::ports::StoreError;
use litmos_domain::report::{Date, ReportRow};
use litmos_domain::rollup::{self, Cells, FineKey, Period, Rollup, RollupChange};

use super::DynamoStore;
use super::layout::*;
use super::progress::TxResult;

/// How often a guarded write reads its record again after another writer changed it.
pub(crate) const GUARD_ATTEMPTS: usize = 8;
/// Records a backfill, deletion or progress transaction counts: one record item (and a
/// feed entry) and up to 24 rollups each (4 dimensions; month, block and day; coarse and
/// fine): at most 100 actions.
pub(crate) const RECORDS_PER_TX: usize = 3;
const LABEL: &str = "label";
const LABEL_AT: &str = "label_at";

/// Where a rollup lives: `RUM#<by>#<YYYY-MM>#<key>`, `RUB#<by>#<YYYY-MM-DD>#<key>` (a
/// block, by its first day), `RUD#<by>#<YYYY-MM-DD>#<key>`, or for a fine item
/// `RUF#<by>#<period>#<whole days>#<key>`.
pub fn rollup_sk(by: &str, period: Period, fine_days: Option<i64>, key: &str) -> String {
    match (fine_days, period) {
        (Some(days), p) => format!("RUF#{by}#{}#{days}#{key}", p.key()),
        (None, Period::Month(_)) => format!("RUM#{by}#{}#{key}", &p_key(period)),
        (None, Period::Block(_)) => format!("RUB#{by}#{}#{key}", &p_key(period)),
        (None, Period::Day(_)) => format!("RUD#{by}#{}#{key}", &p_key(period)),
    }
}

/// The period's date as coarse keys sort it (`YYYY-MM` or `YYYY-MM-DD`).
fn p_key(p: Period) -> String {
    p.key()[1..].to_string()
}

/// The condition that a record is still what `r` says in everything its rollup cells
/// depend on (and still there).
pub(crate) struct Guard {
    pub expr: String,
    names: Vec<(&'static str, &'static str)>,
    values: Vec<(&'static str, AttributeValue)>,
}

impl Guard {
    pub fn of(r: &AssignmentRecord) -> Guard {
        let mut g = Guard { expr: "attribute_exists(#gpk) AND #grank = :grank".into(), names: vec![("#gpk", PK), ("#grank", STATUS_RANK)], values: vec![(":grank", n(rank(r.progress.status)))] };
        let optional: [(&'static str, &'static str, &'static str, Option<AttributeValue>); 5] = [
            ("#gdone", ":gdone", COMPLETED_AT, r.progress.completed_at.map(n)),
            ("#gscore", ":gscore", SCORE, r.progress.score.map(num)),
            ("#gcat", ":gcat", CATEGORY, r.category.clone().map(s)),
            ("#gnext", ":gnext", NEXT_INCIDENT_AT, r.next_incident_at.map(n)),
            ("#gru", ":gru", ROLLED_UP, r.rolled_up.then_some(AttributeValue::Bool(true))),
        ];
        for (name, value, attr, v) in optional {
            g.names.push((name, attr));
            match v {
                Some(v) => {
                    g.expr.push_str(&format!(" AND {name} = {value}"));
                    g.values.push((value, v));
                }
                None => g.expr.push_str(&format!(" AND attribute_not_exists({name})")),
            }
        }
        g
    }

    /// `update` with `also` (its own condition, if any) and the guard as its condition.
    pub fn on_update(self, mut update: aws_sdk_dynamodb::types::builders::UpdateBuilder, also: Option<&str>) -> aws_sdk_dynamodb::types::builders::UpdateBuilder {
        update = update.condition_expression(match also {
            Some(c) => format!("({c}) AND {}", self.expr),
            None => self.expr.clone(),
        });
        for (k, v) in self.names {
            update = update.expression_attribute_names(k, v);
        }
        for (k, v) in self.values {
            update = update.expression_attribute_values(k, v);
        }
        update
    }

    fn on_delete(self, mut delete: aws_sdk_dynamodb::types::builders::DeleteBuilder) -> aws_sdk_dynamodb::types::builders::DeleteBuilder {
        delete = delete.condition_expression(self.expr.clone());
        for (k, v) in self.names {
            delete = delete.expression_attribute_names(k, v);
        }
        for (k, v) in self.values {
            delete = delete.expression_attribute_values(k, v);
        }
        delete
    }
}

/// The rollup changes when record `old` becomes `new` (`None`: absent); none for a
/// record the rollups do not count yet (the backfill will, as it is then).
pub(crate) fn record_changes(old: Option<&AssignmentRecord>, new: Option<&AssignmentRecord>) -> Vec<RollupChange> {
    if old.is_some_and(|o| !o.rolled_up) {
        return Vec::new();
    }
    rollup::changes(old.map(ReportRow::from).as_ref(), new.map(ReportRow::from).as_ref())
}

impl DynamoStore {
    /// One additions-only update per rollup change.
    pub(crate) fn rollup_items(&self, tenant: &str, changes: &[RollupChange]) -> Vec<TransactWriteItem> {
        changes
            .iter()
            .map(|c| {
                let mut update = Update::builder().table_name(&self.table).set_key(Some(key(tenant_pk(tenant), rollup_sk(c.by, c.period, c.fine_days, &c.key))));
                let mut expr = String::new();
                if let Some((at, name)) = &c.label {
                    expr.push_str("SET #lbl = :lbl, #lat = :lat ");
                    update = update
                        .expression_attribute_names("#lbl", LABEL)
                        .expression_attribute_names("#lat", LABEL_AT)
                        .expression_attribute_values(":lbl", s(name.clone()))
                        .expression_attribute_values(":lat", n(*at));
                }
                let adds: Vec<String> = c
                    .cells
                    .iter()
                    .enumerate()
                    .map(|(i, (cell, v))| {
                        update = update.clone().expression_attribute_names(format!("#c{i}"), format!("_{cell}")).expression_attribute_values(format!(":c{i}"), n(*v));
                        format!("#c{i} :c{i}")
                    })
                    .collect();
                if !adds.is_empty() {
                    expr.push_str(&format!("ADD {}", adds.join(", ")));
                }
                TransactWriteItem::builder().update(update.update_expression(expr).build().expect("update")).build()
            })
            .collect()
    }

    /// Writes rollup items as they stand (`changes` from nothing: their cells and name)
    /// and marks the tenant ready, in bulk: for `make bench`'s data sets.
    pub async fn import_rollups(&self, tenant: &str, items: &[RollupChange]) -> Result<(), StoreError> {
        let requests = items
            .iter()
            .map(|c| {
                let mut item = key(tenant_pk(tenant), rollup_sk(c.by, c.period, c.fine_days, &c.key));
                if let Some((at, name)) = &c.label {
                    item.insert(LABEL.into(), s(name.clone()));
                    item.insert(LABEL_AT.into(), n(*at));
                }
                for (cell, v) in &c.cells {
                    item.insert(format!("_{cell}"), n(*v));
                }
                aws_sdk_dynamodb::types::WriteRequest::builder().put_request(aws_sdk_dynamodb::types::PutRequest::builder().set_item(Some(item)).build().expect("item set")).build()
            })
            .collect();
        self.batch_write(requests).await?;
        self.client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(tenant_pk(tenant), META)))
            .update_expression("SET #ready = :true")
            .expression_attribute_names("#ready", ROLLUPS_READY)
            .expression_attribute_values(":true", AttributeValue::Bool(true))
            .send()
            .await
            .map_err(|e| super::unavailable("update_item", e))?;
        Ok(())
    }

    /// A record as it is now, read consistently (`None`: gone).
    pub(crate) async fn reread(&self, tenant: &str, r: &AssignmentRecord) -> Result<Option<AssignmentRecord>, StoreError> {
        let a = &r.assignment;
        self.get_item(key(tenant_pk(tenant), rec_sk(a.assigned_at, &a.learner_id, &a.course_id))).await?.as_ref().map(record_from).transpose()
    }

    /// Deletes records and takes them out of the rollups, each only as it was read (a
    /// record another writer changed meanwhile is read again and taken out as it is).
    pub(crate) async fn delete_records(&self, tenant: &str, records: Vec<AssignmentRecord>) -> Result<(), StoreError> {
        self.per_record(tenant, records, "deleting records", |r| {
            let a = &r.assignment;
            let delete = Guard::of(r).on_delete(Delete::builder().table_name(&self.table).set_key(Some(key(tenant_pk(tenant), rec_sk(a.assigned_at, &a.learner_id, &a.course_id)))));
            (TransactWriteItem::builder().delete(delete.build().expect("delete")).build(), record_changes(Some(r), None))
        })
        .await
    }

    /// Runs `write` (the record's own item and its rollup changes) for records, a few in
    /// one transaction; a record whose guard failed is read again and, while it is still
    /// there, goes again as it is now.
    async fn per_record(
        &self,
        tenant: &str,
        records: Vec<AssignmentRecord>,
        what: &'static str,
        write: impl Fn(&AssignmentRecord) -> (TransactWriteItem, Vec<RollupChange>),
    ) -> Result<(), StoreError> {
        for chunk in records.chunks(RECORDS_PER_TX) {
            let mut batch = chunk.to_vec();
            for _ in 0..GUARD_ATTEMPTS {
                if batch.is_empty() {
                    break;
                }
                let (mut items, mut changes) = (Vec::new(), Vec::new());
                for r in &batch {
                    let (item, c) = write(r);
                    items.push(item);
                    changes.extend(c);
                }
                items.extend(self.rollup_items(tenant, &rollup::merge(changes)));
                match self.transact_items(items, what).await? {
                    TxResult::Committed => batch.clear(),
                    TxResult::Cancelled(codes) => {
                        let mut again = Vec::new();
                        for (i, r) in batch.iter().enumerate() {
                            if codes.get(i).is_some_and(|c| c == "ConditionalCheckFailed") {
                                again.extend(self.reread(tenant, r).await?);
                            } else {
                                again.push(r.clone());
                            }
                        }
                        batch = again;
                    }
                }
            }
            if !batch.is_empty() {
                return Err(StoreError::Contended(what));
            }
        }
        Ok(())
    }

    /// Counts the tenant's records that the rollups do not count yet, each once, then
    /// marks the tenant ready (its reports read rollups from then on). Safe beside live
    /// traffic and safe to run again. `progress` hears how many records were looked at
    /// and counted after each page. Returns how many it counted (`None`: no such tenant).
    pub async fn backfill_rollups(&self, tenant: &str, progress: &mut (dyn FnMut(usize, usize) + Send)) -> Result<Option<usize>, StoreError> {
        let pk = tenant_pk(tenant);
        let (mut seen, mut counted) = (0, 0);
        let mut lo = "REC#".to_string();
        loop {
            let page = self.query_between(&pk, &lo, "REC#~", Some(1_000)).await?;
            let Some(last) = page.last().and_then(|i| opt_s(i, SK)) else { break };
            lo = format!("{last}\u{1}");
            seen += page.len();
            let todo: Vec<AssignmentRecord> = page.iter().map(record_from).collect::<Result<Vec<_>, _>>()?.into_iter().filter(|r| !r.rolled_up).collect();
            counted += todo.len();
            self.per_record(tenant, todo, "counting records in the rollups", |r| {
                let a = &r.assignment;
                let update = Update::builder()
                    .table_name(&self.table)
                    .set_key(Some(key(pk.clone(), rec_sk(a.assigned_at, &a.learner_id, &a.course_id))))
                    .update_expression("SET #ru = :true")
                    .expression_attribute_names("#ru", ROLLED_UP)
                    .expression_attribute_values(":true", AttributeValue::Bool(true));
                let update = Guard::of(r).on_update(update, None).build().expect("update");
                let mut counted = r.clone();
                counted.rolled_up = true;
                (TransactWriteItem::builder().update(update).build(), record_changes(None, Some(&counted)))
            })
            .await?;
            progress(seen, counted);
        }
        let res = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(pk, META)))
            .condition_expression("attribute_exists(#pk)")
            .update_expression("SET #ready = :true")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#ready", ROLLUPS_READY)
            .expression_attribute_values(":true", AttributeValue::Bool(true))
            .send()
            .await;
        Ok(super::written("update_item", res)?.then_some(counted))
    }

    /// The coarse rollups of the dimensions `by` over the periods that cover
    /// `from..=to`, with the cells named in `cells` alone (a projection: a Fenwick tree's
    /// other nodes stay in DynamoDB), or `None` while the tenant is not ready (records
    /// from before rollups not counted yet). One Query per dimension and read of
    /// `rollup::reads` (a whole month, a month's whole blocks, or a few days), all at once
    /// beside the tenant's `META`.
    pub(crate) async fn read_rollups(&self, tenant: &str, by: &[&str], from: Date, to: Date, cells: &[String]) -> Result<Option<Vec<Rollup>>, StoreError> {
        let pk = tenant_pk(tenant);
        let mut ranges = Vec::new();
        for b in by {
            for (first, last) in rollup::reads(from, to) {
                ranges.push((rollup_sk(b, first, None, ""), format!("{}\u{10FFFF}", rollup_sk(b, last, None, ""))));
            }
        }
        let projection = Projection::of(cells);
        let queries = futures_util::future::try_join_all(ranges.iter().map(|(lo, hi)| self.query_pages(projection.on(self.between(&pk, lo, hi)), None)));
        let (meta, pages) = tokio::join!(self.get_item(key(pk.clone(), META)), queries);
        if !matches!(meta?.as_ref().and_then(|m| m.get(ROLLUPS_READY)), Some(AttributeValue::Bool(true))) {
            return Ok(None);
        }
        pages?.iter().flatten().map(coarse_from).collect::<Result<Vec<_>, _>>().map(Some)
    }

    /// The fine rollups asked for, 100 keys a request, all requests at once
    /// (`rollup::batches`: the totals' large items spread over them).
    pub(crate) async fn read_fine_rollups(&self, tenant: &str, keys: &[FineKey]) -> Result<Vec<(FineKey, Cells)>, StoreError> {
        let pk = tenant_pk(tenant);
        let mut keys = keys.to_vec();
        keys.sort();
        keys.dedup();
        let sks: Vec<String> = keys.iter().map(|k| rollup_sk(&k.by, k.period, Some(k.days), &k.key)).collect();
        let by_sk: std::collections::HashMap<&str, &FineKey> = sks.iter().map(String::as_str).zip(&keys).collect();
        let chunks: Vec<Vec<Item>> = rollup::batches(&sks, 100).into_iter().map(|batch| batch.into_iter().map(|sk| key(pk.clone(), sk.clone())).collect()).collect();
        let found = futures_util::future::try_join_all(chunks.into_iter().map(|c| self.batch_get(c))).await?;
        Ok(found
            .iter()
            .flatten()
            .filter_map(|item| {
                let k = by_sk.get(opt_s(item, SK)?.as_str())?;
                Some(((*k).clone(), cells_from(item)))
            })
            .collect())
    }
}

/// A coarse read's projection: the key, the course name and the cells named.
struct Projection {
    expr: String,
    names: Vec<(String, String)>,
}

impl Projection {
    fn of(cells: &[String]) -> Projection {
        let mut names: Vec<(String, String)> = [SK, LABEL, LABEL_AT].iter().enumerate().map(|(i, a)| (format!("#k{i}"), a.to_string())).collect();
        names.extend(cells.iter().enumerate().map(|(i, c)| (format!("#p{i}"), format!("_{c}"))));
        let expr = names.iter().map(|(placeholder, _)| placeholder.as_str()).collect::<Vec<_>>().join(",");
        Projection { expr, names }
    }

    fn on(&self, mut query: aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder) -> aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder {
        query = query.projection_expression(&self.expr);
        for (placeholder, name) in &self.names {
            query = query.expression_attribute_names(placeholder, name);
        }
        query
    }
}

fn cells_from(item: &Item) -> Cells {
    let mut cells = Cells::default();
    for (name, v) in item.iter().filter_map(|(k, v)| Some((k.strip_prefix('_')?, v.as_n().ok()?.parse::<i64>().ok()?))) {
        cells.add(name, v);
    }
    cells
}

/// A coarse rollup item: `RUM#<by>#<YYYY-MM>#<key>`, `RUB#<by>#<YYYY-MM-DD>#<key>` or
/// `RUD#<by>#<YYYY-MM-DD>#<key>`.
fn coarse_from(item: &Item) -> Result<Rollup, StoreError> {
    let sk = get_s(item, SK)?;
    let corrupt = || StoreError::Corrupt(format!("rollup key {sk}"));
    let (kind, rest) = sk.split_once('#').ok_or_else(corrupt)?;
    let (by, rest) = rest.split_once('#').ok_or_else(corrupt)?;
    let (date, key) = rest.split_once('#').ok_or_else(corrupt)?;
    let parse = |s: &str| Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).map_err(|_| corrupt());
    let period = match kind {
        "RUM" => Period::Month(parse(&format!("{date}-01"))?),
        "RUB" => Period::Block(parse(date)?),
        "RUD" => Period::Day(parse(date)?),
        _ => return Err(corrupt()),
    };
    let label = opt_s(item, LABEL).zip(opt_n(item, LABEL_AT)).map(|(name, at)| (at, name));
    Ok(Rollup { by: by.to_string(), period, key: key.to_string(), label, cells: cells_from(item) })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// DynamoDB refuses an expression over 4 KB: the longest window's projection is
    /// within it.
    #[test]
    fn the_widest_projection_fits_an_expression() {
        let widest = (1..=litmos_domain::report::MAX_WINDOW_DAYS).map(|w| Projection::of(&rollup::read_cells(w)).expr.len()).max().unwrap();
        assert!(widest <= 4_096, "{widest} bytes");
        assert!(Projection::of(&rollup::read_cells(255)).names.iter().any(|(_, n)| n == "_r255"));
    }

    /// DynamoDB refuses a transaction of more than 100 actions: the largest a chunk of
    /// records writes stays within them.
    #[test]
    fn the_largest_transactions_stay_within_100_actions() {
        use super::super::claims::ASSIGNMENTS_PER_TX;
        use litmos_domain::model::TrainingStatus::{Completed, NotStarted};
        let t = 1_772_704_800; // 2026-03-05 10:00 UTC
        let row = |course: usize, status| ReportRow {
            course_id: format!("C{course}"),
            course_name: format!("Course {course}"),
            assigned_by: "agent".into(),
            category: Some("network".into()),
            incident_sys_id: "i".into(),
            assigned_at: t,
            status,
            completed_at: (status == Completed).then_some(t + 90_000),
            score: (status == Completed).then_some(80.0),
            next_incident_at: Some(t + 3 * 86_400),
        };
        // A progress advance, a backfill or a deletion: each record's own item, its feed
        // entry and its rollups, and the feed counter.
        let worst = [rollup::changes(Some(&row(0, NotStarted)), Some(&row(0, Completed))), rollup::changes(None, Some(&row(0, Completed))), rollup::changes(Some(&row(0, Completed)), None)]
            .map(|c| c.len())
            .into_iter()
            .max()
            .unwrap();
        assert_eq!(worst, 24, "4 dimensions; month, block and day; coarse and fine");
        assert!(RECORDS_PER_TX * (2 + worst) + 1 <= 100, "{RECORDS_PER_TX} records of {worst} rollups");
        // A batch of assignments confirmed: four actions each, their rollups merged (the
        // batch shares its agent, category and day), a learner and the feed counter.
        let batch: Vec<_> = (0..ASSIGNMENTS_PER_TX).flat_map(|c| rollup::changes(None, Some(&row(c, NotStarted)))).collect();
        let merged = rollup::merge(batch).len();
        assert_eq!(merged, ASSIGNMENTS_PER_TX * 3 + 9);
        assert!(ASSIGNMENTS_PER_TX * 4 + merged + 2 <= 100, "{merged} rollups");
    }
}
