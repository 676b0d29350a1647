//! The AWS actions each function needs, kept beside the handlers that make the calls.
//! `template.yaml` grants exactly these and nothing more: `tests/e2e/tests/template.rs`
//! fails when a function's policy holds an action outside its list or lacks one on it
//! (moto enforces no IAM, so a missing grant would otherwise only show on AWS).
//!
//! What the shared steps call:
//! - ServiceNow auth: the key (`GetItem`; it carries the tenant's Litmos settings),
//!   `last_used_at` (`UpdateItem`).
//! - Admin auth: the admin token secret (`GetSecretValue`).
//! - A tenant's Litmos account: its Litmos key secret (and the tenant, `GetItem`, for
//!   keys made before keys carried the settings, and for webhooks and syncs).
//! - Caches (catalog, agents, teams, progress): head `GetItem`/`PutItem`, chunks
//!   `BatchGetItem`/`BatchWriteItem`.
//! - Records and the feed: `Query` + `BatchGetItem` to read, `UpdateItem`/`PutItem`
//!   (transactions are authorised per action) to write, `DeleteItem` for releases and
//!   learners no longer to check.

/// What a grant applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Resource {
    Table,
    /// The admin bearer token (`AdminTokenSecret`).
    AdminToken,
    /// Tenants' Litmos API keys: `<prefix>/tenants/*/litmos-api-key*`.
    LitmosKeys,
    /// ServiceNow key plaintexts: `<prefix>/tenants/*/servicenow/*`.
    ServiceNowKeys,
    /// The feed cursor signing secret (`CursorSecret`).
    CursorSecret,
    /// The sync queue (`SyncQueue`).
    SyncQueue,
}

use Resource::*;

const READ: &str = "dynamodb:GetItem";
const QUERY: &str = "dynamodb:Query";
const PUT: &str = "dynamodb:PutItem";
const UPDATE: &str = "dynamodb:UpdateItem";
const DELETE: &str = "dynamodb:DeleteItem";
const BATCH_GET: &str = "dynamodb:BatchGetItem";
const BATCH_WRITE: &str = "dynamodb:BatchWriteItem";
const SEND: &str = "sqs:SendMessage";
const GET_SECRET: &str = "secretsmanager:GetSecretValue";
const CREATE_SECRET: &str = "secretsmanager:CreateSecret";
const PUT_SECRET: &str = "secretsmanager:PutSecretValue";
const DELETE_SECRET: &str = "secretsmanager:DeleteSecret";

type Grants = &'static [(Resource, &'static [&'static str])];

/// Function name -> what it may do, on what.
pub const PERMISSIONS: &[(&str, Grants)] = &[
    // Admin: token, then the tenant item; put-tenant stores the Litmos key, then one
    // transaction of the tenant, its keys' copies of the profile (read first) and the
    // registry entry.
    ("put-tenant", &[(AdminToken, &[GET_SECRET]), (Table, &[READ, PUT, UPDATE, BATCH_GET]), (LitmosKeys, &[CREATE_SECRET, PUT_SECRET])]),
    ("get-tenant", &[(AdminToken, &[GET_SECRET]), (Table, &[READ])]),
    // Keys first (batch deletes), then secrets, then every item of the partition; past
    // INLINE_DELETE_SECONDS, a job record and its queue message.
    ("delete-tenant", &[(AdminToken, &[GET_SECRET]), (Table, &[READ, QUERY, UPDATE, BATCH_WRITE, PUT]), (LitmosKeys, &[DELETE_SECRET]), (ServiceNowKeys, &[DELETE_SECRET]), (SyncQueue, &[SEND])]),
    // A transaction of the tenant update and the key put; a lost race deletes its secret.
    ("enable-servicenow", &[(AdminToken, &[GET_SECRET]), (Table, &[READ, PUT, UPDATE]), (ServiceNowKeys, &[GET_SECRET, CREATE_SECRET, PUT_SECRET, DELETE_SECRET])]),
    ("get-servicenow", &[(AdminToken, &[GET_SECRET]), (Table, &[READ]), (ServiceNowKeys, &[GET_SECRET])]),
    // Reads the keys still live, then one transaction (tenant, old key retired or deleted, new key).
    ("rotate-servicenow-key", &[(AdminToken, &[GET_SECRET]), (Table, &[READ, PUT, UPDATE, DELETE]), (ServiceNowKeys, &[CREATE_SECRET, PUT_SECRET, DELETE_SECRET])]),
    // The tenant, its rotated-out keys deleted, the tenant updated; their secrets made sure gone.
    ("revoke-previous-keys", &[(AdminToken, &[GET_SECRET]), (Table, &[READ, UPDATE, BATCH_WRITE]), (ServiceNowKeys, &[DELETE_SECRET])]),
    ("disable-servicenow", &[(AdminToken, &[GET_SECRET]), (Table, &[READ, UPDATE, BATCH_WRITE]), (ServiceNowKeys, &[DELETE_SECRET])]),
    ("forget-caller", &[(AdminToken, &[GET_SECRET]), (Table, &[READ, QUERY, BATCH_WRITE, PUT]), (SyncQueue, &[SEND])]),
    // The registry (one Query), then the page's tenants (one BatchGet).
    ("list-tenants", &[(AdminToken, &[GET_SECRET]), (Table, &[QUERY, BATCH_GET])]),
    // The tenant, then its records: read only.
    ("get-tenant-report", &[(AdminToken, &[GET_SECRET]), (Table, &[READ, QUERY])]),
    ("get-tenant-recommendations", &[(AdminToken, &[GET_SECRET]), (Table, &[READ, QUERY])]),
    // Admin sync: the same as the scheduled one, behind the admin token.
    ("sync-tenant", &[(AdminToken, &[GET_SECRET]), (Table, &[READ, QUERY, BATCH_GET, BATCH_WRITE, PUT, UPDATE, DELETE]), (LitmosKeys, &[GET_SECRET])]),
    // ServiceNow routes that never read a secret.
    ("activate-servicenow", &[(Table, &[READ, UPDATE])]),
    ("get-configuration", &[(Table, &[READ, UPDATE])]),
    ("get-learner", &[(Table, &[READ, UPDATE])]),
    ("get-effectiveness-report", &[(Table, &[READ, UPDATE, QUERY])]),
    ("get-recommendations", &[(Table, &[READ, UPDATE, QUERY])]),
    // Incident: a transaction of the incident and its caller index; the records it
    // touches; the tenant's rules, and a rule that fires does what upsert-learner and
    // assign-courses do (with the tenant's Litmos key).
    ("record-incident", &[(Table, &[READ, QUERY, BATCH_GET, BATCH_WRITE, PUT, UPDATE, DELETE]), (LitmosKeys, &[GET_SECRET])]),
    // The feed, and start links for its assignment entries (a batch write).
    ("get-training-updates", &[(Table, &[READ, UPDATE, QUERY, BATCH_WRITE]), (CursorSecret, &[GET_SECRET])]),
    // ServiceNow routes that call Litmos with the tenant's key.
    ("upsert-learner", &[(Table, &[READ, PUT, UPDATE, DELETE]), (LitmosKeys, &[GET_SECRET])]),
    ("list-courses", &[(Table, &[READ, PUT, UPDATE, BATCH_GET, BATCH_WRITE]), (LitmosKeys, &[GET_SECRET])]),
    ("get-assignable-courses", &[(Table, &[READ, PUT, UPDATE, BATCH_GET, BATCH_WRITE]), (LitmosKeys, &[GET_SECRET])]),
    ("get-catalog", &[(Table, &[READ, PUT, UPDATE, BATCH_GET, BATCH_WRITE]), (LitmosKeys, &[GET_SECRET])]),
    ("assign-courses", &[(Table, &[READ, QUERY, PUT, UPDATE, DELETE, BATCH_GET, BATCH_WRITE]), (LitmosKeys, &[GET_SECRET])]),
    ("get-incident-training", &[(Table, &[READ, QUERY, PUT, UPDATE, DELETE, BATCH_GET, BATCH_WRITE]), (LitmosKeys, &[GET_SECRET])]),
    ("get-learner-courses", &[(Table, &[READ, QUERY, PUT, UPDATE, DELETE, BATCH_GET, BATCH_WRITE]), (LitmosKeys, &[GET_SECRET])]),
    // Litmos' webhook: no ServiceNow auth; reads the learner's records and applies what Litmos confirms.
    ("receive-litmos-webhook", &[(Table, &[READ, QUERY, BATCH_GET, PUT, UPDATE, DELETE]), (LitmosKeys, &[GET_SECRET])]),
    // Every tenant from the registry, each as sync-tenant does it.
    // The tenant registry and its tenants a page at a time, then one message per enabled tenant.
    ("sync-progress", &[(Table, &[QUERY, BATCH_GET]), (SyncQueue, &[SEND])]),
    // One tenant's sync per message; a deferred one sends its follow-up. A job message
    // finishes a deletion: what delete-tenant and forget-caller do.
    ("sync-worker", &[(Table, &[READ, QUERY, BATCH_GET, BATCH_WRITE, PUT, UPDATE, DELETE]), (LitmosKeys, &[GET_SECRET, DELETE_SECRET]), (ServiceNowKeys, &[DELETE_SECRET]), (SyncQueue, &[SEND])]),
    // Rules: the tenant and its rules; listing and writing one also checks the rule's
    // courses against the catalog cache (refreshed from Litmos when stale).
    ("list-rules", &[(AdminToken, &[GET_SECRET]), (Table, &[READ, QUERY, PUT, UPDATE, BATCH_GET, BATCH_WRITE]), (LitmosKeys, &[GET_SECRET])]),
    ("put-rule", &[(AdminToken, &[GET_SECRET]), (Table, &[READ, QUERY, PUT, UPDATE, BATCH_GET, BATCH_WRITE]), (LitmosKeys, &[GET_SECRET])]),
    ("delete-rule", &[(AdminToken, &[GET_SECRET]), (Table, &[READ, DELETE])]),
    // A caller's start link: the link, the tenant and the learner link (GetItem), the
    // link's and the Litmos budget's counters (UpdateItem), the tenant's Litmos key.
    ("open-start-link", &[(Table, &[READ, UPDATE]), (LitmosKeys, &[GET_SECRET])]),
    ("get-job", &[(AdminToken, &[GET_SECRET]), (Table, &[READ])]),
    // Answers 405/404 from the path alone.
    ("method-not-allowed", &[]),
    ("get-openapi", &[]),
    ("admin-console", &[]),
];

pub fn grants(function: &str) -> Option<Grants> {
    PERMISSIONS.iter().find(|(f, _)| *f == function).map(|(_, g)| *g)
}
