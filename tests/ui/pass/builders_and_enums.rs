//! Building requests and reading open enums, as a user of the crate would.
use gamesparks::operation::get_stage_deployment::GetStageDeploymentInput;
use gamesparks::types::{DeploymentState, ResultCode, StageDeploymentDetails};

fn describe(state: &DeploymentState) -> &'static str {
    match state {
        DeploymentState::Pending | DeploymentState::InProgress => "running",
        DeploymentState::Completed => "done",
        DeploymentState::Failed => "failed",
        // The enum is open: new service values land here.
        _ => "unknown",
    }
}

fn main() {
    let input = GetStageDeploymentInput::builder()
        .game_name("my-game")
        .stage_name("dev")
        .deployment_id("d-123")
        .build();
    assert_eq!(input.game_name(), "my-game");
    assert_eq!(input.stage_name(), "dev");
    assert_eq!(input.deployment_id(), Some("d-123"));

    let latest = GetStageDeploymentInput::builder()
        .stage_name("dev")
        .game_name("my-game")
        .build();
    assert_eq!(latest.deployment_id(), None);

    assert_eq!(describe(&DeploymentState::InProgress), "running");
    assert_eq!(describe(&"COMPLETED".parse().unwrap()), "done");

    let future = DeploymentState::Unknown("ROLLING_BACK".into());
    assert_eq!(describe(&future), "unknown");
    if let DeploymentState::Unknown(text) = &future {
        assert_eq!(text, "ROLLING_BACK");
    } else {
        unreachable!();
    }

    let details = StageDeploymentDetails::builder()
        .deployment_state(future.clone())
        .build();
    assert_eq!(details.deployment_state(), Some(&future));

    let codes: Vec<ResultCode> = ResultCode::values()
        .iter()
        .map(|v| ResultCode::from(*v))
        .collect();
    assert_eq!(
        codes,
        [
            ResultCode::Success,
            ResultCode::InvalidRoleFailure,
            ResultCode::UnspecifiedFailure
        ]
    );
}
