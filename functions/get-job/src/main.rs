#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    litmos_api::run(litmos_api::jobs::get_job).await
}
