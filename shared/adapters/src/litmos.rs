//! Litmos REST API v1 client: `apikey` header, `source` and `format=json` on every call,
//! a per-attempt timeout, and bounded, jittered retries on 503/504 and timeouts.
//! Retrying is safe for every call here: reads are reads, assigning an already assigned
//! course is ignored by Litmos, and a repeated create answers 409, which callers treat
//! as "exists".

use std::time::{Duration, Instant};

use async_trait::async_trait;
use litmos_domain::model::*;
use litmos_domain::ports::{Litmos, LitmosError};
use litmos_domain::time::parse_litmos_date;
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use tracing::instrument;

const MAX_ATTEMPTS: u32 = 3;
/// Total time one logical call may take, retries included; inside the Lambda timeout.
const CALL_BUDGET: Duration = Duration::from_secs(20);
const COURSE_PAGE: usize = 1000;
const USER_PAGE: usize = 200;

#[derive(Clone)]
pub struct LitmosClient {
    http: reqwest::Client,
    attempt_timeout: Duration,
    backoff_base: Duration,
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
    pub fn new(attempt_timeout: Duration) -> Self {
        let http = reqwest::Client::builder()
            .timeout(attempt_timeout)
            .connect_timeout(attempt_timeout.min(Duration::from_secs(3)))
            .user_agent(concat!("litmos-servicenow/", env!("CARGO_PKG_VERSION")))
            .build()
            .expect("reqwest client");
        LitmosClient { http, attempt_timeout, backoff_base: Duration::from_millis(200) }
    }

    /// Shorter backoff for tests that exercise the retry path.
    pub fn with_backoff(mut self, base: Duration) -> Self {
        self.backoff_base = base;
        self
    }

    async fn attempt(&self, acct: &LitmosAccount, method: &Method, path: &str, query: &[(&str, String)], body: Option<&serde_json::Value>) -> Attempt {
        let url = format!("{}{path}", acct.base_url);
        let mut req = self
            .http
            .request(method.clone(), &url)
            .header("apikey", &acct.api_key)
            .header("Accept", "application/json")
            .query(&[("source", acct.source.as_str()), ("format", "json")])
            .query(query);
        if let Some(b) = body {
            req = req.json(b);
        }
        match req.send().await {
            Ok(resp) if matches!(resp.status(), StatusCode::SERVICE_UNAVAILABLE | StatusCode::GATEWAY_TIMEOUT) => {
                let status = resp.status().as_u16();
                Attempt::Retry(if status == 503 { LitmosError::RateLimited } else { LitmosError::Status(status) })
            }
            Ok(resp) => Attempt::Done(resp),
            Err(e) if e.is_timeout() || e.is_connect() => Attempt::Retry(LitmosError::Unreachable(e.to_string())),
            Err(e) => Attempt::Fail(LitmosError::Unreachable(e.to_string())),
        }
    }

    async fn send(&self, acct: &LitmosAccount, method: Method, path: &str, query: &[(&str, String)], body: Option<serde_json::Value>) -> Result<reqwest::Response, LitmosError> {
        let started = Instant::now();
        let mut attempt = 1;
        loop {
            match self.attempt(acct, &method, path, query, body.as_ref()).await {
                Attempt::Done(resp) => return check_status(resp).await,
                Attempt::Fail(err) => return Err(err),
                Attempt::Retry(err) => {
                    let backoff = self.backoff_base * 2u32.pow(attempt - 1);
                    let jittered = backoff.mul_f64(0.5 + rand::random::<f64>());
                    let out_of_time = started.elapsed() + jittered + self.attempt_timeout > CALL_BUDGET;
                    if attempt >= MAX_ATTEMPTS || out_of_time {
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
        let bytes = resp.bytes().await.map_err(|e| LitmosError::Unreachable(e.to_string()))?;
        serde_json::from_slice(&bytes).map_err(|e| LitmosError::Decode(e.to_string()))
    }

    async fn all_pages<T: DeserializeOwned>(&self, acct: &LitmosAccount, path: &str, page: usize, extra: &[(&str, String)]) -> Result<Vec<T>, LitmosError> {
        let mut all = Vec::new();
        loop {
            let mut query = vec![("limit", page.to_string()), ("start", all.len().to_string())];
            query.extend(extra.iter().cloned());
            let batch: Vec<T> = self.get_json(acct, path, &query).await?;
            let n = batch.len();
            all.extend(batch);
            if n < page {
                return Ok(all);
            }
        }
    }
}

async fn check_status(resp: reqwest::Response) -> Result<reqwest::Response, LitmosError> {
    let status = resp.status();
    if status.is_success() {
        return Ok(resp);
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
            let body = resp.bytes().await.unwrap_or_default();
            let detail = serde_json::from_slice::<Detail>(&body).map(|d| d.detail).unwrap_or_default();
            Err(LitmosError::Conflict(detail))
        }
        // 500s can carry an HTML page: never pass the body on.
        s => Err(LitmosError::Status(s)),
    }
}

#[async_trait]
impl Litmos for LitmosClient {
    #[instrument(skip_all)]
    async fn check_key(&self, acct: &LitmosAccount) -> Result<(), LitmosError> {
        let _: Vec<WireUser> = self.get_json(acct, "/users", &[("limit", "1".into())]).await?;
        Ok(())
    }

    #[instrument(skip_all)]
    async fn search_users(&self, acct: &LitmosAccount, text: &str) -> Result<Vec<LitmosUser>, LitmosError> {
        let users: Vec<WireUser> = self.all_pages(acct, "/users", USER_PAGE, &[("search", text.to_string())]).await?;
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
        let bytes = resp.bytes().await.map_err(|e| LitmosError::Unreachable(e.to_string()))?;
        let created: WireUser = serde_json::from_slice(&bytes).map_err(|e| LitmosError::Decode(e.to_string()))?;
        Ok(created.into())
    }

    #[instrument(skip_all)]
    async fn list_courses(&self, acct: &LitmosAccount) -> Result<Vec<Course>, LitmosError> {
        let courses: Vec<WireCourse> = self.all_pages(acct, "/courses", COURSE_PAGE, &[]).await?;
        Ok(courses.into_iter().map(Into::into).collect())
    }

    #[instrument(skip_all, fields(user = user_id))]
    async fn user_courses(&self, acct: &LitmosAccount, user_id: &str) -> Result<Vec<UserCourse>, LitmosError> {
        let courses: Vec<WireUserCourse> = self.get_json(acct, &format!("/users/{user_id}/courses"), &[]).await?;
        Ok(courses.into_iter().map(Into::into).collect())
    }

    #[instrument(skip_all, fields(user = user_id, count = course_ids.len()))]
    async fn assign_courses(&self, acct: &LitmosAccount, user_id: &str, course_ids: &[String], send_message: bool) -> Result<(), LitmosError> {
        let refs: Vec<WireCourseRef> = course_ids.iter().map(|id| WireCourseRef { id }).collect();
        let body = serde_json::to_value(&refs).map_err(|e| LitmosError::Decode(e.to_string()))?;
        let query = [("sendmessage", send_message.to_string())];
        self.send(acct, Method::POST, &format!("/users/{user_id}/courses"), &query, Some(body)).await?;
        Ok(())
    }

    #[instrument(skip_all, fields(user = user_id))]
    async fn user_teams(&self, acct: &LitmosAccount, user_id: &str) -> Result<Vec<Team>, LitmosError> {
        let teams: Vec<WireTeam> = self.get_json(acct, &format!("/users/{user_id}/teams"), &[]).await?;
        Ok(teams.into_iter().map(|t| Team { id: t.id, name: t.name }).collect())
    }

    #[instrument(skip_all, fields(team = team_id))]
    async fn team_leaders(&self, acct: &LitmosAccount, team_id: &str) -> Result<Vec<LitmosUser>, LitmosError> {
        let users: Vec<WireUser> = self.get_json(acct, &format!("/teams/{team_id}/leaders"), &[]).await?;
        Ok(users.into_iter().map(Into::into).collect())
    }

    #[instrument(skip_all, fields(team = team_id))]
    async fn team_courses(&self, acct: &LitmosAccount, team_id: &str) -> Result<Vec<Course>, LitmosError> {
        let courses: Vec<WireCourse> = self.get_json(acct, &format!("/teams/{team_id}/courses"), &[]).await?;
        Ok(courses.into_iter().map(Into::into).collect())
    }
}
