use lambda_http::{Body, Error, Request, Response, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_http::run(service_fn(|_req: Request| async { Ok::<_, Error>(Response::new(Body::from("hello"))) })).await
}
