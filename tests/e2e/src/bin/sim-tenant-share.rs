//! `make bench`: the front-door model of issue 19.2 (e2e::share_sim), printed. A quiet
//! tenant (5 requests a second) alone and beside a noisy tenant sending 10x its share
//! plus junk keys from one address, in front of today's door (the stage throttle) and
//! behind the edge (WAF per key and per address). Simulated time: no sockets, runs in
//! about a second.

use e2e::share_sim::{Setup, run, today, with_edge};

fn main() {
    println!("sim-tenant-share: 600 simulated seconds each, quiet tenant 5 rps; noisy 100 rps (10x a 10 rps share) + junk keys 200 rps from one address");
    println!("{:<34} {:>8} {:>8} {:>10} {:>12} {:>12}", "front door / load", "p50 ms", "p99 ms", "failed", "noisy served", "junk served");
    for seed in [7, 11, 13] {
        for (name, setup) in [
            ("today, quiet alone", today(seed)),
            ("today, with noisy + junk", Setup { noisy_rps: 100.0, junk_rps: 200.0, ..today(seed) }),
            ("edge, quiet alone", with_edge(seed)),
            ("edge, with noisy + junk", Setup { noisy_rps: 100.0, junk_rps: 200.0, ..with_edge(seed) }),
        ] {
            let o = run(&setup);
            println!("{:<34} {:>8} {:>8} {:>10} {:>12} {:>12}", format!("{name} (seed {seed})"), o.p(0.5), o.p(0.99), o.quiet_failed, o.noisy_served, o.junk_served);
        }
    }
}
