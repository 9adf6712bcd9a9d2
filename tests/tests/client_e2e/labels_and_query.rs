//! Labels and query values through the client: percent-encoding, dot segments, empty
//! values, and the construction errors for bad labels, endpoint URLs and missing credentials.

use super::*;

fn target_for(game: &str, stage: &str, deployment: Option<&str>) -> Request {
    let server = Server::start(vec![Reply::json(200, SEED)]);
    let client = client_for(&server);
    let builder = client
        .get_stage_deployment()
        .game_name(game)
        .stage_name(stage);
    let result = gamesparks::http::block_on(
        builder
            .set_deployment_id(deployment.map(str::to_string))
            .send(),
    );
    assert_seed_output(&result.unwrap_or_else(|e| panic!("{game:?}/{stage:?}: {e:?}")));
    let request = server.single_request();
    assert_signed_get(&request, server.port(), true);
    request
}

#[test]
fn reserved_characters_and_emoji_in_labels_are_percent_encoded() {
    let game = " %:/?#[]@!$&'()*+,;=😹";
    let encoded = "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9";
    let request = target_for(game, game, Some("d"));
    assert_eq!(
        request.path(),
        format!("/game/{encoded}/stage/{encoded}/deployment")
    );
    assert_eq!(request.query(), Some("DeploymentId=d"));
}

#[test]
fn dot_segment_labels_are_refused_before_anything_is_sent() {
    for label in [".", ".."] {
        let server = Server::start(vec![Reply::json(200, SEED)]);
        let client = client_for(&server);
        let result = gamesparks::http::block_on(
            client
                .get_stage_deployment()
                .game_name(label)
                .stage_name("s")
                .send(),
        );
        match result {
            Err(SdkError::Construction(e)) => {
                let text = e.to_string();
                assert!(
                    text.contains("`GameName`") && text.contains("`..`"),
                    "{text}"
                );
            }
            other => panic!("{label:?}: {other:?}"),
        }
        assert_eq!(server.request_count(), 0, "{label:?} reached the server");
    }
}

#[test]
fn labels_with_dots_that_are_not_dot_segments_arrive_as_signed() {
    // assert_signed_get (in target_for) recomputes the signature over the path as received.
    for (label, path) in [
        ("...", "/game/.../stage/s/deployment"),
        (".a", "/game/.a/stage/s/deployment"),
        ("../x", "/game/..%2Fx/stage/s/deployment"),
    ] {
        let request = target_for(label, "s", None);
        assert_eq!(request.path(), path, "{label:?}");
    }
}

#[test]
fn non_ascii_labels_are_utf8_percent_encoded() {
    let request = target_for("Spiel-ü-名前", "stage_1.~x", None);
    assert_eq!(
        request.target,
        "/game/Spiel-%C3%BC-%E5%90%8D%E5%89%8D/stage/stage_1.~x/deployment"
    );
}

#[test]
fn query_values_are_percent_encoded() {
    let request = target_for("g", "s", Some("a b&c=d+e/f?#%"));
    assert_eq!(
        request.query(),
        Some("DeploymentId=a%20b%26c%3Dd%2Be%2Ff%3F%23%25")
    );
    let request = target_for("g", "s", Some("ü😹"));
    assert_eq!(request.query(), Some("DeploymentId=%C3%BC%F0%9F%98%B9"));
}

#[test]
fn empty_deployment_id_is_sent_as_an_empty_value() {
    let request = target_for("g", "s", Some(""));
    assert_eq!(request.target, "/game/g/stage/s/deployment?DeploymentId=");
}

#[test]
fn empty_labels_fail_construction_without_any_request() {
    let server = Server::start(vec![Reply::json(200, SEED)]);
    let client = client_for(&server);
    let cases = [
        ("", "s", "GameName"),
        ("g", "", "StageName"),
        ("", "", "GameName"),
    ];
    for (game, stage, member) in cases {
        let result = gamesparks::http::block_on(
            client
                .get_stage_deployment()
                .game_name(game)
                .stage_name(stage)
                .send(),
        );
        let err = result.unwrap_err();
        let SdkError::Construction(construction) = &err else {
            panic!("expected a construction error, got {err:?}");
        };
        assert!(construction.message().contains(member), "{construction}");
        assert_eq!(err.kind_name(), "construction");
        assert_eq!((err.status(), err.request_id()), (None, None));
    }
    // Give a stray connection a moment to show up before checking nothing arrived.
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(server.request_count(), 0);
    assert_eq!(server.connection_count(), 0);
}

#[test]
fn bad_endpoint_url_fails_construction() {
    for url in ["127.0.0.1:1", "ftp://127.0.0.1", "http://"] {
        let config = Config::builder()
            .endpoint_url(url)
            .credentials(Credentials::new(AKID, SECRET, None))
            .ignore_environment()
            .build();
        let err = call(&Client::new(config)).unwrap_err();
        assert!(matches!(err, SdkError::Construction(_)), "{url}: {err:?}");
    }
}

/// An endpoint URL with a query, a fragment, user info, no host or a space in the host would
/// corrupt the request line or leak into the signed `host` header: each is a construction error.
#[test]
fn endpoint_urls_with_query_fragment_userinfo_or_no_host_fail_construction() {
    for url in [
        "http://127.0.0.1:8080?x=1",
        "http://127.0.0.1:8080/base?x=1",
        "http://127.0.0.1:8080#frag",
        "http://user:pw@127.0.0.1:8080",
        "http:///x",
        "http://bad host",
    ] {
        let recorder = Recorder::default();
        let config = Config::builder()
            .region("us-east-1")
            .endpoint_url(url)
            .credentials(Credentials::new(AKID, SECRET, None))
            .http_client(recorder.clone())
            .ignore_environment()
            .build();
        let result = call(&Client::new(config));
        let sent = recorder
            .requests
            .lock()
            .unwrap()
            .first()
            .map(|(r, _)| format!("{r:?}"));
        assert!(
            matches!(result, Err(SdkError::Construction(_))),
            "{url}: expected a construction error, got {result:?}; sent {sent:?}"
        );
        assert!(sent.is_none(), "{url}: nothing should be sent: {sent:?}");
    }
}

#[test]
fn missing_credentials_fail_construction() {
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url("http://127.0.0.1:9")
        .ignore_environment()
        .build();
    let err = call(&Client::new(config)).unwrap_err();
    assert!(matches!(err, SdkError::Construction(_)), "{err:?}");
}
