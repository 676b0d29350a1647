#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    litmos_api::run_without_state(litmos_api::routes::method_not_allowed).await
}
