//! Deletions that outgrow a request (issue 19.5). Forgetting a caller and deleting a
//! tenant run inside their request while they fit (204, as ever); one that does not
//! finish in `INLINE_DELETE_SECONDS` answers 202 with a job and finishes on the sync
//! queue. Both deletions are ordered so a half-done one can run again (a tenant's keys
//! go first, the tenant item last; a caller's link last), which is what makes the job
//! safe to retry.

use serde::{Deserialize, Serialize};

use crate::time::{Timestamp, rfc3339};

/// Job records are kept a week after they start.
pub const KEEP_SECONDS: i64 = 7 * 86_400;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    DeleteTenant,
    ForgetCaller,
}

/// What a queue message carries of a job.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobRef {
    pub id: String,
    pub kind: JobKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller_sys_id: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    Running,
    Done,
    Failed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    pub id: String,
    pub kind: JobKind,
    pub tenant_id: String,
    pub caller_sys_id: Option<String>,
    pub status: JobStatus,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// `Error::kind` of the last failure.
    pub error_kind: Option<String>,
}

/// 128 random bits, hex.
pub fn new_id() -> String {
    format!("{:032x}", rand::random::<u128>())
}

pub fn valid_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
}

#[derive(Debug, Serialize)]
pub struct JobView {
    pub id: String,
    pub kind: JobKind,
    pub tenant_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caller_sys_id: Option<String>,
    pub status: JobStatus,
    pub created_at: String,
    pub updated_at: String,
    pub error_kind: Option<String>,
    pub status_url: String,
}

impl JobView {
    pub fn new(j: &Job, base: &str) -> Self {
        JobView {
            id: j.id.clone(),
            kind: j.kind,
            tenant_id: j.tenant_id.clone(),
            caller_sys_id: j.caller_sys_id.clone(),
            status: j.status,
            created_at: rfc3339(j.created_at),
            updated_at: rfc3339(j.updated_at),
            error_kind: j.error_kind.clone(),
            status_url: format!("{}/v1/admin/jobs/{}", base.trim_end_matches('/'), j.id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_128_bits_of_lowercase_hex() {
        let (a, b) = (new_id(), new_id());
        assert!(valid_id(&a) && valid_id(&b) && a != b);
        assert!(!valid_id("0123456789ABCDEF0123456789abcdef"));
        assert!(!valid_id("../x") && !valid_id(&a[..31]));
    }

    #[test]
    fn a_job_message_reads_back_and_old_messages_have_none() {
        let m = crate::ports::SyncMessage { tenant: "acme".into(), round: 0, part: 0, job: Some(JobRef { id: new_id(), kind: JobKind::ForgetCaller, caller_sys_id: Some("c".into()) }) };
        let text = serde_json::to_string(&m).unwrap();
        assert!(text.contains(r#""kind":"forget_caller""#), "{text}");
        assert_eq!(serde_json::from_str::<crate::ports::SyncMessage>(&text).unwrap(), m);
        let old: crate::ports::SyncMessage = serde_json::from_str(r#"{"tenant":"acme","round":7,"part":1}"#).unwrap();
        assert_eq!(old.job, None);
    }
}
