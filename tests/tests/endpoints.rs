//! Endpoint rules in a real call, through generated/directory (models/directory.smithy, a
//! global service like IAM): the resolved host, the endpoint's headers and the signing region
//! of its `authSchemes`, over the loopback interface and through a recording transport; a
//! custom resolver; an auth scheme the client cannot honour.

use std::sync::{Arc, Mutex};

use directory::config::endpoint::{
    DefaultResolver, Endpoint, Params, ResolveEndpoint, ResolveEndpointError,
};
use directory::http::{BoxFuture, HttpClient, HttpRequest, HttpResponse, Timeouts, TransportError};
use tests::server::{Reply, Server};

fn builder() -> directory::config::ConfigBuilder {
    directory::Config::builder()
        .credentials(directory::config::Credentials::new("AKID", "SECRET", None))
        .retry_config(directory::config::RetryConfig::disabled())
        .ignore_environment()
}

/// The credential scope's region and service in an `Authorization` header.
fn scope(authorization: &str) -> (String, String) {
    let credential = authorization
        .split("Credential=")
        .nth(1)
        .and_then(|c| c.split(',').next())
        .unwrap_or_default();
    let parts: Vec<&str> = credential.split('/').collect();
    (parts[2].to_string(), parts[3].to_string())
}

/// Records each request and answers `{}`.
#[derive(Debug, Clone, Default)]
struct Recorder(Arc<Mutex<Vec<HttpRequest>>>);

impl HttpClient for Recorder {
    fn send(
        &self,
        request: HttpRequest,
        _t: Timeouts,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.0.lock().unwrap().push(request);
        Box::pin(async { Ok(HttpResponse::new(200, "{}")) })
    }
}

impl Recorder {
    fn last(&self) -> HttpRequest {
        self.0.lock().unwrap().pop().expect("a request was sent")
    }
}

fn header<'a>(request: &'a HttpRequest, name: &str) -> Option<&'a str> {
    request
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

#[test]
fn a_global_service_signs_for_its_partitions_global_region_over_loopback() {
    let server = Server::start(vec![Reply::json(200, r#"{"UserName":"alice"}"#)]);
    // The custom endpoint keeps the rules' signing region: eu-west-1 is in the aws
    // partition, whose global region is us-east-1.
    let client = directory::Client::new(
        builder()
            .region("eu-west-1")
            .endpoint_url(format!("{}/base", server.url()))
            .build(),
    );
    let out = directory::http::block_on(client.get_user().user_name("alice").send()).unwrap();
    assert_eq!(out.user_name(), Some("alice"));
    let request = server.single_request();
    assert_eq!(request.target, "/base/");
    let authorization = request.header("authorization").unwrap();
    assert_eq!(
        scope(authorization),
        ("us-east-1".to_string(), "directory".to_string())
    );
}

#[test]
fn the_rules_choose_host_headers_and_signing_region() {
    let recorder = Recorder::default();
    let client = directory::Client::new(
        builder()
            .region("us-gov-east-1")
            .use_fips(true)
            .http_client(recorder.clone())
            .build(),
    );
    directory::http::block_on(client.get_user().user_name("alice").send()).unwrap();
    let request = recorder.last();
    assert_eq!(request.url, "https://directory-fips.amazonaws.com/");
    assert_eq!(
        scope(header(&request, "authorization").unwrap()).0,
        "us-gov-west-1"
    );

    // A client setting and an input member (`@contextParam`) pick the tenant's host, and the
    // endpoint's header is sent (and signed).
    let client = directory::Client::new(
        builder()
            .region("us-east-1")
            .use_tenant_endpoint(true)
            .http_client(recorder.clone())
            .build(),
    );
    directory::http::block_on(client.get_user().user_name("a").tenant("acme").send()).unwrap();
    let request = recorder.last();
    assert_eq!(request.url, "https://acme.directory.amazonaws.com/");
    assert_eq!(header(&request, "x-directory-tenant"), Some("acme"));
    assert!(
        header(&request, "authorization")
            .unwrap()
            .contains("x-directory-tenant")
    );
    assert_eq!(
        header(&request, "host"),
        Some("acme.directory.amazonaws.com")
    );
}

#[test]
fn a_rule_error_is_a_construction_error_with_the_rules_message() {
    let client = directory::Client::new(
        builder()
            .region("us-east-1")
            .use_fips(true)
            .http_client(Recorder::default())
            .build(),
    );
    // `DeleteUser` sets `Admin` statically; the rules have no FIPS endpoint for it.
    let err = directory::http::block_on(client.delete_user().user_name("a").send()).unwrap_err();
    assert!(
        matches!(&err, directory::error::SdkError::Construction(e) if e.message() == "Administrative calls have no FIPS endpoint"),
        "{err:?}"
    );
    let no_region = directory::Client::new(builder().http_client(Recorder::default()).build());
    let err = directory::http::block_on(no_region.get_user().user_name("a").send()).unwrap_err();
    assert!(err.to_string().contains("Missing Region"), "{err}");
}

/// Sends every call to one URL, with the auth schemes given.
#[derive(Debug)]
struct Fixed(&'static str, serde_json::Value);

impl ResolveEndpoint for Fixed {
    fn resolve_endpoint(&self, params: &Params) -> Result<Endpoint, ResolveEndpointError> {
        assert_eq!(params.region(), Some("ap-south-1"));
        Ok(Endpoint::new(self.0).with_property("authSchemes", self.1.clone()))
    }
}

#[test]
fn a_custom_resolver_replaces_the_rules() {
    let recorder = Recorder::default();
    let schemes = serde_json::json!([{"name": "sigv4", "signingName": "other", "signingRegion": "eu-central-1"}]);
    let client = directory::Client::new(
        builder()
            .region("ap-south-1")
            .endpoint_resolver(Fixed("https://example.com/v1", schemes))
            .http_client(recorder.clone())
            .build(),
    );
    directory::http::block_on(client.get_user().user_name("a").send()).unwrap();
    let request = recorder.last();
    assert_eq!(request.url, "https://example.com/v1/");
    assert_eq!(
        scope(header(&request, "authorization").unwrap()),
        ("eu-central-1".to_string(), "other".to_string())
    );
}

#[test]
fn an_auth_scheme_the_client_cannot_sign_with_is_a_clear_error() {
    let schemes =
        serde_json::json!([{"name": "sigv4a", "signingName": "s3", "signingRegionSet": ["*"]}]);
    let client = directory::Client::new(
        builder()
            .region("ap-south-1")
            .endpoint_resolver(Fixed("https://mrap.example.com", schemes))
            .http_client(Recorder::default())
            .build(),
    );
    let err = directory::http::block_on(client.get_user().user_name("a").send()).unwrap_err();
    let message = err.to_string();
    assert!(
        matches!(err, directory::error::SdkError::Construction(_)) && message.contains("`sigv4a`"),
        "{message}"
    );
}

#[test]
fn params_read_the_endpoint_test_form_and_reject_unknown_names() {
    let params: Params =
        serde_json::from_str(r#"{"Region": "us-east-1", "UseFIPS": true, "Tenant": null}"#)
            .unwrap();
    assert_eq!(
        params,
        Params::builder()
            .region("us-east-1")
            .use_fips(true)
            .build()
            .unwrap()
    );
    assert!(params.use_fips() && !params.use_dual_stack());
    let err = serde_json::from_str::<Params>(r#"{"Regin": "us-east-1"}"#).unwrap_err();
    assert!(err.to_string().contains("Regin"), "{err}");
    let endpoint = DefaultResolver::new().resolve_endpoint(&params).unwrap();
    assert_eq!(
        serde_json::to_value(&endpoint).unwrap(),
        serde_json::json!({
            "url": "https://directory-fips.amazonaws.com",
            "properties": {"authSchemes": [{"name": "sigv4", "signingName": "directory", "signingRegion": "us-east-1"}]}
        })
    );
    let err = DefaultResolver::new()
        .resolve_endpoint(&Params::builder().build().unwrap())
        .unwrap_err();
    assert_eq!(err.to_string(), "Invalid Configuration: Missing Region");
}

#[test]
fn hostile_parameters_never_panic() {
    let alphabet: Vec<char> = "a-_.:/[]@?#%{}0 é\u{0}9AZ".chars().collect();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut text = |n: u64| -> String {
        let len = (next() % n) as usize;
        (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect()
    };
    let resolver = DefaultResolver::new();
    for i in 0..3000 {
        let endpoint = match i % 3 {
            0 => None,
            1 => Some(format!("https://{}", text(30))),
            _ => Some(text(30)),
        };
        let params = Params::builder()
            .region(if i % 7 == 0 {
                "x".repeat(10_000)
            } else {
                text(20)
            })
            .set_endpoint(endpoint)
            .tenant(text(12))
            .use_tenant_endpoint(i % 2 == 0)
            .use_fips(i % 5 == 0)
            .use_dual_stack(i % 3 == 0)
            .build()
            .unwrap();
        let _ = resolver.resolve_endpoint(&params);
    }
}

#[test]
fn the_region_is_checked_with_the_rules_and_with_an_endpoint_url() {
    // The rules pick the signing region here (the partition's global one), but the configured
    // region is still one host label or nothing is sent.
    for region in ["a/b c", "ŭs-east-1", "us-east-1\r\nx: y"] {
        for endpoint in [None, Some("http://127.0.0.1:9")] {
            let recorder = Recorder::default();
            let mut config = builder().region(region).http_client(recorder.clone());
            if let Some(url) = endpoint {
                config = config.endpoint_url(url);
            }
            let client = directory::Client::new(config.build());
            let err =
                directory::http::block_on(client.get_user().user_name("a").send()).unwrap_err();
            assert!(
                matches!(&err, directory::error::SdkError::Construction(e) if e.message().starts_with("invalid region")),
                "{region:?} {endpoint:?}: {err}"
            );
            assert!(recorder.0.lock().unwrap().is_empty(), "nothing is sent");
        }
    }
    // A valid region still works, and the rules' own errors still come first.
    let recorder = Recorder::default();
    let client = directory::Client::new(
        builder()
            .region("eu-central-1")
            .http_client(recorder.clone())
            .build(),
    );
    directory::http::block_on(client.get_user().user_name("a").send()).expect("a valid region");
    assert_eq!(recorder.0.lock().unwrap().len(), 1);
}
