//! `make bench`: the effectiveness report for one tenant with 10,000 assignments and
//! 20,000 incidents, on moto, next to its floor: reading those 10,000 records' items
//! with the same Query pages and nothing else. Prints numbers; asserts nothing but
//! that the report counted every assignment.
//!
//! Needs MOTO_ENDPOINT (make bench starts moto).

use std::time::{Duration, Instant};

use litmos_domain::model::*;
use litmos_domain::report::ReportQuery;

const ASSIGNMENTS: usize = 10_000;
const INCIDENTS: usize = 20_000;
const RUNS: usize = 3;
const T0: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[tokio::main]
async fn main() {
    e2e::use_bench_moto();
    let store = e2e::bench_store("bench-report").await;
    let (client, table) = (store.client().clone(), store.table().to_string());

    // 2,000 callers with 5 assignments each over 200 days, 40 courses, 8 agents, 6
    // categories; 60 % completed, 20 % in progress; 10 incidents per caller.
    let loading = Instant::now();
    let records: Vec<AssignmentRecord> = (0..ASSIGNMENTS)
        .map(|i| {
            let assigned_at = T0 + (i as i64 % 200) * 86_400 + i as i64;
            let status = match i % 5 {
                0..=2 => TrainingStatus::Completed,
                3 => TrainingStatus::InProgress,
                _ => TrainingStatus::NotStarted,
            };
            let done = status == TrainingStatus::Completed;
            AssignmentRecord {
                assignment: Assignment {
                    learner_id: format!("L{:05}", i % 2_000),
                    course_id: format!("C{:03}", i % 40),
                    course_name: format!("Course {}", i % 40),
                    incident_sys_id: format!("{:032x}", i),
                    incident_number: format!("INC{:07}", i),
                    incident_table: litmos_domain::model::INCIDENT_TABLE.into(),
                    assigned_by: format!("agent{}@pieshop.net", i % 8),
                    assigned_at,
                },
                caller_sys_id: format!("{:032x}", 1_000_000 + i % 2_000),
                progress: Progress {
                    status,
                    percentage_complete: if done { 100.0 } else { 40.0 },
                    started_at: (status != TrainingStatus::NotStarted).then_some(assigned_at + 3_600),
                    completed_at: done.then_some(assigned_at + (i as i64 % 9 + 1) * 86_400),
                    score: done.then_some((60 + i % 41) as f64),
                },
                category: Some(["network", "email", "password", "vpn", "printer", "billing"][i % 6].to_string()),
                next_incident_at: (i % 3 == 0).then_some(assigned_at + (i as i64 % 45) * 86_400),
                rolled_up: false,
            }
        })
        .collect();
    store.import_records("bench", &records).await.unwrap();
    let incidents: Vec<Incident> = (0..INCIDENTS)
        .map(|i| Incident {
            sys_id: format!("{:032x}", 5_000_000 + i),
            number: format!("INC{:07}", 5_000_000 + i),
            table: litmos_domain::model::INCIDENT_TABLE.into(),
            caller_sys_id: format!("{:032x}", 1_000_000 + i % 2_000),
            opened_at: T0 + (i as i64 % 220) * 86_400,
            category: Some("network".into()),
        })
        .collect();
    store.import_incidents("bench", &incidents).await.unwrap();
    eprintln!("bench-report: loaded {ASSIGNMENTS} assignments and {INCIDENTS} incidents in {:.1} s", loading.elapsed().as_secs_f64());

    let q = ReportQuery::parse(Some("2026-01-01"), Some("2026-12-31"), Some("category"), None).unwrap();
    let (start, end) = q.range();
    let mut floor = Vec::new();
    let mut report = Vec::new();
    for _ in 0..RUNS {
        // The floor: the same Query pages of the same items, nothing decoded.
        let t = Instant::now();
        let mut read = 0;
        let mut from = None;
        loop {
            let out = client
                .query()
                .table_name(&table)
                .key_condition_expression("pk = :pk AND sk BETWEEN :lo AND :hi")
                .expression_attribute_values(":pk", aws_sdk_dynamodb::types::AttributeValue::S("TENANT#bench".into()))
                .expression_attribute_values(":lo", aws_sdk_dynamodb::types::AttributeValue::S(format!("REC#{start:012}")))
                .expression_attribute_values(":hi", aws_sdk_dynamodb::types::AttributeValue::S(format!("REC#{end:012}")))
                .set_exclusive_start_key(from)
                .send()
                .await
                .unwrap();
            read += out.items.map(|i| i.len()).unwrap_or(0);
            from = out.last_evaluated_key;
            if from.is_none() {
                break;
            }
        }
        floor.push(t.elapsed());
        assert_eq!(read, ASSIGNMENTS);

        let t = Instant::now();
        let r = litmos_domain::training::effectiveness(&store, &store, "bench", &q).await.unwrap();
        let json = serde_json::to_string(&r).unwrap();
        report.push(t.elapsed());
        std::hint::black_box(json);
        assert_eq!(serde_json::to_value(&r).unwrap()["totals"]["assigned"], ASSIGNMENTS);
    }
    // What the report adds on top of the read, in memory: the same 10,000 rows built
    // into the category report and serialized.
    let rows: Vec<litmos_domain::report::ReportRow> = records.iter().cloned().map(litmos_domain::training::report_row).collect();
    let t = Instant::now();
    for _ in 0..20 {
        std::hint::black_box(serde_json::to_string(&litmos_domain::report::build(&q, &rows)).unwrap());
    }
    let in_memory = t.elapsed() / 20;
    let (f, r) = (median(floor), median(report));
    println!("report: {ASSIGNMENTS} assignments, {INCIDENTS} incidents (moto), median of {RUNS}");
    println!("read the 10,000 record items (floor):     {:>8.1} ms", f.as_secs_f64() * 1e3);
    println!("effectiveness report, group_by=category:  {:>8.1} ms  ({:.2}x the floor)", r.as_secs_f64() * 1e3, r.as_secs_f64() / f.as_secs_f64());
    println!("of which build + JSON in memory:          {:>8.1} ms", in_memory.as_secs_f64() * 1e3);
}
