#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    litmos_api::run(litmos_api::start_links::open).await
}
