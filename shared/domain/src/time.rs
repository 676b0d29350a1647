//! Timestamps are whole seconds since the Unix epoch inside the product and RFC 3339
//! (UTC, `Z`) on the wire.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Seconds since the Unix epoch.
pub type Timestamp = i64;

pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        OffsetDateTime::now_utc().unix_timestamp()
    }
}

pub fn rfc3339(ts: Timestamp) -> String {
    OffsetDateTime::from_unix_timestamp(ts)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default()
}

/// Litmos dates come as ISO 8601 (`2016-12-20T15:24:16Z`, sometimes without an offset,
/// meaning UTC) or, in older payloads, as `/Date(1497801750508)/`.
pub fn parse_litmos_date(raw: &str) -> Option<Timestamp> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    if let Some(inner) = raw.strip_prefix("/Date(").and_then(|r| r.strip_suffix(")/")) {
        let millis: String = inner
            .chars()
            .enumerate()
            .take_while(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '-'))
            .map(|(_, c)| c)
            .collect();
        return millis.parse::<i64>().ok().map(|ms| ms.div_euclid(1000));
    }
    if let Ok(t) = OffsetDateTime::parse(raw, &Rfc3339) {
        return Some(t.unix_timestamp());
    }
    let with_zone = format!("{raw}Z");
    OffsetDateTime::parse(&with_zone, &Rfc3339).ok().map(|t| t.unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_with_z() {
        assert_eq!(rfc3339(1_482_247_456), "2016-12-20T15:24:16Z");
    }

    #[test]
    fn parses_every_litmos_date_shape() {
        assert_eq!(parse_litmos_date("2016-12-20T15:24:16Z"), Some(1_482_247_456));
        assert_eq!(parse_litmos_date("2016-12-20T15:24:16"), Some(1_482_247_456));
        assert_eq!(parse_litmos_date("2016-12-20T15:24:16.25+00:00"), Some(1_482_247_456));
        assert_eq!(parse_litmos_date("/Date(1497801750508)/"), Some(1_497_801_750));
        assert_eq!(parse_litmos_date("/Date(1497801750508+0000)/"), Some(1_497_801_750));
        assert_eq!(parse_litmos_date(""), None);
        assert_eq!(parse_litmos_date("yesterday"), None);
    }
}
