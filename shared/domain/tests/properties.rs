//! Parsers never panic, and accept only what they should, on arbitrary input.

use litmos_domain::{keys, validate};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn key_parsing_never_panics_and_refuses_what_we_did_not_issue(s in "\\PC{0,64}") {
        // A random string passing shape *and* CRC32 is a 1-in-2^32 event.
        prop_assert!(keys::parse(&s).is_none() || s.starts_with("lsn_"));
    }

    #[test]
    fn key_shaped_strings_without_our_checksum_are_refused(body in "[0-9A-Za-z]{27}", check in "[0-9A-Za-z]{6}") {
        // A random 6-character base62 checksum matches once in 62^6 (5.7e10) tries.
        let candidate = format!("lsn_{}{}", body, check);
        prop_assert!(keys::parse(&candidate).is_none());
    }

    #[test]
    fn validators_never_panic(s in "\\PC{0,300}") {
        let _ = validate::tenant_id("f", &s);
        let _ = validate::sys_id("f", &s);
        let _ = validate::incident_number("f", &s);
        let _ = validate::litmos_id("f", &s);
        let _ = validate::email("f", &s);
        let _ = litmos_domain::litmos_url::LitmosHosts::with_extra("http://127.0.0.1:*").unwrap().check("f", &s);
        let _ = litmos_domain::litmos_url::LitmosHosts::with_extra(&s);
        let _ = validate::instance_url("f", &s);
        if let Ok(t) = validate::text("f", &s, 0, 300) {
            prop_assert!(!t.chars().any(char::is_control));
        }
        let _ = litmos_domain::time::parse_litmos_date(&s);
    }

    #[test]
    fn accepted_ids_match_their_patterns(s in "[a-z0-9-]{0,70}") {
        if validate::tenant_id("f", &s).is_ok() {
            prop_assert!(s.len() >= 2 && s.len() <= 63 && !s.starts_with('-'));
        }
    }
}
