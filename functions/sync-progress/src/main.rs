#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    litmos_api::run_scheduled(|state| async move { litmos_api::outcomes::sync_all(&state).await }).await
}
