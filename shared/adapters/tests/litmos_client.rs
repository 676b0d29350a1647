//! The Litmos client against the local double over real HTTP: request shape, paging,
//! 409, silent duplicates, retries on 503/504 and timeouts, HTML 500s.

use std::time::{Duration, Instant};

use litmos_adapters::LitmosClient;
use litmos_domain::litmos_url::LitmosHosts;
use litmos_domain::model::{LitmosAccount, NewUser};
use litmos_domain::ports::{Litmos, LitmosError};
use litmos_double::{Config, Fault};
use serde_json::json;

fn local_hosts() -> LitmosHosts {
    LitmosHosts::with_extra("http://127.0.0.1:*").unwrap()
}

async fn setup(config: Config) -> (LitmosClient, LitmosAccount, litmos_double::Shared) {
    let (addr, double) = litmos_double::spawn(config.clone()).await;
    let acct = LitmosAccount { base_url: format!("http://{addr}/v1.svc"), api_key: config.api_key, source: "sn-test".into() };
    (LitmosClient::new(Duration::from_millis(500), local_hosts()).with_backoff(Duration::from_millis(10)), acct, double)
}

fn fault(status: Option<u16>, count: usize, path: &str) -> Fault {
    Fault { method: None, path_contains: Some(path.into()), status, delay_ms: None, count, after_effect: false, body: None, ..Fault::default() }
}

#[tokio::test]
async fn every_call_carries_apikey_source_and_format() {
    let (client, acct, double) = setup(Config::default()).await;
    client.check_key(&acct).await.unwrap();
    client.search_users(&acct, "learner@pieshop.net").await.unwrap();
    let reqs = double.requests();
    assert_eq!(reqs.len(), 2);
    for r in reqs {
        assert_eq!(r.apikey.as_deref(), Some("demo-litmos-key"));
        assert!(r.query.contains("source=sn-test") && r.query.contains("format=json"), "{}", r.query);
    }
}

#[tokio::test]
async fn a_refused_key_is_unauthorized() {
    let (client, mut acct, _) = setup(Config::default()).await;
    acct.api_key = "wrong".into();
    assert!(matches!(client.check_key(&acct).await, Err(LitmosError::Unauthorized)));
}

#[tokio::test]
async fn create_then_create_again_is_409() {
    let (client, acct, double) = setup(Config::default()).await;
    let user = NewUser { user_name: "new.person@pieshop.net".into(), first_name: "New".into(), last_name: "Person".into(), email: "new.person@pieshop.net".into(), send_message: false };
    let created = client.create_user(&acct, &user).await.unwrap();
    assert_eq!(created.user_name, "new.person@pieshop.net");
    assert_eq!(created.access_level, "Learner");
    match client.create_user(&acct, &user).await {
        Err(LitmosError::Conflict(d)) => assert_eq!(d, "UserName already exists"),
        other => panic!("expected 409, got {other:?}"),
    }
    assert_eq!(double.users_named("new.person@pieshop.net"), 1);
    let body: serde_json::Value = serde_json::from_str(&double.requests()[0].body).unwrap();
    assert_eq!(body["AccessLevel"], "Learner");
    assert_eq!(body["SkipFirstLogin"], true);
    assert_eq!(body["DisableMessages"], true, "no Litmos e-mail unless asked");
}

#[tokio::test]
async fn courses_are_read_across_pages() {
    let (client, acct, double) = setup(Config { courses: 2_345, ..Config::default() }).await;
    let courses = client.list_courses(&acct).await.unwrap();
    assert_eq!(courses.len(), 2_345);
    let pages: Vec<_> = double.requests().into_iter().map(|r| r.query).collect();
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert!(pages[2].contains("start=2000") && pages[2].contains("limit=1000"));
}

#[tokio::test]
async fn assigning_twice_is_silently_ignored() {
    let (client, acct, double) = setup(Config::default()).await;
    let learner = double.user_by_name("learner@pieshop.net").unwrap();
    let ids: Vec<String> = double.courses().iter().take(2).map(|c| c.id.clone()).collect();
    client.assign_courses(&acct, &learner.id, &ids, false).await.unwrap();
    client.assign_courses(&acct, &learner.id, &ids, false).await.unwrap();
    let held = client.user_courses(&acct, &learner.id).await.unwrap();
    assert_eq!(held.len(), 2);
    assert!(held.iter().all(|c| !c.complete && c.assigned_at.is_some()));
    let post = double.requests().into_iter().find(|r| r.method == "POST").unwrap();
    assert!(post.query.contains("sendmessage=false"));
    assert_eq!(serde_json::from_str::<serde_json::Value>(&post.body).unwrap(), serde_json::json!([{"Id": ids[0]}, {"Id": ids[1]}]));
}

#[tokio::test]
async fn a_503_is_retried_with_backoff_then_succeeds() {
    let (client, acct, double) = setup(Config::default()).await;
    double.inject(fault(Some(503), 2, "/courses"));
    let courses = client.list_courses(&acct).await.unwrap();
    assert_eq!(courses.len(), 64);
    assert_eq!(double.requests().len(), 3);
}

#[tokio::test]
async fn retries_are_bounded() {
    let (client, acct, double) = setup(Config::default()).await;
    double.inject(fault(Some(503), 3, "/users"));
    assert!(matches!(client.check_key(&acct).await, Err(LitmosError::RateLimited)));
    assert_eq!(double.requests().len(), 3, "three attempts, then a clear error");
    double.inject(fault(Some(504), 3, "/users"));
    double.clear_requests();
    assert!(matches!(client.check_key(&acct).await, Err(LitmosError::Status(504))));
    assert_eq!(double.requests().len(), 3);
}

#[tokio::test]
async fn the_rate_limit_answers_503() {
    let (client, acct, _) = setup(Config { rate_limit_per_minute: 2, ..Config::default() }).await;
    client.check_key(&acct).await.unwrap();
    client.check_key(&acct).await.unwrap();
    assert!(matches!(client.check_key(&acct).await, Err(LitmosError::RateLimited)));
}

#[tokio::test]
async fn a_hung_litmos_times_out_per_attempt() {
    let (client, acct, double) = setup(Config::default()).await;
    double.inject(Fault { delay_ms: Some(2_000), ..fault(None, 10, "/users") });
    let started = Instant::now();
    assert!(matches!(client.check_key(&acct).await, Err(LitmosError::Unreachable(_))));
    assert!(started.elapsed() < Duration::from_millis(1_900), "{:?}", started.elapsed());
}

#[tokio::test]
async fn an_html_500_is_a_status_error_not_a_decode_panic() {
    let (client, acct, double) = setup(Config::default()).await;
    double.inject(fault(Some(500), 1, "/users"));
    assert!(matches!(client.check_key(&acct).await, Err(LitmosError::Status(500))));
}

#[tokio::test]
async fn nothing_listening_is_unreachable() {
    let client = LitmosClient::new(Duration::from_millis(300), local_hosts()).with_backoff(Duration::from_millis(5));
    let acct = LitmosAccount { base_url: format!("{}/v1.svc", testkit::closed_endpoint()), api_key: "k".into(), source: "s".into() };
    assert!(matches!(client.check_key(&acct).await, Err(LitmosError::Unreachable(_))));
}

#[tokio::test]
async fn team_leaders_and_team_courses() {
    let (client, acct, double) = setup(Config::default()).await;
    let leader = double.user_by_name("leader@pieshop.net").unwrap();
    let teams = client.user_teams(&acct, &leader.id).await.unwrap();
    assert_eq!(teams.len(), 2);
    let leads: Vec<_> = client.team_leaders(&acct, &teams[0].id).await.unwrap();
    assert!(leads.iter().any(|u| u.id == leader.id));
    assert_eq!(client.team_courses(&acct, &teams[0].id).await.unwrap().len(), 6);
}

#[tokio::test]
async fn the_double_refuses_a_missing_or_long_source_like_litmos() {
    let (client, mut acct, _) = setup(Config::default()).await;
    acct.source = String::new();
    assert!(matches!(client.check_key(&acct).await, Err(LitmosError::Status(400))));
    acct.source = "s".repeat(51);
    assert!(matches!(client.check_key(&acct).await, Err(LitmosError::Status(400))));
}

#[tokio::test]
async fn a_redirect_is_not_followed_and_the_key_goes_nowhere_else() {
    let (client, acct, double) = setup(Config::default()).await;
    // The redirect names another local server: it must never see a request.
    let (other, elsewhere) = litmos_double::spawn(Config::default()).await;
    double.inject(Fault { redirect_to: Some(format!("http://{other}/v1.svc/users")), ..fault(Some(302), 1, "/users") });
    assert!(matches!(client.check_key(&acct).await, Err(LitmosError::Redirect(302))));
    double.inject(Fault { redirect_to: Some(format!("http://{other}/v1.svc/users")), ..fault(Some(307), 1, "/users") });
    assert!(matches!(client.search_users(&acct, "admin@pieshop.net").await, Err(LitmosError::Redirect(307))));
    assert!(elsewhere.requests().is_empty(), "the redirect was followed");
    let e: litmos_domain::Error = LitmosError::Redirect(302).into();
    assert!(matches!(e, litmos_domain::Error::Upstream(_)), "a 3xx is a 502 problem");
}

#[tokio::test]
async fn a_base_url_off_the_allow_list_is_never_called() {
    let (addr, double) = litmos_double::spawn(Config::default()).await;
    let client = LitmosClient::new(Duration::from_millis(500), LitmosHosts::default());
    let acct = LitmosAccount { base_url: format!("http://{addr}/v1.svc"), api_key: "demo-litmos-key".into(), source: "s".into() };
    assert!(matches!(client.check_key(&acct).await, Err(LitmosError::NotAllowed)));
    assert!(double.requests().is_empty());
}

#[tokio::test]
async fn bodies_over_the_cap_are_refused() {
    let (client, acct, double) = setup(Config::default()).await;
    double.inject(Fault { body_bytes: Some(litmos_adapters::litmos::MAX_BODY_BYTES + 1), ..fault(None, 1, "/courses") });
    assert!(matches!(client.list_courses(&acct).await, Err(LitmosError::TooLarge(_))));
    double.inject(Fault { body_bytes: Some(1 << 20), ..fault(None, 1, "/courses") });
    assert!(client.list_courses(&acct).await.unwrap().is_empty(), "1 MiB is within the cap");
}

#[tokio::test]
async fn a_dropped_connection_is_unreachable_and_retried() {
    let (client, acct, double) = setup(Config::default()).await;
    double.inject(Fault { drop_connection: true, ..fault(None, 1, "/users") });
    client.check_key(&acct).await.expect("a dropped connection is retried");
    double.inject(Fault { drop_connection: true, ..fault(None, 5, "/users") });
    assert!(matches!(client.check_key(&acct).await, Err(LitmosError::Unreachable(_))));
}

#[tokio::test]
async fn a_fuzzy_user_search_stops_after_five_pages() {
    let (client, acct, double) = setup(Config::default()).await;
    let page: Vec<_> =
        (0..200).map(|i| json!({"Id": format!("u{i}"), "UserName": format!("near{i}@pieshop.net"), "Email": format!("near{i}@pieshop.net"), "AccessLevel": "Learner", "Active": true})).collect();
    double.inject(Fault { body: Some(json!(page)), ..fault(None, 100, "/users") });
    let hits = client.search_users(&acct, "near@pieshop.net").await.unwrap();
    assert_eq!(hits.len(), 1000);
    assert_eq!(double.requests().len(), 5);
}

#[tokio::test]
async fn a_user_search_stops_at_the_first_page_with_an_exact_match() {
    let (client, acct, double) = setup(Config::default()).await;
    let mut page: Vec<_> = (0..199).map(|i| json!({"Id": format!("u{i}"), "UserName": format!("near{i}@pieshop.net"), "AccessLevel": "Learner", "Active": true})).collect();
    page.push(json!({"Id": "hit", "UserName": "Near@Pieshop.net", "AccessLevel": "Learner", "Active": true}));
    double.inject(Fault { body: Some(json!(page)), ..fault(None, 100, "/users") });
    let hits = client.search_users(&acct, "near@pieshop.net").await.unwrap();
    assert!(hits.iter().any(|u| u.id == "hit"));
    assert_eq!(double.requests().len(), 1);
}

#[tokio::test]
async fn the_catalog_read_stops_after_fifty_pages() {
    let (client, acct, double) = setup(Config::default()).await;
    let page: Vec<_> = (0..1000).map(|i| json!({"Id": format!("c{i}"), "Name": "n", "Active": true})).collect();
    double.inject(Fault { body: Some(json!(page)), ..fault(None, 100, "/courses") });
    let courses = client.list_courses(&acct).await.unwrap();
    assert_eq!(courses.len(), 50_000);
    assert_eq!(double.requests().len(), 50);
}
