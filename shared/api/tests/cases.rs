//! CSM cases (issue 17.2) through the handlers, on moto and the Litmos double: a case is
//! sent, assigned from, listed, fed and reported exactly like an incident, with its table.

mod support;

use serde_json::{Value, json};
use support::*;

const CASE: &str = "ca5e0000000000000000000000000001";
const NEXT_CASE: &str = "ca5e0000000000000000000000000002";

async fn call(e: &Env, key: &str, method: &str, path: &str, body: Option<&str>) -> (u16, Value) {
    status_and_json(&servicenow_call(&e.state, key, method, path, Some(ADMIN_AGENT), body, &[]).await)
}

fn case_body(sys_id: &str, number: &str, opened_at: i64) -> String {
    json!({"sys_id": sys_id, "number": number, "table": "sn_customerservice_case", "caller_sys_id": CALLER, "opened_at": litmos_domain::time::rfc3339(opened_at), "category": "billing"}).to_string()
}

#[tokio::test]
async fn a_case_is_assigned_listed_fed_and_reported_like_an_incident() {
    let e = env().await;
    let key = enabled_tenant(&e, "acme").await;
    let (status, recorded) = call(&e, &key, "POST", "/v1/servicenow/incidents", Some(&case_body(CASE, "CS0010001", T0 - 3_600))).await;
    assert_eq!((status, recorded["incident"]["table"].as_str()), (201, Some("sn_customerservice_case")), "{recorded}");
    let contact = json!({"caller": {"sys_id": CALLER, "email": "contact@customer.example", "first_name": "Casey", "last_name": "Contact"}}).to_string();
    let (_, linked) = call(&e, &key, "POST", "/v1/servicenow/learners", Some(&contact)).await;
    let learner = linked["learner"]["id"].as_str().unwrap().to_string();
    let course = e.double.courses()[0].clone();

    // Assigned from the case, named as a case; the same record sent as an incident is refused.
    let assign = |table: Option<&str>| {
        let mut incident = json!({"sys_id": CASE, "number": "CS0010001"});
        if let Some(t) = table {
            incident["table"] = t.into();
        }
        json!({"learner_id": learner, "course_ids": [course.id], "incident": incident}).to_string()
    };
    let (status, wrong) = call(&e, &key, "POST", "/v1/servicenow/assignments", Some(&assign(Some("incident")))).await;
    assert_eq!(status, 409, "{wrong}");
    let (status, out) = call(&e, &key, "POST", "/v1/servicenow/assignments", Some(&assign(Some("sn_customerservice_case")))).await;
    assert_eq!(status, 200, "{out}");
    assert_eq!(out["messages"], json!([format!("You have successfully assigned these courses: {}", course.name)]));
    let (_, bad) = call(&e, &key, "POST", "/v1/servicenow/assignments", Some(&assign(Some("problem")))).await;
    assert_eq!(bad["field"], "incident.table");

    // The case's training and the feed entry carry the table, so the app notes the case.
    let (status, training) = call(&e, &key, "GET", &format!("/v1/servicenow/incidents/{CASE}/training"), None).await;
    assert_eq!(status, 200, "{training}");
    assert_eq!(training["incident"], json!({"sys_id": CASE, "number": "CS0010001", "table": "sn_customerservice_case"}));
    assert_eq!(training["assignments"].as_array().unwrap().len(), 1);
    let (_, feed) = call(&e, &key, "GET", "/v1/servicenow/training/updates", None).await;
    assert_eq!(feed["updates"][0]["incident"]["table"], "sn_customerservice_case", "{feed}");
    // Sent without a table (the ITSM app's shape), the same case is still a case.
    let (status, again) = call(&e, &key, "POST", "/v1/servicenow/assignments", Some(&assign(None))).await;
    assert_eq!((status, again["already_assigned"].as_array().map(Vec::len)), (200, Some(1)), "{again}");

    // The same customer opens another case ten days later: the report counts a repeat.
    e.clock.advance(11 * 86_400);
    assert_eq!(call(&e, &key, "POST", "/v1/servicenow/incidents", Some(&case_body(NEXT_CASE, "CS0010002", T0 + 10 * 86_400))).await.0, 201);
    let date = &litmos_domain::time::rfc3339(T0)[..10];
    let (status, report) = call(&e, &key, "GET", &format!("/v1/servicenow/reports/effectiveness?from={date}&to={date}&group_by=category&window_days=30"), None).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["groups"][0]["key"], "billing");
    assert_eq!(report["groups"][0]["repeat_after_not_completed"], json!({"assignments": 1, "repeated": 1, "rate": 1}), "{report}");
    // A known case sent again as an incident is a conflict, not a silent change.
    let as_incident = json!({"sys_id": CASE, "number": "CS0010001", "caller_sys_id": CALLER, "opened_at": litmos_domain::time::rfc3339(T0 - 3_600)}).to_string();
    assert_eq!(call(&e, &key, "POST", "/v1/servicenow/incidents", Some(&as_incident)).await.0, 409);
}
