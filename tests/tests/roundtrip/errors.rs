//! Errors: the modeled exceptions, `Unhandled`, retry kinds and display.

use super::*;

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
