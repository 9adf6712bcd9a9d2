//! Timestamps on the wire.

use super::*;

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
