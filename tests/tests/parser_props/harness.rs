//! The in-memory transport and the client the properties call through.

use super::*;

/// Answers each request with the next queued response.
#[derive(Debug, Clone, Default)]
struct Canned {
    responses: Arc<Mutex<VecDeque<HttpResponse>>>,
    sent: Arc<Mutex<usize>>,
}

impl HttpClient for Canned {
    fn send(
        &self,
        _request: HttpRequest,
        _timeouts: Timeouts,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        *self.sent.lock().unwrap() += 1;
        let next = self.responses.lock().unwrap().pop_front();
        Box::pin(async move {
            next.ok_or_else(|| {
                TransportError::new(
                    gamesparks::http::TransportErrorKind::Other,
                    "no response queued",
                )
            })
        })
    }
}

pub(crate) struct Harness {
    client: Client,
    transport: Canned,
}

impl Harness {
    pub(crate) fn new() -> Self {
        let transport = Canned::default();
        let config = Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKID", "SECRET", Some("TOKEN".into())))
            .retry_config(RetryConfig::disabled())
            .http_client(transport.clone())
            .ignore_environment()
            .build();
        Harness {
            client: Client::new(config),
            transport,
        }
    }

    /// Sends one call answered by `response`, turning a panic into a test failure naming `case`.
    pub(crate) fn call(&self, response: HttpResponse, case: &str) -> CallResult {
        self.transport
            .responses
            .lock()
            .unwrap()
            .push_back(response.try_clone().expect("bytes body"));
        let before = *self.transport.sent.lock().unwrap();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let result = gamesparks::http::block_on(
                self.client
                    .get_stage_deployment()
                    .game_name("g")
                    .stage_name("s")
                    .deployment_id("d")
                    .send(),
            );
            // Formatting the result must not panic either.
            let _ = match &result {
                Ok(output) => format!("{output:?}"),
                Err(e) => format!("{e} {e:?}"),
            };
            result
        }));
        match outcome {
            Ok(result) => {
                assert_eq!(
                    *self.transport.sent.lock().unwrap(),
                    before + 1,
                    "{case}: exactly one attempt"
                );
                result
            }
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                panic!(
                    "{case}: the client panicked ({message}) on status {} headers {:?} body {:?}",
                    response.status,
                    response.headers,
                    String::from_utf8_lossy(
                        &body_of(&response)[..body_of(&response).len().min(300)]
                    )
                );
            }
        }
    }
}

fn expected_request_id(response: &HttpResponse) -> Option<String> {
    response
        .header("x-amzn-requestid")
        .or_else(|| response.header("x-amz-request-id"))
        .map(str::to_string)
}

/// The invariants every response must satisfy.
pub(crate) fn check_invariants(
    harness: &Harness,
    response: &HttpResponse,
    result: &CallResult,
    case: &str,
) {
    let request_id = expected_request_id(response);
    if (200..300).contains(&response.status) {
        match result {
            Ok(output) => {
                // Written back as JSON, the output reads back equal.
                let json = serde_json::to_vec(output)
                    .unwrap_or_else(|e| panic!("{case}: serialize {output:?}: {e}"));
                let again = harness.call(
                    HttpResponse::new(200, json.clone()),
                    &format!("{case} (round trip)"),
                );
                match again {
                    Ok(again) => assert_eq!(
                        &again,
                        output,
                        "{case}: round trip via {}",
                        String::from_utf8_lossy(&json)
                    ),
                    Err(e) => panic!(
                        "{case}: written output does not read back: {e:?} from {}",
                        String::from_utf8_lossy(&json)
                    ),
                }
            }
            Err(SdkError::Response(e)) => {
                assert_eq!(e.status, response.status, "{case}");
                assert_eq!(e.request_id, request_id, "{case}");
                assert!(!e.message.is_empty(), "{case}");
            }
            Err(other) => panic!("{case}: a 2xx gave neither Ok nor a response error: {other:?}"),
        }
    } else {
        // Any 2xx is success, as in AWS SDKs; everything else is the service's error.
        let Err(SdkError::Service(e)) = result else {
            panic!(
                "{case}: status {} did not give a service error: {result:?}",
                response.status
            );
        };
        assert_eq!(e.status, response.status, "{case}");
        assert_eq!(e.request_id, request_id, "{case}");
        match &e.error {
            GetStageDeploymentError::Unhandled(u) => {
                assert_eq!(u.status(), Some(response.status), "{case}");
                assert_eq!(u.request_id().map(str::to_string), request_id, "{case}");
                assert!(
                    u.code().is_none_or(|c| !c.is_empty() && !c.contains(':')),
                    "{case}: code {:?}",
                    u.code()
                );
            }
            modeled => {
                let code = modeled.code().expect("modeled errors have a code");
                assert!(MODELED.contains(&code), "{case}: {code}");
            }
        }
    }
}
