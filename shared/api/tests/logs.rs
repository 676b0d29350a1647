//! What the functions log, captured in the production format while a tenant is set up
//! and a course is assigned, and while Litmos fails in every way it can on every route
//! that searches Litmos by e-mail: no key, token or e-mail address ever, and auth
//! failures with their key id.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use litmos_api::{admin, servicenow, training};
use litmos_double::Fault;
use serde_json::json;
use support::*;

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logs_hold_no_secret_and_no_email() {
    let capture = Capture::default();
    let sink = capture.clone();
    // SAFETY: set before the subscriber reads it, in this test binary's only test.
    unsafe { std::env::set_var("RUST_LOG", "debug,aws_smithy_runtime=info,aws_sdk_dynamodb=info,aws_sdk_secretsmanager=info,hyper=info,reqwest=info,aws_config=info") };
    litmos_api::init_tracing_to(move || sink.clone());

    let e = env().await;
    let auth = bearer(ADMIN);
    let body = json!({"name": "Acme", "litmos": {"base_url": e.litmos_url, "api_key": "demo-litmos-key", "source": "servicenow"}}).to_string();
    admin::put_tenant(e.state.clone(), event("PUT", "/v1/admin/tenants/acme", &[("authorization", &auth)], Some(&body))).await;
    let r = admin::enable_servicenow(e.state.clone(), event("POST", "/v1/admin/tenants/acme/servicenow", &[("authorization", &auth)], None)).await;
    let key = status_and_json(&r).1["api_key"].as_str().unwrap().to_string();
    let sn = bearer(&key);
    let caller = json!({"caller": {"sys_id": "0123456789abcdef0123456789abcdef", "email": "secret.person@example.com"}}).to_string();
    let r = training::upsert_learner(e.state.clone(), event("POST", "/v1/servicenow/learners", &[("authorization", &sn)], Some(&caller))).await;
    let learner = status_and_json(&r).1["learner"]["id"].as_str().unwrap().to_string();
    let course = e.double.courses()[0].id.clone();
    let assign = json!({"learner_id": learner, "course_ids": [course], "incident": {"sys_id": "fedcba9876543210fedcba9876543210", "number": "INC0010023"}}).to_string();
    let r = training::assign_courses(e.state.clone(), event("POST", "/v1/servicenow/assignments", &[("authorization", &sn), ("x-agent", "admin@pieshop.net")], Some(&assign))).await;
    assert_eq!(r.status(), 200);

    // Litmos failing while a caller or an agent is looked up by e-mail: a search URL
    // carries the address in its query, and no error text may bring it into the logs.
    let failures: [(&str, Fault); 5] = [
        ("timeout", Fault { delay_ms: Some(2_500), count: 3, ..Fault::default() }),
        ("dropped", Fault { drop_connection: true, count: 3, ..Fault::default() }),
        ("html500", Fault { status: Some(500), ..Fault::default() }),
        ("html200", Fault { status: Some(200), ..Fault::default() }),
        ("html503", Fault { status: Some(503), count: 3, ..Fault::default() }),
    ];
    for (i, (kind, f)) in failures.into_iter().enumerate() {
        let on_search = |f: &Fault| Fault { method: Some("GET".into()), path_contains: Some("/users".into()), ..f.clone() };
        let caller = json!({"caller": {"sys_id": format!("{i:0>32}"), "email": format!("{kind}.caller@example.com")}}).to_string();
        e.double.inject(on_search(&f));
        let r = training::upsert_learner(e.state.clone(), event("POST", "/v1/servicenow/learners", &[("authorization", &sn)], Some(&caller))).await;
        assert_eq!(r.status(), 502, "learner with Litmos {kind}");
        let agent = format!("{kind}.agent@example.com");
        e.double.inject(on_search(&f));
        let r = training::list_courses(e.state.clone(), event("GET", "/v1/servicenow/courses", &[("authorization", &sn), ("x-agent", &agent)], None)).await;
        assert_eq!(r.status(), 502, "course list with Litmos {kind}");
        let agent = format!("{kind}.assigner@example.com");
        e.double.inject(on_search(&f));
        let r = training::assign_courses(e.state.clone(), event("POST", "/v1/servicenow/assignments", &[("authorization", &sn), ("x-agent", &agent)], Some(&assign))).await;
        assert_eq!(r.status(), 502, "assign with Litmos {kind}");
    }
    e.double.clear_requests();
    assert!(logs_so_far(&capture).contains("litmos call gave up"), "the failures were logged");

    let unknown = litmos_domain::keys::generate();
    servicenow::configuration(e.state.clone(), event("GET", "/v1/servicenow/configuration", &[("authorization", &bearer(&unknown))], None)).await;

    let logs = logs_so_far(&capture);
    assert!(logs.lines().count() > 5, "expected logs, got:\n{logs}");
    for line in logs.lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"));
    }
    for secret in [key.as_str(), &key[4..], unknown.as_str(), ADMIN, "demo-litmos-key", "secret.person@example.com", "admin@pieshop.net", "pieshop.net", "example.com"] {
        assert!(!logs.contains(secret), "'{secret}' appears in the logs");
    }
    let unknown_id = litmos_domain::keys::hash(&unknown).key_id().to_string();
    assert!(logs.lines().any(|l| l.contains("auth failed") && l.contains(&unknown_id)), "auth failures are logged with the key id");
}

fn logs_so_far(capture: &Capture) -> String {
    String::from_utf8(capture.0.lock().unwrap().clone()).unwrap()
}
