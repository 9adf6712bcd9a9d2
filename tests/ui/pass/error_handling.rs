//! Handling a `GetStageDeployment` failure, as a user of the crate would.
use gamesparks::error::{RetryKind, Unhandled};
use gamesparks::operation::get_stage_deployment::GetStageDeploymentError;
use gamesparks::types::error::{ResourceNotFoundException, ThrottlingException};

fn advice(err: &GetStageDeploymentError) -> String {
    match err {
        GetStageDeploymentError::ResourceNotFoundException(e) => {
            format!("not found: {}", e.message().unwrap_or("-"))
        }
        GetStageDeploymentError::ThrottlingException(_) => "slow down".to_owned(),
        GetStageDeploymentError::Unhandled(u) => format!("unhandled {:?}", u.code()),
        other => format!("failed: {other}"),
    }
}

fn report(err: &dyn std::error::Error) -> String {
    err.to_string()
}

fn main() {
    let missing: GetStageDeploymentError = ResourceNotFoundException::builder()
        .message("no stage dev")
        .build()
        .into();
    assert_eq!(advice(&missing), "not found: no stage dev");
    assert!(missing.is_resource_not_found_exception());
    assert_eq!(missing.retry_kind(), None);
    assert_eq!(report(&missing), "ResourceNotFoundException: no stage dev");

    let throttled = GetStageDeploymentError::from(ThrottlingException::builder().build());
    assert_eq!(advice(&throttled), "slow down");
    assert_eq!(throttled.retry_kind(), Some(RetryKind::Throttling));

    let odd = GetStageDeploymentError::from(Unhandled::new().with_code("Teapot").with_status(418));
    assert_eq!(advice(&odd), "unhandled Some(\"Teapot\")");
    assert_eq!(odd.retry_kind(), None);

    let busy = GetStageDeploymentError::from(Unhandled::new().with_status(503));
    assert_eq!(busy.retry_kind(), Some(RetryKind::Transient));

    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(busy);
    assert!(boxed.to_string().contains("503"));
}
