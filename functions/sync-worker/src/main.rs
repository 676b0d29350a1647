#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    litmos_api::run_sync_worker().await
}
