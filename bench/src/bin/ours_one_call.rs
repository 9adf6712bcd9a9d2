//! One `GetStageDeployment` call through our generated client with its default
//! (blocking) transport, for binary-size comparison with `anchor_one_call`.
//!
//! `ours_one_call [ENDPOINT_URL]` (default `http://127.0.0.1:9`). Nothing needs to listen
//! there: a failed call is fine, the point is a realistically linked binary.

fn main() {
    let endpoint = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:9".to_string());
    let config = gamesparks::Config::builder()
        .region("us-east-1")
        .credentials(gamesparks::config::Credentials::new("AKID", "SECRET", None))
        .endpoint_url(endpoint)
        .ignore_environment()
        .build();
    let client = gamesparks::Client::new(config);
    let result = gamesparks::http::block_on(
        client
            .get_stage_deployment()
            .game_name("game")
            .stage_name("stage")
            .deployment_id("d-1")
            .send(),
    );
    println!("{result:?}");
}
