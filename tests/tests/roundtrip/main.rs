//! Wire round trips and public-API behaviour of the committed `gamesparks` crate.
//!
//! The JSON documents here follow the `GetStageDeployment` response syntax of the service
//! documentation; they are inlined so the tests need nothing outside the workspace.

mod builders;
mod enums;
mod errors;
mod lenient_reading;
mod timestamps;

use std::str::FromStr;

use chrono::{TimeZone, Utc};
use gamesparks::error::{RetryKind, Unhandled};
use gamesparks::operation::get_stage_deployment::{
    GetStageDeploymentError, GetStageDeploymentInput, GetStageDeploymentOutput,
};
use gamesparks::primitives::DateTime;
use gamesparks::types::error::{
    AccessDeniedException, InternalServerException, ResourceNotFoundException, ThrottlingException,
    ValidationException,
};
use gamesparks::types::{
    DeploymentAction, DeploymentResult, DeploymentState, ResultCode, StageDeploymentDetails,
};
use serde_json::{Value, json};

/// The documented response syntax, with every member present.
const SEED_RESPONSE: &str = r#"{
    "StageDeployment": {
        "Created": "2015-01-01T00:00:00Z",
        "DeploymentAction": "DEPLOY",
        "DeploymentId": "string",
        "DeploymentResult": {
            "Message": "string",
            "ResultCode": "SUCCESS"
        },
        "DeploymentState": "PENDING",
        "LastUpdated": "2015-01-01T00:00:00Z",
        "SnapshotId": "string"
    }
}"#;

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).single().unwrap()
}

fn output(json: &str) -> GetStageDeploymentOutput {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{json} did not parse: {e}"))
}

fn details(json: &str) -> StageDeploymentDetails {
    output(json)
        .stage_deployment()
        .cloned()
        .expect("StageDeployment present")
}

fn to_value<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

// ---------------------------------------------------------------------------------------------
// The seed document
// ---------------------------------------------------------------------------------------------

#[test]
fn seed_response_deserializes_field_by_field() {
    let out = output(SEED_RESPONSE);
    let d = out.stage_deployment().expect("StageDeployment");

    assert_eq!(d.created(), Some(&utc(2015, 1, 1, 0, 0, 0)));
    assert_eq!(d.deployment_action(), Some(&DeploymentAction::Deploy));
    assert_eq!(d.deployment_id(), Some("string"));
    assert_eq!(d.deployment_state(), Some(&DeploymentState::Pending));
    assert_eq!(d.last_updated(), Some(&utc(2015, 1, 1, 0, 0, 0)));
    assert_eq!(d.snapshot_id(), Some("string"));

    let r = d.deployment_result().expect("DeploymentResult");
    assert_eq!(r.message(), Some("string"));
    assert_eq!(r.result_code(), Some(&ResultCode::Success));
}

#[test]
fn seed_response_serializes_back_to_equal_json() {
    let out = output(SEED_RESPONSE);
    let expected: Value = serde_json::from_str(SEED_RESPONSE).unwrap();
    assert_eq!(to_value(&out), expected);

    // And the text form reads back to the same value.
    let text = serde_json::to_string(&out).unwrap();
    assert_eq!(output(&text), out);
}

#[test]
fn seed_response_equals_the_same_value_built_with_builders() {
    let built = GetStageDeploymentOutput::builder()
        .stage_deployment(
            StageDeploymentDetails::builder()
                .created(utc(2015, 1, 1, 0, 0, 0))
                .deployment_action(DeploymentAction::Deploy)
                .deployment_id("string")
                .deployment_result(
                    DeploymentResult::builder()
                        .message("string")
                        .result_code(ResultCode::Success)
                        .build(),
                )
                .deployment_state(DeploymentState::Pending)
                .last_updated(utc(2015, 1, 1, 0, 0, 0))
                .snapshot_id("string")
                .build(),
        )
        .build();
    assert_eq!(built, output(SEED_RESPONSE));
    assert_eq!(
        to_value(&built),
        serde_json::from_str::<Value>(SEED_RESPONSE).unwrap()
    );
}
