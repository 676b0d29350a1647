#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    litmos_api::run(litmos_api::admin::revoke_previous_keys).await
}
