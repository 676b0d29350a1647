//! The local stack's coordinates, written by `infra/dev.sh` and exported by
//! `infra/test-e2e.sh`, and small HTTP helpers.
#![allow(dead_code)]

use std::time::Duration;

use serde_json::Value;

pub struct Stack {
    pub base: String,
    pub admin: String,
    pub demo_tenant: String,
    pub demo_key: String,
    pub double: String,
    pub auth_ttl: u64,
    pub http: reqwest::Client,
}

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run these tests with `make test` (infra/test-e2e.sh starts the stack)"))
}

pub fn stack() -> Stack {
    Stack {
        base: var("E2E_BASE_URL"),
        admin: var("E2E_ADMIN_TOKEN"),
        demo_tenant: var("E2E_DEMO_TENANT"),
        demo_key: var("E2E_DEMO_KEY"),
        double: var("E2E_DOUBLE_URL"),
        auth_ttl: var("E2E_AUTH_CACHE_TTL_SECONDS").parse().unwrap(),
        http: reqwest::Client::builder().timeout(Duration::from_secs(120)).build().unwrap(),
    }
}

pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub body: Value,
    pub text: String,
}

impl Stack {
    pub async fn call(&self, method: &str, path: &str, token: Option<&str>, body: Option<&str>) -> Reply {
        self.call_with(method, path, token, body, &[]).await
    }

    pub async fn call_with(&self, method: &str, path: &str, token: Option<&str>, body: Option<&str>, headers: &[(&str, &str)]) -> Reply {
        let mut req = self.http.request(method.parse().unwrap(), format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(b) = body {
            req = req.header("content-type", "application/json").body(b.to_string());
        }
        let resp = req.send().await.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = resp.status().as_u16();
        let content_type = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        let text = resp.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply { status, content_type, body, text }
    }

    pub async fn admin(&self, method: &str, path: &str, body: Option<&str>) -> Reply {
        self.call(method, path, Some(&self.admin.clone()), body).await
    }

    pub fn unique(&self, prefix: &str) -> String {
        let n: u64 = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
        format!("{prefix}-{:x}", n & 0xffff_ffff_ffff)
    }

    /// Waits out the auth cache so a revocation is visible on every warm function.
    pub async fn wait_auth_ttl(&self) {
        tokio::time::sleep(Duration::from_secs(self.auth_ttl + 1)).await;
    }

    pub async fn double_post(&self, path: &str, body: Value) {
        let r = self.http.post(format!("{}{path}", self.double)).json(&body).send().await.unwrap();
        assert!(r.status().is_success(), "double {path}: {}", r.status());
    }

    /// `["GET /v1.svc/users", ...]` seen by the Litmos double.
    pub async fn double_requests(&self) -> Vec<String> {
        self.http.get(format!("{}/_double/requests", self.double)).send().await.unwrap().json().await.unwrap()
    }
}
