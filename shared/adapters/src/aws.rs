//! One SDK configuration for every client: region and endpoint from the standard AWS
//! variables (`AWS_ENDPOINT_URL` points at moto locally), and a timeout budget that ends
//! well inside the Lambda timeout so a hung store answers 503, not a Lambda timeout.

use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;

pub async fn sdk_config() -> aws_config::SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(2))
                .operation_attempt_timeout(Duration::from_secs(3))
                .operation_timeout(Duration::from_secs(8))
                .build(),
        )
        .retry_config(retry_config())
        .load()
        .await
}

/// Throttling and 5xx are retried (3 attempts, exponential backoff); conditional-check
/// failures and validation errors are not.
pub fn retry_config() -> RetryConfig {
    RetryConfig::standard().with_max_attempts(3)
}
