//! Lenient reading: unknown members, nulls, error correction; and the JSON types that are
//! refused.

use super::*;

#[test]
fn unknown_members_are_ignored_at_every_level() {
    let json = r#"{
        "Extra": {"deep": [1, 2, {"x": null}]},
        "StageDeployment": {
            "NewField": [true, false],
            "DeploymentId": "d-1",
            "AlsoNew": 12.5,
            "DeploymentResult": {
                "Detail": {"nested": "object"},
                "ResultCode": "SUCCESS",
                "Unused": null
            }
        },
        "Trailer": "ignored"
    }"#;
    let out = output(json);
    let d = out.stage_deployment().unwrap();
    assert_eq!(d.deployment_id(), Some("d-1"));
    assert_eq!(
        d.deployment_result().unwrap().result_code(),
        Some(&ResultCode::Success)
    );
    // The unknown members are dropped, not echoed back.
    assert_eq!(
        to_value(&out),
        json!({"StageDeployment": {"DeploymentId": "d-1", "DeploymentResult": {"ResultCode": "SUCCESS"}}})
    );
}

#[test]
fn unknown_members_are_ignored_on_inputs_and_errors() {
    let input: GetStageDeploymentInput =
        serde_json::from_str(r#"{"GameName":"g","Other":[1],"StageName":"s"}"#).unwrap();
    assert_eq!(input.game_name(), "g");
    assert_eq!(input.stage_name(), "s");

    let err: ValidationException =
        serde_json::from_str(r#"{"Message":"m","__type":"ValidationException","code":1}"#).unwrap();
    assert_eq!(err.message(), Some("m"));
}

#[test]
fn null_members_mean_absent() {
    let out = output(r#"{"StageDeployment": null}"#);
    assert_eq!(out.stage_deployment(), None);
    assert_eq!(to_value(&out), json!({}));

    let d = details(
        r#"{"StageDeployment": {
            "Created": null, "DeploymentAction": null, "DeploymentId": null,
            "DeploymentResult": null, "DeploymentState": null, "LastUpdated": null,
            "SnapshotId": null
        }}"#,
    );
    assert_eq!(d.created(), None);
    assert_eq!(d.deployment_action(), None);
    assert_eq!(d.deployment_id(), None);
    assert_eq!(d.deployment_result(), None);
    assert_eq!(d.deployment_state(), None);
    assert_eq!(d.last_updated(), None);
    assert_eq!(d.snapshot_id(), None);
    assert_eq!(d, StageDeploymentDetails::builder().build());
    assert_eq!(to_value(&d), json!({}), "absent members are not written");

    let r = details(
        r#"{"StageDeployment": {"DeploymentResult": {"Message": null, "ResultCode": null}}}"#,
    )
    .deployment_result()
    .cloned()
    .unwrap();
    assert_eq!(r.message(), None);
    assert_eq!(r.result_code(), None);
}

#[test]
fn empty_objects_read_as_all_absent() {
    let out = output("{}");
    assert_eq!(out, GetStageDeploymentOutput::builder().build());
    assert_eq!(out.stage_deployment(), None);

    let d = details(r#"{"StageDeployment": {}}"#);
    assert_eq!(d, StageDeploymentDetails::builder().build());
}

#[test]
fn missing_required_input_members_get_zero_values() {
    let input: GetStageDeploymentInput = serde_json::from_str(r#"{"StageName":"s"}"#).unwrap();
    assert_eq!(input.game_name(), "");
    assert_eq!(input.stage_name(), "s");
    assert_eq!(input.deployment_id(), None);

    let input: GetStageDeploymentInput = serde_json::from_str("{}").unwrap();
    assert_eq!(input.game_name(), "");
    assert_eq!(input.stage_name(), "");

    let input: GetStageDeploymentInput =
        serde_json::from_str(r#"{"GameName":null,"StageName":null,"DeploymentId":null}"#).unwrap();
    assert_eq!(input.game_name(), "");
    assert_eq!(input.stage_name(), "");
    assert_eq!(input.deployment_id(), None);

    // The corrected value is what gets written back.
    assert_eq!(to_value(&input), json!({"GameName": "", "StageName": ""}));
}

#[test]
fn wrong_json_types_are_errors_not_panics() {
    for bad in [
        r#"{"StageDeployment": {"Created": 5}}"#,
        r#"{"StageDeployment": {"LastUpdated": 1576540098.5}}"#,
        r#"{"StageDeployment": {"Created": true}}"#,
        r#"{"StageDeployment": []}"#,
        r#"{"StageDeployment": "x"}"#,
        r#"{"StageDeployment": 1}"#,
        r#"{"StageDeployment": {"DeploymentId": 7}}"#,
        r#"{"StageDeployment": {"SnapshotId": ["a"]}}"#,
        r#"{"StageDeployment": {"DeploymentState": 5}}"#,
        r#"{"StageDeployment": {"DeploymentAction": {"v": "DEPLOY"}}}"#,
        r#"{"StageDeployment": {"DeploymentResult": true}}"#,
        r#"{"StageDeployment": {"DeploymentResult": {"ResultCode": {}}}}"#,
        r#"{"StageDeployment": {"DeploymentResult": {"Message": 1}}}"#,
        "[]",
        "\"StageDeployment\"",
        "null",
        "5",
        r#"{"StageDeployment": {"#,
        "",
    ] {
        let result = serde_json::from_str::<GetStageDeploymentOutput>(bad);
        assert!(result.is_err(), "{bad} was accepted: {result:?}");
    }
}

#[test]
fn wrong_json_types_on_inputs_and_errors_are_errors() {
    for bad in [
        r#"{"GameName": 5, "StageName": "s"}"#,
        r#"{"GameName": "g", "StageName": ["s"]}"#,
        r#"{"GameName": "g", "StageName": "s", "DeploymentId": false}"#,
        "[]",
    ] {
        let result = serde_json::from_str::<GetStageDeploymentInput>(bad);
        assert!(result.is_err(), "{bad} was accepted: {result:?}");
    }
    assert!(serde_json::from_str::<ThrottlingException>(r#"{"Message": 429}"#).is_err());
    assert!(serde_json::from_str::<ThrottlingException>("\"slow down\"").is_err());
}
