//! The product's domain: what a tenant, a ServiceNow key, a learner, a course and an
//! assignment are, the rules they follow, and the use cases behind every route.
//! Storage, secrets and Litmos are reached only through the traits in [`ports`].

pub mod admin;
pub mod assignments;
pub mod auth;
pub mod cache;
pub mod courses;
pub mod error;
pub mod idempotency;
pub mod jobs;
pub mod keys;
pub mod learners;
pub mod litmos_url;
pub mod model;
pub mod ports;
pub mod recommend;
pub mod report;
pub mod rollup;
pub mod rules;
pub mod servicenow;
pub mod start_links;
pub mod time;
pub mod training;
pub mod validate;

pub use error::Error;
