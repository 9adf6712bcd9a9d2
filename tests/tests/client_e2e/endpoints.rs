//! Endpoint resolution, with an in-memory transport (nothing goes on the network).

use super::*;

fn url_for(region: &str, fips: bool, dual_stack: bool) -> String {
    let recorder = Recorder::default();
    let config = Config::builder()
        .region(region)
        .use_fips(fips)
        .use_dual_stack(dual_stack)
        .credentials(Credentials::new(AKID, SECRET, None))
        .http_client(recorder.clone())
        .read_timeout(Duration::from_millis(1234))
        .ignore_environment()
        .build();
    assert_seed_output(&call(&Client::new(config)).expect("in-memory success"));
    let requests = recorder.requests.lock().unwrap();
    assert_eq!(requests.len(), 1);
    let (request, timeouts) = &requests[0];
    assert_eq!(timeouts.read, Some(Duration::from_millis(1234)));
    let host = request.url.split('/').nth(2).unwrap();
    assert_eq!(
        request.header("host"),
        Some(host),
        "the signed host matches the URL"
    );
    let auth = parse_authorization(request.header("authorization").unwrap());
    assert_eq!(auth.region, region, "signed for the client's region");
    request.url.clone()
}

#[test]
fn default_endpoint_is_regional() {
    assert_eq!(
        url_for("us-west-2", false, false),
        "https://gamesparks.us-west-2.amazonaws.com/game/g/stage/s/deployment?DeploymentId=d"
    );
}

#[test]
fn fips_endpoint() {
    assert_eq!(
        url_for("us-west-2", true, false),
        "https://gamesparks-fips.us-west-2.amazonaws.com/game/g/stage/s/deployment?DeploymentId=d"
    );
}

#[test]
fn dual_stack_endpoint() {
    assert_eq!(
        url_for("us-west-2", false, true),
        "https://gamesparks.us-west-2.api.aws/game/g/stage/s/deployment?DeploymentId=d"
    );
    assert_eq!(
        url_for("us-west-2", true, true),
        "https://gamesparks-fips.us-west-2.api.aws/game/g/stage/s/deployment?DeploymentId=d"
    );
}

#[test]
fn china_regions_use_the_china_suffix() {
    assert_eq!(
        url_for("cn-north-1", false, false),
        "https://gamesparks.cn-north-1.amazonaws.com.cn/game/g/stage/s/deployment?DeploymentId=d"
    );
}

#[test]
fn endpoint_url_wins_over_fips_and_dual_stack() {
    let recorder = Recorder::default();
    let config = Config::builder()
        .region("us-west-2")
        .endpoint_url("https://example.com:8443/base")
        .use_fips(true)
        .use_dual_stack(true)
        .credentials(Credentials::new(AKID, SECRET, None))
        .http_client(recorder.clone())
        .ignore_environment()
        .build();
    call(&Client::new(config)).expect("in-memory success");
    let requests = recorder.requests.lock().unwrap();
    assert_eq!(
        requests[0].0.url,
        "https://example.com:8443/base/game/g/stage/s/deployment?DeploymentId=d"
    );
    assert_eq!(requests[0].0.header("host"), Some("example.com:8443"));
}

#[test]
fn no_region_and_no_endpoint_fails_construction_without_a_request() {
    let recorder = Recorder::default();
    let config = Config::builder()
        .credentials(Credentials::new(AKID, SECRET, None))
        .http_client(recorder.clone())
        .ignore_environment()
        .build();
    let err = call(&Client::new(config)).unwrap_err();
    assert!(matches!(err, SdkError::Construction(_)), "{err:?}");
    assert!(recorder.requests.lock().unwrap().is_empty());
}
