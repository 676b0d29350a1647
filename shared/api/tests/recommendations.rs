//! Courses ranked by what they prevent (issue 20.4), through both routes on moto: a
//! seeded data set whose ranking and intervals are worked out by hand in
//! `litmos_domain::recommend`'s unit tests, and the tenant's minimum sample.

mod support;

use litmos_domain::model::*;
use serde_json::{Value, json};
use support::*;

const DAY: i64 = 86_400;

fn records(course: &str, name: &str, completed: bool, n: usize, repeats: usize, offset: usize) -> Vec<AssignmentRecord> {
    let at = T0 - 100 * DAY;
    (0..n)
        .map(|i| AssignmentRecord {
            assignment: Assignment {
                learner_id: format!("L{}", offset + i),
                course_id: course.into(),
                course_name: name.into(),
                incident_sys_id: format!("{:032x}", offset + i),
                incident_number: format!("INC{:07}", offset + i),
                incident_table: INCIDENT_TABLE.into(),
                assigned_by: ADMIN_AGENT.into(),
                assigned_at: at + i as i64,
            },
            caller_sys_id: format!("{:032x}", 1_000 + offset + i),
            progress: Progress { status: if completed { TrainingStatus::Completed } else { TrainingStatus::NotStarted }, ..Default::default() },
            category: Some("VPN".into()),
            next_incident_at: (i < repeats).then_some(at + i as i64 + 10 * DAY),
            rolled_up: false,
        })
        .collect()
}

#[tokio::test]
async fn courses_are_ranked_by_the_repeats_they_prevent_on_both_routes() {
    let e = env().await;
    let key = enabled_tenant(&e, "acme").await;
    let mut seeded = Vec::new();
    seeded.extend(records("A1", "VPN basics", true, 10, 2, 0));
    seeded.extend(records("A1", "VPN basics", false, 10, 8, 100));
    seeded.extend(records("B1", "Password hygiene", true, 10, 3, 200));
    seeded.extend(records("B1", "Password hygiene", false, 10, 3, 300));
    seeded.extend(records("C1", "Too few", true, 9, 0, 400));
    seeded.extend(records("C1", "Too few", false, 10, 9, 500));
    e.state.store.import_records("acme", &seeded).await.unwrap();

    let path = "/v1/servicenow/recommendations?category=vpn&table=incident";
    let (status, r) = status_and_json(&servicenow_call(&e.state, &key, "GET", path, None, None, &[]).await);
    assert_eq!(status, 200, "{r}");
    assert_eq!((r["category"].as_str(), r["table"].as_str(), r["min_sample"].as_u64()), (Some("vpn"), Some("incident"), Some(10)));
    let ids: Vec<&str> = r["items"].as_array().unwrap().iter().map(|i| i["course_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["A1", "B1"], "C1 has 9 completed, under the minimum of 10");
    assert_eq!(
        r["items"][0],
        json!({"course_id": "A1", "name": "VPN basics", "completed": 10, "not_completed": 10, "repeat_rate_completed": 0.2,
               "repeat_rate_not_completed": 0.8, "difference": 0.6, "interval": [0.1618, 0.8027]})
    );
    let admin = |q: &str| {
        let req = event("GET", &format!("/v1/admin/tenants/acme/reports/recommendations?{q}"), &[("authorization", &bearer(ADMIN))], None);
        let st = e.state.clone();
        async move { status_and_json(&litmos_api::outcomes::admin_recommendations(st, req).await) }
    };
    let (status, same) = admin("category=vpn&table=incident").await;
    assert_eq!((status, &same), (200, &r), "the console sees the same ranking");
    assert_eq!(admin("table=incident").await.1["field"], "category");
    assert_eq!(admin("category=vpn&table=problem").await.1["field"], "table");

    // The tenant's minimum sample: 9 lets C1 in (first: 0/9 against 9/10); 0 is refused.
    let put = |min: Value| {
        let body = json!({"name": "Acme", "litmos": {"base_url": e.litmos_url, "api_key": "demo-litmos-key", "source": "servicenow"}, "recommendations": {"min_sample": min}}).to_string();
        let st = e.state.clone();
        async move { status_and_json(&litmos_api::admin::put_tenant(st, event("PUT", "/v1/admin/tenants/acme", &[("authorization", &bearer(ADMIN))], Some(&body))).await) }
    };
    let (status, tenant) = put(json!(9)).await;
    assert_eq!((status, &tenant["recommendations"]), (200, &json!({"min_sample": 9})));
    let (_, lower) = status_and_json(&servicenow_call(&e.state, &key, "GET", path, None, None, &[]).await);
    assert_eq!(lower["items"][0]["course_id"], "C1", "{lower}");
    assert_eq!(put(json!(0)).await.1["field"], "recommendations.min_sample");
}
