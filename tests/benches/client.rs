//! `cargo bench -p tests --bench client`: one full GetStageDeployment call (build, sign,
//! in-memory transport, parse) and response parsing alone, on the seed page's response.

use criterion::{Criterion, criterion_group, criterion_main};
use gamesparks::http::{
    BoxFuture, HttpClient, HttpRequest, HttpResponse, Timeouts, TransportError,
};
use gamesparks::operation::get_stage_deployment::read_response;

const SEED: &str = r#"{"StageDeployment":{"Created":"2015-01-01T00:00:00Z","DeploymentAction":"DEPLOY","DeploymentId":"string","DeploymentResult":{"Message":"string","ResultCode":"SUCCESS"},"DeploymentState":"PENDING","LastUpdated":"2015-01-01T00:00:00Z","SnapshotId":"string"}}"#;

/// Answers every request with the seed response, without I/O.
#[derive(Debug)]
struct Canned(HttpResponse);

impl HttpClient for Canned {
    fn send(
        &self,
        _request: HttpRequest,
        _t: Timeouts,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let response = self.0.try_clone().expect("bytes body");
        Box::pin(async move { Ok(response) })
    }
}

fn seed_response() -> HttpResponse {
    HttpResponse::new(200, SEED)
        .with_header("content-type", "application/json")
        .with_header("x-amzn-requestid", "bench")
}

fn benches(c: &mut Criterion) {
    let config = gamesparks::Config::builder()
        .region("us-east-1")
        .credentials(gamesparks::config::Credentials::new(
            "AKIDEXAMPLE",
            "secret",
            None,
        ))
        .http_client(Canned(seed_response()))
        .ignore_environment()
        .build();
    let client = gamesparks::Client::new(config);
    c.bench_function("get_stage_deployment full call (in-memory)", |b| {
        b.iter(|| {
            let out = gamesparks::http::block_on(
                client
                    .get_stage_deployment()
                    .game_name("game")
                    .stage_name("stage")
                    .deployment_id("d-1")
                    .send(),
            );
            std::hint::black_box(out.is_ok())
        })
    });
    let response = seed_response();
    c.bench_function("get_stage_deployment parse seed response", |b| {
        b.iter(|| std::hint::black_box(read_response(std::hint::black_box(&response)).is_ok()))
    });
}

criterion_group!(client, benches);
criterion_main!(client);
