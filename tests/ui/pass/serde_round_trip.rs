//! Reading and writing wire JSON with serde_json, as a user of the crate would.
use gamesparks::operation::get_stage_deployment::GetStageDeploymentOutput;
use gamesparks::primitives::DateTime;
use gamesparks::types::{DeploymentAction, DeploymentState};

fn main() {
    let body = r#"{"StageDeployment":{"DeploymentId":"d-1","DeploymentAction":"DEPLOY",
        "DeploymentState":"ROLLING_BACK","Created":"2019-12-16T23:48:18.52Z","Future":1}}"#;
    let out: GetStageDeploymentOutput = serde_json::from_str(body).unwrap();
    let d = out.stage_deployment().unwrap();
    assert_eq!(d.deployment_id(), Some("d-1"));
    assert_eq!(d.deployment_action(), Some(&DeploymentAction::Deploy));
    assert_eq!(
        d.deployment_state(),
        Some(&DeploymentState::Unknown("ROLLING_BACK".to_owned()))
    );
    let created: DateTime = *d.created().unwrap();
    assert_eq!(created.timestamp_subsec_millis(), 520);

    let written = serde_json::to_value(&out).unwrap();
    assert_eq!(
        written,
        serde_json::json!({"StageDeployment": {
            "DeploymentId": "d-1",
            "DeploymentAction": "DEPLOY",
            "DeploymentState": "ROLLING_BACK",
            "Created": "2019-12-16T23:48:18.52Z"
        }})
    );
    let again: GetStageDeploymentOutput = serde_json::from_value(written).unwrap();
    assert_eq!(again, out);

    assert!(serde_json::from_str::<GetStageDeploymentOutput>(r#"{"StageDeployment":[]}"#).is_err());
}
