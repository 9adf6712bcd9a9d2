//! Enums: known and unknown values, both directions.

use super::*;

/// Checks every known value of an open enum: it maps to a known variant, and `as_str`,
/// `Display`, `FromStr`, `From<&str>`, `From<String>` and the serde string form all agree.
macro_rules! check_known_values {
    ($ty:ident) => {{
        for &value in $ty::values() {
            let parsed = $ty::from(value);
            assert!(
                !matches!(parsed, $ty::Unknown(_)),
                "{value} is a known value but parsed as {parsed:?}"
            );
            assert_eq!(parsed.as_str(), value);
            assert_eq!(parsed.to_string(), value);
            assert_eq!(AsRef::<str>::as_ref(&parsed), value);
            assert_eq!($ty::from_str(value).unwrap(), parsed);
            assert_eq!($ty::from(value.to_string()), parsed);

            let wire = to_value(&parsed);
            assert_eq!(wire, Value::String(value.to_string()));
            let back: $ty = serde_json::from_value(wire).unwrap();
            assert_eq!(back, parsed);
            let back: $ty = serde_json::from_str(&format!("\"{value}\"")).unwrap();
            assert_eq!(back, parsed);
        }
    }};
}

#[test]
fn deployment_action_known_values_round_trip() {
    assert_eq!(DeploymentAction::values(), ["DEPLOY", "UNDEPLOY"]);
    check_known_values!(DeploymentAction);
    assert_eq!(DeploymentAction::from("DEPLOY"), DeploymentAction::Deploy);
    assert_eq!(
        DeploymentAction::from("UNDEPLOY"),
        DeploymentAction::Undeploy
    );
}

#[test]
fn deployment_state_known_values_round_trip() {
    assert_eq!(
        DeploymentState::values(),
        ["PENDING", "IN_PROGRESS", "COMPLETED", "FAILED"]
    );
    check_known_values!(DeploymentState);
    assert_eq!(DeploymentState::from("PENDING"), DeploymentState::Pending);
    assert_eq!(
        DeploymentState::from("IN_PROGRESS"),
        DeploymentState::InProgress
    );
    assert_eq!(
        DeploymentState::from("COMPLETED"),
        DeploymentState::Completed
    );
    assert_eq!(DeploymentState::from("FAILED"), DeploymentState::Failed);
}

#[test]
fn result_code_known_values_round_trip() {
    assert_eq!(
        ResultCode::values(),
        ["SUCCESS", "INVALID_ROLE_FAILURE", "UNSPECIFIED_FAILURE"]
    );
    check_known_values!(ResultCode);
    assert_eq!(ResultCode::from("SUCCESS"), ResultCode::Success);
    assert_eq!(
        ResultCode::from("INVALID_ROLE_FAILURE"),
        ResultCode::InvalidRoleFailure
    );
    assert_eq!(
        ResultCode::from("UNSPECIFIED_FAILURE"),
        ResultCode::UnspecifiedFailure
    );
}

#[test]
fn unknown_enum_value_in_a_document_is_kept_and_sent_back_unchanged() {
    let json = json!({
        "StageDeployment": {
            "DeploymentAction": "REDEPLOY",
            "DeploymentState": "ROLLING_BACK",
            "DeploymentResult": {"ResultCode": "QUOTA_FAILURE"}
        }
    });
    let out: GetStageDeploymentOutput = serde_json::from_value(json.clone()).unwrap();
    let d = out.stage_deployment().unwrap();
    assert_eq!(
        d.deployment_state(),
        Some(&DeploymentState::Unknown("ROLLING_BACK".into()))
    );
    assert_eq!(
        d.deployment_action(),
        Some(&DeploymentAction::Unknown("REDEPLOY".into()))
    );
    assert_eq!(
        d.deployment_result().unwrap().result_code(),
        Some(&ResultCode::Unknown("QUOTA_FAILURE".into()))
    );
    assert_eq!(to_value(&out), json);
}

#[test]
fn unknown_enum_value_through_every_conversion() {
    let unknown = DeploymentState::Unknown("ROLLING_BACK".into());
    assert_eq!(
        serde_json::from_str::<DeploymentState>("\"ROLLING_BACK\"").unwrap(),
        unknown
    );
    assert_eq!(DeploymentState::from_str("ROLLING_BACK").unwrap(), unknown);
    assert_eq!(DeploymentState::from("ROLLING_BACK"), unknown);
    assert_eq!(unknown.as_str(), "ROLLING_BACK");
    assert_eq!(unknown.to_string(), "ROLLING_BACK");
    assert_eq!(serde_json::to_string(&unknown).unwrap(), "\"ROLLING_BACK\"");
}

#[test]
fn enum_values_are_case_sensitive() {
    assert_eq!(
        DeploymentState::from("pending"),
        DeploymentState::Unknown("pending".into())
    );
    assert_eq!(
        serde_json::from_str::<ResultCode>("\"success\"").unwrap(),
        ResultCode::Unknown("success".into())
    );
}

#[test]
fn users_can_construct_and_match_unknown() {
    let state = DeploymentState::Unknown("X".into());
    let seen = match &state {
        DeploymentState::Pending
        | DeploymentState::InProgress
        | DeploymentState::Completed
        | DeploymentState::Failed => None,
        DeploymentState::Unknown(value) => Some(value.as_str()),
        #[allow(unreachable_patterns)]
        _ => None,
    };
    assert_eq!(seen, Some("X"));
    assert_eq!(state.as_str(), "X");
    assert_eq!(to_value(&state), json!("X"));

    let details = StageDeploymentDetails::builder()
        .deployment_state(state.clone())
        .build();
    assert_eq!(
        to_value(&details),
        json!({"DeploymentState": "X"}),
        "a user-made Unknown is sent as its text"
    );
}

#[test]
fn enum_from_a_non_string_is_an_error() {
    assert!(serde_json::from_str::<DeploymentState>("5").is_err());
    assert!(serde_json::from_str::<DeploymentState>("null").is_err());
    assert!(serde_json::from_str::<ResultCode>("[\"SUCCESS\"]").is_err());
    assert!(serde_json::from_str::<DeploymentAction>("{}").is_err());
}

#[test]
fn escaped_keys_and_values_are_read() {
    // `\u0044` is `D`, `\u0041` is `A`: keys and enum values that are not borrowed from the input.
    let d = details(r#"{"Stage\u0044eployment": {"Deployment\u0053tate": "F\u0041ILED"}}"#);
    assert_eq!(d.deployment_state(), Some(&DeploymentState::Failed));
}

#[test]
fn reads_from_an_io_reader() {
    let out: GetStageDeploymentOutput = serde_json::from_reader(SEED_RESPONSE.as_bytes()).unwrap();
    assert_eq!(out, output(SEED_RESPONSE));
}
