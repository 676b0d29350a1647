//! Tests live in tests/; the benches in src/bin share this.

pub mod share_sim;

/// Points the AWS SDK of this process at the moto `make bench` started (MOTO_ENDPOINT),
/// with dummy credentials, and returns its address.
pub fn use_bench_moto() -> String {
    let endpoint = std::env::var("MOTO_ENDPOINT").expect("MOTO_ENDPOINT: run `make bench`");
    // SAFETY: called first thing in main, before any thread reads the environment.
    unsafe {
        std::env::set_var("AWS_ENDPOINT_URL", &endpoint);
        std::env::set_var("AWS_REGION", "us-east-1");
        std::env::set_var("AWS_ACCESS_KEY_ID", "bench");
        std::env::set_var("AWS_SECRET_ACCESS_KEY", "bench");
    }
    endpoint
}
