//! The DynamoDB store and Secrets Manager adapter with the real AWS SDK against moto.

use litmos_adapters::{DynamoStore, SecretsManager};
use litmos_domain::keys;
use litmos_domain::model::LitmosSettings;
use litmos_domain::ports::{KeyStore, SecretStore, TenantStore};

async fn store() -> DynamoStore {
    let sdk = testkit::sdk_config().await;
    let table = testkit::fresh_table(&sdk).await;
    DynamoStore::new(aws_sdk_dynamodb::Client::new(&sdk), table)
}

fn settings() -> LitmosSettings {
    LitmosSettings { base_url: "https://api.litmos.com/v1.svc".into(), source: "sn".into(), send_welcome_email: false, start_link_days: 0 }
}

#[tokio::test]
async fn put_tenant_creates_then_updates_without_touching_servicenow_state() {
    let s = store().await;
    assert!(s.put_tenant_profile("acme", "Acme", &settings(), 10, 100).await.unwrap());
    let h = keys::hash(&keys::generate());
    assert!(s.enable("acme", &h, &keys::hash("webhook"), 110).await.unwrap());
    assert!(!s.put_tenant_profile("acme", "Acme Corp", &settings(), 10, 120).await.unwrap());
    let t = s.get_tenant("acme").await.unwrap().unwrap();
    assert_eq!((t.name.as_str(), t.created_at, t.updated_at), ("Acme Corp", 100, 120));
    assert!(t.servicenow.enabled);
    assert_eq!(t.servicenow.current_key, Some(h));
    assert!(s.get_tenant("nobody").await.unwrap().is_none());
}

#[tokio::test]
async fn enable_is_won_once_under_concurrency() {
    let s = std::sync::Arc::new(store().await);
    s.put_tenant_profile("acme", "Acme", &settings(), 10, 100).await.unwrap();
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let s = s.clone();
        tasks.push(tokio::spawn(async move { s.enable("acme", &keys::hash(&keys::generate()), &keys::hash("webhook"), 101).await.unwrap() }));
    }
    let mut wins = 0;
    for t in tasks {
        wins += usize::from(t.await.unwrap());
    }
    assert_eq!(wins, 1);
    let t = s.get_tenant("acme").await.unwrap().unwrap();
    assert_eq!(t.servicenow.live_keys.len(), 1);
    let rec = s.get_key(&t.servicenow.current_key.unwrap()).await.unwrap().unwrap();
    assert_eq!(rec.tenant_id, "acme");
}

#[tokio::test]
async fn rotate_needs_the_current_key_and_sets_the_old_expiry() {
    let s = store().await;
    s.put_tenant_profile("acme", "Acme", &settings(), 10, 100).await.unwrap();
    let (k1, k2, k3) = (keys::hash("k1"), keys::hash("k2"), keys::hash("k3"));
    s.enable("acme", &k1, &keys::hash("webhook"), 100).await.unwrap();
    assert!(s.rotate("acme", &k1, &k2, &keys::hash("webhook2"), 200, 150, &[k1.clone(), k2.clone()], &[]).await.unwrap());
    assert!(!s.rotate("acme", &k1, &k3, &keys::hash("webhook2"), 200, 150, &[k1.clone(), k3.clone()], &[]).await.unwrap(), "k1 is no longer current");
    assert!(s.get_key(&k3).await.unwrap().is_none(), "a failed rotation writes nothing");
    let old = s.get_key(&k1).await.unwrap().unwrap();
    assert_eq!(old.expires_at, Some(200));
    assert!(old.is_live(199) && !old.is_live(200));
    // Zero grace removes the old key outright.
    assert!(s.rotate("acme", &k2, &k3, &keys::hash("webhook2"), 150, 150, &[k1.clone(), k3.clone()], &[]).await.unwrap());
    assert!(s.get_key(&k2).await.unwrap().is_none());
}

#[tokio::test]
async fn disable_and_delete_remove_every_key_and_item() {
    let s = store().await;
    s.put_tenant_profile("acme", "Acme", &settings(), 10, 100).await.unwrap();
    s.put_tenant_profile("other", "Other", &settings(), 10, 100).await.unwrap();
    let (k1, k2, ko) = (keys::hash("k1"), keys::hash("k2"), keys::hash("ko"));
    s.enable("acme", &k1, &keys::hash("webhook"), 100).await.unwrap();
    s.enable("other", &ko, &keys::hash("webhook"), 100).await.unwrap();
    s.rotate("acme", &k1, &k2, &keys::hash("webhook2"), 10_000, 150, &[k1.clone(), k2.clone()], &[]).await.unwrap();
    let t = s.get_tenant("acme").await.unwrap().unwrap();
    s.disable(&t, 160).await.unwrap();
    assert!(s.get_key(&k1).await.unwrap().is_none() && s.get_key(&k2).await.unwrap().is_none());
    let t = s.get_tenant("acme").await.unwrap().unwrap();
    assert!(!t.servicenow.enabled && t.servicenow.live_keys.is_empty() && t.servicenow.current_key.is_none());

    s.enable("acme", &k1, &keys::hash("webhook"), 170).await.unwrap();
    s.record_activation("acme", "https://acme.service-now.com", 171).await.unwrap();
    let t = s.get_tenant("acme").await.unwrap().unwrap();
    s.delete_tenant(&t).await.unwrap();
    assert!(s.get_tenant("acme").await.unwrap().is_none());
    assert!(s.get_key(&k1).await.unwrap().is_none());
    assert!(s.get_key(&ko).await.unwrap().is_some(), "another tenant's key is untouched");
    assert!(s.get_tenant("other").await.unwrap().is_some());
}

#[tokio::test]
async fn keys_are_stored_only_as_hashes() {
    let sdk = testkit::sdk_config().await;
    let table = testkit::fresh_table(&sdk).await;
    let client = aws_sdk_dynamodb::Client::new(&sdk);
    let s = DynamoStore::new(client.clone(), table.clone());
    s.put_tenant_profile("acme", "Acme", &settings(), 10, 100).await.unwrap();
    let key = keys::generate();
    s.enable("acme", &keys::hash(&key), &keys::hash("webhook"), 100).await.unwrap();
    let dump = format!("{:?}", client.scan().table_name(&table).send().await.unwrap().items());
    assert!(!dump.contains(&key) && !dump.contains(&key[4..20]), "plaintext key found in the table");
    assert!(dump.contains(&keys::hash(&key).0));
}

#[tokio::test]
async fn secrets_round_trip() {
    let sdk = testkit::sdk_config().await;
    let sm = SecretsManager::new(aws_sdk_secretsmanager::Client::new(&sdk));
    let name = format!("test/{:x}/litmos-api-key", rand::random::<u64>());
    assert_eq!(sm.get_secret(&name).await.unwrap(), None);
    sm.put_secret(&name, "v1").await.unwrap();
    sm.put_secret(&name, "v2").await.unwrap();
    assert_eq!(sm.get_secret(&name).await.unwrap().as_deref(), Some("v2"));
    sm.delete_secret(&name).await.unwrap();
    sm.delete_secret(&name).await.unwrap();
    assert_eq!(sm.get_secret(&name).await.unwrap(), None);
}

#[tokio::test]
async fn an_unreachable_store_is_unavailable_not_a_panic() {
    let sdk = testkit::sdk_config_at(&testkit::closed_endpoint()).await;
    let s = DynamoStore::new(aws_sdk_dynamodb::Client::new(&sdk), "t");
    let err = s.get_tenant("acme").await.unwrap_err();
    assert!(matches!(err, litmos_domain::ports::StoreError::Unavailable(_)), "{err:?}");
}

mod claims {
    use litmos_adapters::DynamoStore;
    use litmos_domain::model::{Assignment, AssignmentRecord, Incident, Learner, Progress, TrainingStatus};
    use litmos_domain::ports::*;

    async fn store() -> DynamoStore {
        super::store().await
    }

    fn learner(id: &str, caller: &str) -> Learner {
        Learner { id: id.into(), caller_sys_id: caller.into(), user_name: "u".into(), email: "u@x.io".into(), first_name: "U".into(), last_name: "X".into(), linked_at: 5 }
    }

    fn assignment(course: &str, incident: &str) -> Assignment {
        Assignment {
            learner_id: "L1".into(),
            course_id: course.into(),
            course_name: format!("Course {course}"),
            incident_sys_id: incident.into(),
            incident_number: "INC0001".into(),
            incident_table: "incident".into(),
            assigned_by: "admin@pieshop.net".into(),
            assigned_at: 100,
        }
    }

    fn record(course: &str, incident: &str) -> AssignmentRecord {
        AssignmentRecord { assignment: assignment(course, incident), caller_sys_id: "c1".into(), progress: Progress::default(), category: None, next_incident_at: None, rolled_up: true }
    }

    #[tokio::test]
    async fn a_caller_slot_is_won_once_and_recovers_after_its_lease() {
        let s = store().await;
        assert_eq!(s.claim_caller("acme", "c1", "o100", 100, 130).await.unwrap(), Claim::Won);
        assert_eq!(s.claim_caller("acme", "c1", "o101", 101, 131).await.unwrap(), Claim::Pending);
        assert_eq!(s.claim_caller("other", "c1", "o101", 101, 131).await.unwrap(), Claim::Won, "tenants never share slots");
        // The first request died: after its lease, the slot can be taken again.
        assert_eq!(s.claim_caller("acme", "c1", "o131", 131, 161).await.unwrap(), Claim::Won);
        s.save_learner("acme", &learner("L1", "c1")).await.unwrap();
        assert_eq!(s.claim_caller("acme", "c1", "o200", 200, 230).await.unwrap(), Claim::Existing(learner("L1", "c1")));
        assert_eq!(s.get_learner("acme", "c1").await.unwrap(), Some(learner("L1", "c1")));
        assert_eq!(s.learner_caller("acme", "L1").await.unwrap().as_deref(), Some("c1"));
        assert_eq!(s.learner_caller("other", "L1").await.unwrap(), None);
        assert_eq!(s.get_learner("other", "c1").await.unwrap(), None, "a pending claim is no learner");
        // A Litmos user is linked to one caller: a second caller's link writes nothing.
        assert_eq!(s.claim_caller("acme", "c2", "o300", 300, 330).await.unwrap(), Claim::Won);
        assert_eq!(s.save_learner("acme", &learner("L1", "c2")).await.unwrap(), LinkWrite::TakenBy("c1".into()));
        assert_eq!(s.get_learner("acme", "c2").await.unwrap(), None, "the second caller's slot stays a claim");
        assert_eq!(s.learner_caller("acme", "L1").await.unwrap().as_deref(), Some("c1"));
        assert_eq!(s.save_learner("acme", &learner("L1", "c1")).await.unwrap(), LinkWrite::Linked, "re-saving the same link is fine");
    }

    /// Issue 19.5: forgetting a caller closes their links at once; the data goes after.
    #[tokio::test]
    async fn a_cut_caller_has_no_learner_and_is_not_linked_again_until_forgotten() {
        let s = store().await;
        assert!(!s.cut_caller("acme", "c1").await.unwrap(), "nothing linked");
        // A link still being made when the caller is cut is not made.
        assert_eq!(s.claim_caller("acme", "c0", "o1", 100, 130).await.unwrap(), Claim::Won);
        assert!(s.cut_caller("acme", "c0").await.unwrap());
        assert!(matches!(s.save_learner("acme", &learner("L0", "c0")).await, Err(StoreError::Contended(_))));
        assert_eq!(s.learner_caller("acme", "L0").await.unwrap(), None, "nor its reverse link");
        assert_eq!(s.claim_caller("acme", "c0", "o2", 200, 230).await.unwrap(), Claim::Closed);
        assert!(s.forget_caller("acme", "c0").await.unwrap());
        assert_eq!(s.claim_caller("acme", "c0", "o3", 300, 330).await.unwrap(), Claim::Won, "open again once forgotten");

        assert_eq!(s.claim_caller("acme", "c1", "o100", 100, 130).await.unwrap(), Claim::Won);
        s.save_learner("acme", &learner("L1", "c1")).await.unwrap();
        assert_eq!(s.claim_assignment("acme", "L1", "C1", "o100", 100, 160, None).await.unwrap(), Claim::Won);
        s.confirm_assignments("acme", "o100", &[record("C1", "i1")], 100_000, None, None).await.unwrap();
        assert!(s.cut_caller("acme", "c1").await.unwrap());
        assert!(s.cut_caller("acme", "c1").await.unwrap(), "cutting again is fine");
        assert_eq!(s.get_learner("acme", "c1").await.unwrap(), None);
        assert_eq!(s.learner_caller("acme", "L1").await.unwrap(), None);
        assert_eq!(s.claim_caller("acme", "c1", "o200", 10_000, 10_030).await.unwrap(), Claim::Closed, "not even after a lease would have ended");
        assert_eq!(s.claim_caller("acme", "c2", "o201", 201, 231).await.unwrap(), Claim::Won);
        assert_eq!(s.save_learner("acme", &learner("L1", "c2")).await.unwrap(), LinkWrite::TakenBy("c1".into()), "nor is the Litmos user taken meanwhile");
        // Forgetting still finds what is keyed by the Litmos user, and frees both slots;
        // a re-run after the reverse link went (a forget cut short) still knows the
        // user was this caller's.
        s.client()
            .delete_item()
            .table_name(s.table())
            .key("pk", aws_sdk_dynamodb::types::AttributeValue::S("TENANT#acme".into()))
            .key("sk", aws_sdk_dynamodb::types::AttributeValue::S("LEARNER#L1".into()))
            .send()
            .await
            .unwrap();
        assert!(s.forget_caller("acme", "c1").await.unwrap());
        assert!(s.learner_records("acme", "L1").await.unwrap().is_empty());
        assert_eq!(s.claim_assignment("acme", "L1", "C1", "o300", 300, 330, None).await.unwrap(), Claim::Won, "the assignment's claim went with the caller");
        assert_eq!(s.save_learner("acme", &learner("L1", "c2")).await.unwrap(), LinkWrite::Linked);
        assert_eq!(s.claim_caller("acme", "c1", "o400", 400, 430).await.unwrap(), Claim::Won);
    }

    #[tokio::test]
    async fn released_caller_claims_free_the_slot() {
        let s = store().await;
        assert_eq!(s.claim_caller("acme", "c1", "o100", 100, 130).await.unwrap(), Claim::Won);
        s.release_caller("acme", "c1", "o100").await.unwrap();
        assert_eq!(s.claim_caller("acme", "c1", "o101", 101, 131).await.unwrap(), Claim::Won);
    }

    #[tokio::test]
    async fn assignments_are_claimed_confirmed_and_listed_by_incident() {
        let s = store().await;
        assert_eq!(s.claim_assignment("acme", "L1", "C1", "me", 100, 160, None).await.unwrap(), Claim::Won);
        assert_eq!(s.claim_assignment("acme", "L1", "C1", "you", 101, 161, None).await.unwrap(), Claim::Pending);
        s.confirm_assignments("acme", "me", &[record("C1", "i1")], 100_000, None, None).await.unwrap();
        assert_eq!(s.claim_assignment("acme", "L1", "C1", "you", 102, 162, None).await.unwrap(), Claim::Existing(()));
        assert_eq!(s.claim_assignment("acme", "L1", "C1", "you", 10_000, 10_060, None).await.unwrap(), Claim::Existing(()), "a confirmed assignment never expires");
        // Release only frees pending claims of their owner.
        s.release_assignments("acme", "L1", &["C1".into()], "me").await.unwrap();
        assert_eq!(s.claim_assignment("acme", "L1", "C1", "you", 103, 163, None).await.unwrap(), Claim::Existing(()));
        assert_eq!(s.claim_assignment("acme", "L1", "C2", "me", 100, 160, None).await.unwrap(), Claim::Won);
        s.release_assignments("acme", "L1", &["C2".into()], "you").await.unwrap();
        assert_eq!(s.claim_assignment("acme", "L1", "C2", "you", 101, 161, None).await.unwrap(), Claim::Pending);
        s.release_assignments("acme", "L1", &["C2".into()], "me").await.unwrap();
        assert_eq!(s.claim_assignment("acme", "L1", "C2", "you", 101, 161, None).await.unwrap(), Claim::Won);

        let listed = s.incident_records("acme", "i1").await.unwrap();
        assert_eq!(listed, vec![record("C1", "i1")]);
        assert!(s.incident_records("other", "i1").await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn fifty_assignments_confirm_in_bounded_transactions() {
        let s = store().await;
        let rows: Vec<AssignmentRecord> = (0..50).map(|i| record(&format!("C{i:02}"), "i9")).collect();
        for r in &rows {
            assert_eq!(s.claim_assignment("acme", "L1", &r.assignment.course_id, "me", 100, 160, None).await.unwrap(), Claim::Won);
        }
        s.confirm_assignments("acme", "me", &rows, 100_000, None, None).await.unwrap();
        assert_eq!(s.incident_records("acme", "i9").await.unwrap().len(), 50);
        let feed = s.feed("acme", 0, 200).await.unwrap();
        assert_eq!(feed.iter().map(|e| e.seq).collect::<Vec<_>>(), (1..=50).collect::<Vec<u64>>(), "one entry each, in sequence");
        assert_eq!(s.open_learners("acme").await.unwrap(), vec![("L1".to_string(), 0)]);
    }

    async fn confirmed(s: &DynamoStore, tenant: &str, courses: &[&str]) -> Vec<AssignmentRecord> {
        let rows: Vec<AssignmentRecord> = courses.iter().map(|c| record(c, "i1")).collect();
        for r in &rows {
            assert_eq!(s.claim_assignment(tenant, "L1", &r.assignment.course_id, "me", 100, 160, None).await.unwrap(), Claim::Won);
        }
        s.confirm_assignments(tenant, "me", &rows, 100_000, None, None).await.unwrap();
        rows
    }

    fn progress(status: TrainingStatus, pct: f64, score: Option<f64>) -> Progress {
        let at = (status != TrainingStatus::NotStarted).then_some(200);
        Progress { status, percentage_complete: pct, started_at: at, completed_at: (status == TrainingStatus::Completed).then_some(300), score }
    }

    #[tokio::test]
    async fn progress_moves_forward_once_with_one_feed_entry_per_status() {
        let s = store().await;
        let rows = confirmed(&s, "acme", &["C1", "C2"]).await;
        let started = progress(TrainingStatus::InProgress, 40.0, None);
        assert_eq!(s.save_progress("acme", &[(rows[0].clone(), started.clone())], 101_000).await.unwrap(), 1);
        // The same change again (a second webhook, a racing sync) changes nothing.
        assert_eq!(s.save_progress("acme", &[(rows[0].clone(), started.clone())], 101_500).await.unwrap(), 0);
        let mut r0 = rows[0].clone();
        r0.progress = started.clone();
        // Progress within in_progress: recorded, no feed entry.
        assert_eq!(s.save_progress("acme", &[(r0.clone(), progress(TrainingStatus::InProgress, 60.0, None))], 102_000).await.unwrap(), 1);
        let done = progress(TrainingStatus::Completed, 100.0, Some(87.5));
        assert_eq!(s.save_progress("acme", &[(r0.clone(), done.clone()), (rows[1].clone(), done.clone())], 103_000).await.unwrap(), 2);
        // A stale writer that still thinks C1 is in progress cannot take it back.
        assert_eq!(s.save_progress("acme", &[(r0.clone(), progress(TrainingStatus::InProgress, 70.0, None))], 104_000).await.unwrap(), 0);
        let recs = s.learner_records("acme", "L1").await.unwrap();
        assert_eq!(recs.iter().map(|r| (r.progress.status, r.progress.score)).collect::<Vec<_>>(), vec![(TrainingStatus::Completed, Some(87.5)); 2]);
        let feed = s.feed("acme", 0, 100).await.unwrap();
        let statuses: Vec<(u64, String, TrainingStatus)> = feed.iter().map(|e| (e.seq, e.course_id.clone(), e.progress.status)).collect();
        assert_eq!(
            statuses,
            vec![
                (1, "C1".into(), TrainingStatus::NotStarted),
                (2, "C2".into(), TrainingStatus::NotStarted),
                (3, "C1".into(), TrainingStatus::InProgress),
                (4, "C1".into(), TrainingStatus::Completed),
                (5, "C2".into(), TrainingStatus::Completed),
            ]
        );
        assert!(feed.windows(2).all(|w| w[0].changed_at_ms <= w[1].changed_at_ms), "changed_at never decreases");
        assert_eq!(s.feed("acme", 3, 1).await.unwrap()[0].seq, 4, "paging by sequence");
        assert!(s.feed("other", 0, 100).await.unwrap().is_empty());
    }

    /// Twenty writers racing to advance five records (webhooks and syncs at once): each
    /// status is appended once, in a gap-free sequence.
    #[tokio::test]
    async fn concurrent_advances_append_each_status_once_without_gaps() {
        let s = std::sync::Arc::new(store().await);
        let rows = confirmed(&s, "acme", &["C1", "C2", "C3", "C4", "C5"]).await;
        let mut tasks = Vec::new();
        for round in 0..4 {
            for r in rows.clone() {
                let s = s.clone();
                let p = progress(if round % 2 == 0 { TrainingStatus::InProgress } else { TrainingStatus::Completed }, 50.0, None);
                tasks.push(tokio::spawn(async move { s.save_progress("acme", &[(r, p)], 110_000).await.unwrap() }));
            }
        }
        for t in tasks {
            t.await.unwrap();
        }
        let feed = s.feed("acme", 0, 200).await.unwrap();
        let seqs: Vec<u64> = feed.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, (1..=seqs.len() as u64).collect::<Vec<_>>(), "no gaps");
        for c in ["C1", "C2", "C3", "C4", "C5"] {
            let mine: Vec<TrainingStatus> = feed.iter().filter(|e| e.course_id == c).map(|e| e.progress.status).collect();
            assert!(mine.len() <= 3 && mine.iter().filter(|st| **st == TrainingStatus::Completed).count() == 1, "{c}: {mine:?}");
            assert_eq!(mine.iter().filter(|st| **st == TrainingStatus::NotStarted).count(), 1, "{c}: {mine:?}");
        }
    }

    /// Webhooks and syncs that all read the records before any of them wrote (so each
    /// believes it advances them) append each status once, in a gap-free sequence.
    #[tokio::test]
    async fn stale_writers_append_each_status_once_without_gaps() {
        let s = store().await;
        let rows = confirmed(&s, "acme", &["C1", "C2", "C3"]).await;
        for round in 0..4 {
            let status = if round % 2 == 0 { TrainingStatus::InProgress } else { TrainingStatus::Completed };
            let batch: Vec<(AssignmentRecord, Progress)> = rows.iter().map(|r| (r.clone(), progress(status, 50.0, None))).collect();
            s.save_progress("acme", &batch, 110_000 + round).await.unwrap();
        }
        let feed = s.feed("acme", 0, 200).await.unwrap();
        let seqs: Vec<u64> = feed.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, (1..=9).collect::<Vec<u64>>(), "no gaps, nothing twice");
        for c in ["C1", "C2", "C3"] {
            let mine: Vec<TrainingStatus> = feed.iter().filter(|e| e.course_id == c).map(|e| e.progress.status).collect();
            assert_eq!(mine, [TrainingStatus::NotStarted, TrainingStatus::InProgress, TrainingStatus::Completed], "{c}");
        }
    }

    #[tokio::test]
    async fn incidents_are_known_once_and_find_the_next_one() {
        let s = store().await;
        let inc = |sys: &str, number: &str, opened: i64, cat: Option<&str>| Incident {
            sys_id: sys.into(),
            number: number.into(),
            table: "incident".into(),
            caller_sys_id: "c1".into(),
            opened_at: opened,
            category: cat.map(str::to_string),
        };
        assert_eq!(s.put_incident("acme", &inc("i1", "INC0001", 100, Some("network"))).await.unwrap(), IncidentWrite::Created);
        assert_eq!(s.put_incident("acme", &inc("i1", "INC0001", 100, Some("network"))).await.unwrap(), IncidentWrite::Known { category_changed: false });
        assert_eq!(s.put_incident("acme", &inc("i1", "INC0001", 100, Some("email"))).await.unwrap(), IncidentWrite::Known { category_changed: true });
        assert_eq!(s.get_incident("acme", "i1").await.unwrap().unwrap().category.as_deref(), Some("email"));
        assert_eq!(s.put_incident("acme", &inc("i1", "INC0002", 100, None)).await.unwrap(), IncidentWrite::Mismatch);
        s.put_incident("acme", &inc("i2", "INC0003", 500, None)).await.unwrap();
        s.put_incident("acme", &inc("i3", "INC0004", 300, None)).await.unwrap();
        assert_eq!(s.next_incident_after("acme", "c1", 100, "i1").await.unwrap(), Some(300));
        assert_eq!(s.next_incident_after("acme", "c1", 300, "i1").await.unwrap(), Some(500), "strictly after");
        assert_eq!(s.next_incident_after("acme", "c1", 50, "i1").await.unwrap(), Some(300), "not the incident it was assigned from");
        assert_eq!(s.next_incident_after("other", "c1", 50, "i1").await.unwrap(), None);
    }

    /// A check that saw every record completed removes the learner from the sync's list
    /// only when no assignment came in since; otherwise it stays for one more check.
    #[tokio::test]
    async fn a_learner_with_a_new_assignment_stays_to_be_checked() {
        let s = store().await;
        confirmed(&s, "acme", &["C1"]).await;
        s.mark_checked("acme", "L1", 500, false).await.unwrap();
        assert_eq!(s.open_learners("acme").await.unwrap(), vec![("L1".to_string(), 500)], "an assignment came in since: kept");
        s.mark_checked("acme", "L1", 600, false).await.unwrap();
        assert!(s.open_learners("acme").await.unwrap().is_empty(), "checked again with nothing new: gone");
    }

    #[tokio::test]
    async fn records_by_assignment_date_for_the_report() {
        let s = store().await;
        confirmed(&s, "acme", &["C1", "C2"]).await;
        assert_eq!(s.records_between("acme", 100, 101).await.unwrap().len(), 2);
        assert!(s.records_between("acme", 101, 200).await.unwrap().is_empty());
        assert!(s.records_between("acme", 0, 100).await.unwrap().is_empty(), "the end is exclusive");
    }

    #[tokio::test]
    async fn idempotency_records() {
        let s = store().await;
        assert_eq!(s.begin("acme", "k", "h1", "r1", 100, 160, 86_500).await.unwrap(), IdempotencyStart::Started);
        assert_eq!(s.begin("acme", "k", "h1", "r2", 101, 161, 86_501).await.unwrap(), IdempotencyStart::InFlight);
        assert_eq!(s.begin("acme", "k", "h2", "r3", 101, 161, 86_501).await.unwrap(), IdempotencyStart::Mismatch);
        s.complete("acme", "k", "r1", 200, r#"{"ok":true}"#, 86_500).await.unwrap();
        assert_eq!(s.begin("acme", "k", "h1", "r4", 102, 162, 86_502).await.unwrap(), IdempotencyStart::Replay { status: 200, body: r#"{"ok":true}"#.into() });
        // After 24 h the key is new again: the expired record is replaced in one write.
        assert_eq!(s.begin("acme", "k", "h1", "r5", 86_500, 86_560, 172_900).await.unwrap(), IdempotencyStart::Started, "after 24 h the key is new again");
        s.abandon("acme", "k", "r5").await.unwrap();
        assert_eq!(s.begin("acme", "k", "h2", "r6", 86_501, 86_561, 172_901).await.unwrap(), IdempotencyStart::Started, "an abandoned key runs again");
        // A crashed request's record stops blocking once its in-flight window ends.
        assert_eq!(s.begin("acme", "k", "h2", "r7", 86_562, 86_622, 172_962).await.unwrap(), IdempotencyStart::Started);
    }

    /// A request whose lease ran out cannot free or complete what another request took
    /// over (RELIABILITY 19): releases and completions check the owner.
    #[tokio::test]
    async fn only_the_owner_releases_or_completes() {
        let s = store().await;
        assert_eq!(s.begin("acme", "k", "h1", "slow", 100, 160, 86_500).await.unwrap(), IdempotencyStart::Started);
        assert_eq!(s.begin("acme", "k", "h1", "retry", 161, 221, 86_561).await.unwrap(), IdempotencyStart::Started, "the slow one's window ended");
        s.abandon("acme", "k", "slow").await.unwrap();
        assert_eq!(s.begin("acme", "k", "h1", "third", 162, 222, 86_562).await.unwrap(), IdempotencyStart::InFlight, "the retry still holds it");
        s.complete("acme", "k", "slow", 500, "{}", 86_500).await.unwrap();
        assert_eq!(s.begin("acme", "k", "h1", "third", 163, 223, 86_563).await.unwrap(), IdempotencyStart::InFlight, "the slow one's answer is not stored");
        s.complete("acme", "k", "retry", 200, "{}", 86_561).await.unwrap();
        assert!(matches!(s.begin("acme", "k", "h1", "third", 164, 224, 86_564).await.unwrap(), IdempotencyStart::Replay { status: 200, .. }));

        assert_eq!(s.claim_caller("acme", "c9", "slow", 100, 130).await.unwrap(), Claim::Won);
        assert_eq!(s.claim_caller("acme", "c9", "next", 131, 161).await.unwrap(), Claim::Won);
        s.release_caller("acme", "c9", "slow").await.unwrap();
        assert_eq!(s.claim_caller("acme", "c9", "third", 132, 162).await.unwrap(), Claim::Pending, "the slow one freed nothing");

        assert_eq!(s.claim_assignment("acme", "L9", "C1", "slow", 100, 160, None).await.unwrap(), Claim::Won);
        assert_eq!(s.claim_assignment("acme", "L9", "C1", "next", 161, 221, None).await.unwrap(), Claim::Won);
        s.release_assignments("acme", "L9", &["C1".into()], "slow").await.unwrap();
        assert_eq!(s.claim_assignment("acme", "L9", "C1", "third", 162, 222, None).await.unwrap(), Claim::Pending);
    }

    #[tokio::test]
    async fn a_recorded_assignment_is_reclaimed_only_when_it_is_the_one_seen_before() {
        let s = store().await;
        confirmed(&s, "acme", &["C1"]).await; // confirmed by owner "me"
        let seen = s.assigned_owners("acme", "L1", &["C1".into(), "C2".into()]).await.unwrap();
        assert_eq!(seen, std::collections::HashMap::from([("C1".to_string(), "me".to_string())]), "only what is recorded as assigned");
        assert_eq!(s.claim_assignment("acme", "L1", "C1", "x", 200, 260, None).await.unwrap(), Claim::Existing(()));
        assert_eq!(s.claim_assignment("acme", "L1", "C1", "x", 200, 260, Some("someone-else")).await.unwrap(), Claim::Existing(()), "another record (confirmed after the Litmos read) stands");
        assert_eq!(s.claim_assignment("acme", "L1", "C1", "x", 200, 260, Some("me")).await.unwrap(), Claim::Won, "the record seen before the Litmos read is reclaimed");
        assert_eq!(s.claim_assignment("acme", "L1", "C1", "y", 201, 261, Some("me")).await.unwrap(), Claim::Pending, "a pending reclaim is pending");
        assert_eq!(s.incident_records("acme", "i1").await.unwrap().len(), 1, "the old record stays as history");
    }

    #[tokio::test]
    async fn large_blobs_round_trip_in_chunks_and_replace_atomically() {
        let s = store().await;
        assert!(s.get_blob("acme", "catalog").await.unwrap().is_none());
        let big: Vec<u8> = (0..1_300_000u32).map(|i| (i % 251) as u8).collect();
        s.put_blob("acme", "catalog", &big, 100, 900).await.unwrap();
        let got = s.get_blob("acme", "catalog").await.unwrap().unwrap();
        assert_eq!((got.bytes.len(), got.fetched_at), (big.len(), 100));
        assert!(got.bytes == big);
        s.put_blob("acme", "catalog", b"[]", 200, 900).await.unwrap();
        let got = s.get_blob("acme", "catalog").await.unwrap().unwrap();
        assert_eq!((got.bytes.as_slice(), got.fetched_at), (&b"[]"[..], 200));
        assert!(s.get_blob("other", "catalog").await.unwrap().is_none());
    }

    /// A warm container that holds generation G reads only the head while G is current.
    #[tokio::test]
    async fn a_blob_is_read_again_only_when_its_generation_changed() {
        let s = store().await;
        assert!(matches!(s.get_blob_unless("acme", "catalog", "none").await.unwrap(), BlobRead::Absent));
        s.put_blob("acme", "catalog", b"[1]", 100, 900).await.unwrap();
        let first = s.get_blob("acme", "catalog").await.unwrap().unwrap();
        assert!(matches!(s.get_blob_unless("acme", "catalog", &first.generation).await.unwrap(), BlobRead::Unchanged { fetched_at: 100 }));
        s.put_blob("acme", "catalog", b"[1,2]", 200, 900).await.unwrap();
        match s.get_blob_unless("acme", "catalog", &first.generation).await.unwrap() {
            BlobRead::Changed(b) => assert_eq!((b.bytes.as_slice(), b.fetched_at), (&b"[1,2]"[..], 200)),
            other => panic!("{other:?}"),
        }
    }
}

/// Issue 8: every live key carries its tenant's current profile (what auth reads
/// instead of the tenant), whatever order profile changes, enables and rotations
/// commit in.
#[tokio::test]
async fn every_live_key_carries_the_current_profile_under_concurrency() {
    let s = std::sync::Arc::new(store().await);
    s.put_tenant_profile("acme", "Acme", &settings(), 10, 100).await.unwrap();
    let k1 = keys::hash("k1");
    s.enable("acme", &k1, &keys::hash("webhook"), 100).await.unwrap();
    let first = s.get_key(&k1).await.unwrap().unwrap().profile.expect("a new key carries the profile");
    assert_eq!((first.litmos.source.as_str(), first.version), ("sn", 1));

    let mut changes = 0;
    for round in 0..4 {
        let mut tasks = Vec::new();
        for i in 0..3 {
            let s = s.clone();
            tasks.push(tokio::spawn(async move {
                let mut changed = settings();
                changed.source = format!("sn-{round}-{i}");
                s.put_tenant_profile("acme", "Acme", &changed, 10, 200).await.map(|_| ())
            }));
        }
        for i in 0..2 {
            let s = s.clone();
            tasks.push(tokio::spawn(async move {
                // Rotations chain from whatever is current; a lost race is simply false.
                let t = s.get_tenant("acme").await.unwrap().unwrap();
                let old = t.servicenow.current_key.clone().unwrap();
                let new = keys::hash(&format!("rotated-{round}-{i}"));
                s.rotate("acme", &old, &new, &keys::hash("webhook"), 100_000, 300, &[old.clone(), new.clone()], &[]).await.map(|_| ())
            }));
        }
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        changes += 3;
    }
    let t = s.get_tenant("acme").await.unwrap().unwrap();
    assert_eq!(t.profile_version, 1 + changes, "one version per profile change");
    for h in &t.servicenow.live_keys {
        let key = s.get_key(h).await.unwrap().expect("a live key exists");
        let p = key.profile.expect("every key carries the profile");
        assert_eq!((p.litmos.clone(), p.version), (t.litmos.clone(), t.profile_version), "key {} is behind its tenant", h.key_id());
    }
}

/// Issue 19.3: the `backfill-rollups` command, run as an operator runs it (the table in
/// `TABLE_NAME`, the AWS variables), counts every tenant's older records and marks each
/// ready; a tenant that does not exist is an error naming it.
#[tokio::test]
async fn the_backfill_command_counts_every_tenant_and_names_a_missing_one() {
    use aws_sdk_dynamodb::types::AttributeValue;
    use litmos_domain::model::{Assignment, AssignmentRecord, Progress};
    use litmos_domain::ports::RollupStore;
    let s = store().await;
    for id in ["acme", "beta"] {
        assert!(s.put_tenant_profile(id, "T", &settings(), 10, 100).await.unwrap());
        // Records from before rollups, and the tenant not ready.
        let records: Vec<AssignmentRecord> = (0..3)
            .map(|i| AssignmentRecord {
                assignment: Assignment {
                    learner_id: format!("L{i}"),
                    course_id: "C1".into(),
                    course_name: "One".into(),
                    incident_sys_id: format!("i{i}"),
                    incident_number: "INC0001".into(),
                    incident_table: "incident".into(),
                    assigned_by: "a@x.io".into(),
                    assigned_at: 86_400 * 400 + i,
                },
                caller_sys_id: format!("c{i}"),
                progress: Progress::default(),
                category: None,
                next_incident_at: None,
                rolled_up: false,
            })
            .collect();
        s.import_records(id, &records).await.unwrap();
        s.client()
            .update_item()
            .table_name(s.table())
            .key("pk", AttributeValue::S(format!("TENANT#{id}")))
            .key("sk", AttributeValue::S("META".into()))
            .update_expression("REMOVE rollups_ready")
            .send()
            .await
            .unwrap();
    }
    let day = time::macros::date!(1971 - 02 - 05);
    assert!(s.rollups("acme", &["course"], day, day, &litmos_domain::rollup::read_cells(30)).await.unwrap().is_none());
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_backfill-rollups"))
            .args(args)
            .env("TABLE_NAME", s.table())
            .env("AWS_ENDPOINT_URL", testkit::moto_endpoint())
            .env("AWS_REGION", "us-east-1")
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .output()
            .unwrap()
    };
    let all = run(&[]);
    let out = String::from_utf8_lossy(&all.stdout);
    assert!(all.status.success(), "{out}{}", String::from_utf8_lossy(&all.stderr));
    assert!(out.contains("[1/2] acme: 3 records counted") && out.contains("[2/2] beta: 3 records counted"), "{out}");
    for id in ["acme", "beta"] {
        let rollups = s.rollups(id, &["course"], day, day, &litmos_domain::rollup::read_cells(30)).await.unwrap().expect("ready");
        assert_eq!(rollups.iter().map(|r| r.cells.assigned).sum::<i64>(), 3, "{id}");
    }
    let missing = run(&["nobody"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("tenant nobody: no such tenant"));
}
