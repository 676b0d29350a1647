//! DynamoDB single-table store. Every uniqueness rule is a conditional write; every
//! multi-item change that must be all-or-nothing is a transaction.

mod cache;
mod claims;
mod jobs;
mod layout;
mod progress;
mod rollups;
mod rules;
mod start_links;
mod tenants;

use std::time::Duration;

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::{DisplayErrorContext, SdkError};
use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{AttributeDefinition, BillingMode, DeleteRequest, KeySchemaElement, KeyType, ScalarAttributeType, TimeToLiveSpecification, TransactWriteItem, WriteRequest};
use litmos_domain::ports::StoreError;

pub use layout::Item;
pub use rollups::rollup_sk;

pub struct DynamoStore {
    client: Client,
    table: String,
}

pub(crate) fn unavailable<E, R>(op: &str, e: SdkError<E, R>) -> StoreError
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    StoreError::Unavailable(format!("dynamodb {op}: {}", DisplayErrorContext(e)))
}

/// A conditional write's outcome: true when written, false when its condition failed.
pub(crate) fn written<O, E, R>(op: &str, res: Result<O, SdkError<E, R>>) -> Result<bool, StoreError>
where
    E: aws_sdk_dynamodb::error::ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    match res {
        Ok(_) => Ok(true),
        Err(SdkError::ServiceError(ctx)) if ctx.err().code() == Some("ConditionalCheckFailedException") => Ok(false),
        Err(e) => Err(unavailable(op, e)),
    }
}

/// How a transaction ended when it did not commit.
pub(crate) enum TxOutcome {
    Committed,
    /// At least one condition failed, so nothing was written.
    ConditionFailed,
}

const TX_CONFLICT_RETRIES: u32 = 4;

impl DynamoStore {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        DynamoStore { client, table: table.into() }
    }

    pub fn table(&self) -> &str {
        &self.table
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Runs a transaction, retrying a bounded number of times on `TransactionConflict`
    /// (another transaction touching the same item), and reports failed conditions.
    pub(crate) async fn transact(&self, items: Vec<TransactWriteItem>, what: &'static str) -> Result<TxOutcome, StoreError> {
        let mut attempt = 0;
        loop {
            let res = self.client.transact_write_items().set_transact_items(Some(items.clone())).send().await;
            match res {
                Ok(_) => return Ok(TxOutcome::Committed),
                Err(SdkError::ServiceError(ctx)) => {
                    if let TransactWriteItemsError::TransactionCanceledException(c) = ctx.err() {
                        let codes: Vec<&str> = c.cancellation_reasons().iter().map(|r| r.code().unwrap_or("None")).collect();
                        if codes.contains(&"ConditionalCheckFailed") {
                            return Ok(TxOutcome::ConditionFailed);
                        }
                        if codes.contains(&"TransactionConflict") && attempt < TX_CONFLICT_RETRIES {
                            attempt += 1;
                            let jitter = rand::random_range(0..50u64);
                            tokio::time::sleep(Duration::from_millis(50 * u64::from(attempt) + jitter)).await;
                            continue;
                        }
                        if codes.contains(&"TransactionConflict") {
                            return Err(StoreError::Contended(what));
                        }
                    }
                    return Err(unavailable("transact_write_items", SdkError::ServiceError(ctx)));
                }
                Err(e) => return Err(unavailable("transact_write_items", e)),
            }
        }
    }

    /// One item by key, read consistently.
    pub(crate) async fn get_item(&self, key: Item) -> Result<Option<Item>, StoreError> {
        let out = self.client.get_item().table_name(&self.table).set_key(Some(key)).consistent_read(true).send().await.map_err(|e| unavailable("get_item", e))?;
        Ok(out.item)
    }

    /// Deletes items by key.
    pub(crate) async fn delete_keys(&self, keys: Vec<Item>) -> Result<(), StoreError> {
        let requests = keys.into_iter().map(|k| WriteRequest::builder().delete_request(DeleteRequest::builder().set_key(Some(k)).build().expect("key set")).build()).collect();
        self.batch_write(requests).await
    }

    /// Sends write requests 25 at a time, re-sending whatever DynamoDB leaves
    /// unprocessed with a growing pause, a bounded number of times.
    pub(crate) async fn batch_write(&self, requests: Vec<WriteRequest>) -> Result<(), StoreError> {
        for chunk in requests.chunks(25) {
            let mut pending = chunk.to_vec();
            for round in 0..8 {
                if pending.is_empty() {
                    break;
                }
                let out = self.client.batch_write_item().request_items(&self.table, pending.clone()).send().await.map_err(|e| unavailable("batch_write_item", e))?;
                pending = out.unprocessed_items.and_then(|mut m| m.remove(&self.table)).unwrap_or_default();
                if !pending.is_empty() {
                    tokio::time::sleep(Duration::from_millis(25 << round)).await;
                }
            }
            if !pending.is_empty() {
                return Err(StoreError::Unavailable("dynamodb batch_write_item left items unprocessed".into()));
            }
        }
        Ok(())
    }

    /// Runs `query` page after page: every item, or the first `limit`.
    pub(crate) async fn query_pages(&self, query: QueryFluentBuilder, limit: Option<usize>) -> Result<Vec<Item>, StoreError> {
        let mut items = Vec::new();
        let mut start = None;
        loop {
            let out = query.clone().set_limit(limit.map(|l| (l - items.len()) as i32)).set_exclusive_start_key(start).send().await.map_err(|e| unavailable("query", e))?;
            items.extend(out.items.unwrap_or_default());
            start = out.last_evaluated_key;
            if start.is_none() || limit.is_some_and(|l| items.len() >= l) {
                return Ok(items);
            }
        }
    }

    /// The items of one partition with `lo <= sk <= hi`, in sort-key order, read
    /// consistently: every page, or the first `limit` items.
    pub(crate) async fn query_between(&self, pk: &str, lo: &str, hi: &str, limit: Option<usize>) -> Result<Vec<Item>, StoreError> {
        self.query_pages(self.between(pk, lo, hi), limit).await
    }

    /// The Query of `query_between`, to send as it is or with more to it.
    pub(crate) fn between(&self, pk: &str, lo: &str, hi: &str) -> QueryFluentBuilder {
        self.client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk AND #sk BETWEEN :lo AND :hi")
            .expression_attribute_names("#pk", layout::PK)
            .expression_attribute_names("#sk", layout::SK)
            .expression_attribute_values(":pk", layout::s(pk))
            .expression_attribute_values(":lo", layout::s(lo))
            .expression_attribute_values(":hi", layout::s(hi))
            .consistent_read(true)
    }

    /// The keys of the items under `sk_prefix` whose `attr` equals `value` (the whole
    /// items unless `keys_only`): rare, whole-prefix reads (forgetting a caller), never
    /// on a request's hot path.
    pub(crate) async fn query_where(&self, pk: &str, sk_prefix: &str, attr: &str, value: &str, keys_only: bool) -> Result<Vec<Item>, StoreError> {
        let mut query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :prefix)")
            .filter_expression("#attr = :value")
            .expression_attribute_names("#pk", layout::PK)
            .expression_attribute_names("#sk", layout::SK)
            .expression_attribute_names("#attr", attr)
            .expression_attribute_values(":pk", layout::s(pk))
            .expression_attribute_values(":prefix", layout::s(sk_prefix))
            .expression_attribute_values(":value", layout::s(value));
        if keys_only {
            query = query.projection_expression("#pk, #sk");
        }
        self.query_pages(query, None).await
    }

    /// Every item of one partition whose sort key starts with `sk_prefix` (all with
    /// `""`); only the keys when `keys_only`.
    pub(crate) async fn query_partition(&self, pk: &str, sk_prefix: &str, keys_only: bool) -> Result<Vec<Item>, StoreError> {
        let mut query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression(if sk_prefix.is_empty() { "#pk = :pk" } else { "#pk = :pk AND begins_with(#sk, :prefix)" })
            .expression_attribute_names("#pk", layout::PK)
            .expression_attribute_values(":pk", layout::s(pk));
        if !sk_prefix.is_empty() {
            query = query.expression_attribute_names("#sk", layout::SK).expression_attribute_values(":prefix", layout::s(sk_prefix));
        }
        if keys_only {
            query = query.projection_expression("#pk, #sk").expression_attribute_names("#sk", layout::SK);
        }
        self.query_pages(query, None).await
    }
}

/// Creates the table as `template.yaml` declares it (keys and TTL), for the local stack
/// and tests. Does nothing when it exists.
pub async fn ensure_table(client: &Client, table: &str) -> Result<(), StoreError> {
    if client.describe_table().table_name(table).send().await.is_ok() {
        return Ok(());
    }
    let attr = |name: &str| AttributeDefinition::builder().attribute_name(name).attribute_type(ScalarAttributeType::S).build().expect("attr");
    let key = |name: &str, t: KeyType| KeySchemaElement::builder().attribute_name(name).key_type(t).build().expect("key");
    client
        .create_table()
        .table_name(table)
        .billing_mode(BillingMode::PayPerRequest)
        .attribute_definitions(attr(layout::PK))
        .attribute_definitions(attr(layout::SK))
        .key_schema(key(layout::PK, KeyType::Hash))
        .key_schema(key(layout::SK, KeyType::Range))
        .send()
        .await
        .map_err(|e| unavailable("create_table", e))?;
    client
        .update_time_to_live()
        .table_name(table)
        .time_to_live_specification(TimeToLiveSpecification::builder().attribute_name(layout::TTL).enabled(true).build().expect("ttl"))
        .send()
        .await
        .map_err(|e| unavailable("update_time_to_live", e))?;
    Ok(())
}
