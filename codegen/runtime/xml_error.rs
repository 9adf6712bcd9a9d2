//! Error bodies of the AWS XML protocols: where the error code, message and request id are, and
//! the `<Error>` element whose children are the error structure's members.

use super::xml::XmlElement;

/// How a protocol wraps the `<Error>` element of an error response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorShape {
    /// awsQuery: `<ErrorResponse><Error>…</Error><RequestId/></ErrorResponse>`.
    AwsQuery,
    /// ec2Query: `<Response><Errors><Error>…</Error></Errors><RequestID/></Response>`.
    Ec2Query,
    /// restXml: `<ErrorResponse><Error>…</Error><RequestId/></ErrorResponse>`. A bare `<Error>`
    /// root is accepted as well.
    RestXml,
    /// restXml with `noErrorWrapping` (S3): `<Error>…<RequestId/></Error>` at the root. An
    /// `<ErrorResponse>` wrapper is accepted as well.
    RestXmlUnwrapped,
}

/// What an XML error body says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XmlErrorMeta {
    /// `Error/Code`, trimmed; `None` if missing or empty.
    pub(crate) code: ::std::option::Option<::std::string::String>,
    /// `Error/Message` (or `Error/message`).
    pub(crate) message: ::std::option::Option<::std::string::String>,
    /// The body's `RequestId` (`RequestID` in ec2Query), trimmed; `None` if missing or empty.
    pub(crate) request_id: ::std::option::Option<::std::string::String>,
    root: ::std::option::Option<XmlElement>,
    shape: ErrorShape,
}

impl XmlErrorMeta {
    /// What an error response that matches no modeled error said; the request id falls back
    /// to the response's headers.
    pub(crate) fn into_unhandled(
        self,
        response: &super::http::HttpResponse,
    ) -> super::error::Unhandled {
        super::protocol::ErrorMeta {
            code: self.code,
            message: self.message,
            request_id: self
                .request_id
                .or_else(|| super::protocol::request_id(response)),
        }
        .into_unhandled(response)
    }

    /// The `<Error>` element, to read the error structure's members from.
    pub(crate) fn error(&self) -> ::std::option::Option<&XmlElement> {
        self.root
            .as_ref()
            .and_then(|root| error_element(root, self.shape))
    }
}

/// Reads an error body. Anything that is not an error body of this shape (empty, HTML, JSON,
/// truncated, another protocol's wrapper) gives all `None`.
pub(crate) fn error_meta(body: &[u8], shape: ErrorShape) -> XmlErrorMeta {
    let mut meta = XmlErrorMeta {
        code: None,
        message: None,
        request_id: None,
        root: None,
        shape,
    };
    let Ok(root) = super::xml::parse(body) else {
        return meta;
    };
    let Some(error) = error_element(&root, shape) else {
        return meta;
    };
    let id = |e: &XmlElement| trimmed(e.child("RequestId").or_else(|| e.child("RequestID")));
    meta.code = trimmed(error.child("Code"));
    meta.message = error
        .child("Message")
        .or_else(|| error.child("message"))
        .map(|m| m.text().to_string());
    meta.request_id = id(&root).or_else(|| id(error));
    meta.root = Some(root);
    meta
}

/// The `<Error>` element of a parsed error body of this shape.
pub(crate) fn error_element(
    root: &XmlElement,
    shape: ErrorShape,
) -> ::std::option::Option<&XmlElement> {
    let wrapped = || match root.name.as_str() {
        "ErrorResponse" => root.child("Error"),
        _ => None,
    };
    match shape {
        ErrorShape::AwsQuery => wrapped(),
        ErrorShape::Ec2Query => match root.name.as_str() {
            "Response" => root.child("Errors")?.child("Error"),
            _ => None,
        },
        ErrorShape::RestXml | ErrorShape::RestXmlUnwrapped => match root.name.as_str() {
            "Error" => Some(root),
            _ => wrapped(),
        },
    }
}

fn trimmed(
    element: ::std::option::Option<&XmlElement>,
) -> ::std::option::Option<::std::string::String> {
    let text = element?.text().trim();
    (!text.is_empty()).then(|| text.to_string())
}

#[cfg(test)]
#[path = "tests/xml_error.rs"]
mod tests;
