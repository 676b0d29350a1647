//! ServiceNow API keys: `lsn_` + 27 base62 characters from a CSPRNG (160.7 bits) + the
//! CRC32 of that body in 6 base62 characters. The checksum lets a mistyped or forged key
//! be refused before any store read. Only the SHA-256 of a key is ever a lookup key.

use rand::Rng;
use rand::distr::Alphanumeric;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub const PREFIX: &str = "lsn_";
const BODY_LEN: usize = 27;
const CHECK_LEN: usize = 6;
pub const KEY_LEN: usize = PREFIX.len() + BODY_LEN + CHECK_LEN;
const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A key's SHA-256, hex-encoded: the only form of a key that DynamoDB ever holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct KeyHash(pub String);

impl KeyHash {
    /// A short, non-secret id for logs and secret names.
    pub fn key_id(&self) -> &str {
        &self.0[..12]
    }

    /// Constant-time comparison on the fixed-length digests.
    pub fn ct_eq(&self, other: &KeyHash) -> bool {
        self.0.len() == other.0.len() && bool::from(self.0.as_bytes().ct_eq(other.0.as_bytes()))
    }
}

pub fn generate() -> String {
    let body: String = rand::rng().sample_iter(&Alphanumeric).take(BODY_LEN).map(char::from).collect();
    format!("{PREFIX}{body}{}", checksum(&body))
}

fn checksum(body: &str) -> String {
    let mut n = crc32fast::hash(body.as_bytes());
    let mut out = [b'0'; CHECK_LEN];
    for slot in out.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    String::from_utf8(out.to_vec()).expect("base62 is ASCII")
}

/// Checks shape and checksum only; `None` for anything that cannot be a key we issued.
pub fn parse(candidate: &str) -> Option<KeyHash> {
    if candidate.len() != KEY_LEN || !candidate.is_ascii() {
        return None;
    }
    let rest = candidate.strip_prefix(PREFIX)?;
    let (body, check) = rest.split_at(BODY_LEN);
    if !body.bytes().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let expected = checksum(body);
    bool::from(expected.as_bytes().ct_eq(check.as_bytes())).then(|| hash(candidate))
}

/// The webhook token that goes with a ServiceNow key (SPEC 3.4): 256 bits derived from
/// the key, hex so it is one URL path segment. It rotates with the key, and its
/// plaintext is recovered from the key's secret for display; DynamoDB keeps its hash.
pub fn webhook_token(key: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes any key length");
    mac.update(b"litmos-servicenow/webhook-token/v1");
    hex::encode(mac.finalize().into_bytes())
}

pub fn hash(secret: &str) -> KeyHash {
    KeyHash(hex::encode(Sha256::digest(secret.as_bytes())))
}

/// Admin token check: both sides hashed first so the comparison is constant-time on
/// equal-length input whatever the caller sent.
pub fn token_matches(given: &str, expected: &str) -> bool {
    !expected.is_empty() && hash(given).ct_eq(&hash(expected))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ten_thousand_keys_are_well_formed_and_distinct() {
        let mut seen = HashSet::new();
        for _ in 0..10_000 {
            let k = generate();
            assert_eq!(k.len(), KEY_LEN);
            assert!(k.starts_with("lsn_"));
            assert!(k[4..].bytes().all(|c| c.is_ascii_alphanumeric()), "{k}");
            assert!(parse(&k).is_some(), "{k}");
            assert!(seen.insert(k));
        }
    }

    #[test]
    fn any_single_character_flip_is_refused() {
        let k = generate();
        for i in PREFIX.len()..k.len() {
            let mut b = k.clone().into_bytes();
            b[i] = if b[i] == b'a' { b'b' } else { b'a' };
            let flipped = String::from_utf8(b).unwrap();
            assert!(parse(&flipped).is_none(), "flip at {i} accepted");
        }
    }

    #[test]
    fn wrong_prefix_length_or_charset_is_refused() {
        let k = generate();
        assert!(parse(&k.replacen("lsn_", "lsx_", 1)).is_none());
        assert!(parse(&k[..k.len() - 1]).is_none());
        assert!(parse(&format!("{k}0")).is_none());
        assert!(parse("").is_none());
        assert!(parse(&"é".repeat(KEY_LEN / 2)).is_none());
    }

    #[test]
    fn webhook_tokens_are_url_safe_256_bit_and_follow_the_key() {
        let (a, b) = (generate(), generate());
        let ta = webhook_token(&a);
        assert_eq!(ta.len(), 64);
        assert!(ta.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(ta, webhook_token(&a));
        assert_ne!(ta, webhook_token(&b));
        assert!(!ta.contains(&a[4..]));
    }

    #[test]
    fn hash_is_sha256_hex_and_never_the_key() {
        let k = generate();
        let h = parse(&k).unwrap();
        assert_eq!(h.0.len(), 64);
        assert!(!h.0.contains(&k[4..]));
        assert!(h.ct_eq(&hash(&k)));
        assert!(!h.ct_eq(&hash(&generate())));
    }

    #[test]
    fn admin_token() {
        assert!(token_matches("s3cret-token", "s3cret-token"));
        assert!(!token_matches("s3cret-tokeN", "s3cret-token"));
        assert!(!token_matches("", ""));
    }
}
