//! Builders and accessors.

use super::*;

#[test]
fn input_builder_with_optional_member() {
    let input = GetStageDeploymentInput::builder()
        .game_name("g")
        .stage_name("s")
        .deployment_id("d")
        .build();
    assert_eq!(input.game_name(), "g");
    assert_eq!(input.stage_name(), "s");
    assert_eq!(input.deployment_id(), Some("d"));
    assert_eq!(
        to_value(&input),
        json!({"GameName": "g", "StageName": "s", "DeploymentId": "d"})
    );
    let back: GetStageDeploymentInput = serde_json::from_value(to_value(&input)).unwrap();
    assert_eq!(back, input);
}

#[test]
fn input_builder_without_optional_member() {
    // Setters may come in any order; owned strings work too.
    let input = GetStageDeploymentInput::builder()
        .stage_name(String::from("stage"))
        .game_name("game")
        .build();
    assert_eq!(input.game_name(), "game");
    assert_eq!(input.stage_name(), "stage");
    assert_eq!(input.deployment_id(), None);
    assert_eq!(
        to_value(&input),
        json!({"GameName": "game", "StageName": "stage"}),
        "an absent optional member is not written"
    );
}

#[test]
fn input_builder_set_clears_and_later_setter_wins() {
    let input = GetStageDeploymentInput::builder()
        .game_name("first")
        .deployment_id("d")
        .set_deployment_id(None)
        .stage_name("s")
        .game_name("second")
        .build();
    assert_eq!(input.game_name(), "second");
    assert_eq!(input.deployment_id(), None);

    let input = GetStageDeploymentInput::builder()
        .set_deployment_id(Some("d2".into()))
        .game_name("g")
        .stage_name("s")
        .build();
    assert_eq!(input.deployment_id(), Some("d2"));
}

#[test]
fn output_builders_set_every_member() {
    let result = DeploymentResult::builder()
        .result_code(ResultCode::InvalidRoleFailure)
        .message("role missing")
        .build();
    assert_eq!(result.result_code(), Some(&ResultCode::InvalidRoleFailure));
    assert_eq!(result.message(), Some("role missing"));

    let d = StageDeploymentDetails::builder()
        .deployment_id("dep")
        .snapshot_id("Snapshot_2021-01-01T00:00:00.000Z")
        .deployment_action("UNDEPLOY")
        .deployment_state(DeploymentState::Failed)
        .created(utc(2021, 1, 1, 0, 0, 0))
        .last_updated(utc(2021, 1, 2, 0, 0, 0))
        .deployment_result(result.clone())
        .build();
    assert_eq!(d.deployment_id(), Some("dep"));
    assert_eq!(d.snapshot_id(), Some("Snapshot_2021-01-01T00:00:00.000Z"));
    assert_eq!(d.deployment_action(), Some(&DeploymentAction::Undeploy));
    assert_eq!(d.deployment_state(), Some(&DeploymentState::Failed));
    assert_eq!(d.created(), Some(&utc(2021, 1, 1, 0, 0, 0)));
    assert_eq!(d.last_updated(), Some(&utc(2021, 1, 2, 0, 0, 0)));
    assert_eq!(d.deployment_result(), Some(&result));

    let out = GetStageDeploymentOutput::builder()
        .stage_deployment(d.clone())
        .build();
    assert_eq!(out.stage_deployment(), Some(&d));
    let cleared = GetStageDeploymentOutput::builder()
        .stage_deployment(d)
        .set_stage_deployment(None)
        .build();
    assert_eq!(cleared.stage_deployment(), None);
}
