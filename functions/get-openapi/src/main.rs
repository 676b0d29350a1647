#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    litmos_api::run_without_state(litmos_api::openapi::serve).await
}
