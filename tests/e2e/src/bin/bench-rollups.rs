//! `make bench` (issue 19.3): the effectiveness report over a year for one tenant with
//! 10,000, 100,000 and 1,000,000 assignments, read from rollups, next to the report
//! computed from every record as before. The same 60 courses and 12 categories at each
//! size: at 10,000 a course has about one assignment every two days, so most of its day
//! items are absent; from 100,000 on nearly all are there.
//!
//! The rollups live in an in-memory port of the domain's `RollupStore`, kept by the same
//! domain function the DynamoDB store applies with `ADD` (`rollup::changes`); the report
//! is the domain's own `training::from_rollups`. The port counts what DynamoDB would
//! ship, as the DynamoDB store asks for it: its Queries (one per dimension and whole
//! month or run of a few part-month days, `rollup::reads`, projected on the cells the
//! window needs) and BatchGets (100 keys each), all of one phase at once, and the pages
//! of 1 MB the largest of them needs (DynamoDB fills a page before it projects). Checks
//! that both ways give the same report.
//!
//! Then the same reports go through the real `DynamoStore` and AWS SDK, reading the
//! items they need from a local DynamoDB double (`e2e::dynamo_wire`) whose answers are
//! prepared: the time a Lambda spends on its side of the report, checked equal again.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::json;

use async_trait::async_trait;
use e2e::dynamo_wire::PAGE;
use litmos_domain::model::TrainingStatus;
use litmos_domain::ports::{RollupStore, StoreError};
use litmos_domain::report::{self, Date, ReportQuery, ReportRow};
use litmos_domain::rollup::{self, Cells, FineKey, Period, Rollup};
use litmos_domain::time::Timestamp;

const T0: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z
const DAY: i64 = 86_400;
const RUNS: usize = 5;

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: i64) -> i64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as i64
    }
}

/// A year of assignments: 60 courses, 25 agents, 12 categories; half completed within
/// 30 days (scores on most), a fifth started; 40 % of callers back within 120 days.
fn rows(n: usize) -> Vec<ReportRow> {
    let mut g = Rng(0x9E37_79B9_7F4A_7C15);
    let mut rows: Vec<ReportRow> = (0..n)
        .map(|i| {
            let assigned_at = T0 + g.below(365 * DAY);
            let status = match g.below(10) {
                0..=2 => TrainingStatus::NotStarted,
                3..=4 => TrainingStatus::InProgress,
                _ => TrainingStatus::Completed,
            };
            let done = status == TrainingStatus::Completed;
            let course = g.below(60);
            ReportRow {
                course_id: format!("course-{course}"),
                course_name: format!("Course number {course}"),
                assigned_by: format!("agent{}@example.com", g.below(25)),
                category: Some(format!("category {}", g.below(12))),
                incident_sys_id: format!("{i:032x}"),
                assigned_at,
                status,
                completed_at: done.then(|| assigned_at + g.below(30 * DAY)),
                score: (done && g.below(5) != 0).then(|| 50.0 + g.below(101) as f64 / 2.0),
                next_incident_at: (g.below(10) < 4).then(|| assigned_at + 1 + g.below(120 * DAY)),
            }
        })
        .collect();
    rows.sort_by_key(|r| r.assigned_at);
    rows
}

/// (dimension, fine day or none, period, group key): coarse items of one dimension and
/// kind sort together by period, as the DynamoDB keys do.
type Key = (&'static str, Option<i64>, Period, String);
/// An item's name (courses) and cells.
type Item = (Option<(Timestamp, String)>, BTreeMap<String, i64>);

#[derive(Default)]
struct Reads {
    items: usize,
    bytes: usize,
    /// Pages of the largest request of each phase: what is waited for in sequence.
    pages: Vec<usize>,
    /// Bytes of the largest answer of each phase (its requests run at once).
    largest: Vec<usize>,
    /// Time the port spent on DynamoDB's side of the reads (finding items, projecting),
    /// which the time of the report leaves out.
    server: Duration,
}

/// The in-memory port: items as the store keeps them (cells added, a given name
/// overwriting), and what each report read.
#[derive(Default)]
struct Memory {
    items: BTreeMap<Key, Item>,
    /// Each item's size, worked out once after loading.
    sizes: BTreeMap<Key, usize>,
    reads: Mutex<Reads>,
    /// Every item a report read, to load into the DynamoDB double (and moto).
    touched: Mutex<std::collections::BTreeSet<Key>>,
}

impl Memory {
    fn apply(&mut self, rows: &[ReportRow]) {
        for r in rows {
            for c in rollup::changes(None, Some(r)) {
                let (label, cells) = self.items.entry((c.by, c.fine_days, c.period, c.key)).or_default();
                for (k, v) in c.cells {
                    *cells.entry(k).or_insert(0) += v;
                }
                if c.label.is_some() {
                    *label = c.label;
                }
            }
        }
        self.sizes = self.items.iter().map(|(k, (label, cells))| (k.clone(), item_bytes(k, label, cells))).collect();
    }

    fn take_reads(&self) -> Reads {
        std::mem::take(&mut *self.reads.lock().unwrap())
    }
}

/// A rollup item of tenant `t` as DynamoDB holds it: its key, its course name and its
/// cells (`_<cell>`).
fn wire_item(k: &Key, label: &Option<(Timestamp, String)>, cells: &BTreeMap<String, i64>) -> serde_json::Map<String, serde_json::Value> {
    let mut item = serde_json::Map::new();
    item.insert("pk".into(), json!({"S": "TENANT#t"}));
    item.insert("sk".into(), json!({"S": rollup_sk(k)}));
    if let Some((at, name)) = label {
        item.insert("label".into(), json!({"S": name}));
        item.insert("label_at".into(), json!({"N": at.to_string()}));
    }
    for (cell, v) in cells {
        item.insert(format!("_{cell}"), json!({"N": v.to_string()}));
    }
    item
}

/// DynamoDB's size of a rollup item, as the DynamoDB double counts it.
fn item_bytes(k: &Key, label: &Option<(Timestamp, String)>, cells: &BTreeMap<String, i64>) -> usize {
    e2e::dynamo_wire::size(&wire_item(k, label, cells))
}

/// The DynamoDB sort key of a rollup item.
fn rollup_sk(k: &Key) -> String {
    litmos_adapters::dynamo::rollup_sk(k.0, k.2, k.1, &k.3)
}

/// The cells as the store reads them from an item.
fn read(cells: &BTreeMap<String, i64>) -> Cells {
    let mut out = Cells::default();
    for (name, v) in cells {
        out.add(name, *v);
    }
    out
}

fn dim(by: &str) -> &'static str {
    rollup::DIMENSIONS.into_iter().find(|d| *d == by).expect("a dimension")
}

#[async_trait]
impl RollupStore for Memory {
    async fn rollups(&self, _tenant: &str, by: &[&str], from: Date, to: Date, only: &[String]) -> Result<Option<Vec<Rollup>>, StoreError> {
        // The store's Queries: one per dimension and read (a whole month, a month's whole
        // blocks, or a few days), projected on the cells asked for.
        let only: std::collections::HashSet<&str> = only.iter().map(String::as_str).collect();
        let mut out = Vec::new();
        let mut reads = self.reads.lock().unwrap();
        let (mut largest, mut answer) = (0, 0);
        for b in by {
            for (lo, hi) in rollup::reads(from, to) {
                let (mut bytes, mut evaluated) = (0, 0);
                for (k, (label, cells)) in self.items.range((dim(b), None, lo, String::new())..=(dim(b), None, hi, "\u{10FFFF}".to_string())) {
                    // DynamoDB fills a page of 1 MB with whole items, then projects.
                    let server = Instant::now();
                    evaluated += self.sizes[k];
                    let kept: BTreeMap<String, i64> = cells.iter().filter(|(name, _)| only.contains(name.as_str())).map(|(n, v)| (n.clone(), *v)).collect();
                    bytes += item_bytes(k, label, &kept);
                    reads.server += server.elapsed();
                    self.touched.lock().unwrap().insert(k.clone());
                    out.push(Rollup { by: b.to_string(), period: k.2, key: k.3.clone(), label: label.clone(), cells: read(&kept) });
                }
                reads.bytes += bytes;
                largest = largest.max(evaluated.div_ceil(PAGE).max(1));
                answer = answer.max(bytes);
            }
        }
        reads.items += out.len();
        reads.pages.push(largest);
        reads.largest.push(answer);
        Ok(Some(out))
    }

    async fn fine_rollups(&self, _tenant: &str, keys: &[FineKey]) -> Result<Vec<(FineKey, Cells)>, StoreError> {
        let mut reads = self.reads.lock().unwrap();
        let mut out = Vec::new();
        let (mut largest, mut answer) = (0, 0);
        for chunk in rollup::batches(keys, 100) {
            let mut bytes = 0;
            for k in chunk {
                let server = Instant::now();
                let key = (dim(&k.by), Some(k.days), k.period, k.key.clone());
                let found = self.items.get(&key);
                if found.is_some() {
                    bytes += self.sizes[&key];
                    self.touched.lock().unwrap().insert(key.clone());
                }
                reads.server += server.elapsed();
                if let Some((_, cells)) = found {
                    out.push(((*k).clone(), read(cells)));
                }
            }
            reads.bytes += bytes;
            largest = largest.max(bytes.div_ceil(PAGE).max(1));
            answer = answer.max(bytes);
        }
        reads.items += keys.len();
        reads.pages.push(largest);
        reads.largest.push(answer);
        Ok(out)
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// A report through the AWS SDK: its time, that of its coarse read alone, and what the
/// whole report asked for.
struct Wired {
    n: usize,
    what: &'static str,
    by: &'static str,
    time: Duration,
    coarse: Duration,
    requests: usize,
    bytes: usize,
}

struct Figures {
    items: usize,
    bytes: usize,
    pages: Vec<usize>,
    largest: Vec<usize>,
    time: Duration,
}

/// The items the reports read, as DynamoDB items of tenant `t` (and its ready `META`).
fn wire_items(memory: &Memory) -> e2e::dynamo_wire::Items {
    let mut items = e2e::dynamo_wire::Items::default();
    let mut meta = serde_json::Map::new();
    meta.insert("pk".into(), json!({"S": "TENANT#t"}));
    meta.insert("sk".into(), json!({"S": "META"}));
    meta.insert("rollups_ready".into(), json!({"BOOL": true}));
    items.put(meta);
    for k in memory.touched.lock().unwrap().iter() {
        let (label, cells) = &memory.items[k];
        items.put(wire_item(k, label, cells));
    }
    items
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // With BENCH_ROLLUPS_MOTO=1 and MOTO_ENDPOINT (`bash infra/with-moto.sh`), the same
    // reports are also read through the DynamoDB store from moto, the items they read
    // loaded there first: a check of the real store path at this size (it takes about 7
    // minutes; moto's time per attribute says nothing of DynamoDB's).
    let moto = match std::env::var("MOTO_ENDPOINT").ok().filter(|_| std::env::var("BENCH_ROLLUPS_MOTO").is_ok_and(|v| v == "1")) {
        Some(_) => {
            e2e::use_bench_moto();
            Some(e2e::bench_store("bench-rollups").await)
        }
        None => None,
    };
    let mut on_moto: Vec<(usize, &str, &str, Duration)> = Vec::new();
    let mut on_wire: Vec<Wired> = Vec::new();
    let ranges = [("2026-01-01", "2026-12-31", "a year of whole months"), ("2026-01-15", "2026-12-14", "a year from mid-month"), ("2026-11-15", "2026-12-14", "30 days from mid-month")];
    println!("effectiveness report, window 30 days; in-memory port, median of {RUNS} runs");
    println!(
        "{:>9} {:>22} {:>9} {:>13} {:>12} {:>11} {:>10} {:>14} {:>16} {:>12}",
        "assigns", "range", "group_by", "records read", "from records", "items read", "bytes", "pages waited", "largest answers", "from rollups"
    );
    let mut all: Vec<(usize, &str, &str, Figures)> = Vec::new();
    for n in [10_000, 100_000, 1_000_000] {
        let rows = rows(n);
        let started = Instant::now();
        let mut memory = Memory::default();
        memory.apply(&rows);
        eprintln!("{n} assignments rolled up into {} items in {:.1} s", memory.items.len(), started.elapsed().as_secs_f64());
        let largest = |fine: bool| memory.sizes.iter().filter(|(k, _)| k.1.is_some() == fine).max_by_key(|(_, b)| **b).map(|(k, b)| (rollup_sk(k), *b)).unwrap();
        let ((coarse_sk, coarse), (fine_sk, fine)) = (largest(false), largest(true));
        eprintln!("  largest items: coarse {:.1} kB ({coarse_sk}), fine {:.1} kB ({fine_sk}); DynamoDB's limit is 400 KB", coarse as f64 / 1e3, fine as f64 / 1e3);
        let mut exacts = Vec::new();
        for (from, to, what) in ranges {
            for by in ["course", "category"] {
                let q = ReportQuery::parse(Some(from), Some(to), Some(by), Some("30")).unwrap();
                let (start, end) = q.range();
                let in_range: Vec<ReportRow> = rows.iter().filter(|r| start <= r.assigned_at && r.assigned_at < end).cloned().collect();
                let exact = report::build(&q, &in_range);
                exacts.push(((what, by), exact.clone()));
                let rolled = litmos_domain::training::from_rollups(&memory, "t", &q).await.unwrap().unwrap();
                assert_eq!(rolled, exact, "{n} assignments, {what}, by {by}: the rollups give the records' report");
                let reads = memory.take_reads();
                let from_records = median(
                    (0..RUNS)
                        .map(|_| {
                            let t = Instant::now();
                            std::hint::black_box(report::build(&q, &in_range));
                            t.elapsed()
                        })
                        .collect(),
                );
                let mut times = Vec::new();
                for _ in 0..RUNS {
                    let t = Instant::now();
                    std::hint::black_box(litmos_domain::training::from_rollups(&memory, "t", &q).await.unwrap());
                    times.push(t.elapsed().saturating_sub(memory.take_reads().server));
                }
                let f = Figures { items: reads.items, bytes: reads.bytes, pages: reads.pages, largest: reads.largest, time: median(times) };
                println!(
                    "{n:>9} {what:>22} {by:>9} {:>13} {:>10.1}ms {:>11} {:>8}kB {:>14} {:>16} {:>10.1}ms",
                    in_range.len(),
                    from_records.as_secs_f64() * 1e3,
                    f.items,
                    f.bytes / 1_000,
                    f.pages.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(" + "),
                    f.largest.iter().map(|b| format!("{}kB", b.div_ceil(1_000))).collect::<Vec<_>>().join(" + "),
                    f.time.as_secs_f64() * 1e3
                );
                all.push((n, what, by, f));
            }
        }
        // The same reports through the real DynamoDB store and AWS SDK, from a local
        // DynamoDB double holding the items they read.
        let wire = e2e::dynamo_wire::Wire::start(wire_items(&memory)).await;
        let sdk_store = wire.store("bench");
        for (from, to, what) in ranges {
            for by in ["course", "category"] {
                let q = ReportQuery::parse(Some(from), Some(to), Some(by), Some("30")).unwrap();
                let exact = &exacts.iter().find(|(k, _)| *k == (what, by)).unwrap().1;
                let first = litmos_domain::training::from_rollups(&sdk_store, "t", &q).await.unwrap().unwrap();
                assert_eq!(&first, exact, "through the SDK, {n} assignments, {what}, by {by}");
                let served = wire.take_served();
                let mut times = Vec::new();
                for _ in 0..RUNS {
                    let t = Instant::now();
                    std::hint::black_box(litmos_domain::training::from_rollups(&sdk_store, "t", &q).await.unwrap());
                    times.push(t.elapsed());
                }
                // The coarse read alone: every figure but the medians (`plan`), without
                // the fine items' read that the exact medians need.
                let mut coarse = Vec::new();
                for _ in 0..RUNS {
                    let t = Instant::now();
                    let rollups = sdk_store.rollups("t", &[q.group_by.as_str(), rollup::ALL], q.from, q.to, &rollup::read_cells(q.window_days)).await.unwrap().unwrap();
                    std::hint::black_box(rollup::plan(&q, &rollups));
                    coarse.push(t.elapsed());
                }
                let again = wire.take_served();
                assert_eq!(again.2, 0, "the timed runs were answered from prepared answers");
                on_wire.push(Wired { n, what, by, time: median(times), coarse: median(coarse), requests: served.0, bytes: served.1 });
            }
        }
        if let Some(store) = &moto {
            let touched = memory.touched.lock().unwrap().clone();
            let items: Vec<rollup::RollupChange> = touched
                .iter()
                .map(|k| {
                    let (label, cells) = &memory.items[k];
                    rollup::RollupChange { by: k.0, period: k.2, fine_days: k.1, key: k.3.clone(), label: label.clone(), cells: cells.clone() }
                })
                .collect();
            let tenant = format!("bench-{n}");
            let t = Instant::now();
            store.import_rollups(&tenant, &items).await.unwrap();
            eprintln!("{} items the reports read loaded into moto in {:.1} s", items.len(), t.elapsed().as_secs_f64());
            for (from, to, what) in ranges {
                for by in ["course", "category"] {
                    let q = ReportQuery::parse(Some(from), Some(to), Some(by), Some("30")).unwrap();
                    let exact = &exacts.iter().find(|(k, _)| *k == (what, by)).unwrap().1;
                    let mut times = Vec::new();
                    for _ in 0..RUNS {
                        let t = Instant::now();
                        let r = litmos_domain::training::from_rollups(store, &tenant, &q).await.unwrap().unwrap();
                        times.push(t.elapsed());
                        assert_eq!(&r, exact, "moto, {n} assignments, {what}, by {by}");
                    }
                    on_moto.push((n, what, by, median(times)));
                }
            }
        }
    }
    println!();
    println!("the same reports through the DynamoDB store and the AWS SDK (HTTP, JSON) from a local DynamoDB double on 127.0.0.1, its answers prepared: the client's time, median of {RUNS} runs");
    println!("{:>9} {:>22} {:>9} {:>9} {:>12} {:>12} {:>16}", "assigns", "range", "group_by", "requests", "bytes", "time", "but the medians");
    for w in &on_wire {
        println!("{:>9} {:>22} {:>9} {:>9} {:>10}kB {:>10.1}ms {:>14.1}ms", w.n, w.what, w.by, w.requests, w.bytes / 1_000, w.time.as_secs_f64() * 1e3, w.coarse.as_secs_f64() * 1e3);
    }
    if !on_moto.is_empty() {
        println!();
        println!("the same reports through the DynamoDB store, from moto (median of {RUNS} runs):");
        for (what, by) in ranges.iter().flat_map(|(_, _, what)| ["course", "category"].map(|by| (*what, by))) {
            let pick = |n: usize| on_moto.iter().find(|a| a.0 == n && a.1 == what && a.2 == by).unwrap().3;
            let (small, large) = (pick(10_000), pick(1_000_000));
            println!(
                "{what}, by {by}: 10,000 assignments {:.1} ms, 1,000,000 assignments {:.1} ms: {:.2}x",
                small.as_secs_f64() * 1e3,
                large.as_secs_f64() * 1e3,
                large.as_secs_f64() / small.as_secs_f64()
            );
        }
    }
    let wired = |n: usize, what: &str, by: &str| on_wire.iter().find(|w| w.n == n && w.what == what && w.by == by).unwrap();
    println!();
    for (base, named) in [(10_000, "10,000"), (100_000, "100,000")] {
        for (_, what, by) in ranges.iter().flat_map(|(_, _, what)| ["course", "category"].map(|by| ((), *what, by))) {
            let pick = |n: usize| &all.iter().find(|a| a.0 == n && a.1 == what && a.2 == by).unwrap().3;
            let (small, large) = (pick(base), pick(1_000_000));
            println!(
                "{what}, by {by}: 1,000,000 against {named} assignments: {:.1}x the items, {:.1}x the bytes, round trips in sequence {} against {}, pages waited {} against {}, {:.1}x the largest answers, {:.1}x the time in the port, {:.1}x the time through the SDK ({:.1}x without the medians' read)",
                large.items as f64 / small.items as f64,
                large.bytes as f64 / small.bytes as f64,
                large.pages.len(),
                small.pages.len(),
                large.pages.iter().sum::<usize>(),
                small.pages.iter().sum::<usize>(),
                large.largest.iter().sum::<usize>() as f64 / small.largest.iter().sum::<usize>() as f64,
                large.time.as_secs_f64() / small.time.as_secs_f64(),
                wired(1_000_000, what, by).time.as_secs_f64() / wired(base, what, by).time.as_secs_f64(),
                wired(1_000_000, what, by).coarse.as_secs_f64() / wired(base, what, by).coarse.as_secs_f64(),
            );
        }
    }
}
