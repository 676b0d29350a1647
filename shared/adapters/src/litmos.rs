//! Litmos REST API v1 client: `apikey` header, `source` and `format=json` on every call,
//! a per-attempt timeout, and bounded, jittered retries on 503/504 and timeouts.
//! Only allowed base URLs are called (SPEC 3.5), redirects are never followed, bodies
//! and page counts are capped, and errors are logged as a path and a kind, never as a
//! URL (a user search's query holds a caller's e-mail address).
//! Retrying is safe for every call here: reads are reads, assigning an already assigned
//! course is ignored by Litmos, and a repeated create answers 409, which callers treat
//! as "exists".

use std::time::{Duration, Instant};

use async_trait::async_trait;
use litmos_domain::litmos_url::LitmosHosts;
use litmos_domain::model::*;
use litmos_domain::ports::{Litmos, LitmosError, RateBudget};
use litmos_domain::time::{Timestamp, parse_litmos_date};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use tracing::instrument;

const MAX_ATTEMPTS: u32 = 3;
/// Total time one logical call may take, retries included; inside the Lambda timeout.
const CALL_BUDGET: Duration = Duration::from_secs(20);
const COURSE_PAGE: usize = 1000;
/// 50 pages of 1,000: a catalog larger than that is cut, and the log says so.
const MAX_COURSE_PAGES: usize = 50;
const USER_PAGE: usize = 200;
const ACHIEVEMENT_PAGE: usize = 1000;
/// A user search is fuzzy: it stops at the first page holding an exact match, or here.
const MAX_USER_PAGES: usize = 5;
/// No Litmos answer this product reads comes near this; a hostile one stops here.
pub const MAX_BODY_BYTES: usize = 8 << 20;

/// The share of the budget background work (the progress sync) may spend: what
/// interactive requests leave, never the last 40 %.
pub const BACKGROUND_SHARE_PERCENT: u32 = 60;
/// An interactive call this close to the next minute waits for it rather than fail.
const BUDGET_WAIT: Duration = Duration::from_secs(3);

#[derive(Clone)]
struct Budget {
    store: std::sync::Arc<dyn RateBudget>,
    /// Calls a minute this client may reach (interactive or background ceiling).
    ceiling: u32,
    /// Calls taken ahead by `reserve`, per account, for the minute they were taken in:
    /// `spend` uses them before going to the table.
    prepaid: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, (i64, u32)>>>,
}

impl Budget {
    /// One prepaid call of this minute, if any is left.
    fn use_prepaid(&self, account: &str, minute: i64) -> bool {
        let mut prepaid = self.prepaid.lock().expect("prepaid calls poisoned");
        match prepaid.get_mut(account) {
            Some((m, left)) if *m == minute && *left > 0 => {
                *left -= 1;
                true
            }
            _ => false,
        }
    }

    fn add_prepaid(&self, account: &str, minute: i64, calls: u32) {
        let mut prepaid = self.prepaid.lock().expect("prepaid calls poisoned");
        let entry = prepaid.entry(account.to_string()).or_insert((minute, 0));
        if entry.0 != minute {
            *entry = (minute, 0);
        }
        entry.1 += calls;
    }
}

fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

#[derive(Clone)]
pub struct LitmosClient {
    /// Built at the first Litmos call (shared by the clones): many functions never call
    /// Litmos, and a cold start should not pay for a TLS set-up it does not use.
    http: std::sync::Arc<std::sync::OnceLock<reqwest::Client>>,
    hosts: LitmosHosts,
    attempt_timeout: Duration,
    backoff_base: Duration,
    budget: Option<Budget>,
}

fn nullable<'de, D: Deserializer<'de>, T: Default + Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A user as Litmos sends it (PascalCase); fields we don't use are ignored.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct WireUser {
    pub id: String,
    #[serde(default, deserialize_with = "nullable")]
    pub user_name: String,
    #[serde(default, deserialize_with = "nullable")]
    pub first_name: String,
    #[serde(default, deserialize_with = "nullable")]
    pub last_name: String,
    #[serde(default, deserialize_with = "nullable")]
    pub email: String,
    #[serde(default, deserialize_with = "nullable")]
    pub access_level: String,
    #[serde(default, deserialize_with = "nullable")]
    pub active: bool,
}

impl From<WireUser> for LitmosUser {
    fn from(u: WireUser) -> Self {
        LitmosUser { id: u.id, user_name: u.user_name, first_name: u.first_name, last_name: u.last_name, email: u.email, access_level: u.access_level, active: u.active }
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct WireCourse {
    pub id: String,
    #[serde(default, deserialize_with = "nullable")]
    pub code: String,
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    #[serde(default, deserialize_with = "nullable")]
    pub description: String,
    #[serde(default, deserialize_with = "nullable")]
    pub active: bool,
}

impl From<WireCourse> for Course {
    fn from(c: WireCourse) -> Self {
        Course { id: c.id, code: c.code, name: c.name, description: c.description, active: c.active }
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct WireUserCourse {
    pub id: String,
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    #[serde(default, deserialize_with = "nullable")]
    pub complete: bool,
    #[serde(default, deserialize_with = "nullable")]
    pub percentage_complete: f64,
    #[serde(default, deserialize_with = "nullable")]
    pub assigned_date: String,
    #[serde(default, deserialize_with = "nullable")]
    pub date_completed: String,
}

impl From<WireUserCourse> for UserCourse {
    fn from(c: WireUserCourse) -> Self {
        UserCourse {
            id: c.id,
            name: c.name,
            complete: c.complete,
            percentage_complete: c.percentage_complete,
            assigned_at: parse_litmos_date(&c.assigned_date),
            completed_at: parse_litmos_date(&c.date_completed),
        }
    }
}

/// An achievement as `GET /achievements` sends it; `AchievementDate` has no zone and
/// is UTC.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct WireAchievement {
    #[serde(default, deserialize_with = "nullable")]
    pub achievement_id: serde_json::Value,
    pub user_id: String,
    #[serde(default, deserialize_with = "nullable")]
    pub course_id: String,
    #[serde(default, deserialize_with = "nullable")]
    pub achievement_date: String,
    #[serde(default)]
    pub score: Option<f64>,
    #[serde(default, deserialize_with = "nullable")]
    pub result: String,
}

impl From<WireAchievement> for Achievement {
    fn from(a: WireAchievement) -> Self {
        let achievement_id = match a.achievement_id {
            serde_json::Value::String(s) => s,
            serde_json::Value::Null => String::new(),
            other => other.to_string(),
        };
        Achievement { achievement_id, user_id: a.user_id, course_id: a.course_id, achieved_at: parse_litmos_date(&a.achievement_date), score: a.score, result: a.result }
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct WireTeam {
    pub id: String,
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
}

/// The body of `POST /users`, in the shape Litmos documents and the recordings show.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct WireNewUser<'a> {
    pub id: &'a str,
    pub user_name: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub full_name: String,
    pub email: &'a str,
    pub access_level: &'a str,
    pub disable_messages: bool,
    pub active: bool,
    pub skip_first_login: bool,
    pub time_zone: &'a str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct WireCourseRef<'a> {
    id: &'a str,
}

enum Attempt {
    Done(reqwest::Response),
    Retry(LitmosError),
    /// A transport error no retry helps (TLS, a malformed URL).
    Fail(LitmosError),
}

impl LitmosClient {
    pub fn new(attempt_timeout: Duration, hosts: LitmosHosts) -> Self {
        LitmosClient { http: Default::default(), hosts, attempt_timeout, backoff_base: Duration::from_millis(200), budget: None }
    }

    fn http(&self) -> &reqwest::Client {
        self.http.get_or_init(|| {
            // Mozilla's roots compiled in: loading the system's certificate store took
            // most of a cold start's init (every file under /etc/ssl/certs); Litmos'
            // hosts are public CAs' customers.
            let roots = webpki_root_certs::TLS_SERVER_ROOT_CERTS.iter().filter_map(|c| reqwest::Certificate::from_der(c).ok());
            reqwest::Client::builder()
                .tls_certs_only(roots)
                .timeout(self.attempt_timeout)
                .connect_timeout(self.attempt_timeout.min(Duration::from_secs(3)))
                .user_agent(concat!("litmos-servicenow/", env!("CARGO_PKG_VERSION")))
                // A redirect would carry the `apikey` header to whatever host it names.
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("reqwest client")
        })
    }

    /// Every HTTP call first takes one from the Litmos account's shared budget of
    /// `per_minute` calls (all functions, all containers); past it, the call is not
    /// sent and the caller gets `BudgetSpent` (a 503 with `Retry-After`).
    pub fn with_budget(mut self, store: std::sync::Arc<dyn RateBudget>, per_minute: u32) -> Self {
        self.budget = Some(Budget { store, ceiling: per_minute, prepaid: Default::default() });
        self
    }

    /// The same client for background work: it stops at its share of the budget, so
    /// interactive requests always find room.
    pub fn background(&self) -> Self {
        let mut c = self.clone();
        if let Some(b) = &mut c.budget {
            b.ceiling = b.ceiling * BACKGROUND_SHARE_PERCENT / 100;
            b.prepaid = Default::default();
        }
        c
    }

    /// One call from the budget (a prepaid one when `reserve` left some this minute).
    async fn spend(&self, acct: &LitmosAccount) -> Result<(), LitmosError> {
        let Some(b) = &self.budget else { return Ok(()) };
        let account = budget_account(&acct.api_key);
        if b.use_prepaid(&account, unix_now().div_euclid(60)) {
            return Ok(());
        }
        self.take(b, &account, 1).await.map(|_| ())
    }

    /// `calls` from the shared budget in one counter update, waiting for the next minute
    /// when it is near. The minute they were taken in, or None when the budget's store
    /// failed (the budget protects Litmos; its own failure must not stop the product).
    async fn take(&self, b: &Budget, account: &str, calls: u32) -> Result<Option<i64>, LitmosError> {
        for attempt in 0..2 {
            let now = unix_now();
            match b.store.take(account, calls, b.ceiling, now).await {
                Ok(true) => return Ok(Some(now.div_euclid(60))),
                Ok(false) => {
                    let left = Duration::from_secs((60 - now.rem_euclid(60)) as u64);
                    if attempt == 0 && left <= BUDGET_WAIT {
                        tokio::time::sleep(left).await;
                        continue;
                    }
                    crate::metrics::count(crate::metrics::names::LITMOS_BUDGET_SPENT, 1);
                    tracing::warn!(ceiling = b.ceiling, "litmos call refused: this minute's budget is spent");
                    return Err(LitmosError::BudgetSpent(left.as_secs().max(1)));
                }
                Err(e) => {
                    tracing::warn!(error = %e, "rate budget not readable; calling Litmos anyway");
                    return Ok(None);
                }
            }
        }
        Ok(None)
    }

    /// Shorter backoff for tests that exercise the retry path.
    pub fn with_backoff(mut self, base: Duration) -> Self {
        self.backoff_base = base;
        self
    }

    async fn attempt(&self, acct: &LitmosAccount, method: &Method, path: &str, query: &[(&str, String)], body: Option<&serde_json::Value>) -> Attempt {
        let url = format!("{}{path}", acct.base_url);
        let mut req =
            self.http().request(method.clone(), &url).header("apikey", &acct.api_key).header("Accept", "application/json").query(&[("source", acct.source.as_str()), ("format", "json")]).query(query);
        if let Some(b) = body {
            req = req.json(b);
        }
        match req.send().await {
            Ok(resp) if matches!(resp.status(), StatusCode::SERVICE_UNAVAILABLE | StatusCode::GATEWAY_TIMEOUT) => {
                let status = resp.status().as_u16();
                Attempt::Retry(if status == 503 { LitmosError::RateLimited } else { LitmosError::Status(status) })
            }
            Ok(resp) => Attempt::Done(resp),
            Err(e) if e.is_timeout() || e.is_connect() || e.is_request() => Attempt::Retry(LitmosError::Unreachable(wire_kind(&e))),
            Err(e) => Attempt::Fail(LitmosError::Unreachable(wire_kind(&e))),
        }
    }

    async fn send(&self, acct: &LitmosAccount, method: Method, path: &str, query: &[(&str, String)], body: Option<serde_json::Value>) -> Result<reqwest::Response, LitmosError> {
        if self.hosts.check("litmos.base_url", &acct.base_url).is_err() {
            tracing::warn!(path, "litmos call refused: the tenant's base URL is not an allowed Litmos host");
            return Err(LitmosError::NotAllowed);
        }
        let started = Instant::now();
        let mut attempt = 1;
        loop {
            self.spend(acct).await?;
            crate::metrics::count(crate::metrics::names::LITMOS_CALLS, 1);
            match self.attempt(acct, &method, path, query, body.as_ref()).await {
                Attempt::Done(resp) => {
                    let checked = check_status(resp).await;
                    if matches!(checked, Err(LitmosError::Status(_) | LitmosError::Redirect(_) | LitmosError::Unauthorized)) {
                        crate::metrics::count(crate::metrics::names::LITMOS_ERRORS, 1);
                    }
                    return checked;
                }
                Attempt::Fail(err) => {
                    crate::metrics::count(crate::metrics::names::LITMOS_ERRORS, 1);
                    return Err(err);
                }
                Attempt::Retry(err) => {
                    let backoff = self.backoff_base * 2u32.pow(attempt - 1);
                    let jittered = backoff.mul_f64(0.5 + rand::random::<f64>());
                    let out_of_time = started.elapsed() + jittered + self.attempt_timeout > CALL_BUDGET;
                    if attempt >= MAX_ATTEMPTS || out_of_time {
                        crate::metrics::count(crate::metrics::names::LITMOS_ERRORS, 1);
                        tracing::warn!(attempts = attempt, error = %err, path, "litmos call gave up");
                        return Err(err);
                    }
                    tracing::info!(attempt, error = %err, path, "litmos call will be retried");
                    tokio::time::sleep(jittered).await;
                    attempt += 1;
                }
            }
        }
    }

    async fn get_json<T: DeserializeOwned>(&self, acct: &LitmosAccount, path: &str, query: &[(&str, String)]) -> Result<T, LitmosError> {
        let resp = self.send(acct, Method::GET, path, query, None).await?;
        decode(path, resp).await
    }

    /// Pages of `page` items until a short page, `max_pages`, or a page for which
    /// `enough` says stop. Returns the items and whether the page cap cut the read.
    async fn pages<T: DeserializeOwned>(
        &self,
        acct: &LitmosAccount,
        path: &str,
        page: usize,
        max_pages: usize,
        extra: &[(&str, String)],
        enough: impl Fn(&[T]) -> bool,
    ) -> Result<(Vec<T>, bool), LitmosError> {
        let mut all = Vec::new();
        for _ in 0..max_pages {
            let mut query = vec![("limit", page.to_string()), ("start", all.len().to_string())];
            query.extend(extra.iter().cloned());
            let batch: Vec<T> = self.get_json(acct, path, &query).await?;
            let n = batch.len();
            let stop = enough(&batch);
            all.extend(batch);
            if n < page || stop {
                return Ok((all, false));
            }
        }
        Ok((all, true))
    }
}

/// The kind of a transport error. reqwest's own text holds the whole URL, query
/// included, so it is never logged or passed on.
fn wire_kind(e: &reqwest::Error) -> &'static str {
    if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connect"
    } else if e.is_body() || e.is_decode() {
        "body"
    } else if e.is_redirect() {
        "redirect"
    } else if e.is_request() {
        "request"
    } else {
        "transport"
    }
}

/// The body, at most [`MAX_BODY_BYTES`], read as it arrives.
async fn read_capped(mut resp: reqwest::Response) -> Result<Vec<u8>, LitmosError> {
    if resp.content_length().is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return Err(LitmosError::TooLarge(MAX_BODY_BYTES));
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| LitmosError::Unreachable(wire_kind(&e)))? {
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(LitmosError::TooLarge(MAX_BODY_BYTES));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

async fn decode<T: DeserializeOwned>(path: &str, resp: reqwest::Response) -> Result<T, LitmosError> {
    let bytes = read_capped(resp).await.inspect_err(|e| tracing::warn!(path, error = %e, "litmos body not read"))?;
    // serde's message can quote the body (an e-mail address, say): keep only where.
    serde_json::from_slice(&bytes).map_err(|e| LitmosError::Decode(format!("{:?} error at line {} column {}", e.classify(), e.line(), e.column())))
}

async fn check_status(resp: reqwest::Response) -> Result<reqwest::Response, LitmosError> {
    let status = resp.status();
    if status.is_success() {
        return Ok(resp);
    }
    if status.is_redirection() {
        return Err(LitmosError::Redirect(status.as_u16()));
    }
    match status.as_u16() {
        401 | 403 => Err(LitmosError::Unauthorized),
        404 => Err(LitmosError::NotFound),
        409 => {
            #[derive(Deserialize)]
            struct Detail {
                #[serde(rename = "Detail", default)]
                detail: String,
            }
            let body = read_capped(resp).await.unwrap_or_default();
            let detail = serde_json::from_slice::<Detail>(&body).map(|d| d.detail).unwrap_or_default();
            Err(LitmosError::Conflict(detail))
        }
        // 500s can carry an HTML page: never pass the body on.
        s => Err(LitmosError::Status(s)),
    }
}

#[async_trait]
impl Litmos for LitmosClient {
    /// Takes `calls` from the budget now, in one counter update, for the calls this
    /// request is about to make: a request that knows its calls pays for them once,
    /// beside its other first reads, instead of one update before each call.
    async fn reserve(&self, acct: &LitmosAccount, calls: u32) -> Result<(), LitmosError> {
        let Some(b) = &self.budget else { return Ok(()) };
        let account = budget_account(&acct.api_key);
        if let Some(minute) = self.take(b, &account, calls).await? {
            b.add_prepaid(&account, minute, calls);
        }
        Ok(())
    }

    #[instrument(skip_all)]
    async fn check_key(&self, acct: &LitmosAccount) -> Result<(), LitmosError> {
        let _: Vec<WireUser> = self.get_json(acct, "/users", &[("limit", "1".into())]).await?;
        Ok(())
    }

    #[instrument(skip_all)]
    async fn search_users(&self, acct: &LitmosAccount, text: &str) -> Result<Vec<LitmosUser>, LitmosError> {
        let exact = |page: &[WireUser]| page.iter().any(|u| u.user_name.eq_ignore_ascii_case(text) || u.email.eq_ignore_ascii_case(text));
        let (users, _) = self.pages(acct, "/users", USER_PAGE, MAX_USER_PAGES, &[("search", text.to_string())], exact).await?;
        Ok(users.into_iter().map(Into::into).collect())
    }

    #[instrument(skip_all)]
    async fn create_user(&self, acct: &LitmosAccount, user: &NewUser) -> Result<LitmosUser, LitmosError> {
        let body = WireNewUser {
            id: "",
            user_name: &user.user_name,
            first_name: &user.first_name,
            last_name: &user.last_name,
            full_name: format!("{} {}", user.first_name, user.last_name).trim().to_string(),
            email: &user.email,
            access_level: "Learner",
            disable_messages: !user.send_message,
            active: true,
            skip_first_login: true,
            time_zone: "UTC",
        };
        let body = serde_json::to_value(&body).map_err(|e| LitmosError::Decode(e.to_string()))?;
        let resp = self.send(acct, Method::POST, "/users", &[], Some(body)).await?;
        let created: WireUser = decode("/users", resp).await?;
        Ok(created.into())
    }

    #[instrument(skip_all)]
    async fn list_courses(&self, acct: &LitmosAccount) -> Result<Vec<Course>, LitmosError> {
        let (courses, cut): (Vec<WireCourse>, bool) = self.pages(acct, "/courses", COURSE_PAGE, MAX_COURSE_PAGES, &[], |_| false).await?;
        if cut {
            tracing::warn!(pages = MAX_COURSE_PAGES, courses = courses.len(), "litmos catalog read stopped at its page cap; later courses are not listed");
        }
        Ok(courses.into_iter().map(Into::into).collect())
    }

    #[instrument(skip_all, fields(user = user_id))]
    async fn user_courses(&self, acct: &LitmosAccount, user_id: &str) -> Result<Vec<UserCourse>, LitmosError> {
        let courses: Vec<WireUserCourse> = self.get_json(acct, &format!("/users/{}/courses", segment(user_id)?), &[]).await?;
        Ok(courses.into_iter().map(Into::into).collect())
    }

    #[instrument(skip_all, fields(user = user_id, count = course_ids.len()))]
    async fn assign_courses(&self, acct: &LitmosAccount, user_id: &str, course_ids: &[String], send_message: bool) -> Result<(), LitmosError> {
        let refs: Vec<WireCourseRef> = course_ids.iter().map(|id| WireCourseRef { id }).collect();
        let body = serde_json::to_value(&refs).map_err(|e| LitmosError::Decode(e.to_string()))?;
        let query = [("sendmessage", send_message.to_string())];
        self.send(acct, Method::POST, &format!("/users/{}/courses", segment(user_id)?), &query, Some(body)).await?;
        Ok(())
    }

    #[instrument(skip_all, fields(user = user_id))]
    async fn login_key(&self, acct: &LitmosAccount, user_id: &str) -> Result<String, LitmosError> {
        #[derive(serde::Deserialize)]
        struct WithLoginKey {
            #[serde(rename = "LoginKey", default)]
            login_key: Option<String>,
        }
        let user: WithLoginKey = self.get_json(acct, &format!("/users/{}", segment(user_id)?), &[]).await?;
        user.login_key.filter(|k| !k.is_empty()).ok_or_else(|| LitmosError::Decode("LoginKey: missing or empty".into()))
    }

    #[instrument(skip_all, fields(user = user_id))]
    async fn user_teams(&self, acct: &LitmosAccount, user_id: &str) -> Result<Vec<Team>, LitmosError> {
        let teams: Vec<WireTeam> = self.get_json(acct, &format!("/users/{}/teams", segment(user_id)?), &[]).await?;
        Ok(teams.into_iter().map(|t| Team { id: t.id, name: t.name }).collect())
    }

    #[instrument(skip_all, fields(team = team_id))]
    async fn team_leaders(&self, acct: &LitmosAccount, team_id: &str) -> Result<Vec<LitmosUser>, LitmosError> {
        let users: Vec<WireUser> = self.get_json(acct, &format!("/teams/{}/leaders", segment(team_id)?), &[]).await?;
        Ok(users.into_iter().map(Into::into).collect())
    }

    #[instrument(skip_all, fields(user = user_id.unwrap_or("*")))]
    async fn achievements(&self, acct: &LitmosAccount, user_id: Option<&str>, since: Option<Timestamp>, max_pages: usize) -> Result<Vec<Achievement>, LitmosError> {
        let mut extra = Vec::new();
        if let Some(u) = user_id {
            extra.push(("userid", u.to_string()));
        }
        if let Some(t) = since {
            extra.push(("since", litmos_date(t)));
        }
        let (all, cut): (Vec<WireAchievement>, bool) = self.pages(acct, "/achievements", ACHIEVEMENT_PAGE, max_pages.max(1), &extra, |_| false).await?;
        if cut {
            tracing::info!(pages = max_pages, "achievements read stopped at its page budget; the next sync goes on");
        }
        Ok(all.into_iter().map(Into::into).collect())
    }

    #[instrument(skip_all, fields(team = team_id))]
    async fn team_courses(&self, acct: &LitmosAccount, team_id: &str) -> Result<Vec<Course>, LitmosError> {
        let courses: Vec<WireCourse> = self.get_json(acct, &format!("/teams/{}/courses", segment(team_id)?), &[]).await?;
        Ok(courses.into_iter().map(Into::into).collect())
    }
}

/// `since` as Litmos takes it: UTC without a zone, `2019-05-06T01:12:35`.
fn litmos_date(t: Timestamp) -> String {
    let full = litmos_domain::time::rfc3339(t);
    full.trim_end_matches('Z').to_string()
}

/// Names the Litmos account a key belongs to without holding the key: the budget's key.
fn budget_account(api_key: &str) -> String {
    litmos_domain::keys::hash(api_key).0[..24].to_string()
}

/// An id as one path segment: everything but letters, digits, `-` and `_` is
/// percent-encoded, so an id (from ServiceNow or a stored record) can never add a path
/// segment, a query or a fragment to a Litmos URL. An empty or all-dots id, which URL
/// parsers resolve as a path step whatever its encoding, names no Litmos record.
fn segment(id: &str) -> Result<String, LitmosError> {
    const NOT_ID: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_');
    if id.bytes().all(|b| b == b'.') {
        return Err(LitmosError::NotFound);
    }
    Ok(percent_encoding::utf8_percent_encode(id, NOT_ID).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_one_encoded_path_segment() {
        assert_eq!(segment("AbC-12_z").unwrap(), "AbC-12_z");
        assert_eq!(segment("../teams/1").unwrap(), "%2E%2E%2Fteams%2F1");
        assert_eq!(segment("1?x=2#f").unwrap(), "1%3Fx%3D2%23f");
        assert_eq!(segment("a b%").unwrap(), "a%20b%25");
        for bad in ["", ".", ".."] {
            assert!(matches!(segment(bad), Err(LitmosError::NotFound)), "{bad:?}");
        }
    }
}
