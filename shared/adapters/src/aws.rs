//! One SDK configuration for every client: region and endpoint from the standard AWS
//! variables (`AWS_ENDPOINT_URL` points at moto locally), and a timeout budget that ends
//! well inside the Lambda timeout so a hung store answers 503, not a Lambda timeout.

use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::connector_metadata::ConnectorMetadata;
use aws_smithy_runtime_api::client::http::{HttpClient, HttpConnectorSettings, SharedHttpClient, SharedHttpConnector};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;

pub async fn sdk_config() -> aws_config::SdkConfig {
    let timeouts = TimeoutConfig::builder().connect_timeout(Duration::from_secs(2)).operation_attempt_timeout(Duration::from_secs(3)).operation_timeout(Duration::from_secs(8)).build();
    // Lambda hands the role's credentials and the region over as environment variables:
    // read exactly those, not the default provider chains and profile files, which took
    // a good part of a cold start's init. Anywhere else, the default chains.
    if let (Ok(region), Ok(_)) = (std::env::var("AWS_REGION"), std::env::var("AWS_ACCESS_KEY_ID")) {
        let mut config = aws_config::SdkConfig::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(aws_config::Region::new(region))
            .credentials_provider(aws_sdk_dynamodb::config::SharedCredentialsProvider::new(aws_config::environment::EnvironmentVariableCredentialsProvider::new()))
            .http_client(https_client())
            .timeout_config(timeouts)
            .retry_config(retry_config());
        if let Ok(endpoint) = std::env::var("AWS_ENDPOINT_URL") {
            config = config.endpoint_url(endpoint);
        }
        return config.build();
    }
    aws_config::defaults(BehaviorVersion::latest()).http_client(https_client()).timeout_config(timeouts).retry_config(retry_config()).load().await
}

/// Throttling and 5xx are retried (3 attempts, exponential backoff); conditional-check
/// failures and validation errors are not.
pub fn retry_config() -> RetryConfig {
    RetryConfig::standard().with_max_attempts(3)
}

/// The SDK's own HTTPS client (rustls, aws-lc), trusting Amazon Trust Services' roots
/// (and Starfield's, which cross-signs them), compiled into the binary: every AWS
/// service endpoint chains to them. Loading the system's store instead (every file
/// under /etc/ssl/certs) was most of a cold start's init: five roots, not 150.
pub fn https_client() -> SharedHttpClient {
    use aws_smithy_http_client::{Builder, tls};
    let trust = tls::TrustStore::empty().with_native_roots(false).with_pem_certificate(AWS_ROOTS_PEM.as_bytes());
    let context = tls::TlsContext::builder().with_trust_store(trust).build().expect("a TLS context from compiled-in roots");
    let client = Builder::new().tls_provider(tls::Provider::Rustls(tls::rustls_provider::CryptoMode::AwsLc)).tls_context(context).build_https();
    SharedHttpClient::new(NoThrowawayConnector(client))
}

/// The SDK's client as it is, less one step: when an SDK client is made, the SDK builds
/// a TLS connector and drops it ("so that native certs load at client initialization
/// time"); the first request builds the one it keeps. With the roots compiled in there
/// is nothing to load early, so that first build was spent for nothing: about 50 us of
/// every cold start's init (measured). The connection warm-up at init
/// (`LITMOS_INIT_WARMUP`, on by default) builds the connector that is kept.
#[derive(Debug)]
struct NoThrowawayConnector(SharedHttpClient);

impl HttpClient for NoThrowawayConnector {
    fn http_connector(&self, settings: &HttpConnectorSettings, components: &RuntimeComponents) -> SharedHttpConnector {
        self.0.http_connector(settings, components)
    }

    fn validate_final_config(&self, components: &RuntimeComponents, cfg: &ConfigBag) -> Result<(), BoxError> {
        self.0.validate_final_config(components, cfg)
    }

    fn connector_metadata(&self) -> Option<ConnectorMetadata> {
        self.0.connector_metadata()
    }
}

/// Those roots as one PEM bundle, taken from Mozilla's set (webpki-root-certs) when the
/// file is written (a test checks it still matches: `UPDATE_AWS_ROOTS=1 cargo test -p
/// litmos-adapters aws::` rewrites it). Picking them out of the 150 at start-up took
/// about a millisecond of every cold start.
const AWS_ROOTS_PEM: &str = include_str!("aws-roots.pem");

#[cfg(test)]
mod tests {
    use super::*;

    /// The roots AWS endpoints chain to, from Mozilla's set: a root is self-signed, so its
    /// subject's common name appears in its DER.
    fn aws_roots() -> impl Iterator<Item = &'static [u8]> {
        const NAMES: [&[u8]; 2] = [b"Amazon Root CA ", b"Starfield Services Root Certificate Authority - G2"];
        webpki_root_certs::TLS_SERVER_ROOT_CERTS.iter().map(|c| c.as_ref()).filter(|der| NAMES.iter().any(|n| der.windows(n.len()).any(|w| w == *n)))
    }

    fn roots_pem() -> String {
        let mut pem = String::new();
        for der in aws_roots() {
            pem.push_str("-----BEGIN CERTIFICATE-----\n");
            let b64 = aws_smithy_types::base64::encode(der);
            for line in b64.as_bytes().chunks(64) {
                pem.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
                pem.push('\n');
            }
            pem.push_str("-----END CERTIFICATE-----\n");
        }
        pem
    }

    #[test]
    fn the_compiled_in_bundle_holds_exactly_mozillas_aws_roots() {
        if std::env::var_os("UPDATE_AWS_ROOTS").is_some() {
            std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/src/aws-roots.pem"), roots_pem()).unwrap();
            return;
        }
        let blocks: Vec<Vec<u8>> =
            AWS_ROOTS_PEM.split("-----BEGIN CERTIFICATE-----\n").skip(1).map(|b| aws_smithy_types::base64::decode(b.split("-----END").next().unwrap().replace('\n', "")).unwrap()).collect();
        let roots: Vec<&[u8]> = aws_roots().collect();
        assert_eq!(roots.len(), 5, "Amazon Root CA 1 to 4 and Starfield Services Root G2");
        assert_eq!(blocks.iter().map(Vec::as_slice).collect::<Vec<_>>(), roots, "src/aws-roots.pem differs from webpki-root-certs: UPDATE_AWS_ROOTS=1 cargo test -p litmos-adapters aws:: rewrites it");
    }

    /// The client speaks TLS with those roots: a request to a local listener opens with
    /// a TLS ClientHello (record type 0x16).
    #[tokio::test]
    async fn the_sdk_client_trusts_the_compiled_in_roots_and_speaks_tls() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let hello = tokio::spawn(async move {
            use tokio::io::AsyncReadExt;
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut first = [0u8; 1];
            socket.read_exact(&mut first).await.unwrap();
            first[0]
        });
        let config = aws_sdk_dynamodb::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(aws_sdk_dynamodb::config::Region::new("us-east-1"))
            .credentials_provider(aws_sdk_dynamodb::config::Credentials::new("a", "b", None, None, "test"))
            .endpoint_url(format!("https://127.0.0.1:{port}"))
            .http_client(https_client())
            .timeout_config(TimeoutConfig::builder().operation_timeout(Duration::from_secs(2)).build())
            .retry_config(RetryConfig::disabled())
            .build();
        let out = aws_sdk_dynamodb::Client::from_conf(config).list_tables().send().await;
        assert!(out.is_err(), "nothing answers TLS there");
        assert_eq!(hello.await.unwrap(), 0x16, "a TLS handshake record");
    }
}
