//! Identifier and string rules from SPEC section 3. Each check names the field it
//! refuses so the client can fix exactly that.

use unicode_normalization::UnicodeNormalization;

use crate::Error;

/// `^[a-z0-9][a-z0-9-]{1,62}$`
pub fn tenant_id(field: &str, v: &str) -> Result<(), Error> {
    let b = v.as_bytes();
    let ok = (2..=63).contains(&b.len()) && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit()) && b[1..].iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-');
    ok.then_some(()).ok_or_else(|| Error::invalid(field, "must be 2 to 63 characters of a-z, 0-9 and '-', starting with a letter or digit"))
}

/// ServiceNow `sys_id`: `^[0-9a-f]{32}$`
pub fn sys_id(field: &str, v: &str) -> Result<(), Error> {
    let ok = v.len() == 32 && v.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c));
    ok.then_some(()).ok_or_else(|| Error::invalid(field, "must be a ServiceNow sys_id: 32 lowercase hexadecimal characters"))
}

/// Incident number: `^[A-Z]{2,8}[0-9]{4,}$`
pub fn incident_number(field: &str, v: &str) -> Result<(), Error> {
    let letters = v.bytes().take_while(|c| c.is_ascii_uppercase()).count();
    let digits = &v.as_bytes()[letters..];
    let ok = (2..=8).contains(&letters) && digits.len() >= 4 && digits.len() <= 32 && digits.iter().all(u8::is_ascii_digit);
    ok.then_some(()).ok_or_else(|| Error::invalid(field, "must be 2 to 8 capital letters followed by at least 4 digits, e.g. INC0010023"))
}

/// Litmos ids are short opaque tokens (`RuzXNaD42Sw1`, `857-AOB444E1`).
pub fn litmos_id(field: &str, v: &str) -> Result<(), Error> {
    let ok = !v.is_empty() && v.len() <= 64 && v.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_');
    ok.then_some(()).ok_or_else(|| Error::invalid(field, "must be a Litmos id: 1 to 64 characters of A-Z, a-z, 0-9, '-' and '_'"))
}

/// The ServiceNow table of a record training is assigned from (default `incident`).
pub fn record_table(field: &str, v: Option<&str>) -> Result<String, Error> {
    match v.unwrap_or(crate::model::INCIDENT_TABLE) {
        t @ (crate::model::INCIDENT_TABLE | crate::model::CASE_TABLE) => Ok(t.to_string()),
        _ => Err(Error::invalid(field, "must be 'incident' or 'sn_customerservice_case'")),
    }
}

/// Free text: NFC-normalized, no control characters, `min..=max` characters.
/// 1 to `max` distinct Litmos course ids.
pub fn course_ids(field: &str, ids: &[String], max: usize) -> Result<(), Error> {
    if ids.is_empty() || ids.len() > max {
        return Err(Error::invalid(field, format!("must hold 1 to {max} course ids")));
    }
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        litmos_id(field, id)?;
        if !seen.insert(id.as_str()) {
            return Err(Error::invalid(field, format!("lists '{id}' more than once")));
        }
    }
    Ok(())
}

pub fn text(field: &str, v: &str, min: usize, max: usize) -> Result<String, Error> {
    let n: String = v.trim().nfc().collect();
    if n.chars().any(char::is_control) {
        return Err(Error::invalid(field, "must not contain control characters"));
    }
    let len = n.chars().count();
    if len < min {
        return Err(Error::invalid(field, if min == 1 { "must not be empty".to_string() } else { format!("must be at least {min} characters") }));
    }
    if len > max {
        return Err(Error::invalid(field, format!("must be at most {max} characters")));
    }
    Ok(n)
}

/// A plausible e-mail address: one `@`, something on both sides, no spaces.
pub fn email(field: &str, v: &str) -> Result<String, Error> {
    let v = text(field, v, 3, 254)?;
    let ok = match v.split_once('@') {
        Some((local, domain)) => !local.is_empty() && domain.contains('.') && !domain.contains('@') && !v.contains(' '),
        None => false,
    };
    ok.then_some(v).ok_or_else(|| Error::invalid(field, "must be an e-mail address"))
}

/// ServiceNow instance URL: `https://<name>.service-now.com`.
pub fn instance_url(field: &str, v: &str) -> Result<String, Error> {
    let v = v.trim().trim_end_matches('/');
    let name = v.strip_prefix("https://").and_then(|r| r.strip_suffix(".service-now.com"));
    let ok = name.is_some_and(|n| !n.is_empty() && n.len() <= 63 && n.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-') && !n.starts_with('-'));
    ok.then(|| v.to_string()).ok_or_else(|| Error::invalid(field, "must be https://<name>.service-now.com"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(e: Error) -> String {
        match e {
            Error::Invalid { field, .. } => field,
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn tenant_ids() {
        for ok in ["ab", "acme", "acme-eu-1", "0a", &"a".repeat(63)] {
            assert!(tenant_id("tenant_id", ok).is_ok(), "{ok}");
        }
        for bad in ["a", "-ab", "Acme", "ac_me", "ac me", &"a".repeat(64), ""] {
            assert_eq!(field_of(tenant_id("tenant_id", bad).unwrap_err()), "tenant_id", "{bad}");
        }
    }

    #[test]
    fn sys_ids() {
        assert!(sys_id("sys_id", "0123456789abcdef0123456789abcdef").is_ok());
        for bad in ["0123456789ABCDEF0123456789abcdef", "0123", "g123456789abcdef0123456789abcdef", ""] {
            assert!(sys_id("sys_id", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn incident_numbers() {
        for ok in ["INC0010023", "CS1234", "ABCDEFGH0000"] {
            assert!(incident_number("n", ok).is_ok(), "{ok}");
        }
        for bad in ["INC123", "I0010023", "ABCDEFGHI0000", "inc0010023", "INC00100X3", ""] {
            assert!(incident_number("n", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn text_normalizes_and_bounds() {
        // "e" + combining acute becomes one NFC code point.
        assert_eq!(text("name", "Cafe\u{301}", 1, 4).unwrap(), "Caf\u{e9}");
        assert!(text("name", "a\u{7}b", 1, 10).is_err());
        assert!(text("name", "   ", 1, 10).is_err());
        assert!(text("name", "abcde", 1, 4).is_err());
    }

    #[test]
    fn urls() {
        assert!(instance_url("i", "https://acme.service-now.com").is_ok());
        assert!(instance_url("i", "https://acme.service-now.com.evil.io").is_err());
        assert!(instance_url("i", "http://acme.service-now.com").is_err());
    }

    #[test]
    fn emails() {
        assert!(email("e", "jo@pieshop.net").is_ok());
        assert!(email("e", "jo.pieshop.net").is_err());
        assert!(email("e", "jo@pieshop").is_err());
    }
}
