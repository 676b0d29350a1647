use crate::ports::{LitmosError, StoreError};

/// Every outcome a use case can end in besides success. Each maps to one HTTP status;
/// the message of the server-side variants is for logs, never for clients.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input: 400 naming the field.
    #[error("{field}: {detail}")]
    Invalid { field: String, detail: String },
    /// Any authentication failure; one body for all of them.
    #[error("unauthorized")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    /// 422: well-formed but not acceptable (unknown course ids, changed idempotent body).
    #[error("{0}")]
    Unprocessable(String),
    /// 502: Litmos failed or could not be reached; the detail is safe to show.
    #[error("{0}")]
    Upstream(String),
    /// 502 as well: Litmos kept answering 503 (it rate-limits per account). Told apart
    /// so background work waits and goes on later instead of failing.
    #[error("{0}")]
    RateLimited(String),
    /// 503: our own storage failed; the inner text is logged only.
    #[error("store: {0}")]
    Store(String),
    /// 503 with Retry-After: a contended write gave up after bounded retries.
    #[error("{0}")]
    Busy(String),
    #[error("internal: {0}")]
    Internal(String),
}

impl Error {
    /// A short, stable name of what went wrong, for logs, metrics and the tenant's last
    /// sync (never a detail that could name a person).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
            Error::Unauthorized => "unauthorized",
            Error::Forbidden(_) => "forbidden",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Unprocessable(_) => "unprocessable",
            Error::Upstream(_) => "litmos",
            Error::RateLimited(_) => "litmos_rate_limited",
            Error::Store(_) => "store",
            Error::Busy(_) => "busy",
            Error::Internal(_) => "internal",
        }
    }

    pub fn invalid(field: impl Into<String>, detail: impl Into<String>) -> Self {
        Error::Invalid { field: field.into(), detail: detail.into() }
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Contended(what) => Error::Busy(format!("Too many concurrent changes to {what}; retry shortly.")),
            other => Error::Store(other.to_string()),
        }
    }
}

/// Litmos errors as ServiceNow should read them. A refused key is the tenant's
/// configuration problem, so it says so; everything else is an upstream fault.
impl From<LitmosError> for Error {
    fn from(e: LitmosError) -> Self {
        match e {
            LitmosError::Unauthorized => Error::Upstream("Litmos refused this account's API key. Ask the Litmos Account Owner to update it.".into()),
            LitmosError::RateLimited => Error::RateLimited("Litmos is rate limiting this account (HTTP 503). Wait a minute and retry.".into()),
            LitmosError::Unreachable(_) => Error::Upstream("Litmos could not be reached in time. Retry shortly.".into()),
            LitmosError::NotFound => Error::Upstream("Litmos answered 404 for a record it should have.".into()),
            LitmosError::Conflict(_) => Error::Upstream("Litmos refused the change (409).".into()),
            LitmosError::Status(s) => Error::Upstream(format!("Litmos answered HTTP {s}. Retry shortly.")),
            LitmosError::Redirect(s) => Error::Upstream(format!("Litmos answered with a redirect (HTTP {s}), which this service does not follow. Check the tenant's Litmos base URL.")),
            LitmosError::TooLarge(_) => Error::Upstream("Litmos answered with a body larger than this service accepts.".into()),
            LitmosError::BudgetSpent(secs) => Error::Busy(format!("This Litmos account's call budget for this minute is spent (Litmos allows about 100 calls a minute). Retry in {secs} s.")),
            LitmosError::NotAllowed => Error::Upstream("This tenant's Litmos base URL is not an allowed Litmos host. Ask the Litmos Account Owner to update it.".into()),
            LitmosError::Decode(_) => Error::Upstream("Litmos answered with a body this service could not read.".into()),
        }
    }
}
