//! The courses an agent may assign, from a per-tenant catalog cache. Litmos is asked
//! at most every `catalog_ttl` seconds; a warm cache makes no Litmos call.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::Error;
use crate::cache::{self, Lookup};
use crate::model::*;
use crate::ports::{CacheStore, Litmos};
use crate::time::Clock;
use crate::validate;

/// How long an agent's Litmos identity and access level are trusted.
pub const AGENT_TTL_SECONDS: i64 = 300;
pub const DEFAULT_LIMIT: usize = 20;
/// How long one container may take to refresh the catalog (up to 50 Litmos pages)
/// before another may start.
const REFRESH_LEASE_SECONDS: i64 = 30;
/// How a container with no catalog at all waits for another's refresh: 40 x 250 ms.
const REFRESH_WAIT_STEP: std::time::Duration = std::time::Duration::from_millis(250);
const REFRESH_WAIT_STEPS: u32 = 40;
pub const MAX_LIMIT: usize = 100;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Agent {
    pub user: LitmosUser,
    pub level: Option<AccessLevel>,
}

pub fn agent_header(raw: Option<&str>) -> Result<String, Error> {
    let raw = raw.ok_or_else(|| Error::invalid("X-Agent", "is required: the e-mail or Litmos user name of the agent"))?;
    validate::text("X-Agent", raw, 1, 254)
}

/// A cache name that does not carry the agent's e-mail address.
fn agent_cache_name(agent: &str) -> String {
    format!("agent#{}", &hex::encode(Sha256::digest(agent.to_lowercase().as_bytes()))[..32])
}

pub struct Catalog<'a> {
    pub cache: &'a dyn CacheStore,
    /// The container's decoded copies of the catalog, agents and team courses.
    pub memo: &'a cache::Memo,
    pub litmos: &'a dyn Litmos,
    pub clock: &'a dyn Clock,
    pub catalog_ttl: i64,
}

impl Catalog<'_> {
    /// The Litmos user behind `X-Agent` (exact user name or e-mail), cached briefly.
    pub async fn agent(&self, tenant: &str, acct: &LitmosAccount, who: &str) -> Result<Option<Agent>, Error> {
        let name = agent_cache_name(who);
        if let Some(agent) = cache::read_memo::<Agent>(self.cache, self.memo, self.clock, tenant, &name, AGENT_TTL_SECONDS).await?.fresh {
            return Ok(Some(agent.as_ref().clone()));
        }
        let hits = self.litmos.search_users(acct, who).await?;
        let Some(user) = hits.into_iter().find(|u| u.is_exactly(who) && u.active) else { return Ok(None) };
        let agent = Agent { level: AccessLevel::parse(&user.access_level), user };
        cache::write_memo(self.cache, self.memo, self.clock, tenant, &name, &agent, AGENT_TTL_SECONDS).await;
        Ok(Some(agent))
    }

    /// Every course of the account. A stale cache still answers when Litmos fails.
    /// One container at a time refreshes it (a lease in the table): the others serve
    /// the previous catalog meanwhile, or, with none, wait for the refresh (bounded).
    pub async fn all(&self, tenant: &str, acct: &LitmosAccount) -> Result<Vec<Course>, Error> {
        let Lookup { fresh, stale } = cache::read_memo::<Vec<Course>>(self.cache, self.memo, self.clock, tenant, "catalog", self.catalog_ttl).await?;
        if let Some(c) = fresh {
            return Ok(c.as_ref().clone());
        }
        let owner = format!("{:016x}", rand::random::<u64>());
        let now = self.clock.now();
        let leased = self.cache.lease_refresh(tenant, "catalog", &owner, now, now + REFRESH_LEASE_SECONDS).await.unwrap_or_else(|e| {
            tracing::warn!(error = %e, "catalog refresh lease not readable; refreshing here");
            true
        });
        if !leased {
            if let Some(c) = stale {
                return Ok(c.as_ref().clone());
            }
            for _ in 0..REFRESH_WAIT_STEPS {
                tokio::time::sleep(REFRESH_WAIT_STEP).await;
                if let Some(c) = cache::read_memo::<Vec<Course>>(self.cache, self.memo, self.clock, tenant, "catalog", self.catalog_ttl).await?.fresh {
                    return Ok(c.as_ref().clone());
                }
            }
            tracing::warn!("the catalog refresh of another container did not finish in time; refreshing here");
        }
        let refreshed = self.litmos.list_courses(acct).await;
        if let Ok(courses) = &refreshed {
            cache::write_memo(self.cache, self.memo, self.clock, tenant, "catalog", courses, self.catalog_ttl).await;
        }
        if leased && let Err(e) = self.cache.end_refresh(tenant, "catalog", &owner).await {
            tracing::warn!(error = %e, "could not end the catalog refresh lease; it expires");
        }
        match refreshed {
            Ok(courses) => Ok(courses),
            Err(e) => match stale {
                Some(c) => {
                    tracing::warn!(error = %e, "litmos catalog refresh failed; serving the previous catalog");
                    Ok(c.as_ref().clone())
                }
                None => Err(e.into()),
            },
        }
    }

    /// Courses of the teams this user leads: of their first `MAX_LED_TEAMS` teams, read
    /// `TEAM_READS_AT_ONCE` at a time (each call counted against the tenant's Litmos
    /// budget like any other), with how many teams were left out.
    async fn led_team_courses(&self, tenant: &str, acct: &LitmosAccount, user_id: &str) -> Result<LedCourses, Error> {
        use futures_util::stream::{self, StreamExt, TryStreamExt};
        let name = format!("leader#{user_id}");
        if let Some(c) = cache::read_memo::<LedCourses>(self.cache, self.memo, self.clock, tenant, &name, self.catalog_ttl).await?.fresh {
            return Ok(c.as_ref().clone());
        }
        let teams = self.litmos.user_teams(acct, user_id).await?;
        let left_out = teams.len().saturating_sub(MAX_LED_TEAMS);
        let per_team: Vec<Vec<Course>> = stream::iter(teams.into_iter().take(MAX_LED_TEAMS))
            .map(|team| async move {
                let leaders = self.litmos.team_leaders(acct, &team.id).await?;
                if !leaders.iter().any(|l| l.id == user_id) {
                    return Ok(Vec::new());
                }
                self.litmos.team_courses(acct, &team.id).await
            })
            .buffered(TEAM_READS_AT_ONCE)
            .try_collect()
            .await?;
        let mut courses: Vec<Course> = Vec::new();
        for c in per_team.into_iter().flatten() {
            if !courses.iter().any(|k| k.id == c.id) {
                courses.push(c);
            }
        }
        if left_out > 0 {
            tracing::warn!(tenant, left_out, "team leader in more teams than are read; the rest left out");
        }
        let led = LedCourses { courses, left_out_teams: left_out };
        cache::write_memo(self.cache, self.memo, self.clock, tenant, &name, &led, self.catalog_ttl).await;
        Ok(led)
    }

    /// The active courses this agent may assign: all for Account Owners and
    /// Administrators, their teams' for Team Leaders, none for Learners.
    pub async fn assignable(&self, tenant: &str, acct: &LitmosAccount, agent: &Agent) -> Result<Vec<Course>, Error> {
        Ok(self.assignable_with_notice(tenant, acct, agent).await?.0)
    }

    /// `assignable`, and what was left out when a Team Leader is in more teams than
    /// are read (for the course list to say).
    pub async fn assignable_with_notice(&self, tenant: &str, acct: &LitmosAccount, agent: &Agent) -> Result<(Vec<Course>, Option<String>), Error> {
        let (courses, notice) = match agent.level {
            Some(AccessLevel::AccountOwner | AccessLevel::Administrator) => (self.all(tenant, acct).await?, None),
            Some(AccessLevel::TeamLeader) => {
                let led = self.led_team_courses(tenant, acct, &agent.user.id).await?;
                let notice = (led.left_out_teams > 0).then(|| {
                    format!(
                        "Only the courses of your first {MAX_LED_TEAMS} Litmos teams are listed; {} more teams were left out. Ask a Litmos Administrator to assign their courses.",
                        led.left_out_teams
                    )
                });
                (led.courses, notice)
            }
            Some(AccessLevel::Learner) | None => (Vec::new(), None),
        };
        Ok((courses.into_iter().filter(|c| c.active).collect(), notice))
    }
}

#[derive(Debug, Default)]
pub struct CourseQuery {
    pub search: Option<String>,
    pub name: Option<String>,
    pub code: Option<String>,
    pub sort: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CoursePage {
    pub items: Vec<Course>,
    pub total: usize,
    pub limit: usize,
    pub offset: usize,
    /// Set when the list leaves something out (a Team Leader in more teams than are read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

/// How many of a Team Leader's teams are read for the course list, and how many at once:
/// a leader of many teams costs at most `1 + 2 * MAX_LED_TEAMS` Litmos calls.
pub const MAX_LED_TEAMS: usize = 20;
const TEAM_READS_AT_ONCE: usize = 4;

/// A Team Leader's courses as cached, with how many of their teams were not read.
#[derive(Clone, Debug, Default, Serialize, serde::Deserialize)]
pub struct LedCourses {
    pub courses: Vec<Course>,
    pub left_out_teams: usize,
}

/// The most courses one catalog page holds: 5,000 courses are 5 requests.
pub const CATALOG_PAGE_MAX: usize = 1_000;

/// One page of the whole catalog, for the ServiceNow app's local course table.
#[derive(Debug, Serialize)]
pub struct CatalogPage {
    /// Changes exactly when a course is added, removed or changed.
    pub generation: String,
    pub total: usize,
    /// Active and inactive courses, in id order.
    pub items: Vec<Course>,
    pub next_cursor: Option<String>,
}

/// A hash of what the app keeps of each course: equal catalogs have equal generations.
pub fn catalog_generation(sorted: &[Course]) -> String {
    let mut h = Sha256::new();
    for c in sorted {
        for field in [c.id.as_str(), c.code.as_str(), c.name.as_str(), c.description.as_str(), if c.active { "1" } else { "0" }] {
            h.update((field.len() as u64).to_le_bytes());
            h.update(field.as_bytes());
        }
    }
    hex::encode(&h.finalize()[..16])
}

/// The catalog in id order, `limit` (1..=1000, default 1000) at a time after `cursor`
/// (`<generation>.<last id, hex>`). A cursor of another generation is a 409: the app
/// starts again, so it never mixes two catalogs.
pub fn catalog_page(mut courses: Vec<Course>, cursor: Option<&str>, limit: Option<&str>) -> Result<CatalogPage, Error> {
    let limit = number("limit", limit, CATALOG_PAGE_MAX, 1, CATALOG_PAGE_MAX)?;
    courses.sort_by(|a, b| a.id.cmp(&b.id));
    let generation = catalog_generation(&courses);
    let after = match cursor.filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => {
            let bad = || Error::invalid("cursor", "is not a cursor this catalog gave out");
            let (gen_, last) = c.split_once('.').ok_or_else(bad)?;
            let last = hex::decode(last).ok().and_then(|b| String::from_utf8(b).ok()).ok_or_else(bad)?;
            if gen_ != generation {
                return Err(Error::Conflict("The Litmos catalog changed while it was read; read it again from the start (no cursor).".into()));
            }
            Some(last)
        }
    };
    let total = courses.len();
    let start = after.as_deref().map_or(0, |last| courses.partition_point(|c| c.id.as_str() <= last));
    let items: Vec<Course> = courses.into_iter().skip(start).take(limit).collect();
    let next_cursor = (start + items.len() < total).then(|| format!("{generation}.{}", hex::encode(&items.last().expect("a page before the end").id)));
    Ok(CatalogPage { generation, total, items, next_cursor })
}

/// Which courses an agent may assign, for the app to filter its local course table.
#[derive(Debug, Serialize)]
pub struct AssignableView {
    pub access_level: Option<AccessLevel>,
    /// Every active course (Account Owners and Administrators): `course_ids` is empty.
    pub all: bool,
    pub course_ids: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

impl Catalog<'_> {
    pub async fn assignable_view(&self, tenant: &str, acct: &LitmosAccount, agent: &Agent) -> Result<AssignableView, Error> {
        if agent.level.is_some_and(AccessLevel::may_assign) {
            return Ok(AssignableView { access_level: agent.level, all: true, course_ids: Vec::new(), notice: None });
        }
        let (courses, notice) = self.assignable_with_notice(tenant, acct, agent).await?;
        let mut course_ids: Vec<String> = courses.into_iter().map(|c| c.id).collect();
        course_ids.sort();
        Ok(AssignableView { access_level: agent.level, all: false, course_ids, notice })
    }
}

fn number(field: &str, raw: Option<&str>, default: usize, min: usize, max: usize) -> Result<usize, Error> {
    match raw {
        None => Ok(default),
        Some(v) => v.trim().parse::<usize>().ok().filter(|n| (min..=max).contains(n)).ok_or_else(|| Error::invalid(field, format!("must be a whole number from {min} to {max}"))),
    }
}

fn needle(field: &str, raw: Option<&str>) -> Result<Option<String>, Error> {
    raw.filter(|s| !s.trim().is_empty()).map(|s| validate::text(field, s, 1, 200).map(|s| s.to_lowercase())).transpose()
}

/// A course-list query, checked once before anything is read.
#[derive(Debug)]
pub struct Paging {
    limit: usize,
    offset: usize,
    search: Option<String>,
    name: Option<String>,
    code: Option<String>,
    by_code: bool,
    descending: bool,
}

impl CourseQuery {
    pub fn parse(&self) -> Result<Paging, Error> {
        let (by_code, descending) = match self.sort.as_deref().unwrap_or("name") {
            "name" => (false, false),
            "-name" => (false, true),
            "code" => (true, false),
            "-code" => (true, true),
            _ => return Err(Error::invalid("sort", "must be one of name, -name, code, -code")),
        };
        Ok(Paging {
            limit: number("limit", self.limit.as_deref(), DEFAULT_LIMIT, 1, MAX_LIMIT)?,
            offset: number("offset", self.offset.as_deref(), 0, 0, 1_000_000)?,
            search: needle("search", self.search.as_deref())?,
            name: needle("name", self.name.as_deref())?,
            code: needle("code", self.code.as_deref())?,
            by_code,
            descending,
        })
    }
}

/// Filters, sorts and pages in memory: about 1.3 ms for a 5,000-course catalog in a
/// release build (see `make bench`).
pub fn page(courses: Vec<Course>, p: &Paging) -> CoursePage {
    let contains = |hay: &str, n: &str| hay.to_lowercase().contains(n);
    let mut hits: Vec<Course> = courses
        .into_iter()
        .filter(|c| p.search.as_deref().is_none_or(|s| contains(&c.name, s) || contains(&c.code, s) || contains(&c.description, s)))
        .filter(|c| p.name.as_deref().is_none_or(|n| contains(&c.name, n)))
        .filter(|c| p.code.as_deref().is_none_or(|n| contains(&c.code, n)))
        .collect();
    let cmp = |a: &Course, b: &Course| -> Ordering {
        let (x, y) = if p.by_code { (&a.code, &b.code) } else { (&a.name, &b.name) };
        x.to_lowercase().cmp(&y.to_lowercase()).then_with(|| a.id.cmp(&b.id))
    };
    hits.sort_by(|a, b| if p.descending { cmp(b, a) } else { cmp(a, b) });
    let total = hits.len();
    let items = hits.into_iter().skip(p.offset).take(p.limit).collect();
    CoursePage { items, total, limit: p.limit, offset: p.offset, notice: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course(i: usize, name: &str, code: &str) -> Course {
        Course { id: format!("c{i}"), code: code.into(), name: name.into(), description: format!("about {name}"), active: true }
    }

    #[test]
    fn the_catalog_pages_in_id_order_and_a_changed_catalog_restarts() {
        let all: Vec<Course> = (0..2_500).rev().map(|i| Course { active: i % 7 != 0, ..course(i, &format!("Course {i}"), "C") }).collect();
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        let mut requests = 0;
        loop {
            let page = catalog_page(all.clone(), cursor.as_deref(), None).unwrap();
            requests += 1;
            assert_eq!(page.total, 2_500);
            seen.extend(page.items.iter().map(|c| c.id.clone()));
            match page.next_cursor {
                Some(c) => cursor = Some(c),
                None => break,
            }
        }
        assert_eq!(requests, 3, "1,000 a page");
        let mut expected: Vec<String> = all.iter().map(|c| c.id.clone()).collect();
        expected.sort();
        assert_eq!(seen, expected, "every course once, inactive ones too, in id order");
        let first = catalog_page(all.clone(), None, Some("10")).unwrap();
        let mut changed = all.clone();
        changed[0].name = "Renamed".into();
        assert_ne!(catalog_page(changed.clone(), None, Some("1")).unwrap().generation, first.generation);
        assert!(matches!(catalog_page(changed, first.next_cursor.as_deref(), None), Err(Error::Conflict(_))));
        assert_eq!(catalog_page(all.clone(), None, None).unwrap().generation, first.generation, "the same catalog, the same generation");
        for bad in ["nodot", "abc.zz"] {
            assert!(matches!(catalog_page(all.clone(), Some(bad), None), Err(Error::Invalid { .. })), "{bad}");
        }
        assert!(matches!(catalog_page(all, None, Some("1001")), Err(Error::Invalid { .. })));
    }

    fn sample() -> Vec<Course> {
        vec![course(1, "Password Reset", "SUP002"), course(2, "billing basics", "SUP010"), course(3, "Advanced Billing", "FIN001")]
    }

    fn names(p: &CoursePage) -> Vec<&str> {
        p.items.iter().map(|i| i.name.as_str()).collect()
    }

    #[test]
    fn sorts_case_insensitively_both_ways() {
        let p = page(sample(), &CourseQuery::default().parse().unwrap());
        assert_eq!(names(&p), ["Advanced Billing", "billing basics", "Password Reset"]);
        let p = page(sample(), &CourseQuery { sort: Some("-code".into()), ..Default::default() }.parse().unwrap());
        assert_eq!(names(&p), ["billing basics", "Password Reset", "Advanced Billing"]);
    }

    #[test]
    fn search_spans_name_code_and_description_while_columns_filter_one() {
        let q = |s: &str| CourseQuery { search: Some(s.into()), ..Default::default() };
        assert_eq!(page(sample(), &q("BILLING").parse().unwrap()).total, 2);
        assert_eq!(page(sample(), &q("fin0").parse().unwrap()).total, 1);
        assert_eq!(page(sample(), &q("about password").parse().unwrap()).total, 1);
        let p = page(sample(), &CourseQuery { name: Some("bill".into()), code: Some("sup".into()), ..Default::default() }.parse().unwrap());
        assert_eq!(names(&p), ["billing basics"]);
    }

    #[test]
    fn pages_report_the_total() {
        let many: Vec<Course> = (0..45).map(|i| course(i, &format!("Course {i:02}"), "X")).collect();
        let p = page(many, &CourseQuery { limit: Some("20".into()), offset: Some("40".into()), ..Default::default() }.parse().unwrap());
        assert_eq!((p.total, p.items.len(), p.limit, p.offset), (45, 5, 20, 40));
    }

    #[test]
    fn bad_parameters_name_themselves() {
        for (q, field) in [
            (CourseQuery { limit: Some("0".into()), ..Default::default() }, "limit"),
            (CourseQuery { limit: Some("101".into()), ..Default::default() }, "limit"),
            (CourseQuery { offset: Some("-1".into()), ..Default::default() }, "offset"),
            (CourseQuery { sort: Some("date".into()), ..Default::default() }, "sort"),
            (CourseQuery { search: Some("x".repeat(201)), ..Default::default() }, "search"),
        ] {
            match q.parse() {
                Err(Error::Invalid { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
    }

    #[test]
    fn agent_cache_names_hide_the_address() {
        let n = agent_cache_name("Admin@PieShop.net");
        assert!(!n.contains("pieshop"));
        assert_eq!(n, agent_cache_name("admin@pieshop.net"));
    }
}
