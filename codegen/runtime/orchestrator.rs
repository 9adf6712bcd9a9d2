//! One call: serialize, resolve the endpoint, sign, send, parse, and retry in AWS standard mode.

use super::config::Config;
use super::error::{ConstructionError, ResponseError, RetryKind, SdkError, ServiceError};
use super::http::{Body, HttpRequest, HttpResponse, TransportError, TransportErrorKind};
use super::protocol::RequestParts;
use super::retry::Jitter;
use super::service_endpoint::{ResolvedEndpoint, ServiceMeta};

/// What an operation's response parser can find besides success.
pub(crate) enum Failure<E> {
    /// The service returned an error (modeled or `Unhandled`).
    Service(E),
    /// A success status whose body could not be read.
    Unreadable(::std::string::String),
}

/// The largest response body read into memory for a non-streaming output (or any error); a
/// longer one fails as unreadable. A `@streaming` payload is never read here.
const MAX_BUFFERED_BODY: u64 = 64 * 1024 * 1024;

/// How an operation reads its response.
pub(crate) enum Parse<O, E> {
    /// The body is read whole (up to [`MAX_BUFFERED_BODY`]) before parsing.
    Buffered(fn(&HttpResponse) -> ::std::result::Result<O, Failure<E>>),
    /// A success response's body is handed to the output as a stream; an error's body is
    /// read whole first.
    Streaming {
        /// Parses a success response, taking its body.
        parse: fn(HttpResponse) -> ::std::result::Result<O, Failure<E>>,
        /// Parses an error response whose body is in memory.
        error: fn(&HttpResponse) -> E,
        /// The modeled success status.
        code: u16,
    },
}

/// A step applied to the serialized request before it is signed: compression, checksums.
pub(crate) type RequestHook =
    fn(&mut RequestParts, &Config) -> ::std::result::Result<(), ::std::string::String>;

/// Per-operation facts the call needs besides its (de)serializers.
#[derive(Clone, Copy)]
pub(crate) struct OperationMeta {
    /// The operation's Smithy name, for tracing.
    pub name: &'static str,
    /// `aws.auth#unsignedPayload`: sign the body as `UNSIGNED-PAYLOAD`.
    pub unsigned_payload: bool,
    /// Run in order on the serialized request.
    pub hooks: &'static [RequestHook],
}

impl OperationMeta {
    /// The operation `name` with a signed payload and no request hooks: what most operations
    /// have.
    pub(crate) const fn plain(name: &'static str) -> OperationMeta {
        OperationMeta {
            name,
            unsigned_payload: false,
            hooks: &[],
        }
    }
}

/// Where an operation's call goes: the operation's endpoint rules, or
/// [`super::service_endpoint::default_endpoint`] for a service without rules.
pub(crate) type EndpointFn<I> =
    fn(&I, &Config, &ServiceMeta) -> ::std::result::Result<ResolvedEndpoint, ::std::string::String>;

/// Operation error enums tell the retry loop how to treat them.
pub(crate) trait Classify {
    /// Throttling, transient, or not retryable.
    fn retry_kind(&self) -> ::std::option::Option<RetryKind>;
}

/// Runs one operation with retries.
///
/// A body of bytes or a file is sent again on each attempt; a reader is sent once, and a
/// retryable failure after it becomes [`SdkError::BodyNotReplayable`]. Bytes are signed with
/// their SHA-256; anything not in memory (and every body of an `unsignedPayload` operation) as
/// `UNSIGNED-PAYLOAD`.
pub(crate) async fn invoke<I, O, E: Classify>(
    config: &Config,
    service: &ServiceMeta,
    meta: OperationMeta,
    input: I,
    endpoint: EndpointFn<I>,
    serialize: fn(I, &Config) -> ::std::result::Result<RequestParts, ::std::string::String>,
    parse: Parse<O, E>,
) -> ::std::result::Result<O, SdkError<E>> {
    let span = super::trace::operation(service.signing_name, meta.name);
    let call = call(
        config, service, meta, input, endpoint, serialize, parse, &span,
    );
    span.instrument(call).await
}

/// [`invoke`], inside the operation's span.
#[allow(clippy::too_many_arguments, reason = "invoke's arguments and its span")]
async fn call<I, O, E: Classify>(
    config: &Config,
    service: &ServiceMeta,
    meta: OperationMeta,
    input: I,
    endpoint: EndpointFn<I>,
    serialize: fn(I, &Config) -> ::std::result::Result<RequestParts, ::std::string::String>,
    parse: Parse<O, E>,
    span: &super::trace::Span,
) -> ::std::result::Result<O, SdkError<E>> {
    let construction = |m: ::std::string::String| SdkError::Construction(ConstructionError::new(m));
    // A region only instance metadata knows is looked up at the first call.
    let filled = config.with_lazy_region().await.map_err(construction)?;
    let config = filled.as_ref().unwrap_or(config);
    // The endpoint reads the input, which serializing consumes.
    let resolved = endpoint(&input, config, service);
    let mut parts = serialize(input, config).map_err(construction)?;
    for (name, value) in service.headers {
        if !parts
            .headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case(name))
        {
            parts.headers.push((name.to_string(), value.to_string()));
        }
    }
    let resolved = match &parts.endpoint {
        Some(url) => super::service_endpoint::check_endpoint_url(url).map(ResolvedEndpoint::url),
        None => resolved,
    }
    .map_err(construction)?;
    for (name, value) in &resolved.headers {
        if !parts
            .headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case(name))
        {
            parts.headers.push((name.clone(), value.clone()));
        }
    }
    for hook in meta.hooks {
        hook(&mut parts, config).map_err(construction)?;
    }
    super::protocol::check_headers(&parts.headers).map_err(construction)?;
    let mut base = resolved.url.clone();
    if !config.disable_host_prefix {
        base = super::protocol::prefix_host(&base, &parts.host_prefix);
    }
    let credentials = config
        .credentials()
        .await
        .map_err(|e| match e.is_not_loaded() {
            // "no credentials found", with what the chain tried.
            true => construction(e.to_string()),
            false => construction(format!("credentials: {e}")),
        })?;
    // Even with an endpoint override, SigV4 needs the region the signature is scoped to: the
    // endpoint's, else the config's.
    let Some(region) = resolved
        .signing_region
        .clone()
        .or_else(|| config.region.clone())
    else {
        return Err(construction(
            "no region: set one on the config, or AWS_REGION, or a profile's `region`".into(),
        ));
    };
    // Checked whatever the endpoint, before anything is sent.
    if let Some(configured) = &config.region {
        super::service_endpoint::check_region(configured).map_err(construction)?;
    }
    super::service_endpoint::check_region(&region).map_err(construction)?;
    let Some(client) = config.http_client.clone() else {
        return Err(construction(
            "no HTTP client: enable the `ureq` or `hyper` feature or set one with ConfigBuilder::http_client"
                .into(),
        ));
    };
    let (scheme_host, base_path) = split_base(&base);
    let host = scheme_host
        .split("://")
        .nth(1)
        .unwrap_or_default()
        .to_string();
    let path = format!("{base_path}{}", parts.path);
    let url = if parts.query.is_empty() {
        format!("{scheme_host}{path}")
    } else {
        format!("{scheme_host}{path}?{}", parts.query)
    };
    let payload_hash = match parts.body.bytes() {
        Some(bytes) if !meta.unsigned_payload => super::sigv4::sha256_hex(bytes),
        _ => super::sigv4::UNSIGNED_PAYLOAD.to_string(),
    };
    let replayable = parts.body.is_replayable();
    let mut rng = Jitter::seeded();
    let mut attempt = 1u32;
    // What the last retry took from the retry quota, refunded if the call then succeeds.
    let mut retry_cost = None;
    loop {
        let mut headers = ::std::vec::Vec::with_capacity(parts.headers.len() + 4);
        headers.push(("host".to_string(), host.clone()));
        headers.extend(parts.headers.iter().cloned());
        let amz_date = super::sigv4::amz_date(now_secs());
        let (added, _) = super::sigv4::sign_with_payload_hash(
            parts.method,
            &path,
            &parts.query,
            &headers,
            &payload_hash,
            &super::sigv4::SigningCredentials {
                access_key_id: credentials.access_key_id(),
                secret_access_key: credentials.secret_access_key(),
                session_token: credentials.session_token(),
            },
            &super::sigv4::SigningParams {
                region: &region,
                service: resolved
                    .signing_name
                    .as_deref()
                    .unwrap_or(service.signing_name),
                amz_date: &amz_date,
                content_sha256_header: false,
                normalize_path: resolved.normalize_path,
                double_encode: resolved.double_encode,
            },
        );
        headers.extend(added);
        // Bytes and files are copied for each attempt; a reader is moved into the only one.
        let body = match parts.body.try_clone() {
            Some(body) => body,
            None => ::std::mem::take(&mut parts.body),
        };
        let request = HttpRequest {
            method: parts.method.to_string(),
            url: url.clone(),
            headers,
            body,
        };
        span.record_attempts(attempt);
        let attempt_span = super::trace::attempt(attempt);
        let sent = attempt_span.instrument(async {
            match client.send(request, config.timeouts).await {
                Ok(response) => {
                    attempt_span.record_response(&response);
                    span.record_response(&response);
                    read(response, &parse).await
                }
                Err(e) => Err(transport_failure(e)),
            }
        });
        let outcome = match sent.await {
            Ok(output) => {
                config.retry_quota.release(retry_cost);
                return Ok(output);
            }
            Err(e) => e.with_attempts(attempt),
        };
        let retryable = is_retryable(&outcome);
        if !retryable || attempt >= config.retry.max_attempts() {
            let reason = if retryable {
                "attempts exhausted"
            } else {
                retry_reason(&outcome)
            };
            attempt_span.retry_decision(false, reason, None);
            return Err(outcome);
        }
        if !replayable {
            attempt_span.retry_decision(false, "body not replayable", None);
            return Err(SdkError::BodyNotReplayable(::std::boxed::Box::new(outcome)));
        }
        // The retry quota pays for the retry, or the call ends with what it has.
        let Some(cost) = config
            .retry_quota
            .acquire(matches!(outcome, SdkError::Timeout(_)))
        else {
            attempt_span.retry_decision(false, "retry quota exhausted", None);
            return Err(outcome);
        };
        retry_cost = Some(cost);
        let delay = config.retry.backoff(attempt, rng.next());
        attempt_span.retry_decision(true, retry_reason(&outcome), Some(delay));
        config.sleep.sleep(delay).await;
        attempt += 1;
    }
}

/// Whether a failed attempt may be retried: a retryable service error (throttling or
/// transient), a timeout, or a connection that failed or broke. Never a response too large to
/// read, which would be as large again.
fn is_retryable<E: Classify>(outcome: &SdkError<E>) -> bool {
    match outcome {
        SdkError::Service(e) => e.error.retry_kind().is_some(),
        SdkError::Timeout(_) => true,
        SdkError::Transport(e) => matches!(
            e.kind(),
            TransportErrorKind::Connect | TransportErrorKind::Io
        ),
        SdkError::Construction(_)
        | SdkError::Response(_)
        | SdkError::ResponseTooLarge(_)
        | SdkError::BodyNotReplayable(_) => false,
    }
}

/// Why an attempt's failure is (or is not) retried, for tracing.
fn retry_reason<E: Classify>(outcome: &SdkError<E>) -> &'static str {
    match outcome {
        SdkError::Service(e) => match e.error.retry_kind() {
            Some(RetryKind::Throttling) => "throttling",
            Some(RetryKind::Transient) => "transient",
            None => "not retryable",
        },
        SdkError::Timeout(_) => "timeout",
        SdkError::Transport(e) if e.kind() == TransportErrorKind::Connect => "connection",
        SdkError::Transport(e) if e.kind() == TransportErrorKind::Io => "io",
        SdkError::ResponseTooLarge(_) => "response too large",
        _ => "not retryable",
    }
}

fn transport_failure<E>(e: TransportError) -> SdkError<E> {
    if e.kind() == TransportErrorKind::Timeout {
        SdkError::Timeout(e)
    } else {
        SdkError::Transport(e)
    }
}

/// Reads one response the way the operation wants it.
async fn read<O, E>(
    mut response: HttpResponse,
    parse: &Parse<O, E>,
) -> ::std::result::Result<O, SdkError<E>> {
    if let Parse::Streaming { parse, code, .. } = parse
        && super::protocol::is_success(response.status, *code)
    {
        let status = response.status;
        let request_id = super::protocol::request_id(&response);
        return parse(response).map_err(|f| sdk_error(f, status, request_id));
    }
    // Everything else is read whole first, within the limit.
    let body = ::std::mem::take(&mut response.body);
    response.body = match body.collect_limited(MAX_BUFFERED_BODY).await {
        Ok(bytes) => Body::from(bytes),
        Err(e) if super::body::is_too_large(&e) => {
            return Err(SdkError::ResponseTooLarge(ResponseError {
                status: response.status,
                request_id: super::protocol::request_id(&response),
                message: format!(
                    "the body is over the {} MiB the client reads into memory",
                    MAX_BUFFERED_BODY / (1024 * 1024)
                ),
                attempts: 1,
            }));
        }
        Err(e) => {
            let kind = if e.kind() == ::std::io::ErrorKind::TimedOut {
                TransportErrorKind::Timeout
            } else {
                TransportErrorKind::Io
            };
            return Err(transport_failure(TransportError::new(kind, e.to_string())));
        }
    };
    let result = match parse {
        Parse::Buffered(parse) => parse(&response),
        Parse::Streaming { error, .. } => Err(Failure::Service(error(&response))),
    };
    result.map_err(|failure| into_sdk_error(failure, &response))
}

/// Attaches the response's status and request id to a parse failure.
pub(crate) fn into_sdk_error<E>(failure: Failure<E>, response: &HttpResponse) -> SdkError<E> {
    sdk_error(
        failure,
        response.status,
        super::protocol::request_id(response),
    )
}

/// Attaches a status and request id to a parse failure.
pub(crate) fn sdk_error<E>(
    failure: Failure<E>,
    status: u16,
    request_id: ::std::option::Option<::std::string::String>,
) -> SdkError<E> {
    match failure {
        Failure::Service(error) => SdkError::Service(ServiceError {
            error,
            status,
            request_id,
            attempts: 1,
        }),
        Failure::Unreadable(message) => SdkError::Response(ResponseError {
            status,
            request_id,
            message,
            attempts: 1,
        }),
    }
}

/// `https://host:port/base` → (`https://host:port`, `/base`); the base path has no trailing `/`.
fn split_base(base: &str) -> (&str, &str) {
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    match base[after_scheme..].find('/') {
        Some(i) => base.split_at(after_scheme + i),
        None => (base, ""),
    }
}

fn now_secs() -> i64 {
    ::std::time::SystemTime::now()
        .duration_since(::std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
#[path = "tests/orchestrator.rs"]
mod tests;
