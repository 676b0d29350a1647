//! A faithful local stand-in for the parts of Litmos REST API v1 this product uses
//! (SPEC section 2): same paths, `apikey` header and `source` query checks, PascalCase
//! JSON, 409 on a taken `UserName`, silent duplicate assignment, and 503 once over its
//! rate limit. A control API under `/_double` injects faults, moves a learner's
//! progress and counts requests, for tests.
//!
//! Training outcomes (SPEC 3.4): `GET /v1.svc/achievements?userid=&since=&limit=&start=`
//! lists completions in Litmos' shape; completing a course through `/_double/progress`
//! (or [`Double::set_progress`]) records one; `POST /_double/webhooks/send` makes the
//! double POST an `achievement.earned` webhook to a loopback URL, as Litmos would.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Clone, Debug)]
pub struct Config {
    pub api_key: String,
    /// Requests a minute before it answers 503; 0 for no limit.
    pub rate_limit_per_minute: usize,
    /// How many demo courses to seed (at least 60 for the demo).
    pub courses: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config { api_key: "demo-litmos-key".into(), rate_limit_per_minute: 0, courses: 64 }
    }
}

#[derive(Clone, Debug)]
pub struct User {
    pub id: String,
    pub user_name: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub access_level: String,
}

#[derive(Clone, Debug)]
pub struct Course {
    pub id: String,
    pub code: String,
    pub name: String,
    pub description: String,
    pub active: bool,
}

#[derive(Clone, Debug)]
pub struct Team {
    pub id: String,
    pub name: String,
    pub leaders: Vec<String>,
    pub members: Vec<String>,
    pub courses: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Enrolment {
    pub course_id: String,
    pub assigned_at: u64,
    pub percentage: u8,
    pub completed_at: Option<u64>,
}

/// One injected fault: the next `count` matching requests get `status` (or wait
/// `delay_ms` first and then answer normally).
#[derive(Clone, Debug, Deserialize)]
#[serde(default)]
pub struct Fault {
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub path_contains: Option<String>,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub delay_ms: Option<u64>,
    #[serde(default = "one")]
    pub count: usize,
    /// Apply the change first, then answer with `status` (a write Litmos accepted but
    /// whose answer was lost).
    #[serde(default)]
    pub after_effect: bool,
    /// A JSON body to answer with instead of the real one (with `status`, default 200).
    #[serde(default)]
    pub body: Option<Value>,
    /// Answer `status` (default 302) with this `Location`, as a hostile or misconfigured
    /// server might.
    pub redirect_to: Option<String>,
    /// Promise a body, send two bytes of it and close the connection.
    pub drop_connection: bool,
    /// Answer 200 with a JSON array padded to this many bytes.
    pub body_bytes: Option<usize>,
}

impl Default for Fault {
    fn default() -> Self {
        Fault { method: None, path_contains: None, status: None, delay_ms: None, count: 1, after_effect: false, body: None, redirect_to: None, drop_connection: false, body_bytes: None }
    }
}

fn one() -> usize {
    1
}

/// A request as the double saw it: method, path and query, `apikey` header, body.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: String,
    pub apikey: Option<String>,
    pub body: String,
}

#[derive(Default)]
pub struct Data {
    pub users: Vec<User>,
    pub courses: Vec<Course>,
    pub teams: Vec<Team>,
    pub enrolments: HashMap<String, Vec<Enrolment>>,
    /// Completions, in the order they were recorded.
    pub achievements: Vec<Achievement>,
    pub faults: Vec<Fault>,
    /// Every request that reached the API, in order.
    pub requests: Vec<Recorded>,
    window: VecDeque<Instant>,
    next_id: u64,
    next_achievement: u64,
    next_event: u64,
    /// LoginKeys handed out, so each one differs.
    login_keys: u64,
}

/// One completion, as `GET /achievements` lists it (joined with its user and course).
#[derive(Clone, Debug, PartialEq)]
pub struct Achievement {
    pub id: u64,
    pub user_id: String,
    pub course_id: String,
    /// Seconds since the epoch (UTC).
    pub achieved_at: u64,
    pub score: Option<f64>,
}

/// Litmos numbers the achievements of an account from some large value.
const FIRST_ACHIEVEMENT_ID: u64 = 368_800;
/// And its webhook events, too.
const FIRST_EVENT_ID: u64 = 4_513;
/// The webhook sender's whole-call timeout.
const WEBHOOK_TIMEOUT: Duration = Duration::from_secs(15);

pub struct Double {
    pub config: Config,
    pub data: Mutex<Data>,
}

pub type Shared = Arc<Double>;

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

fn now_millis() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

/// `(year, month, day, seconds into the day)` of a UTC time.
fn civil(secs: u64) -> (i64, i64, i64, u64) {
    // Civil-from-days (Howard Hinnant), enough for an ISO 8601 UTC timestamp.
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, rem)
}

/// `2016-12-20T15:24:16`: UTC without a zone, as Litmos writes `AchievementDate`.
fn litmos_date(secs: u64) -> String {
    let (y, m, d, rem) = civil(secs);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}", rem / 3600, (rem % 3600) / 60, rem % 60)
}

/// `2019-05-06T01:13:19.533`: UTC without a zone, with milliseconds, as Litmos writes
/// the dates of a webhook.
fn litmos_date_millis(millis: u64) -> String {
    format!("{}.{:03}", litmos_date(millis / 1000), millis % 1000)
}

fn iso(secs: u64) -> String {
    format!("{}Z", litmos_date(secs))
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Reads `YYYY-MM-DDTHH:MM:SS`, with optional fractional seconds (dropped) and an
/// optional zone (`Z` or `+HH:MM`/`-HH:MM`; none means UTC, as in Litmos' dates).
/// RFC 3339 times therefore parse too. `None` for anything else or before 1970.
fn parse_date(raw: &str) -> Option<u64> {
    let s = raw.trim();
    let b = s.as_bytes();
    if !s.is_ascii() || b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> { s[r.clone()].bytes().all(|c| c.is_ascii_digit()).then(|| s[r].parse().ok()).flatten() };
    let (y, mo, d, h, mi, se) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 59 {
        return None;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        rest = &frac[n..];
    }
    let offset = match rest {
        "" | "Z" | "z" => 0,
        zone => {
            let zb = zone.as_bytes();
            if zb.len() != 6 || !matches!(zb[0], b'+' | b'-') || zb[3] != b':' || !zone[1..3].bytes().chain(zone[4..].bytes()).all(|c| c.is_ascii_digit()) {
                return None;
            }
            let (oh, om): (i64, i64) = (zone[1..3].parse().ok()?, zone[4..].parse().ok()?);
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 3600 + om * 60;
            if zb[0] == b'-' { -o } else { o }
        }
    };
    let secs = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se - offset;
    u64::try_from(secs).ok()
}

/// A score as Litmos writes it: `90` for a whole number, `87.5` otherwise.
fn score_json(score: Option<f64>) -> Value {
    match score {
        Some(s) if s.fract() == 0.0 && s.abs() < 1e15 => json!(s as i64),
        Some(s) => json!(s),
        None => Value::Null,
    }
}

const TOPICS: [&str; 16] = [
    "Password Reset",
    "Two-Factor Authentication",
    "Mobile App",
    "Reporting",
    "Billing",
    "Single Sign-On",
    "Data Export",
    "Notifications",
    "User Management",
    "Integrations",
    "Security Basics",
    "Dashboards",
    "Workflows",
    "Privacy",
    "Troubleshooting",
    "Getting Started",
];
const LEVELS: [&str; 4] = ["Essentials", "In Practice", "Advanced", "Refresher"];

impl Data {
    fn seeded(courses: usize) -> Self {
        let mut d = Data::default();
        let people = [
            ("owner@pieshop.net", "Olivia", "Owner", "Account_Owner"),
            ("admin@pieshop.net", "Adam", "Admin", "Administrator"),
            ("leader@pieshop.net", "Lena", "Leader", "Team_Leader"),
            ("learner@pieshop.net", "Liam", "Learner", "Learner"),
            ("charlie.smith@pieshop.net", "Charlie", "Smith", "Learner"),
        ];
        for (email, first, last, level) in people {
            let id = d.new_id("U");
            d.users.push(User { id, user_name: email.into(), first_name: first.into(), last_name: last.into(), email: email.into(), access_level: level.into() });
        }
        d.add_courses(courses.max(1));
        let leader = d.users[2].id.clone();
        let learner = d.users[3].id.clone();
        let owner = d.users[0].id.clone();
        let course = |i: usize| d.courses[i % d.courses.len()].id.clone();
        let tier1 =
            Team { id: "TeamTier1x01".into(), name: "Support Tier 1".into(), leaders: vec![leader.clone()], members: vec![leader.clone(), learner.clone()], courses: (0..6).map(course).collect() };
        let onboarding = Team { id: "TeamOnbrd01".into(), name: "Onboarding".into(), leaders: vec![owner], members: vec![leader], courses: (10..14).map(course).collect() };
        d.teams = vec![tier1, onboarding];
        d
    }

    fn new_id(&mut self, kind: &str) -> String {
        self.next_id += 1;
        format!("{kind}{:09}x1", self.next_id)
    }

    pub fn add_courses(&mut self, count: usize) {
        let start = self.courses.len();
        for i in start..start + count {
            let topic = TOPICS[i % TOPICS.len()];
            let level = LEVELS[(i / TOPICS.len()) % LEVELS.len()];
            let round = i / (TOPICS.len() * LEVELS.len());
            let name = if round == 0 { format!("{topic}: {level}") } else { format!("{topic}: {level} ({})", round + 1) };
            let id = self.new_id("C");
            self.courses.push(Course {
                id,
                code: format!("SUP{:04}", i + 1),
                name,
                description: format!("How to handle {} questions, {} level.", topic.to_lowercase(), level.to_lowercase()),
                // Every 17th course is retired, so "active only" has something to filter.
                active: i % 17 != 16,
            });
        }
    }

    fn user_json(u: &User) -> Value {
        json!({"Id": u.id, "UserName": u.user_name, "FirstName": u.first_name, "LastName": u.last_name,
               "FullName": format!("{} {}", u.first_name, u.last_name), "Email": u.email, "AccessLevel": u.access_level,
               "DisableMessages": true, "Active": true, "SkipFirstLogin": true, "TimeZone": "UTC"})
    }

    fn user_brief(u: &User) -> Value {
        json!({"Id": u.id, "UserName": u.user_name, "FirstName": u.first_name, "LastName": u.last_name,
               "Active": true, "Email": u.email, "AccessLevel": u.access_level})
    }

    /// Records a completion; returns its new `AchievementId`.
    fn record_achievement(&mut self, user_id: &str, course_id: &str, achieved_at: u64, score: Option<f64>) -> u64 {
        self.next_achievement += 1;
        let id = FIRST_ACHIEVEMENT_ID + self.next_achievement;
        self.achievements.push(Achievement { id, user_id: user_id.into(), course_id: course_id.into(), achieved_at, score });
        id
    }

    /// Moves a learner's course to `percentage`. Reaching 100 % from below completes it
    /// (at `completed_at`, default now) and records an achievement with `score`, whose
    /// id is returned; 100 % again changes nothing; below 100 % makes it incomplete
    /// again (the achievements stay, as in Litmos). `Err` when the learner does not
    /// hold the course.
    fn progress(&mut self, user_id: &str, course_id: &str, percentage: u8, score: Option<f64>, completed_at: Option<u64>) -> Result<Option<u64>, String> {
        let Some(e) = self.enrolments.get_mut(user_id).and_then(|es| es.iter_mut().find(|e| e.course_id == course_id)) else {
            return Err("Enrolment not found".into());
        };
        e.percentage = percentage.min(100);
        if e.percentage < 100 {
            e.completed_at = None;
            return Ok(None);
        }
        if e.completed_at.is_some() {
            return Ok(None);
        }
        let at = completed_at.unwrap_or_else(now_secs);
        e.completed_at = Some(at);
        Ok(Some(self.record_achievement(user_id, course_id, at, score)))
    }

    /// `achievements` sorted as the API lists them: by date, then id.
    fn sorted_achievements(&self) -> Vec<Achievement> {
        let mut all = self.achievements.clone();
        all.sort_by_key(|a| (a.achieved_at, a.id));
        all
    }

    fn achievement_json(&self, a: &Achievement) -> Value {
        let user = self.users.iter().find(|u| u.id == a.user_id);
        let course = self.courses.iter().find(|c| c.id == a.course_id);
        json!({"UserId": a.user_id, "Title": course.map(|c| c.name.as_str()).unwrap_or(""),
               "Description": course.map(|c| c.description.as_str()).unwrap_or(""),
               "AchievementDate": litmos_date(a.achieved_at), "CourseId": a.course_id, "CompliantTillDate": null,
               "Score": score_json(a.score), "Result": "Completed", "Type": "Course Completed",
               "FirstName": user.map(|u| u.first_name.as_str()).unwrap_or(""), "LastName": user.map(|u| u.last_name.as_str()).unwrap_or(""),
               "AchievementId": a.id, "CertificateId": null})
    }

    fn course_json(c: &Course) -> Value {
        json!({"Id": c.id, "Code": c.code, "Name": c.name, "Active": c.active, "ForSale": false, "OriginalId": 590_874,
               "Description": c.description, "EcommerceShortDescription": "", "EcommerceLongDescription": "",
               "CourseCodeForBulkImport": format!("590874-{}", c.code), "Price": 0.0, "AccessTillDate": null, "AccessTillDays": null})
    }
}

pub fn new_state(config: Config) -> Shared {
    let data = Data::seeded(config.courses);
    Arc::new(Double { config, data: Mutex::new(data) })
}

pub fn router(state: Shared) -> Router {
    let api = Router::new()
        .route("/users", get(search_users).post(create_user))
        .route("/users/{id}", get(get_user))
        .route("/users/{id}/courses", get(user_courses).post(assign_courses))
        .route("/users/{id}/teams", get(user_teams))
        .route("/courses", get(list_courses))
        .route("/teams/{id}/leaders", get(team_leaders))
        .route("/teams/{id}/courses", get(team_courses))
        .route("/achievements", get(list_achievements))
        .layer(middleware::from_fn_with_state(state.clone(), gate));
    Router::new()
        .nest("/v1.svc", api)
        .route("/_double/faults", post(add_fault))
        .route("/_double/requests", get(requests).delete(clear_requests))
        .route("/_double/progress", post(set_progress))
        .route("/_double/courses", post(add_courses))
        .route("/_double/webhooks/send", post(send_webhook))
        .route("/_double/health", get(|| async { "ok" }))
        .with_state(state)
}

pub async fn serve(listener: tokio::net::TcpListener, config: Config) {
    axum::serve(listener, router(new_state(config))).await.expect("double server");
}

/// Starts the double on a free loopback port; for tests.
pub async fn spawn(config: Config) -> (SocketAddr, Shared) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let state = new_state(config);
    let app = router(state.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.expect("double server") });
    (addr, state)
}

fn message(status: StatusCode, msg: &str) -> Response {
    (status, Json(json!({"Message": msg}))).into_response()
}

/// What real Litmos checks before anything else: the `apikey` header, the `source`
/// query parameter, its rate limit; then any fault a test injected.
async fn gate(State(st): State<Shared>, headers: HeaderMap, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    // Nested under /v1.svc: record the path as the client sent it.
    let uri = req.extensions().get::<axum::extract::OriginalUri>().map(|o| o.0.clone()).unwrap_or_else(|| req.uri().clone());
    let path = uri.path().to_string();
    let query = uri.query().unwrap_or("").to_string();
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else { return message(StatusCode::PAYLOAD_TOO_LARGE, "Body too large") };
    let req = Request::from_parts(parts, axum::body::Body::from(bytes.clone()));
    let source = query.split('&').find_map(|kv| kv.strip_prefix("source=")).unwrap_or("");
    let apikey = headers.get("apikey").and_then(|v| v.to_str().ok()).map(str::to_string);
    let fault = {
        let mut d = st.data.lock().unwrap();
        d.requests.push(Recorded { method: method.to_string(), path: path.clone(), query: query.clone(), apikey: apikey.clone(), body: String::from_utf8_lossy(&bytes).into_owned() });
        if apikey.as_deref() != Some(st.config.api_key.as_str()) {
            return message(StatusCode::UNAUTHORIZED, "Authorization has been denied for this request.");
        }
        if source.is_empty() || source.len() > 50 {
            return message(StatusCode::BAD_REQUEST, "The source parameter is required and must be at most 50 characters.");
        }
        if st.config.rate_limit_per_minute > 0 {
            let now = Instant::now();
            while d.window.front().is_some_and(|t| now.duration_since(*t) > Duration::from_secs(60)) {
                d.window.pop_front();
            }
            if d.window.len() >= st.config.rate_limit_per_minute {
                return (StatusCode::SERVICE_UNAVAILABLE, "<html><body>Service Unavailable</body></html>").into_response();
            }
            d.window.push_back(now);
        }
        let hit = d.faults.iter().position(|f| f.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method.as_str())) && f.path_contains.as_deref().is_none_or(|p| path.contains(p)));
        hit.map(|i| {
            let f = d.faults[i].clone();
            d.faults[i].count -= 1;
            if d.faults[i].count == 0 {
                d.faults.remove(i);
            }
            f
        })
    };
    let Some(fault) = fault else { return next.run(req).await };
    if let Some(ms) = fault.delay_ms {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    if let Some(location) = fault.redirect_to {
        let status = StatusCode::from_u16(fault.status.unwrap_or(302)).unwrap_or(StatusCode::FOUND);
        return (status, [("location", location)]).into_response();
    }
    if fault.drop_connection {
        // A body shorter than its Content-Length: the server aborts the connection.
        return Response::builder().status(StatusCode::OK).header("content-type", "application/json").header("content-length", "4096").body(axum::body::Body::from("[{")).unwrap();
    }
    if let Some(n) = fault.body_bytes {
        let mut padded = String::with_capacity(n);
        padded.push('[');
        padded.push_str(&" ".repeat(n.saturating_sub(2)));
        padded.push(']');
        return (StatusCode::OK, [("content-type", "application/json")], padded).into_response();
    }
    if let Some(body) = fault.body {
        let status = StatusCode::from_u16(fault.status.unwrap_or(200)).unwrap_or(StatusCode::OK);
        return (status, Json(body)).into_response();
    }
    match fault.status {
        Some(s) if fault.after_effect => {
            let _ = next.run(req).await;
            fault_response(s)
        }
        Some(s) => fault_response(s),
        None => next.run(req).await,
    }
}

fn fault_response(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    // Litmos' 5xx pages are HTML, not JSON.
    (status, [("content-type", "text/html")], "<html><body><h1>Server Error</h1></body></html>").into_response()
}

#[derive(Deserialize)]
struct Page {
    search: Option<String>,
    limit: Option<usize>,
    start: Option<usize>,
}

fn page<T: Clone>(items: &[T], p: &Page) -> Vec<T> {
    let start = p.start.unwrap_or(0).min(items.len());
    let limit = p.limit.unwrap_or(1000).clamp(1, 1000);
    items[start..(start + limit).min(items.len())].to_vec()
}

async fn search_users(State(st): State<Shared>, Query(p): Query<Page>) -> Response {
    let d = st.data.lock().unwrap();
    let needle = p.search.clone().unwrap_or_default().to_lowercase();
    // Fuzzy, like Litmos: any of the words in any of the name fields.
    let hits: Vec<Value> = d
        .users
        .iter()
        .filter(|u| {
            needle.is_empty()
                || [&u.user_name, &u.email, &u.first_name, &u.last_name].iter().any(|f| {
                    let f = f.to_lowercase();
                    f.contains(&needle) || needle.split(['@', '.', ' ']).any(|w| w.len() > 2 && f.contains(w))
                })
        })
        .map(Data::user_brief)
        .collect();
    Json(page(&hits, &p)).into_response()
}

/// One user, with a `LoginKey` as Litmos gives it (`<site>//login.aspx?loginkey=<guid>`,
/// recorded in the fixtures): a new one at every read, as Litmos changes it at each use.
async fn get_user(State(st): State<Shared>, headers: axum::http::HeaderMap, Path(id): Path<String>) -> Response {
    let mut d = st.data.lock().unwrap();
    d.login_keys += 1;
    let issued = d.login_keys;
    match d.users.iter().find(|u| u.id == id) {
        Some(u) => {
            let mut body = Data::user_json(u);
            let host = headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
            body["LoginKey"] = format!("http://{host}//login.aspx?loginkey=00000000-0000-4000-8000-{issued:012x}").into();
            Json(body).into_response()
        }
        None => message(StatusCode::NOT_FOUND, "User not found"),
    }
}

async fn create_user(State(st): State<Shared>, Json(body): Json<Value>) -> Response {
    let text = |k: &str| body.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let user_name = text("UserName");
    if user_name.is_empty() {
        return message(StatusCode::BAD_REQUEST, "UserName is required");
    }
    let mut d = st.data.lock().unwrap();
    if d.users.iter().any(|u| u.user_name.eq_ignore_ascii_case(&user_name)) {
        return (StatusCode::CONFLICT, Json(json!({"Detail": "UserName already exists"}))).into_response();
    }
    let id = d.new_id("U");
    let level = Some(text("AccessLevel")).filter(|l| !l.is_empty()).unwrap_or_else(|| "Learner".into());
    let user = User { id, user_name, first_name: text("FirstName"), last_name: text("LastName"), email: text("Email"), access_level: level };
    d.users.push(user.clone());
    (StatusCode::CREATED, Json(Data::user_json(&user))).into_response()
}

async fn list_courses(State(st): State<Shared>, Query(p): Query<Page>) -> Response {
    let d = st.data.lock().unwrap();
    let all: Vec<Value> = d.courses.iter().map(Data::course_json).collect();
    Json(page(&all, &p)).into_response()
}

async fn user_courses(State(st): State<Shared>, Path(id): Path<String>) -> Response {
    let d = st.data.lock().unwrap();
    if !d.users.iter().any(|u| u.id == id) {
        return message(StatusCode::NOT_FOUND, "User not found");
    }
    let list: Vec<Value> = d
        .enrolments
        .get(&id)
        .map(|es| {
            es.iter()
                .filter_map(|e| {
                    let c = d.courses.iter().find(|c| c.id == e.course_id)?;
                    Some(json!({"Id": c.id, "Code": c.code, "Name": c.name, "Active": c.active,
                        "Complete": e.completed_at.is_some(), "PercentageComplete": e.percentage,
                        "AssignedDate": iso(e.assigned_at), "StartDate": null,
                        "DateCompleted": e.completed_at.map(iso), "UpToDate": true, "Overdue": false,
                        "CompliantTill": null, "IsLearningPath": false, "ResultId": null, "AccessTillDate": null}))
                })
                .collect()
        })
        .unwrap_or_default();
    Json(list).into_response()
}

#[derive(Deserialize)]
struct CourseRef {
    #[serde(rename = "Id")]
    id: String,
}

async fn assign_courses(State(st): State<Shared>, Path(id): Path<String>, Json(refs): Json<Vec<CourseRef>>) -> Response {
    let mut d = st.data.lock().unwrap();
    if !d.users.iter().any(|u| u.id == id) {
        return message(StatusCode::NOT_FOUND, "User not found");
    }
    if let Some(bad) = refs.iter().find(|r| !d.courses.iter().any(|c| c.id == r.id)) {
        return message(StatusCode::BAD_REQUEST, &format!("Course {} not found", bad.id));
    }
    let now = now_secs();
    let held = d.enrolments.entry(id).or_default();
    for r in refs {
        // Litmos silently ignores courses the user already has.
        if !held.iter().any(|e| e.course_id == r.id) {
            held.push(Enrolment { course_id: r.id, assigned_at: now, percentage: 0, completed_at: None });
        }
    }
    StatusCode::OK.into_response()
}

async fn user_teams(State(st): State<Shared>, Path(id): Path<String>) -> Response {
    let d = st.data.lock().unwrap();
    let teams: Vec<Value> = d.teams.iter().filter(|t| t.members.contains(&id) || t.leaders.contains(&id)).map(|t| json!({"Id": t.id, "Name": t.name, "Description": ""})).collect();
    Json(teams).into_response()
}

async fn team_leaders(State(st): State<Shared>, Path(id): Path<String>) -> Response {
    let d = st.data.lock().unwrap();
    let Some(team) = d.teams.iter().find(|t| t.id == id) else { return message(StatusCode::NOT_FOUND, "Team not found") };
    let leaders: Vec<Value> = d.users.iter().filter(|u| team.leaders.contains(&u.id)).map(Data::user_brief).collect();
    Json(leaders).into_response()
}

async fn team_courses(State(st): State<Shared>, Path(id): Path<String>) -> Response {
    let d = st.data.lock().unwrap();
    let Some(team) = d.teams.iter().find(|t| t.id == id) else { return message(StatusCode::NOT_FOUND, "Team not found") };
    let courses: Vec<Value> = d.courses.iter().filter(|c| team.courses.contains(&c.id)).map(Data::course_json).collect();
    Json(courses).into_response()
}

async fn add_fault(State(st): State<Shared>, Json(f): Json<Fault>) -> Response {
    st.data.lock().unwrap().faults.push(f);
    StatusCode::NO_CONTENT.into_response()
}

/// `["GET /v1.svc/users", ...]`: what reached the API, for tests over HTTP.
async fn requests(State(st): State<Shared>) -> Response {
    let d = st.data.lock().unwrap();
    Json(d.requests.iter().map(|r| format!("{} {}", r.method, r.path)).collect::<Vec<_>>()).into_response()
}

async fn clear_requests(State(st): State<Shared>) -> Response {
    st.data.lock().unwrap().requests.clear();
    StatusCode::NO_CONTENT.into_response()
}

/// `POST /_double/progress` `{"user_id", "course_id", "percentage", "score"?,
/// "completed_at"?}`. Reaching 100 % for the first time completes the course and
/// records an achievement: `score` is its `Score` (a JSON number such as `90` or `87.5`;
/// absent or null: no score), `completed_at` its date and the enrolment's
/// `DateCompleted` (unix seconds as a number, or an RFC 3339 / Litmos date string;
/// absent: now). Both are ignored below 100 % or when the course was already complete.
/// 204, or 404 when the learner does not hold the course.
#[derive(Deserialize)]
struct Progress {
    user_id: String,
    course_id: String,
    percentage: u8,
    #[serde(default)]
    score: Option<f64>,
    #[serde(default)]
    completed_at: Option<Value>,
}

async fn set_progress(State(st): State<Shared>, Json(p): Json<Progress>) -> Response {
    let completed_at = match &p.completed_at {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) if n.as_u64().is_some() => n.as_u64(),
        Some(Value::String(s)) if parse_date(s).is_some() => parse_date(s),
        Some(_) => return message(StatusCode::BAD_REQUEST, "completed_at must be unix seconds or an RFC 3339 date"),
    };
    if p.score.is_some_and(|s| !s.is_finite()) {
        return message(StatusCode::BAD_REQUEST, "score must be a number");
    }
    let mut d = st.data.lock().unwrap();
    match d.progress(&p.user_id, &p.course_id, p.percentage, p.score, completed_at) {
        Ok(_) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => message(StatusCode::NOT_FOUND, &e),
    }
}

#[derive(Deserialize)]
struct AchievementQuery {
    userid: Option<String>,
    since: Option<String>,
    limit: Option<usize>,
    start: Option<usize>,
}

/// `GET /achievements?userid=&since=&limit=&start=`: one user's (or everyone's)
/// achievements dated at or after `since` (UTC without a zone), by date then id.
async fn list_achievements(State(st): State<Shared>, Query(q): Query<AchievementQuery>) -> Response {
    let since = match q.since.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => match parse_date(s) {
            Some(t) => Some(t),
            None => return message(StatusCode::BAD_REQUEST, "The since parameter is not a valid date."),
        },
    };
    let user = q.userid.as_deref().map(str::trim).filter(|u| !u.is_empty());
    let d = st.data.lock().unwrap();
    let hits: Vec<Value> = d.sorted_achievements().iter().filter(|a| user.is_none_or(|u| a.user_id == u) && since.is_none_or(|t| a.achieved_at >= t)).map(|a| d.achievement_json(a)).collect();
    Json(page(&hits, &Page { search: None, limit: q.limit, start: q.start })).into_response()
}

/// `POST /_double/webhooks/send`: `{"url", "user_id", "course_id", "achievement_id"?,
/// "type"?, "payload"?}`. The double POSTs an `achievement.earned` event (SPEC 3.4's
/// shape, `type` overridable) about that user and course to `url`, naming
/// `achievement_id` (default: the user's latest achievement for the course, else a
/// fresh number); `payload` replaces the whole body, for malformed-webhook tests.
/// Only `http(s)://127.0.0.1` or `localhost` URLs are accepted (400 otherwise), no
/// redirect is followed, and the call times out after 15 s. Answers 200
/// `{"status": <the URL's HTTP status>, "body": <its body text>}`, or 502 when the URL
/// could not be reached.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SendWebhook {
    url: String,
    #[serde(default)]
    user_id: String,
    #[serde(default)]
    course_id: String,
    #[serde(default)]
    achievement_id: Option<u64>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    payload: Option<Value>,
}

/// Tests must never send traffic off this machine.
fn loopback_url(raw: &str) -> Option<reqwest::Url> {
    let url = reqwest::Url::parse(raw).ok()?;
    let local = matches!(url.host_str(), Some("127.0.0.1" | "localhost"));
    (matches!(url.scheme(), "http" | "https") && local && url.username().is_empty() && url.password().is_none()).then_some(url)
}

impl Data {
    /// The `achievement.earned` event Litmos would send about this user and course.
    fn webhook_payload(&mut self, user_id: &str, course_id: &str, achievement_id: Option<u64>, kind: &str) -> Value {
        let now = now_millis();
        let latest = |id: Option<u64>| self.achievements.iter().filter(|a| a.user_id == user_id && a.course_id == course_id && id.is_none_or(|id| a.id == id)).max_by_key(|a| a.id).cloned();
        let known = latest(achievement_id);
        let (achievement_id, achieved_at) = match (achievement_id, known) {
            (_, Some(a)) => (a.id, a.achieved_at * 1000),
            (Some(id), None) => (id, now),
            (None, None) => {
                self.next_achievement += 1;
                (FIRST_ACHIEVEMENT_ID + self.next_achievement, now)
            }
        };
        self.next_event += 1;
        let user = self.users.iter().find(|u| u.id == user_id);
        let course = self.courses.iter().find(|c| c.id == course_id);
        let text = |v: Option<&String>| v.cloned().unwrap_or_default();
        json!({"id": FIRST_EVENT_ID + self.next_event, "created": litmos_date_millis(now), "type": kind, "object": "event",
               "data": {"userId": user_id, "userName": text(user.map(|u| &u.user_name)), "courseId": course_id,
                        "title": text(course.map(|c| &c.name)), "code": text(course.map(|c| &c.code)),
                        "achievementDate": litmos_date_millis(achieved_at), "compliantTilldate": null, "result": "Completed",
                        "type": "Course Completed", "firstName": text(user.map(|u| &u.first_name)),
                        "lastName": text(user.map(|u| &u.last_name)), "achievementId": achievement_id, "certificateId": null}})
    }
}

async fn send_webhook(State(st): State<Shared>, Json(w): Json<SendWebhook>) -> Response {
    let Some(url) = loopback_url(&w.url) else { return message(StatusCode::BAD_REQUEST, "url must be http(s) on 127.0.0.1 or localhost") };
    let payload = match w.payload {
        Some(p) => p,
        None if w.user_id.is_empty() || w.course_id.is_empty() => return message(StatusCode::BAD_REQUEST, "user_id and course_id are required"),
        None => st.data.lock().unwrap().webhook_payload(&w.user_id, &w.course_id, w.achievement_id, w.kind.as_deref().unwrap_or("achievement.earned")),
    };
    match post_webhook(url, &payload).await {
        Ok((status, body)) => Json(json!({"status": status, "body": body})).into_response(),
        Err(kind) => message(StatusCode::BAD_GATEWAY, &format!("webhook not delivered: {kind}")),
    }
}

async fn post_webhook(url: reqwest::Url, payload: &Value) -> Result<(u16, String), &'static str> {
    let client = reqwest::Client::builder().timeout(WEBHOOK_TIMEOUT).redirect(reqwest::redirect::Policy::none()).build().map_err(|_| "client")?;
    let resp = client.post(url).json(payload).send().await.map_err(|e| {
        if e.is_timeout() {
            "timeout"
        } else if e.is_connect() {
            "connect"
        } else {
            "transport"
        }
    })?;
    let status = resp.status().as_u16();
    let body = resp.text().await.map_err(|_| "body")?;
    Ok((status, body))
}

#[derive(Deserialize)]
struct AddCourses {
    count: usize,
}

async fn add_courses(State(st): State<Shared>, Json(a): Json<AddCourses>) -> Response {
    let mut d = st.data.lock().unwrap();
    d.add_courses(a.count.min(20_000));
    Json(json!({"total": d.courses.len()})).into_response()
}

impl Double {
    pub fn requests(&self) -> Vec<Recorded> {
        self.data.lock().unwrap().requests.clone()
    }

    pub fn clear_requests(&self) {
        self.data.lock().unwrap().requests.clear();
    }

    pub fn user_by_name(&self, user_name: &str) -> Option<User> {
        self.data.lock().unwrap().users.iter().find(|u| u.user_name.eq_ignore_ascii_case(user_name)).cloned()
    }

    pub fn users_named(&self, user_name: &str) -> usize {
        self.data.lock().unwrap().users.iter().filter(|u| u.user_name.eq_ignore_ascii_case(user_name)).count()
    }

    pub fn courses(&self) -> Vec<Course> {
        self.data.lock().unwrap().courses.clone()
    }

    /// `count` more teams led by `user_name`, each with one course of its own (course i).
    pub fn add_led_teams(&self, user_name: &str, count: usize) {
        let mut d = self.data.lock().unwrap();
        let leader = d.users.iter().find(|u| u.user_name.eq_ignore_ascii_case(user_name)).expect("a user of the double").id.clone();
        for i in 0..count {
            let course = d.courses[i % d.courses.len()].id.clone();
            let id = format!("TeamLed{i:05}");
            d.teams.push(Team { id, name: format!("Led team {i}"), leaders: vec![leader.clone()], members: vec![leader.clone()], courses: vec![course] });
        }
    }

    /// A Litmos admin removes a course from a user (in Litmos' own UI: the API has no route).
    pub fn remove_enrolment(&self, user_id: &str, course_id: &str) {
        if let Some(es) = self.data.lock().unwrap().enrolments.get_mut(user_id) {
            es.retain(|e| e.course_id != course_id);
        }
    }

    pub fn enrolments(&self, user_id: &str) -> Vec<Enrolment> {
        self.data.lock().unwrap().enrolments.get(user_id).cloned().unwrap_or_default()
    }

    pub fn inject(&self, fault: Fault) {
        self.data.lock().unwrap().faults.push(fault);
    }

    /// Every achievement, as `GET /achievements` orders them (date, then id).
    pub fn achievements(&self) -> Vec<Achievement> {
        self.data.lock().unwrap().sorted_achievements()
    }

    /// What `POST /_double/progress` does, in process: reaching 100 % for the first time
    /// completes the course now and records an achievement with `score`, whose id is
    /// returned. `Err` when the learner does not hold the course.
    pub fn set_progress(&self, user_id: &str, course_id: &str, percentage: u8, score: Option<f64>) -> Result<Option<u64>, String> {
        self.data.lock().unwrap().progress(user_id, course_id, percentage, score, None)
    }

    /// Completes a course the learner holds at `completed_at` (unix seconds), as
    /// [`Double::set_progress`] at 100 % does.
    pub fn complete_at(&self, user_id: &str, course_id: &str, completed_at: u64, score: Option<f64>) -> Result<Option<u64>, String> {
        self.data.lock().unwrap().progress(user_id, course_id, 100, score, Some(completed_at))
    }

    /// Records an achievement directly, whatever the learner's courses (bulk data for
    /// paging tests); returns its id.
    pub fn add_achievement(&self, user_id: &str, course_id: &str, achieved_at: u64, score: Option<f64>) -> u64 {
        self.data.lock().unwrap().record_achievement(user_id, course_id, achieved_at, score)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(iso(1_482_247_456), "2016-12-20T15:24:16Z");
        assert_eq!(iso(0), "1970-01-01T00:00:00Z");
        assert_eq!(litmos_date(1_482_247_456), "2016-12-20T15:24:16");
        assert_eq!(litmos_date_millis(1_482_247_456_007), "2016-12-20T15:24:16.007");
    }

    #[test]
    fn dates_parse_back() {
        for t in [0, 1_482_247_456, 951_782_400, 1_709_164_800, 4_102_444_799] {
            assert_eq!(parse_date(&litmos_date(t)), Some(t), "{t}");
            assert_eq!(parse_date(&iso(t)), Some(t), "{t}");
            assert_eq!(parse_date(&litmos_date_millis(t * 1000 + 990)), Some(t), "{t}");
        }
        assert_eq!(parse_date("2016-12-20T16:24:16+01:00"), Some(1_482_247_456));
        assert_eq!(parse_date("2016-12-20T14:54:16-00:30"), Some(1_482_247_456));
        assert_eq!(parse_date("2024-02-29T00:00:00"), Some(1_709_164_800));
        for bad in [
            "",
            "2016-12-20",
            "2016-12-20T15:24",
            "2023-02-29T00:00:00",
            "2016-13-01T00:00:00",
            "2016-12-20T24:00:00",
            "2016-12-20T15:24:16.",
            "2016-12-20T15:24:16+1",
            "2016-12-20T15:24:16 UTC",
            "1969-12-31T23:59:59",
            "２016-12-20T15:24:16",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn loopback_only() {
        assert!(loopback_url("http://127.0.0.1:9000/v1/litmos/webhooks/t/x").is_some());
        assert!(loopback_url("http://localhost/hook").is_some());
        for bad in
            ["http://example.com/", "http://127.0.0.2/", "http://localhost@169.254.169.254/", "http://user:pw@127.0.0.1/", "ftp://127.0.0.1/", "http://[::1]/", "not a url", "http://127.0.0.1.nip.io/"]
        {
            assert!(loopback_url(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn completing_once_records_one_achievement() {
        let mut d = Data::seeded(8);
        let (user, course) = (d.users[3].id.clone(), d.courses[1].id.clone());
        assert!(d.progress(&user, &course, 100, None, None).is_err(), "not enrolled");
        d.enrolments.entry(user.clone()).or_default().push(Enrolment { course_id: course.clone(), assigned_at: 1_000, percentage: 0, completed_at: None });
        assert_eq!(d.progress(&user, &course, 40, Some(50.0), None), Ok(None));
        let id = d.progress(&user, &course, 100, Some(87.5), Some(1_557_105_155)).unwrap().expect("an achievement");
        assert_eq!(d.progress(&user, &course, 100, Some(10.0), None), Ok(None), "already complete");
        assert_eq!(d.achievements.len(), 1);
        assert_eq!(d.enrolments[&user][0].completed_at, Some(1_557_105_155));
        let json = d.achievement_json(&d.achievements[0]);
        assert_eq!(json["AchievementDate"], "2019-05-06T01:12:35");
        assert_eq!(json["Score"], 87.5);
        assert_eq!(json["AchievementId"], id);
        assert_eq!(json["Title"], d.courses[1].name.as_str());
        assert_eq!(json["FirstName"], "Liam");
        let payload = d.webhook_payload(&user, &course, None, "achievement.earned");
        assert_eq!(payload["data"]["achievementId"], id, "the latest achievement of that user and course");
        assert_eq!(payload["data"]["achievementDate"], "2019-05-06T01:12:35.000");
        let other = d.webhook_payload(&user, &d.courses[2].id.clone(), None, "achievement.earned");
        assert!(other["data"]["achievementId"].as_u64().unwrap() > id, "a fresh number");
        assert!(other["id"].as_u64().unwrap() > payload["id"].as_u64().unwrap());
        assert_eq!(score_json(Some(90.0)), json!(90));
        assert_eq!(score_json(None), Value::Null);
    }

    #[test]
    fn demo_data_has_every_access_level_and_60_plus_courses() {
        let d = Data::seeded(64);
        for level in ["Account_Owner", "Administrator", "Team_Leader", "Learner"] {
            assert!(d.users.iter().any(|u| u.access_level == level), "{level}");
        }
        assert!(d.courses.len() >= 60);
        assert!(d.teams.iter().any(|t| !t.leaders.is_empty() && !t.courses.is_empty()));
        let names: std::collections::HashSet<_> = d.courses.iter().map(|c| &c.name).collect();
        assert_eq!(names.len(), d.courses.len(), "course names are unique");
    }
}
