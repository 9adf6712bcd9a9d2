//! Wire round trips and public-API behaviour of the committed `gamesparks` crate.
//!
//! The JSON documents here follow the `GetStageDeployment` response syntax of the service
//! documentation; they are inlined so the tests need nothing outside the workspace.

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

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Lenient reading: unknown members, nulls, error correction
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Timestamps
// ---------------------------------------------------------------------------------------------

#[test]
fn timestamp_with_offset_is_normalized_to_utc() {
    let d = details(r#"{"StageDeployment": {"Created": "2019-12-16T22:48:18-01:00"}}"#);
    assert_eq!(d.created(), Some(&utc(2019, 12, 16, 23, 48, 18)));
    assert_eq!(
        to_value(&d),
        json!({"Created": "2019-12-16T23:48:18Z"}),
        "written back in UTC with a Z suffix"
    );

    let d = details(r#"{"StageDeployment": {"LastUpdated": "2019-12-17T01:18:18+01:30"}}"#);
    assert_eq!(d.last_updated(), Some(&utc(2019, 12, 16, 23, 48, 18)));
}

#[test]
fn timestamp_fractional_seconds_are_kept_and_written_back() {
    let json = r#"{"StageDeployment": {"Created": "2019-12-16T23:48:18.52Z"}}"#;
    let d = details(json);
    let created = *d.created().unwrap();
    assert_eq!(
        created,
        utc(2019, 12, 16, 23, 48, 18) + chrono::TimeDelta::milliseconds(520)
    );
    assert_eq!(created.timestamp_subsec_millis(), 520);
    assert_eq!(to_value(&d), json!({"Created": "2019-12-16T23:48:18.52Z"}));
}

#[test]
fn timestamp_nanosecond_precision_round_trips() {
    let d = details(r#"{"StageDeployment": {"Created": "1985-04-12T23:20:50.123456789Z"}}"#);
    assert_eq!(d.created().unwrap().timestamp_subsec_nanos(), 123_456_789);
    assert_eq!(
        to_value(&d),
        json!({"Created": "1985-04-12T23:20:50.123456789Z"})
    );
}

#[test]
fn built_timestamps_serialize_as_rfc3339_utc() {
    let at = utc(2020, 2, 29, 12, 0, 5) + chrono::TimeDelta::microseconds(1500);
    let d = StageDeploymentDetails::builder()
        .created(at)
        .last_updated(utc(1970, 1, 1, 0, 0, 0))
        .build();
    assert_eq!(
        to_value(&d),
        json!({"Created": "2020-02-29T12:00:05.0015Z", "LastUpdated": "1970-01-01T00:00:00Z"})
    );
    let back: StageDeploymentDetails = serde_json::from_value(to_value(&d)).unwrap();
    assert_eq!(back, d);
}

#[test]
fn leap_second_resolves_to_the_next_second() {
    let d = details(r#"{"StageDeployment": {"Created": "2016-12-31T23:59:60Z"}}"#);
    assert_eq!(d.created(), Some(&utc(2017, 1, 1, 0, 0, 0)));
    assert!(
        serde_json::from_str::<GetStageDeploymentOutput>(
            r#"{"StageDeployment": {"Created": "2019-12-16T23:48:60Z"}}"#
        )
        .is_err(),
        "second 60 is only valid at 23:59 UTC"
    );
}

#[test]
fn malformed_timestamps_are_errors() {
    for bad in [
        "",
        "2019-12-16",
        "2019-12-16T23:48:18",           // no offset
        "2019-12-16 23:48:18Z",          // space separator
        "2019-12-16T23:48Z",             // no seconds
        "20191216T234818Z",              // basic format
        "2019-02-30T00:00:00Z",          // no such day
        "2019-12-16T24:00:00Z",          // hour out of range
        " 2019-12-16T23:48:18Z",         // leading whitespace
        "2019-12-16T23:48:18.Z",         // empty fraction
        "Mon, 16 Dec 2019 23:48:18 GMT", // http-date is not date-time
        "1576540098",                    // epoch seconds as a string
    ] {
        let json = json!({"StageDeployment": {"Created": bad}});
        let result = serde_json::from_value::<GetStageDeploymentOutput>(json);
        assert!(result.is_err(), "{bad:?} was accepted: {result:?}");
    }
}

#[test]
fn malformed_timestamp_error_names_format_and_input() {
    let err = serde_json::from_str::<GetStageDeploymentOutput>(
        r#"{"StageDeployment": {"Created": "yesterday"}}"#,
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("date-time"), "{msg}");
    assert!(msg.contains("yesterday"), "{msg}");
}

// ---------------------------------------------------------------------------------------------
// Wrong JSON types
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Builders and accessors
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

#[test]
fn error_struct_builder_message_display_and_error_trait() {
    let e = ValidationException::builder().message("bad").build();
    assert_eq!(e.message(), Some("bad"));
    let shown = e.to_string();
    assert!(shown.contains("ValidationException"), "{shown}");
    assert!(shown.contains("bad"), "{shown}");
    assert_eq!(shown, "ValidationException: bad");

    let as_error: &dyn std::error::Error = &e;
    assert_eq!(as_error.to_string(), shown);
    assert!(as_error.source().is_none());

    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(e);
    assert!(boxed.to_string().contains("bad"));

    let no_message = ValidationException::builder().build();
    assert_eq!(no_message.message(), None);
    assert_eq!(no_message.to_string(), "ValidationException");
}

#[test]
fn error_struct_constants() {
    assert_eq!(ValidationException::CODE, "ValidationException");
    assert_eq!(ValidationException::http_status(), Some(400));
    assert_eq!(AccessDeniedException::http_status(), Some(403));
    assert_eq!(ResourceNotFoundException::http_status(), Some(404));
    assert_eq!(ThrottlingException::http_status(), Some(429));
    assert_eq!(InternalServerException::http_status(), Some(500));
    assert!(InternalServerException::is_server_fault());
    assert!(!ThrottlingException::is_server_fault());
    assert!(!ValidationException::is_server_fault());
}

#[test]
fn error_enum_from_each_modeled_error() {
    let cases: Vec<(GetStageDeploymentError, &str, Option<RetryKind>)> = vec![
        (
            AccessDeniedException::builder().message("m").build().into(),
            "AccessDeniedException",
            None,
        ),
        (
            InternalServerException::builder()
                .message("m")
                .build()
                .into(),
            "InternalServerException",
            Some(RetryKind::Transient),
        ),
        (
            ResourceNotFoundException::builder()
                .message("m")
                .build()
                .into(),
            "ResourceNotFoundException",
            None,
        ),
        (
            ThrottlingException::builder().message("m").build().into(),
            "ThrottlingException",
            Some(RetryKind::Throttling),
        ),
        (
            ValidationException::builder().message("m").build().into(),
            "ValidationException",
            None,
        ),
    ];
    for (err, code, retry) in cases {
        assert_eq!(err.code(), Some(code));
        assert_eq!(err.message(), Some("m"));
        assert_eq!(err.retry_kind(), retry, "{code}");
        assert_eq!(err.to_string(), format!("{code}: m"));
        assert!(!err.is_unhandled());
        let flags = [
            err.is_access_denied_exception(),
            err.is_internal_server_exception(),
            err.is_resource_not_found_exception(),
            err.is_throttling_exception(),
            err.is_validation_exception(),
        ];
        assert_eq!(flags.iter().filter(|&&f| f).count(), 1, "{code}: {flags:?}");
    }
}

#[test]
fn throttling_error_is_throttling() {
    let err = GetStageDeploymentError::from(ThrottlingException::builder().message("slow").build());
    assert!(err.is_throttling_exception());
    assert!(!err.is_validation_exception());
    assert_eq!(err.retry_kind(), Some(RetryKind::Throttling));
    assert!(matches!(
        &err,
        GetStageDeploymentError::ThrottlingException(e) if e.message() == Some("slow")
    ));
}

#[test]
fn internal_server_error_is_transient_and_validation_is_not_retried() {
    let err = GetStageDeploymentError::from(InternalServerException::builder().build());
    assert!(err.is_internal_server_exception());
    assert_eq!(err.retry_kind(), Some(RetryKind::Transient));
    assert_eq!(err.message(), None);

    let err = GetStageDeploymentError::from(ValidationException::builder().message("bad").build());
    assert!(err.is_validation_exception());
    assert_eq!(err.retry_kind(), None);
}

#[test]
fn unhandled_retry_classification() {
    let transient = Unhandled::new().with_code("X").with_status(503);
    assert_eq!(transient.retry_kind(), Some(RetryKind::Transient));
    for status in [500, 502, 504] {
        assert_eq!(
            Unhandled::new().with_status(status).retry_kind(),
            Some(RetryKind::Transient),
            "{status}"
        );
    }
    assert_eq!(
        Unhandled::new()
            .with_code("X")
            .with_status(429)
            .retry_kind(),
        Some(RetryKind::Throttling)
    );
    assert_eq!(
        Unhandled::new()
            .with_code("ThrottlingException")
            .retry_kind(),
        Some(RetryKind::Throttling),
        "a throttling code is throttling without a status"
    );
    assert_eq!(
        Unhandled::new()
            .with_code("SlowDown")
            .with_status(503)
            .retry_kind(),
        Some(RetryKind::Throttling),
        "a throttling code wins over a transient status"
    );
    assert_eq!(
        Unhandled::new()
            .with_code("X")
            .with_status(400)
            .retry_kind(),
        None
    );
    assert_eq!(Unhandled::new().with_status(501).retry_kind(), None);
    assert_eq!(Unhandled::new().retry_kind(), None);
}

#[test]
fn unhandled_accessors_and_display() {
    let e = Unhandled::new()
        .with_code("X")
        .with_message("went wrong")
        .with_status(503)
        .with_request_id("req-1");
    assert_eq!(e.code(), Some("X"));
    assert_eq!(e.message(), Some("went wrong"));
    assert_eq!(e.status(), Some(503));
    assert_eq!(e.request_id(), Some("req-1"));

    // The status and request id are shown once, by `SdkError` (which has them too).
    assert_eq!(e.to_string(), "X: went wrong");
    assert_eq!(
        Unhandled::new().with_code("X").with_status(503).to_string(),
        "X"
    );
    assert_eq!(Unhandled::new().to_string(), "unhandled error");
    assert_eq!(Unhandled::new(), Unhandled::default());
}

#[test]
fn unhandled_through_the_error_enum() {
    let err = GetStageDeploymentError::from(
        Unhandled::new()
            .with_code("ServiceUnavailable")
            .with_message("later")
            .with_status(503),
    );
    assert!(err.is_unhandled());
    assert!(!err.is_internal_server_exception());
    assert_eq!(err.code(), Some("ServiceUnavailable"));
    assert_eq!(err.message(), Some("later"));
    assert_eq!(err.retry_kind(), Some(RetryKind::Transient));
    assert!(err.to_string().contains("ServiceUnavailable"));
    let GetStageDeploymentError::Unhandled(inner) = &err else {
        panic!("expected Unhandled, got {err:?}");
    };
    assert_eq!(inner.status(), Some(503));

    let none = GetStageDeploymentError::from(Unhandled::new().with_status(429));
    assert_eq!(none.code(), None);
    assert_eq!(none.retry_kind(), Some(RetryKind::Throttling));
}

#[test]
fn error_structs_deserialize_modeled_message_member() {
    let e: ValidationException = serde_json::from_str(r#"{"Message": "m"}"#).unwrap();
    assert_eq!(e.message(), Some("m"));
    let e: AccessDeniedException = serde_json::from_str(r#"{"Message": "m"}"#).unwrap();
    assert_eq!(e.message(), Some("m"));
    let e: ResourceNotFoundException = serde_json::from_str(r#"{"Message": "m"}"#).unwrap();
    assert_eq!(e.message(), Some("m"));
    let e: ThrottlingException = serde_json::from_str(r#"{"Message": "m"}"#).unwrap();
    assert_eq!(e.message(), Some("m"));
    let e: InternalServerException = serde_json::from_str(r#"{"Message": "m"}"#).unwrap();
    assert_eq!(e.message(), Some("m"));

    let e: ValidationException = serde_json::from_str(r#"{"Message": null}"#).unwrap();
    assert_eq!(e.message(), None);
    let e: ValidationException = serde_json::from_str("{}").unwrap();
    assert_eq!(e.message(), None);
}

#[test]
fn error_structs_serialize_with_modeled_member_name() {
    let e = ThrottlingException::builder().message("slow").build();
    assert_eq!(to_value(&e), json!({"Message": "slow"}));
    let back: ThrottlingException = serde_json::from_value(to_value(&e)).unwrap();
    assert_eq!(back, e);
    assert_eq!(to_value(&ThrottlingException::builder().build()), json!({}));
}

/// restJson1 services may send the error message as `message` instead of the modeled
/// `Message`; error structures accept both spellings (other structures do not).
#[test]
fn error_structs_accept_lowercase_message() {
    let e: ValidationException = serde_json::from_str(r#"{"message": "m"}"#).unwrap();
    assert_eq!(e.message(), Some("m"));
    let e: InternalServerException = serde_json::from_str(r#"{"message": "m"}"#).unwrap();
    assert_eq!(e.message(), Some("m"));
    let err = GetStageDeploymentError::from(
        serde_json::from_str::<ThrottlingException>(r#"{"message": "slow"}"#).unwrap(),
    );
    assert_eq!(err.message(), Some("slow"));
    assert_eq!(err.to_string(), "ThrottlingException: slow");

    // Written back under the modeled name.
    let e: AccessDeniedException = serde_json::from_str(r#"{"message": "no"}"#).unwrap();
    assert_eq!(to_value(&e), json!({"Message": "no"}));

    // Other spellings are not the message.
    let e: ValidationException =
        serde_json::from_str(r#"{"MESSAGE": "m", "errorMessage": "m"}"#).unwrap();
    assert_eq!(e.message(), None);
}

#[test]
fn lowercase_message_is_not_special_outside_errors() {
    let d = details(r#"{"StageDeployment": {"DeploymentResult": {"message": "m"}}}"#);
    assert_eq!(d.deployment_result().unwrap().message(), None);
}
