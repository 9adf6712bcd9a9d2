//! The default credentials chain end to end: each test sets only variables and files (no
//! credentials, region or endpoint on the config), reaches its fakes on the loopback interface
//! through the endpoint variables, and checks that a signed GetStageDeployment call succeeds
//! with the expected access key.
//!
//! In-process tests build the config with `ConfigBuilder::build_from` and an `Env` whose
//! variables are a map (files are real, in a temporary home); the example program runs as a
//! process with a clean environment.

use gamesparks::{Client, Config};
use tests::chain_env::{TestEnv, run_example};
use tests::fakes;
use tests::server::{Reply, Request, Server};

const SEED: &str = r#"{"StageDeployment":{"DeploymentId":"d-1","DeploymentState":"PENDING"}}"#;

type Outcome = Result<
    gamesparks::operation::get_stage_deployment::GetStageDeploymentOutput,
    gamesparks::error::SdkError<
        gamesparks::operation::get_stage_deployment::GetStageDeploymentError,
    >,
>;

/// One GetStageDeployment call with a config built from `env` alone.
fn call(env: &TestEnv) -> Outcome {
    let client = Client::new(Config::builder().build_from(env));
    gamesparks::http::block_on(
        client
            .get_stage_deployment()
            .game_name("g")
            .stage_name("s")
            .send(),
    )
}

/// The access key id, region and service a signed request names in its credential scope.
fn signed_with(request: &Request) -> (String, String, String) {
    let auth = request.header("authorization").expect("a signed request");
    let scope = auth
        .split("Credential=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .expect("a credential scope");
    let parts: Vec<&str> = scope.split('/').collect();
    (
        parts[0].to_owned(),
        parts.get(2).copied().unwrap_or_default().to_owned(),
        parts.get(3).copied().unwrap_or_default().to_owned(),
    )
}

/// Calls through `env` against `service` and checks the call succeeded, signed with `key`.
fn assert_signed_with(env: &TestEnv, service: &Server, key: &str) {
    let outcome = call(env);
    assert!(outcome.is_ok(), "{:?}", outcome.err());
    let request = service.single_request();
    assert_eq!(request.path(), "/game/g/stage/s/deployment");
    assert_eq!(
        signed_with(&request),
        (
            key.to_owned(),
            "us-west-2".to_owned(),
            "gamesparks".to_owned()
        )
    );
}

#[test]
fn environment_keys() {
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let env = TestEnv::new()
        .service(&service)
        .set("AWS_ACCESS_KEY_ID", "ENVKEY")
        .set("AWS_SECRET_ACCESS_KEY", "ENVSECRET")
        .set("AWS_SESSION_TOKEN", "ENVTOKEN");
    assert_signed_with(&env, &service, "ENVKEY");
    assert_eq!(
        service.single_request().header("x-amz-security-token"),
        Some("ENVTOKEN")
    );
}

#[test]
fn static_profile_named_by_aws_profile() {
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let env = TestEnv::new()
        .service(&service)
        .unset("AWS_REGION")
        .set("AWS_PROFILE", "work")
        .write(
            ".aws/credentials",
            "[default]\naws_access_key_id = D\naws_secret_access_key = DS\n\
             [work]\naws_access_key_id = WORKKEY\naws_secret_access_key = WS\n",
        )
        .write(".aws/config", "[profile work]\nregion = us-west-2\n");
    assert_signed_with(&env, &service, "WORKKEY");
}

#[cfg(unix)]
#[test]
fn credential_process_profile() {
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let json = r#"{"Version": 1, "AccessKeyId": "PROCESSKEY", "SecretAccessKey": "PS", "SessionToken": "PT", "Expiration": "2999-01-01T00:00:00Z"}"#;
    let env = TestEnv::new().service(&service);
    let script = env.path("creds.sh");
    let env = env
        .write("creds.sh", &format!("#!/bin/sh\nprintf '%s' '{json}'\n"))
        .write(
            ".aws/config",
            &format!("[default]\ncredential_process = sh '{script}'\n"),
        );
    assert_signed_with(&env, &service, "PROCESSKEY");
    assert_eq!(
        service.single_request().header("x-amz-security-token"),
        Some("PT")
    );
}

#[test]
fn endpoint_urls_from_the_profile_and_the_environment() {
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let other = Server::start(vec![Reply::json(500, "{}")]);
    let keys = |env: TestEnv| {
        env.set("AWS_ACCESS_KEY_ID", "K")
            .set("AWS_SECRET_ACCESS_KEY", "S")
            .set("AWS_REGION", "us-west-2")
    };
    // The profile's services section for GameSparks beats the global variable.
    let env = keys(TestEnv::new())
        .set("AWS_ENDPOINT_URL", &other.url())
        .write(
            ".aws/config",
            &format!(
                "[default]\nservices = local\n[services local]\ngamesparks =\n  endpoint_url = {}\n",
                service.url()
            ),
        );
    assert_signed_with(&env, &service, "K");
    // The global variable, then the profile's endpoint_url.
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let env = keys(TestEnv::new()).set("AWS_ENDPOINT_URL", &service.url());
    assert_signed_with(&env, &service, "K");
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let env = keys(TestEnv::new()).write(
        ".aws/config",
        &format!("[default]\nendpoint_url = {}\n", service.url()),
    );
    assert_signed_with(&env, &service, "K");
    // An endpoint set on the config wins; the ignore flag turns the others off.
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let env = keys(TestEnv::new()).set("AWS_ENDPOINT_URL_GAMESPARKS", &other.url());
    let config = Config::builder()
        .endpoint_url(service.url())
        .build_from(&env);
    assert_eq!(config.endpoint_url(), Some(service.url().as_str()));
    let env = env.set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
    assert_eq!(Config::builder().build_from(&env).endpoint_url(), None);
    assert!(other.requests().is_empty());
}

#[test]
fn nothing_found_lists_every_provider_and_the_files_read() {
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let env = TestEnv::new()
        .service(&service)
        .set("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/creds");
    let err = call(&env).expect_err("no credentials anywhere");
    let message = err.to_string();
    for part in [
        "no credentials found",
        "environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
        "web identity: AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set",
        "credentials file `/nonexistent/creds` (not found)",
        &format!("config file `{}` (not found)", env.path(".aws/config")),
        "container: ",
        "EC2 instance metadata: ",
    ] {
        assert!(message.contains(part), "{part:?} in {message}");
    }
    assert!(service.requests().is_empty());
}

#[test]
fn a_broken_config_file_is_named_with_its_line() {
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let env = TestEnv::new().service(&service).write(
        ".aws/config",
        "[default]\nregion = us-west-2\naws_access_key_id\n",
    );
    let message = call(&env).expect_err("a broken file").to_string();
    assert!(
        message.contains(&format!(
            "config file `{}`, line 3: expected `name = value`",
            env.path(".aws/config")
        )),
        "{message}"
    );
    // A directory where the credentials file should be.
    let env = TestEnv::new().service(&service);
    std::fs::create_dir_all(env.home.join(".aws/credentials")).expect("mkdir");
    let message = call(&env).expect_err("a directory").to_string();
    assert!(message.contains("is a directory"), "{message}");
    assert!(service.requests().is_empty());
}

// ---------------------------------------------------------------------------------------------
// The network providers, reached through the endpoint variables
// ---------------------------------------------------------------------------------------------

/// Checks a request to STS: `action`, signed (when `signer` is set) with that key for
/// us-west-2, or unsigned.
fn assert_sts_request(request: &Request, action: &str, signer: Option<&str>) {
    let body = String::from_utf8_lossy(&request.body);
    assert!(body.contains(&format!("Action={action}&")), "{body}");
    match signer {
        Some(key) => assert_eq!(
            signed_with(request),
            (key.to_owned(), "us-west-2".to_owned(), "sts".to_owned())
        ),
        None => assert_eq!(request.header("authorization"), None),
    }
}

#[test]
fn web_identity_from_the_environment() {
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let sts = Server::start(vec![fakes::sts("AssumeRoleWithWebIdentity", "WEBKEY")]);
    let env = TestEnv::new()
        .service(&service)
        .set("AWS_ENDPOINT_URL_STS", &sts.url())
        .set("AWS_ROLE_ARN", "arn:aws:iam::1:role/irsa")
        .set("AWS_ROLE_SESSION_NAME", "pod")
        .write("token", "eyJ.jwt.sig\n");
    let token = env.path("token");
    let env = env.set("AWS_WEB_IDENTITY_TOKEN_FILE", &token);
    assert_signed_with(&env, &service, "WEBKEY");
    let request = sts.single_request();
    assert_sts_request(&request, "AssumeRoleWithWebIdentity", None);
    let body = String::from_utf8_lossy(&request.body);
    assert!(body.contains("RoleSessionName=pod"), "{body}");
    assert!(body.contains("WebIdentityToken=eyJ.jwt.sig"), "{body}");
}

#[test]
fn web_identity_from_a_profile() {
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let sts = Server::start(vec![fakes::sts("AssumeRoleWithWebIdentity", "PROFILEWEB")]);
    let env = TestEnv::new().service(&service).write("token", "jwt");
    let token = env.path("token");
    let env = env.write(
        ".aws/config",
        &format!(
            "[default]\nrole_arn = arn:aws:iam::1:role/w\nweb_identity_token_file = {token}\n\
             services = fakes\n[services fakes]\nsts =\n  endpoint_url = {}\n",
            sts.url()
        ),
    );
    assert_signed_with(&env, &service, "PROFILEWEB");
    assert_sts_request(&sts.single_request(), "AssumeRoleWithWebIdentity", None);
}

#[test]
fn assume_role_with_a_static_source_profile() {
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let sts = Server::start(vec![fakes::sts("AssumeRole", "ROLEKEY")]);
    let env = TestEnv::new()
        .service(&service)
        .set("AWS_ENDPOINT_URL_STS", &sts.url())
        .set("AWS_PROFILE", "admin")
        .write(
            ".aws/config",
            "[profile admin]\nrole_arn = arn:aws:iam::1:role/admin\nsource_profile = base\nexternal_id = ext-1\n",
        )
        .write(
            ".aws/credentials",
            "[base]\naws_access_key_id = BASEKEY\naws_secret_access_key = BASESECRET\n",
        );
    assert_signed_with(&env, &service, "ROLEKEY");
    let request = sts.single_request();
    assert_sts_request(&request, "AssumeRole", Some("BASEKEY"));
    assert!(String::from_utf8_lossy(&request.body).contains("ExternalId=ext-1"));
    // The service call carries the role's session token.
    assert_eq!(
        service.single_request().header("x-amz-security-token"),
        Some("ROLEKEY-token")
    );
}

#[test]
fn chained_roles_sign_each_step_with_the_previous_credentials() {
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let sts = Server::start(vec![
        fakes::sts("AssumeRole", "FIRSTROLE"),
        fakes::sts("AssumeRole", "SECONDROLE"),
    ]);
    let env = TestEnv::new()
        .service(&service)
        .set("AWS_ENDPOINT_URL_STS", &sts.url())
        .set("AWS_PROFILE", "second")
        .write(
            ".aws/config",
            "[profile second]\nrole_arn = arn:aws:iam::1:role/second\nsource_profile = first\n\
             [profile first]\nrole_arn = arn:aws:iam::1:role/first\nsource_profile = base\n\
             [profile base]\naws_access_key_id = BASEKEY\naws_secret_access_key = S\n",
        );
    assert_signed_with(&env, &service, "SECONDROLE");
    let requests = sts.requests();
    assert_eq!(requests.len(), 2);
    assert_sts_request(&requests[0], "AssumeRole", Some("BASEKEY"));
    assert!(String::from_utf8_lossy(&requests[0].body).contains("role%2Ffirst"));
    assert_sts_request(&requests[1], "AssumeRole", Some("FIRSTROLE"));
    assert!(String::from_utf8_lossy(&requests[1].body).contains("role%2Fsecond"));
}

#[test]
fn assume_role_with_the_environment_as_credential_source() {
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let sts = Server::start(vec![fakes::sts("AssumeRole", "FROMENVROLE")]);
    let env = TestEnv::new()
        .service(&service)
        .set("AWS_ENDPOINT_URL_STS", &sts.url())
        .set("AWS_PROFILE", "r")
        .set("AWS_ACCESS_KEY_ID", "ENVKEY")
        .set("AWS_SECRET_ACCESS_KEY", "ENVSECRET");
    // The environment's keys come first in the chain: the profile is not reached.
    assert_signed_with(&env, &service, "ENVKEY");
    assert!(sts.requests().is_empty());
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let env = env
        .service(&service)
        .set("AWS_ACCESS_KEY_ID", "")
        .set("AWS_SESSION_TOKEN", "")
        .write(
            ".aws/config",
            "[profile r]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Environment\n",
        );
    // With a partial environment the chain moves on to the profile, whose source then lacks keys.
    let message = call(&env).expect_err("no environment keys").to_string();
    assert!(
        message.contains("credential_source = Environment"),
        "{message}"
    );
    assert!(sts.requests().is_empty());
}

#[test]
fn sso_session_profile() {
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let portal = Server::start(vec![fakes::sso("SSOKEY")]);
    let env = TestEnv::new()
        .service(&service)
        .set("AWS_ENDPOINT_URL_SSO", &portal.url())
        .write(
            ".aws/config",
            "[default]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n\
             [sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://d-1.awsapps.com/start\n",
        );
    let token_file = gamesparks::config::sso_token_cache_file(&env.home, "corp");
    std::fs::create_dir_all(token_file.parent().expect("a parent")).expect("mkdir");
    std::fs::write(&token_file, fakes::sso_token_json()).expect("write the token");
    assert_signed_with(&env, &service, "SSOKEY");
    let request = portal.single_request();
    assert_eq!(
        request.target,
        "/federation/credentials?account_id=111122223333&role_name=Dev"
    );
    assert_eq!(request.header("x-amz-sso_bearer_token"), Some("bearer-1"));
}

#[test]
fn legacy_sso_profile() {
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let portal = Server::start(vec![fakes::sso("LEGACYSSO")]);
    let start_url = "https://d-2.awsapps.com/start";
    let env = TestEnv::new()
        .service(&service)
        .set("AWS_ENDPOINT_URL_SSO", &portal.url())
        .write(
            ".aws/config",
            &format!(
                "[default]\nsso_start_url = {start_url}\nsso_region = us-east-2\n\
                 sso_account_id = 1\nsso_role_name = R\n"
            ),
        );
    let token_file = gamesparks::config::sso_token_cache_file(&env.home, start_url);
    std::fs::create_dir_all(token_file.parent().expect("a parent")).expect("mkdir");
    std::fs::write(&token_file, fakes::sso_token_json()).expect("write the token");
    assert_signed_with(&env, &service, "LEGACYSSO");
}

#[test]
fn container_credentials() {
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let container = Server::start(vec![fakes::container("ECSKEY")]);
    let env = TestEnv::new()
        .service(&service)
        .set(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            &format!("{}/v2/credentials/abc", container.url()),
        )
        .set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "ecs-auth");
    assert_signed_with(&env, &service, "ECSKEY");
    let request = container.single_request();
    assert_eq!(request.target, "/v2/credentials/abc");
    assert_eq!(request.header("authorization"), Some("ecs-auth"));
}

#[test]
fn instance_metadata_credentials_and_region() {
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let mut script = fakes::imds_region("us-west-2");
    script.extend(fakes::imds_credentials("IMDSKEY"));
    let imds = Server::start(script);
    let env = TestEnv::new()
        .service(&service)
        .unset("AWS_REGION")
        .unset("AWS_EC2_METADATA_DISABLED")
        .set("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url());
    // The region comes from instance metadata too, at the first call.
    assert_signed_with(&env, &service, "IMDSKEY");
    let targets: Vec<String> = imds.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(
        targets,
        [
            "/latest/api/token",
            "/latest/meta-data/placement/region",
            "/latest/api/token",
            "/latest/meta-data/iam/security-credentials/",
            "/latest/meta-data/iam/security-credentials/the-role",
        ]
    );
}

#[test]
fn a_role_sourced_from_instance_metadata() {
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let imds = Server::start(fakes::imds_credentials("INSTANCEKEY"));
    let sts = Server::start(vec![fakes::sts("AssumeRole", "ROLEFROMIMDS")]);
    let env = TestEnv::new()
        .service(&service)
        .unset("AWS_EC2_METADATA_DISABLED")
        .set("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url())
        .set("AWS_ENDPOINT_URL_STS", &sts.url())
        .write(
            ".aws/config",
            "[default]\nrole_arn = arn:aws:iam::1:role/x\ncredential_source = Ec2InstanceMetadata\n",
        );
    assert_signed_with(&env, &service, "ROLEFROMIMDS");
    assert_sts_request(&sts.single_request(), "AssumeRole", Some("INSTANCEKEY"));
}

#[test]
fn credentials_are_loaded_once_for_many_calls() {
    let service = Server::start(vec![Reply::json(200, SEED).keep_alive()]);
    let container = Server::start(vec![fakes::container("ONCE")]);
    let env = TestEnv::new().service(&service).set(
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        &format!("{}/creds", container.url()),
    );
    let client = Client::new(Config::builder().build_from(&env));
    for _ in 0..3 {
        let outcome = gamesparks::http::block_on(
            client
                .clone()
                .get_stage_deployment()
                .game_name("g")
                .stage_name("s")
                .send(),
        );
        assert!(outcome.is_ok(), "{:?}", outcome.err());
    }
    assert_eq!(service.requests().len(), 3);
    assert_eq!(container.requests().len(), 1, "cached until near expiry");
}

// ---------------------------------------------------------------------------------------------
// The example program, through the chain alone
// ---------------------------------------------------------------------------------------------

#[test]
fn the_example_works_through_the_chain_alone() {
    // Container credentials, the region and the endpoint from variables alone.
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let container = Server::start(vec![fakes::container("EXAMPLEECS")]);
    let env = TestEnv::new().service(&service).set(
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        &format!("{}/creds", container.url()),
    );
    let (code, stdout, stderr) = run_example(&env);
    assert_eq!(code, Some(0), "stderr: {stderr}");
    assert!(stdout.contains("\"DeploymentId\": \"d-1\""), "{stdout}");
    assert_eq!(
        signed_with(&service.single_request()),
        ("EXAMPLEECS".into(), "us-west-2".into(), "gamesparks".into())
    );
}

#[cfg(unix)]
#[test]
fn the_example_works_with_credential_process() {
    let service = Server::start(vec![Reply::json(200, SEED)]);
    let json = r#"{"Version": 1, "AccessKeyId": "EXAMPLEKEY", "SecretAccessKey": "S"}"#;
    let env = TestEnv::new()
        .set("AWS_ENDPOINT_URL_GAMESPARKS", &service.url())
        .write("creds.sh", &format!("#!/bin/sh\nprintf '%s' '{json}'\n"));
    let script = env.path("creds.sh");
    let env = env.write(
        ".aws/config",
        &format!("[default]\nregion = us-west-2\ncredential_process = sh {script}\n"),
    );
    let (code, stdout, stderr) = run_example(&env);
    assert_eq!(code, Some(0), "stderr: {stderr}");
    assert!(stdout.contains("\"DeploymentId\": \"d-1\""), "{stdout}");
    assert_eq!(
        signed_with(&service.single_request()),
        ("EXAMPLEKEY".into(), "us-west-2".into(), "gamesparks".into())
    );
}
