//! `Idempotency-Key`: a retry with the same key and body replays the first answer; the
//! same key with another body is 422; a retry while the first is running is 409.

use sha2::{Digest, Sha256};

use crate::Error;
use crate::ports::{IdempotencyStart, IdempotencyStore};
use crate::time::Timestamp;

pub const REPLAY_WINDOW_SECONDS: i64 = 24 * 3600;
/// After this, a record left "in flight" by a crashed request no longer blocks retries.
pub const IN_FLIGHT_SECONDS: i64 = 60;

pub fn validate_key(raw: &str) -> Result<String, Error> {
    let k = raw.trim();
    let ok = !k.is_empty() && k.len() <= 255 && k.bytes().all(|c| c.is_ascii_graphic());
    ok.then(|| k.to_string()).ok_or_else(|| Error::invalid("Idempotency-Key", "must be 1 to 255 visible ASCII characters"))
}

/// What makes two requests "the same": who asked and what they asked for.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_be_bytes());
        h.update(p.as_bytes());
    }
    hex::encode(h.finalize())
}

pub enum Begin {
    Run,
    Replay { status: u16, body: String },
}

pub async fn begin(store: &dyn IdempotencyStore, tenant: &str, key: &str, fingerprint: &str, owner: &str, now: Timestamp) -> Result<Begin, Error> {
    match store.begin(tenant, key, fingerprint, owner, now, now + IN_FLIGHT_SECONDS, now + REPLAY_WINDOW_SECONDS).await? {
        IdempotencyStart::Started => Ok(Begin::Run),
        IdempotencyStart::Replay { status, body } => Ok(Begin::Replay { status, body }),
        IdempotencyStart::Mismatch => Err(Error::Unprocessable("This Idempotency-Key was already used with a different request body; use a new key for a new request.".into())),
        IdempotencyStart::InFlight => Err(Error::Conflict("A request with this Idempotency-Key is still being processed; retry when it has finished.".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_separate_their_parts() {
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
        assert_eq!(fingerprint(&["a", "b"]), fingerprint(&["a", "b"]));
    }

    #[test]
    fn keys() {
        assert_eq!(validate_key(" abc-123 ").unwrap(), "abc-123");
        assert!(validate_key("").is_err());
        assert!(validate_key("a b").is_err());
        assert!(validate_key(&"k".repeat(256)).is_err());
    }
}
