//! Modeled errors, in each of the three identification forms (header, body code, body type).

use super::*;

const MODELED: [(&str, u16); 5] = [
    ("ValidationException", 400),
    ("AccessDeniedException", 403),
    ("ResourceNotFoundException", 404),
    ("ThrottlingException", 429),
    ("InternalServerException", 500),
];

fn variant_code(error: &GetStageDeploymentError) -> &'static str {
    match error {
        GetStageDeploymentError::ValidationException(_) => "ValidationException",
        GetStageDeploymentError::AccessDeniedException(_) => "AccessDeniedException",
        GetStageDeploymentError::ResourceNotFoundException(_) => "ResourceNotFoundException",
        GetStageDeploymentError::ThrottlingException(_) => "ThrottlingException",
        GetStageDeploymentError::InternalServerException(_) => "InternalServerException",
        GetStageDeploymentError::Unhandled(_) => "Unhandled",
    }
}

#[test]
fn modeled_errors_are_identified_from_header_code_and_type() {
    // (form, reply) for each error; the message says which form it came from.
    let mut cases = Vec::new();
    for (code, status) in MODELED {
        let header_form = Reply::json(status, &format!(r#"{{"message":"{code} via header"}}"#))
            .header(
                "X-Amzn-Errortype",
                &format!("{code}:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
            )
            .header("x-amzn-RequestId", &format!("rid-{code}-header"));
        let code_form = Reply::json(
            status,
            &format!(r#"{{"code":"{code}","message":"{code} via code"}}"#),
        )
        .header("x-amzn-RequestId", &format!("rid-{code}-code"));
        let type_form = Reply::json(
            status,
            &format!(r#"{{"__type":"aws.gamesparks#{code}:http://internal.amazon.com/coral/com.amazon.coral.validate/","Message":"{code} via type"}}"#),
        )
        .header("x-amzn-RequestId", &format!("rid-{code}-type"));
        cases.push((code, status, "header", header_form));
        cases.push((code, status, "code", code_form));
        cases.push((code, status, "type", type_form));
    }
    let server = Server::start(cases.iter().map(|c| c.3.clone()).collect());
    let client = client_for(&server);
    for (code, status, form, _) in &cases {
        let (error, got_status, request_id) = service_error(call(&client));
        assert_eq!(
            variant_code(&error),
            *code,
            "{form} form of {code}: {error:?}"
        );
        assert_eq!(error.code(), Some(*code));
        assert_eq!(
            error.message(),
            Some(format!("{code} via {form}").as_str()),
            "{form} form of {code}"
        );
        assert_eq!(got_status, *status);
        assert_eq!(
            request_id.as_deref(),
            Some(format!("rid-{code}-{form}").as_str())
        );
        let expected_retry = match *code {
            "ThrottlingException" => Some(gamesparks::error::RetryKind::Throttling),
            "InternalServerException" => Some(gamesparks::error::RetryKind::Transient),
            _ => None,
        };
        assert_eq!(error.retry_kind(), expected_retry, "{code}");
    }
    assert_eq!(
        server.request_count(),
        cases.len(),
        "one request per case: retries are off"
    );
}

#[test]
fn errortype_header_wins_over_body_code_and_body_code_over_type() {
    let server = Server::start(vec![
        Reply::json(400, r#"{"code":"AccessDeniedException","__type":"ResourceNotFoundException","message":"m"}"#)
            .header("x-amzn-errortype", "ValidationException"),
        Reply::json(400, r#"{"__type":"ResourceNotFoundException","code":"AccessDeniedException","message":"m"}"#),
        Reply::json(400, r#"{"__type":"aws.gamesparks#ThrottlingException","message":"m"}"#),
    ]);
    let client = client_for(&server);
    assert!(service_error(call(&client)).0.is_validation_exception());
    assert!(service_error(call(&client)).0.is_access_denied_exception());
    assert!(service_error(call(&client)).0.is_throttling_exception());
}

#[test]
fn unknown_error_code_is_unhandled_with_code_message_status_and_request_id() {
    let server = Server::start(vec![
        Reply::json(
            409,
            r#"{"__type":"aws.gamesparks#ConflictingThingException","message":"it conflicts"}"#,
        )
        .header("x-amzn-RequestId", "req-409"),
    ]);
    let result = call(&client_for(&server));
    let rendered = format!("{}", result.as_ref().unwrap_err());
    let (error, status, request_id) = service_error(result);
    let GetStageDeploymentError::Unhandled(unhandled) = &error else {
        panic!("expected Unhandled, got {error:?}");
    };
    assert_eq!(unhandled.code(), Some("ConflictingThingException"));
    assert_eq!(unhandled.message(), Some("it conflicts"));
    assert_eq!(unhandled.status(), Some(409));
    assert_eq!(unhandled.request_id(), Some("req-409"));
    assert_eq!(error.code(), Some("ConflictingThingException"));
    assert_eq!(error.retry_kind(), None);
    assert_eq!((status, request_id.as_deref()), (409, Some("req-409")));
    for part in [
        "ConflictingThingException",
        "it conflicts",
        "HTTP 409",
        "req-409",
    ] {
        assert!(rendered.contains(part), "{rendered:?} lacks {part:?}");
    }
}

#[test]
fn service_error_display_has_code_message_status_and_request_id() {
    let server = Server::start(vec![
        Reply::json(400, r#"{"message":"GameName is too long"}"#)
            .header(
                "X-Amzn-Errortype",
                "ValidationException:http://internal.amazon.com/",
            )
            .header("x-amzn-RequestId", "req-display"),
    ]);
    let err = call(&client_for(&server)).unwrap_err();
    assert_eq!(err.kind_name(), "service");
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.request_id(), Some("req-display"));
    assert!(
        err.as_service_error()
            .is_some_and(GetStageDeploymentError::is_validation_exception)
    );
    let rendered = err.to_string();
    for part in [
        "ValidationException",
        "GameName is too long",
        "HTTP 400",
        "req-display",
    ] {
        assert!(rendered.contains(part), "{rendered:?} lacks {part:?}");
    }
    assert_eq!(
        rendered,
        "service error: ValidationException: GameName is too long (HTTP 400, request id req-display)"
    );
    // The std::error::Error chain reaches the modeled error.
    let source = std::error::Error::source(&err).expect("a source");
    assert_eq!(
        source.to_string(),
        "ValidationException: GameName is too long"
    );
}
