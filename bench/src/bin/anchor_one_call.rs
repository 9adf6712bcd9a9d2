//! One `GetStageDeployment` call through `aws-sdk-gamesparks` 0.33.0 with its default
//! features and connector (hyper 0.14 + rustls), for binary-size comparison with
//! `ours_one_call`.
//!
//! `anchor_one_call [ENDPOINT_URL]` (default `http://127.0.0.1:9`). Nothing needs to listen
//! there: a failed call is fine, the point is a realistically linked binary.

use aws_sdk_gamesparks::config::{Credentials, Region};

fn main() {
    let endpoint = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:9".to_string());
    let config = aws_sdk_gamesparks::Config::builder()
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKID", "SECRET", None, None, "static"))
        .endpoint_url(endpoint)
        .build();
    let client = aws_sdk_gamesparks::Client::from_conf(config);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let result = runtime.block_on(
        client
            .get_stage_deployment()
            .game_name("game")
            .stage_name("stage")
            .deployment_id("d-1")
            .send(),
    );
    println!("{result:?}");
}
