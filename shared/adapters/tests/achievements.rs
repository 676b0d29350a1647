//! Training outcomes against the Litmos double over real HTTP: `GET /achievements` by
//! user, `since`, scores and paging through the Litmos client; completions made with the
//! double's progress control; and the double's webhook sender, posting SPEC 3.4's
//! `achievement.earned` payload to a small local listener.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use litmos_adapters::LitmosClient;
use litmos_domain::litmos_url::LitmosHosts;
use litmos_domain::model::LitmosAccount;
use litmos_domain::ports::{Litmos, LitmosError};
use litmos_double::Config;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// 2019-05-06T01:12:35Z, the date of SPEC 3.4's sample.
const T1: u64 = 1_557_105_155;

struct Setup {
    client: LitmosClient,
    acct: LitmosAccount,
    double: litmos_double::Shared,
    base: String,
    http: reqwest::Client,
}

async fn setup() -> Setup {
    let config = Config::default();
    let (addr, double) = litmos_double::spawn(config.clone()).await;
    let acct = LitmosAccount { base_url: format!("http://{addr}/v1.svc"), api_key: config.api_key, source: "sn-test".into() };
    let client = LitmosClient::new(Duration::from_secs(5), LitmosHosts::with_extra("http://127.0.0.1:*").unwrap()).with_backoff(Duration::from_millis(10));
    Setup { client, acct, double, base: format!("http://{addr}"), http: reqwest::Client::new() }
}

impl Setup {
    fn user(&self, name: &str) -> String {
        self.double.user_by_name(name).expect("seeded user").id
    }

    fn course(&self, i: usize) -> litmos_double::Course {
        self.double.courses()[i].clone()
    }

    async fn assign(&self, user: &str, courses: &[&str]) {
        let ids: Vec<String> = courses.iter().map(|c| c.to_string()).collect();
        self.client.assign_courses(&self.acct, user, &ids, false).await.unwrap();
    }

    async fn control(&self, path: &str, body: Value) -> (u16, Value) {
        let resp = self.http.post(format!("{}{path}", self.base)).json(&body).send().await.unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    /// `GET /achievements` raw, to see Litmos' own shape.
    async fn raw_achievements(&self, query: &str) -> Value {
        let url = format!("{}/v1.svc/achievements?source=raw&format=json{query}", self.base);
        let resp = self.http.get(url).header("apikey", "demo-litmos-key").send().await.unwrap();
        assert_eq!(resp.status().as_u16(), 200);
        resp.json().await.unwrap()
    }
}

#[tokio::test]
async fn completions_become_achievements_with_their_scores() {
    let s = setup().await;
    let learner = s.user("learner@pieshop.net");
    let (c0, c1, c2) = (s.course(0), s.course(1), s.course(2));
    s.assign(&learner, &[&c0.id, &c1.id, &c2.id]).await;

    // Over HTTP: a fractional score and a completion date in the past (RFC 3339).
    let (status, _) = s.control("/_double/progress", json!({"user_id": learner, "course_id": c0.id, "percentage": 40})).await;
    assert_eq!(status, 204);
    assert!(s.double.achievements().is_empty(), "40 % is no completion");
    let (status, _) = s.control("/_double/progress", json!({"user_id": learner, "course_id": c0.id, "percentage": 100, "score": 87.5, "completed_at": "2019-05-06T01:12:35Z"})).await;
    assert_eq!(status, 204);
    // Unix seconds work too; no score is null.
    let (status, _) = s.control("/_double/progress", json!({"user_id": learner, "course_id": c1.id, "percentage": 100, "completed_at": T1 + 3600})).await;
    assert_eq!(status, 204);
    // 100 % again changes nothing.
    let (status, _) = s.control("/_double/progress", json!({"user_id": learner, "course_id": c1.id, "percentage": 100, "score": 10})).await;
    assert_eq!(status, 204);
    // In process, completed now, a whole score.
    let id = s.double.set_progress(&learner, &c2.id, 100, Some(90.0)).unwrap().expect("a new achievement");
    assert_eq!(s.double.achievements().len(), 3);
    let (status, _) = s.control("/_double/progress", json!({"user_id": learner, "course_id": c0.id, "percentage": 100, "completed_at": "last week"})).await;
    assert_eq!(status, 400);
    let (status, _) = s.control("/_double/progress", json!({"user_id": learner, "course_id": s.course(3).id, "percentage": 100})).await;
    assert_eq!(status, 404, "not enrolled");

    let got = s.client.achievements(&s.acct, Some(&learner), None, 5).await.unwrap();
    let seen: Vec<(&str, Option<i64>, Option<f64>)> = got.iter().map(|a| (a.course_id.as_str(), a.achieved_at, a.score)).collect();
    assert_eq!(seen[..2], [(c0.id.as_str(), Some(T1 as i64), Some(87.5)), (c1.id.as_str(), Some(T1 as i64 + 3600), None)], "by date");
    assert_eq!((seen[2].0, seen[2].2), (c2.id.as_str(), Some(90.0)));
    assert!(got.iter().all(|a| a.user_id == learner && a.result == "Completed"));
    assert_eq!(got[2].achievement_id, id.to_string());

    // The enrolment agrees: complete, dated as the achievement.
    let courses = s.client.user_courses(&s.acct, &learner).await.unwrap();
    let first = courses.iter().find(|c| c.id == c0.id).unwrap();
    assert!(first.complete);
    assert_eq!(first.completed_at, Some(T1 as i64));

    // Litmos' own shape, field by field.
    let raw = s.raw_achievements(&format!("&userid={learner}")).await;
    let a = &raw[0];
    let mut keys: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["AchievementDate", "AchievementId", "CertificateId", "CompliantTillDate", "CourseId", "Description", "FirstName", "LastName", "Result", "Score", "Title", "Type", "UserId"]);
    assert_eq!(a["AchievementDate"], "2019-05-06T01:12:35");
    assert_eq!(a["Title"], c0.name.as_str());
    assert_eq!((a["FirstName"].as_str(), a["LastName"].as_str()), (Some("Liam"), Some("Learner")));
    assert_eq!((&a["Score"], &a["Result"], &a["Type"]), (&json!(87.5), &json!("Completed"), &json!("Course Completed")));
    assert!(a["AchievementId"].is_u64() && a["CertificateId"].is_null() && a["CompliantTillDate"].is_null());
    assert!(raw[1]["Score"].is_null());
    assert_eq!(raw[2]["Score"], json!(90), "a whole score is written as Litmos does, 90");
}

#[tokio::test]
async fn by_user_and_since() {
    let s = setup().await;
    let (learner, charlie) = (s.user("learner@pieshop.net"), s.user("charlie.smith@pieshop.net"));
    let (c0, c1) = (s.course(0).id, s.course(1).id);
    s.double.add_achievement(&learner, &c0, T1, Some(75.0));
    s.double.add_achievement(&charlie, &c0, T1 + 10, None);
    s.double.add_achievement(&learner, &c1, T1 + 20, Some(99.5));
    s.double.add_achievement(&charlie, &c1, T1 - 10, None);

    let mine = s.client.achievements(&s.acct, Some(&learner), None, 5).await.unwrap();
    assert_eq!(mine.iter().map(|a| a.course_id.as_str()).collect::<Vec<_>>(), [c0.as_str(), c1.as_str()]);
    let everyone = s.client.achievements(&s.acct, None, None, 5).await.unwrap();
    assert_eq!(everyone.iter().map(|a| a.achieved_at.unwrap() - T1 as i64).collect::<Vec<_>>(), [-10, 0, 10, 20], "sorted by date");

    // `since` is inclusive, to the second.
    s.double.clear_requests();
    let since = s.client.achievements(&s.acct, None, Some(T1 as i64), 5).await.unwrap();
    assert_eq!(since.len(), 3);
    let later = s.client.achievements(&s.acct, None, Some(T1 as i64 + 1), 5).await.unwrap();
    assert_eq!(later.iter().map(|a| (a.user_id.as_str(), a.score)).collect::<Vec<_>>(), [(charlie.as_str(), None), (learner.as_str(), Some(99.5))]);
    let both = s.client.achievements(&s.acct, Some(&learner), Some(T1 as i64 + 1), 5).await.unwrap();
    assert_eq!(both.len(), 1);
    assert_eq!(both[0].course_id, c1);
    assert!(s.client.achievements(&s.acct, Some(&learner), Some(T1 as i64 + 21), 5).await.unwrap().is_empty());
    assert!(s.client.achievements(&s.acct, Some("U-nobody"), None, 5).await.unwrap().is_empty());

    let reqs = s.double.requests();
    assert!(reqs.iter().all(|r| r.path == "/v1.svc/achievements" && r.apikey.as_deref() == Some("demo-litmos-key")));
    assert!(reqs[1].query.contains("since=2019-05-06T01%3A12%3A36"), "{}", reqs[1].query);
    assert!(reqs[2].query.contains(&format!("userid={learner}")), "{}", reqs[2].query);

    // Behind the same gate as the rest of the API.
    let wrong = LitmosAccount { api_key: "wrong".into(), ..s.acct.clone() };
    assert!(matches!(s.client.achievements(&wrong, None, None, 1).await, Err(LitmosError::Unauthorized)));
    let resp = s.http.get(format!("{}/v1.svc/achievements?source=x&since=yesterday", s.base)).header("apikey", "demo-litmos-key").send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 400);
}

#[tokio::test]
async fn more_than_a_page_takes_two_and_a_budget_of_one_stops_at_the_first() {
    let s = setup().await;
    let learner = s.user("learner@pieshop.net");
    let courses = s.double.courses();
    for i in 0..1_001u64 {
        s.double.add_achievement(&learner, &courses[(i % 60) as usize].id, T1 + i, (i % 2 == 0).then_some(50.0));
    }
    s.double.clear_requests();
    let all = s.client.achievements(&s.acct, None, None, 5).await.unwrap();
    assert_eq!(all.len(), 1_001);
    assert_eq!(all.last().unwrap().achieved_at, Some(T1 as i64 + 1_000));
    let ids: std::collections::HashSet<_> = all.iter().map(|a| a.achievement_id.clone()).collect();
    assert_eq!(ids.len(), 1_001, "each once across pages");
    let reqs = s.double.requests();
    assert_eq!(reqs.len(), 2);
    assert!(reqs[0].query.contains("start=0") && reqs[1].query.contains("start=1000"), "{reqs:?}");

    s.double.clear_requests();
    let cut = s.client.achievements(&s.acct, None, None, 1).await.unwrap();
    assert_eq!(cut.len(), 1_000);
    assert_eq!(s.double.requests().len(), 1);
}

/// A one-route HTTP server on 127.0.0.1 that records each request's head and body
/// and answers `status` with a small JSON body.
async fn receiver(status: u16) -> (String, Arc<Mutex<Vec<(String, Vec<u8>)>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else { return };
            let log = log.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                let head_end = loop {
                    let n = sock.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        break i + 4;
                    }
                };
                let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
                let length: usize = head.lines().find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0))).unwrap_or(0);
                while buf.len() < head_end + length {
                    let n = sock.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 {
                        break;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                }
                log.lock().unwrap().push((head, buf[head_end..].to_vec()));
                let body = r#"{"received":true}"#;
                let reply = format!("HTTP/1.1 {status} Whatever\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len());
                let _ = sock.write_all(reply.as_bytes()).await;
                let _ = sock.shutdown().await;
            });
        }
    });
    (format!("http://127.0.0.1:{}", addr.port()), seen)
}

#[tokio::test]
async fn the_webhook_sender_posts_litmos_payload_to_a_local_url() {
    let s = setup().await;
    let learner = s.user("learner@pieshop.net");
    let course = s.course(5);
    s.assign(&learner, &[&course.id]).await;
    let achievement = s.double.complete_at(&learner, &course.id, T1, Some(92.0)).unwrap().unwrap();
    let (url, seen) = receiver(202).await;
    let hook = format!("{url}/v1/litmos/webhooks/acme/tok_en-123");

    let (status, answer) = s.control("/_double/webhooks/send", json!({"url": hook, "user_id": learner, "course_id": course.id})).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer, json!({"status": 202, "body": "{\"received\":true}"}));

    let (head, body) = seen.lock().unwrap()[0].clone();
    assert!(head.starts_with("POST /v1/litmos/webhooks/acme/tok_en-123 HTTP/1.1\r\n"), "{head}");
    assert!(head.to_ascii_lowercase().contains("content-type: application/json"), "{head}");
    let p: Value = serde_json::from_slice(&body).unwrap();
    let mut top: Vec<&str> = p.as_object().unwrap().keys().map(String::as_str).collect();
    top.sort_unstable();
    assert_eq!(top, ["created", "data", "id", "object", "type"]);
    assert!(p["id"].is_u64());
    assert_eq!((&p["type"], &p["object"]), (&json!("achievement.earned"), &json!("event")));
    let created = p["created"].as_str().unwrap();
    assert_eq!((created.len(), &created[19..20], created.ends_with('Z')), (23, ".", false), "UTC without a zone, with milliseconds: {created}");
    assert!(litmos_domain::time::parse_litmos_date(created).is_some());
    assert_eq!(
        p["data"],
        json!({"userId": learner, "userName": "learner@pieshop.net", "courseId": course.id, "title": course.name, "code": course.code,
               "achievementDate": "2019-05-06T01:12:35.000", "compliantTilldate": null, "result": "Completed", "type": "Course Completed",
               "firstName": "Liam", "lastName": "Learner", "achievementId": achievement, "certificateId": null})
    );
    assert_eq!(litmos_domain::time::parse_litmos_date(p["data"]["achievementDate"].as_str().unwrap()), Some(T1 as i64));

    // An explicit achievement id and event type; a fresh id when there is no achievement;
    // a raw payload for malformed-webhook tests.
    let (_, answer) = s.control("/_double/webhooks/send", json!({"url": hook, "user_id": learner, "course_id": course.id, "achievement_id": 7, "type": "user.created"})).await;
    assert_eq!(answer["status"], 202);
    let other = s.course(6).id;
    s.control("/_double/webhooks/send", json!({"url": hook, "user_id": "U-unknown", "course_id": other})).await;
    s.control("/_double/webhooks/send", json!({"url": hook, "payload": {"hello": "world"}})).await;
    let bodies: Vec<Value> = seen.lock().unwrap().iter().map(|(_, b)| serde_json::from_slice(b).unwrap()).collect();
    assert_eq!(bodies.len(), 4);
    assert_eq!((&bodies[1]["type"], &bodies[1]["data"]["achievementId"]), (&json!("user.created"), &json!(7)));
    assert_eq!(bodies[1]["data"]["type"], "Course Completed");
    let fresh = bodies[2]["data"]["achievementId"].as_u64().unwrap();
    assert!(fresh > achievement);
    assert_eq!((&bodies[2]["data"]["userId"], &bodies[2]["data"]["userName"]), (&json!("U-unknown"), &json!("")));
    assert!(bodies[2]["id"].as_u64() > bodies[0]["id"].as_u64(), "event ids increase");
    assert_eq!(bodies[3], json!({"hello": "world"}));
    assert_eq!(s.double.achievements().len(), 1, "sending records no achievement");
}

#[tokio::test]
async fn the_webhook_sender_only_talks_to_this_machine() {
    let s = setup().await;
    let learner = s.user("learner@pieshop.net");
    let course = s.course(0).id;
    for url in ["http://example.com/hook", "https://api.litmos.com/v1.svc", "http://169.254.169.254/latest", "http://localhost@10.0.0.1/", "http://10.0.0.1/", "file:///etc/passwd", "nonsense"] {
        let (status, _) = s.control("/_double/webhooks/send", json!({"url": url, "user_id": learner, "course_id": course})).await;
        assert_eq!(status, 400, "{url}");
    }
    let (status, _) = s.control("/_double/webhooks/send", json!({"url": "http://127.0.0.1:9/hook"})).await;
    assert_eq!(status, 400, "user_id and course_id are required without a payload");
    // A closed local port: 502, not a hang.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let (status, _) = s.control("/_double/webhooks/send", json!({"url": format!("http://127.0.0.1:{port}/hook"), "user_id": learner, "course_id": course})).await;
    assert_eq!(status, 502);
    // The receiver's own status and body come back as they are.
    let (url, _) = receiver(401).await;
    let (status, answer) = s.control("/_double/webhooks/send", json!({"url": format!("{url}/x"), "user_id": learner, "course_id": course})).await;
    assert_eq!((status, &answer["status"]), (200, &json!(401)));
}
