//! A model of the API's front door under one noisy tenant and junk keys (issue 19.2),
//! in simulated time (deterministic, no sockets): clients send at Poisson rates and
//! retry a 429 as the ServiceNow app does; the edge is AWS WAF's rate-based rules (one
//! count per `Authorization` value and one per client address over 60 s, re-judged every
//! `waf_eval_ms`: WAF acts on counts with a delay, modelled here); behind it the HTTP
//! API stage's token bucket and a fixed pool of Lambda executions (a full pool is a 429,
//! as Lambda throttles). What it shows is what the design promises if those parts behave
//! as documented; `make bench` prints it (`sim-tenant-share`).

use std::collections::{BTreeMap, HashMap, VecDeque};

#[derive(Clone, Debug)]
pub struct Setup {
    pub seconds: u64,
    /// Requests a second of the quiet tenant, the noisy tenant, and junk (random keys
    /// from one address).
    pub quiet_rps: f64,
    pub noisy_rps: f64,
    pub junk_rps: f64,
    /// The edge: `None` is today's front door (the stage throttle only).
    pub edge: Option<Edge>,
    pub stage_rps: f64,
    pub stage_burst: f64,
    pub concurrency: usize,
    pub seed: u64,
}

#[derive(Clone, Debug)]
pub struct Edge {
    pub key_per_minute: u32,
    pub address_per_minute: u32,
    pub waf_eval_ms: u64,
}

#[derive(Debug, Default)]
pub struct Outcome {
    /// The quiet tenant's time from first send to an answer that is not a 429 (ms).
    pub quiet_latencies: Vec<u64>,
    /// Quiet requests still refused after their last retry.
    pub quiet_failed: usize,
    /// Quiet requests the edge refused at least once.
    pub quiet_blocked_by_edge: usize,
    pub noisy_served: usize,
    pub junk_served: usize,
}

impl Outcome {
    pub fn p(&self, q: f64) -> u64 {
        let mut v = self.quiet_latencies.clone();
        v.sort_unstable();
        if v.is_empty() {
            return 0;
        }
        v[((v.len() as f64 * q).ceil() as usize).clamp(1, v.len()) - 1]
    }
}

/// xorshift64*: the model needs repeatable randomness only.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
    fn exp_ms(&mut self, per_second: f64) -> u64 {
        (-(1.0 - self.next()).ln() / per_second * 1000.0).round().max(0.0) as u64
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Quiet,
    Noisy,
    Junk,
}

/// The ServiceNow app's retry of a 429: 3 attempts, waiting 1 s then 2 s.
const RETRY_WAITS_MS: [u64; 2] = [1_000, 2_000];

pub fn run(s: &Setup) -> Outcome {
    let mut rng = Rng(s.seed | 1);
    let end = s.seconds * 1000;
    // (time, sequence) -> (who, request id, attempt, first sent, key)
    let mut events: BTreeMap<(u64, u64), (Who, u64, usize, u64, String)> = BTreeMap::new();
    let mut seq = 0u64;
    let mut push = |events: &mut BTreeMap<(u64, u64), _>, t: u64, v| {
        seq += 1;
        events.insert((t, seq), v);
    };
    for (who, rps) in [(Who::Quiet, s.quiet_rps), (Who::Noisy, s.noisy_rps), (Who::Junk, s.junk_rps)] {
        if rps <= 0.0 {
            continue;
        }
        let mut t = rng.exp_ms(rps);
        let mut n = 0u64;
        while t < end {
            let key = match who {
                Who::Quiet => "quiet".to_string(),
                Who::Noisy => "noisy".to_string(),
                Who::Junk => format!("junk-{}", (rng.next() * 1e12) as u64),
            };
            push(&mut events, t, (who, n, 0, t, key));
            n += 1;
            t += rng.exp_ms(rps).max(1);
        }
    }
    let address = |who: Who| match who {
        Who::Quiet => "10.0.0.1",
        Who::Noisy => "10.0.0.2",
        Who::Junk => "10.0.0.3",
    };
    let mut out = Outcome::default();
    let mut blocked_quiet: std::collections::HashSet<u64> = Default::default();
    // The edge's trailing counts, and what it blocks until its next judgement.
    let mut seen: VecDeque<(u64, String, &'static str)> = VecDeque::new();
    let mut key_counts: HashMap<String, u32> = HashMap::new();
    let mut addr_counts: HashMap<&'static str, u32> = HashMap::new();
    let mut blocked_keys: std::collections::HashSet<String> = Default::default();
    let mut blocked_addrs: std::collections::HashSet<&'static str> = Default::default();
    let mut next_eval = 0u64;
    let (mut tokens, mut last_refill) = (s.stage_burst, 0u64);
    let mut busy_until: Vec<u64> = vec![0; s.concurrency];
    while let Some(((now, _), (who, id, attempt, first, key))) = events.pop_first() {
        let addr = address(who);
        let mut refused = false;
        if let Some(edge) = &s.edge {
            while seen.front().is_some_and(|(t, _, _)| *t + 60_000 <= now) {
                let (_, k, a) = seen.pop_front().expect("front");
                *key_counts.get_mut(&k).expect("counted") -= 1;
                *addr_counts.get_mut(a).expect("counted") -= 1;
            }
            if now >= next_eval {
                blocked_keys = key_counts.iter().filter(|(_, c)| **c > edge.key_per_minute).map(|(k, _)| k.clone()).collect();
                blocked_addrs = addr_counts.iter().filter(|(_, c)| **c > edge.address_per_minute).map(|(a, _)| *a).collect();
                next_eval = now - now % edge.waf_eval_ms + edge.waf_eval_ms;
            }
            seen.push_back((now, key.clone(), addr));
            *key_counts.entry(key.clone()).or_default() += 1;
            *addr_counts.entry(addr).or_default() += 1;
            if blocked_keys.contains(&key) || blocked_addrs.contains(addr) {
                refused = true;
                if who == Who::Quiet {
                    blocked_quiet.insert(id);
                }
            }
        }
        if !refused {
            tokens = (tokens + (now - last_refill) as f64 * s.stage_rps / 1000.0).min(s.stage_burst);
            last_refill = now;
            if tokens >= 1.0 {
                tokens -= 1.0;
            } else {
                refused = true;
            }
        }
        let mut done_at = now;
        if !refused {
            // Junk is refused by the key's checksum before any store read: a few ms.
            let service = if who == Who::Junk { 3 } else { 40 + rng.exp_ms(1000.0 / 20.0) };
            match busy_until.iter_mut().find(|b| **b <= now) {
                Some(slot) => {
                    *slot = now + service;
                    done_at = now + service;
                }
                None => refused = true,
            }
        }
        match (refused, who) {
            (false, Who::Quiet) => out.quiet_latencies.push(done_at - first),
            (false, Who::Noisy) => out.noisy_served += 1,
            (false, Who::Junk) => out.junk_served += 1,
            (true, Who::Quiet) if attempt < RETRY_WAITS_MS.len() => push(&mut events, now + RETRY_WAITS_MS[attempt], (who, id, attempt + 1, first, key)),
            (true, Who::Quiet) => out.quiet_failed += 1,
            // The noisy tenant and junk do not back off.
            (true, _) => {}
        }
    }
    out.quiet_blocked_by_edge = blocked_quiet.len();
    out
}

/// Today's front door and the edge, both as the template sets them by default.
pub fn today(seed: u64) -> Setup {
    Setup { seconds: 600, quiet_rps: 5.0, noisy_rps: 0.0, junk_rps: 0.0, edge: None, stage_rps: 50.0, stage_burst: 100.0, concurrency: 100, seed }
}

pub fn with_edge(seed: u64) -> Setup {
    Setup { edge: Some(Edge { key_per_minute: 600, address_per_minute: 1200, waf_eval_ms: 10_000 }), stage_rps: 500.0, stage_burst: 1000.0, ..today(seed) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The noisy tenant sends 10x its share (600 a minute = 10 a second), junk keys
    /// 200 a second from one address.
    fn noisy(s: Setup) -> Setup {
        Setup { noisy_rps: 100.0, junk_rps: 200.0, ..s }
    }

    #[test]
    fn behind_the_edge_a_quiet_tenant_keeps_its_p99_while_another_sends_ten_times_its_share() {
        let quiet = run(&with_edge(7));
        let loud = run(&noisy(with_edge(7)));
        assert_eq!((loud.quiet_failed, loud.quiet_blocked_by_edge), (0, 0), "junk and the noisy tenant never touch the quiet tenant's share");
        assert!(loud.p(0.99) as f64 <= 1.2 * quiet.p(0.99) as f64, "p99 {} vs {} quiet", loud.p(0.99), quiet.p(0.99));
        // WAF counts a key's blocked requests too: a key that keeps sending 10x its share
        // stays blocked (it gets its first minute's worth, then little).
        assert!(loud.noisy_served < 600 * 10, "the noisy tenant gets no more than its share: {}", loud.noisy_served);
        assert!(loud.junk_served < 1_200 * 10 + 4_000, "junk gets one address's share: {}", loud.junk_served);
    }

    #[test]
    fn without_the_edge_the_same_load_hurts_the_quiet_tenant() {
        let quiet = run(&today(7));
        let loud = run(&noisy(today(7)));
        assert!(loud.quiet_failed > 0 || loud.p(0.99) as f64 > 1.2 * quiet.p(0.99) as f64, "{} failed, p99 {} vs {}", loud.quiet_failed, loud.p(0.99), quiet.p(0.99));
    }
}
