//! DynamoDB faults moto cannot produce, through the SDK's own mocks: throttling is
//! retried, conditional failures are not, transaction conflicts are retried a bounded
//! number of times and then reported as contention (503 to clients).

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::ErrorMetadata;
use aws_sdk_dynamodb::operation::get_item::{GetItemError, GetItemOutput};
use aws_sdk_dynamodb::operation::transact_write_items::{TransactWriteItemsError, TransactWriteItemsOutput};
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::types::CancellationReason;
use aws_sdk_dynamodb::types::error::{ConditionalCheckFailedException, ProvisionedThroughputExceededException, TransactionCanceledException};
use aws_smithy_mocks::{RuleMode, mock, mock_client};
use litmos_adapters::DynamoStore;
use litmos_domain::keys;
use litmos_domain::ports::{KeyStore, StoreError, TenantStore};

fn cancelled(code: &'static str) -> impl Fn() -> TransactWriteItemsError {
    move || {
        TransactWriteItemsError::TransactionCanceledException(
            TransactionCanceledException::builder()
                .message("Transaction cancelled")
                .cancellation_reasons(CancellationReason::builder().code(code).build())
                .cancellation_reasons(CancellationReason::builder().code("None").build())
                .build(),
        )
    }
}

/// Enabling first reads the tenant (its profile goes onto the key).
fn tenant_read() -> aws_smithy_mocks::Rule {
    use aws_sdk_dynamodb::types::AttributeValue::{N, S};
    let item = [
        ("pk", S("TENANT#acme".into())),
        ("sk", S("META".into())),
        ("name", S("Acme".into())),
        ("base_url", S("https://api.litmos.com/v1.svc".into())),
        ("source", S("sn".into())),
        ("created_at", N("1".into())),
        ("updated_at", N("1".into())),
    ];
    let item: std::collections::HashMap<String, _> = item.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    mock!(Client::get_item).then_output(move || GetItemOutput::builder().set_item(Some(item.clone())).build())
}

#[tokio::test]
async fn a_transaction_conflict_is_retried_then_commits() {
    let rule = mock!(Client::transact_write_items).sequence().error(cancelled("TransactionConflict")).times(2).output(|| TransactWriteItemsOutput::builder().build()).build();
    let client = mock_client!(aws_sdk_dynamodb, RuleMode::Sequential, &[&tenant_read(), &rule]);
    let store = DynamoStore::new(client, "t");
    assert!(store.enable("acme", &keys::hash("k"), &keys::hash("webhook"), 1).await.unwrap());
    assert_eq!(rule.num_calls(), 3);
}

#[tokio::test]
async fn endless_conflicts_give_up_as_contention() {
    let rule = mock!(Client::transact_write_items).sequence().error(cancelled("TransactionConflict")).repeatedly().build();
    let client = mock_client!(aws_sdk_dynamodb, RuleMode::Sequential, &[&tenant_read(), &rule]);
    let store = DynamoStore::new(client, "t");
    let err = store.enable("acme", &keys::hash("k"), &keys::hash("webhook"), 1).await.unwrap_err();
    assert!(matches!(err, StoreError::Contended(_)), "{err:?}");
    assert_eq!(rule.num_calls(), 5, "bounded: one try and four retries");
    let http = litmos_domain::Error::from(err);
    assert!(matches!(http, litmos_domain::Error::Busy(_)), "answered 503 with Retry-After");
}

#[tokio::test]
async fn a_failed_condition_is_an_answer_not_a_retry() {
    let rule = mock!(Client::transact_write_items).then_error(cancelled("ConditionalCheckFailed"));
    let client = mock_client!(aws_sdk_dynamodb, RuleMode::Sequential, &[&tenant_read(), &rule]);
    let store = DynamoStore::new(client, "t");
    assert!(!store.enable("acme", &keys::hash("k"), &keys::hash("webhook"), 1).await.unwrap());
    assert_eq!(rule.num_calls(), 1);

    let update = mock!(Client::update_item).then_error(|| UpdateItemError::ConditionalCheckFailedException(ConditionalCheckFailedException::builder().build()));
    let client = mock_client!(aws_sdk_dynamodb, RuleMode::Sequential, &[&update]);
    DynamoStore::new(client, "t").touch_last_used("gone", 1).await.unwrap();
    assert_eq!(update.num_calls(), 1);
}

#[tokio::test]
async fn throttling_is_retried_by_the_sdk() {
    // The SDK classifies by error code, as DynamoDB sends it.
    let throttled = || {
        GetItemError::ProvisionedThroughputExceededException(
            ProvisionedThroughputExceededException::builder().message("slow down").meta(ErrorMetadata::builder().code("ProvisionedThroughputExceededException").message("slow down").build()).build(),
        )
    };
    let rule = mock!(Client::get_item).sequence().error(throttled).times(2).output(|| GetItemOutput::builder().build()).build();
    let client = mock_client!(aws_sdk_dynamodb, RuleMode::Sequential, &[&rule], |c| c.retry_config(litmos_adapters::aws::retry_config()));
    let store = DynamoStore::new(client, "t");
    assert_eq!(store.get_tenant("acme").await.unwrap(), None);
    assert_eq!(rule.num_calls(), 3);

    let always = mock!(Client::get_item).sequence().error(throttled).repeatedly().build();
    let client = mock_client!(aws_sdk_dynamodb, RuleMode::Sequential, &[&always], |c| c.retry_config(litmos_adapters::aws::retry_config()));
    let err = DynamoStore::new(client, "t").get_tenant("acme").await.unwrap_err();
    assert!(matches!(err, StoreError::Unavailable(_)));
    assert_eq!(always.num_calls(), 3, "at most three attempts");
}
