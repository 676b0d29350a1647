//! Adapters behind the domain's ports: DynamoDB (single table), Secrets Manager, the
//! Litmos REST API v1 client, and runtime configuration from the environment.

pub mod aws;
pub mod config;
pub mod dynamo;
pub mod litmos;
pub mod metrics;
pub mod secrets;
pub mod sqs;

pub use config::Config;
pub use dynamo::DynamoStore;
pub use litmos::LitmosClient;
pub use secrets::SecretsManager;
pub use sqs::SqsSyncQueue;
