//! Tests of `ureq_transport.rs`, compiled as its `tests` module.

use super::super::http::{HttpClient as _, HttpRequest, Timeouts, TransportErrorKind};
use super::*;

#[test]
fn classifies_errors() {
    use ::std::io::{Error as IoError, ErrorKind};
    let cases = [
        (
            ::ureq::Error::Timeout(::ureq::Timeout::RecvResponse),
            TransportErrorKind::Timeout,
        ),
        (
            ::ureq::Error::Timeout(::ureq::Timeout::Connect),
            TransportErrorKind::Timeout,
        ),
        (::ureq::Error::HostNotFound, TransportErrorKind::Connect),
        (
            ::ureq::Error::Io(IoError::from(ErrorKind::ConnectionRefused)),
            TransportErrorKind::Connect,
        ),
        (
            ::ureq::Error::Io(IoError::from(ErrorKind::ConnectionReset)),
            TransportErrorKind::Io,
        ),
        (
            ::ureq::Error::Io(IoError::from(ErrorKind::UnexpectedEof)),
            TransportErrorKind::Io,
        ),
        (
            ::ureq::Error::Io(IoError::other(
                "failed to lookup address information: Name or service not known",
            )),
            TransportErrorKind::Connect,
        ),
        (
            ::ureq::Error::Io(IoError::new(
                ErrorKind::InvalidData,
                "invalid peer certificate: UnknownIssuer",
            )),
            TransportErrorKind::Connect,
        ),
        (::ureq::Error::Tls("bad"), TransportErrorKind::Connect),
        (::ureq::Error::BadUri("x".into()), TransportErrorKind::Other),
    ];
    for (error, kind) in cases {
        assert_eq!(error_kind(&error), kind, "{error}");
    }
}

#[test]
fn empty_body_omitted_only_for_bodiless_methods() {
    assert!(omit_empty_body(&::ureq::http::Method::GET));
    assert!(omit_empty_body(&::ureq::http::Method::DELETE));
    assert!(omit_empty_body(&::ureq::http::Method::HEAD));
    assert!(!omit_empty_body(&::ureq::http::Method::POST));
    assert!(!omit_empty_body(&::ureq::http::Method::PUT));
}

#[test]
fn bad_url_is_other() {
    let request = HttpRequest {
        method: "GET".into(),
        url: "not a url".into(),
        headers: ::std::vec::Vec::new(),
        body: super::super::http::Body::empty(),
    };
    let result = super::super::exec::block_on(UreqClient::new().send(request, Timeouts::default()));
    let error = result.err().map(|e| e.kind());
    assert_eq!(error, Some(TransportErrorKind::Other));
}
