//! restJson1 for one operation: input → request parts, response → output or error. The code
//! is generated from the HTTP binding facts in the IR; shared plumbing is in the runtime.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{default_expr, named_path, rust_type, zero_value};
use crate::ir::{
    FieldDef, HttpBinding, NamedKind, OperationDef, PathPart, Presence, RequestHook, StructDef,
    TimestampFormat, TypeRef,
};
use crate::naming::ident;

/// `serialize_request`, `parse_response` and the body serializer for one operation. `errors`
/// are the crate's error structures, whose header members `parse_error` fills in.
pub(crate) fn emit_protocol(op: &OperationDef, errors: &[StructDef]) -> TokenStream {
    let input_name = ident(&op.input.name);
    let http = &op.http;
    let error_name = ident(&op.error.name);
    let method = &http.method;
    let path = http.path.iter().map(|p| match p {
        PathPart::Literal(text) if text.chars().count() == 1 => {
            let c = text.chars().next().unwrap_or('/');
            quote! { path.push(#c); }
        }
        PathPart::Literal(text) => quote! { path.push_str(#text); },
        PathPart::Label { field, member, greedy, empty_as } => {
            let Some(f) = op.input.fields.iter().find(|f| &f.name == field) else {
                return quote! { return ::std::result::Result::Err(::std::string::String::from("unbound URI label")); };
            };
            let fname = ident(field);
            let value = param_string(&f.ty, quote! { value });
            let fill = empty_as.as_ref().map(|fill| {
                quote! { let text = if text.is_empty() { ::std::string::String::from(#fill) } else { text }; }
            });
            match (&f.presence, fill) {
                (Presence::Optional, fill) => quote! {
                    let text = match &input.#fname {
                        ::std::option::Option::Some(value) => #value,
                        ::std::option::Option::None => ::std::string::String::new(),
                    };
                    #fill
                    crate::rt::protocol::push_label(&mut path, #member, &text, #greedy)?;
                },
                (_, Some(fill)) => quote! {
                    let value = &input.#fname;
                    let text = #value;
                    #fill
                    crate::rt::protocol::push_label(&mut path, #member, &text, #greedy)?;
                },
                (_, None) => quote! {
                    let value = &input.#fname;
                    crate::rt::protocol::push_label(&mut path, #member, &#value, #greedy)?;
                },
            }
        }
    });
    let host_prefix: Vec<TokenStream> = http
        .host_prefix
        .iter()
        .map(|p| match p {
            PathPart::Literal(text) => match text.chars().next() {
                Some(c) if text.len() == c.len_utf8() => quote! { host_prefix.push(#c); },
                _ => quote! { host_prefix.push_str(#text); },
            },
            PathPart::Label { field, member, .. } => {
                let fname = ident(field);
                let f = op.input.fields.iter().find(|f| &f.name == field);
                match f.map(|f| &f.presence) {
                    Some(Presence::Optional) => quote! {
                        crate::rt::protocol::push_host_label(&mut host_prefix, #member, input.#fname.as_deref().unwrap_or_default())?;
                    },
                    _ => quote! {
                        crate::rt::protocol::push_host_label(&mut host_prefix, #member, &input.#fname)?;
                    },
                }
            }
        })
        .collect();
    let host_prefix_decl = if host_prefix.is_empty() {
        quote! { let host_prefix = ::std::string::String::new(); }
    } else {
        quote! {
            let mut host_prefix = ::std::string::String::new();
            #(#host_prefix)*
        }
    };
    let literal_query = http.query.iter().map(|(k, v)| match v {
        Some(v) => quote! { crate::rt::protocol::push_query(&mut query, #k, #v); },
        None => quote! {
            if !query.is_empty() { query.push('&'); }
            query.push_str(&crate::rt::protocol::percent_encode(#k, false));
        },
    });
    let query_keys: Vec<&str> = op
        .input
        .fields
        .iter()
        .filter_map(|f| match &f.http {
            HttpBinding::Query(k) => Some(k.as_str()),
            _ => None,
        })
        .collect();
    let header_names: Vec<&str> = op
        .input
        .fields
        .iter()
        .filter_map(|f| match &f.http {
            HttpBinding::Header(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    let mut query_members = Vec::new();
    let mut header_members = Vec::new();
    for f in &op.input.fields {
        let fname = ident(&f.name);
        match &f.http {
            HttpBinding::Query(key) => {
                let push = match &f.ty {
                    TypeRef::List { item, .. } => {
                        let item_str = param_string(item, quote! { item });
                        quote! { for item in value { crate::rt::protocol::push_query(&mut query, #key, &#item_str); } }
                    }
                    other => {
                        let s = param_string(other, quote! { value });
                        quote! { crate::rt::protocol::push_query(&mut query, #key, &#s); }
                    }
                };
                query_members.push(with_value(f, &fname, push));
            }
            HttpBinding::QueryParams => {
                // `@httpQuery` members win over map entries with the same key.
                let skip = (!query_keys.is_empty()).then(|| {
                    quote! { if [#(#query_keys),*].contains(&key.as_str()) { continue; } }
                });
                let push = match &f.ty {
                    TypeRef::Map { value, .. } => {
                        let each = match value.as_ref() {
                            TypeRef::List { item, .. } => {
                                let item_str = param_string(item, quote! { item });
                                quote! { for item in items { crate::rt::protocol::push_query(&mut query, key, &#item_str); } }
                            }
                            scalar => {
                                let s = param_string(scalar, quote! { items });
                                quote! { crate::rt::protocol::push_query(&mut query, key, &#s); }
                            }
                        };
                        // In key order, so the same input always gives the same request.
                        quote! {
                            let mut entries: ::std::vec::Vec<_> = value.iter().collect();
                            entries.sort_by(|a, b| a.0.cmp(b.0));
                            for (key, items) in entries {
                                #skip
                                #each
                            }
                        }
                    }
                    _ => quote! {},
                };
                query_members.push(with_value(f, &fname, push));
            }
            HttpBinding::Header(name) => {
                let push = if f.media_type.is_some() && f.ty == TypeRef::String {
                    // A `@mediaType` string is base64 in a header (restJson1, MediaTypeHeaderInputBase64).
                    quote! { headers.push((::std::string::String::from(#name), crate::rt::base64::encode(value.as_bytes()))); }
                } else {
                    header_push(name, &f.ty)
                };
                header_members.push(with_value(f, &fname, push));
            }
            HttpBinding::PrefixHeaders(prefix) => {
                // A named `@httpHeader` member wins over a map entry that names the same header.
                let skip = (!header_names.is_empty()).then(|| {
                    quote! {
                        if [#(#header_names),*].iter().any(|h: &&str| h.eq_ignore_ascii_case(&name)) {
                            continue;
                        }
                    }
                });
                let push = match &f.ty {
                    TypeRef::Map { value, .. } => {
                        let s = param_string(value, quote! { item });
                        // In key order, so the same input always gives the same request.
                        quote! {
                            let mut entries: ::std::vec::Vec<_> = value.iter().collect();
                            entries.sort_by(|a, b| a.0.cmp(b.0));
                            for (key, item) in entries {
                                let name = ::std::format!("{}{}", #prefix, key);
                                #skip
                                headers.push((name, #s));
                            }
                        }
                    }
                    _ => quote! {},
                };
                header_members.push(with_value(f, &fname, push));
            }
            _ => {}
        }
    }
    let body_fields: Vec<&FieldDef> = op
        .input
        .fields
        .iter()
        .filter(|f| f.http == HttpBinding::Body)
        .collect();
    let payload = op
        .input
        .fields
        .iter()
        .find(|f| f.http == HttpBinding::Payload);
    // The body comes first and names its content type; headers are assembled after it.
    let body = if let Some(p) = payload {
        payload_body(p)
    } else if body_fields.is_empty() {
        quote! {
            let body = crate::http::Body::empty();
            let content_type: ::std::option::Option<&str> = ::std::option::Option::None;
        }
    } else {
        quote! {
            let body = crate::http::Body::from(::serde_json::to_vec(&RequestBody(&input)).map_err(|e| e.to_string())?);
            let content_type = ::std::option::Option::Some("application/json");
        }
    };
    // A `Content-Type` header member, when set, names the media type itself.
    let push_content_type = if header_names
        .iter()
        .any(|h| h.eq_ignore_ascii_case("content-type"))
    {
        quote! {
            let member_set = headers.iter().any(|(k, _): &(::std::string::String, ::std::string::String)| k.eq_ignore_ascii_case("content-type"));
            if let ::std::option::Option::Some(content_type) = content_type.filter(|_| !member_set) {
                headers.push((::std::string::String::from("content-type"), ::std::string::String::from(content_type)));
            }
        }
    } else {
        quote! {
            if let ::std::option::Option::Some(content_type) = content_type {
                headers.push((::std::string::String::from("content-type"), ::std::string::String::from(content_type)));
            }
        }
    };
    let body_struct = (payload.is_none() && !body_fields.is_empty()).then(|| {
        let ser = super::structure::serialize_entries(&body_fields, &quote! { self.0 });
        quote! {
            /// The members of the input that travel in the JSON body.
            struct RequestBody<'a>(&'a #input_name);

            impl ::serde::Serialize for RequestBody<'_> {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    use ::serde::ser::SerializeMap as _;
                    let mut map = serializer.serialize_map(::std::option::Option::None)?;
                    #ser
                    map.end()
                }
            }
        }
    });
    let has_query = !http.query.is_empty() || !query_members.is_empty();
    let query_decl = if has_query {
        quote! { let mut query = ::std::string::String::new(); }
    } else {
        quote! { let query = ::std::string::String::new(); }
    };
    let headers_decl = quote! { let mut headers = ::std::vec::Vec::new(); };
    let parse = emit_parse(op, http.code, errors);
    // Unset idempotency tokens get a fresh UUID once, before any retry, so retries reuse it.
    let tokens: Vec<_> = op
        .input
        .fields
        .iter()
        .filter(|f| {
            f.idempotency_token && f.presence == Presence::Optional && f.ty == TypeRef::String
        })
        .map(|f| ident(&f.name))
        .collect();
    let fill_tokens = (!tokens.is_empty()).then(|| {
        quote! {
            let mut input = input;
            #(
                if input.#tokens.is_none() {
                    input.#tokens = ::std::option::Option::Some(config.idempotency_token_provider.make_token());
                }
            )*
        }
    });
    let unsigned_payload = op.unsigned_payload;
    let hooks = op.hooks.iter().map(|h| match h {
        RequestHook::Gzip => quote! { crate::rt::compression::gzip_request },
        RequestHook::ContentMd5 => quote! { crate::rt::checksums::content_md5 },
        RequestHook::GlacierTreeHash => quote! { crate::rt::checksums::glacier_tree_hash },
    });
    // An input with no members has nothing to read.
    let input_arg = if op.input.fields.is_empty() {
        ident("_input")
    } else {
        ident("input")
    };
    // Only idempotency tokens read the config.
    let config_arg = if fill_tokens.is_some() {
        ident("config")
    } else {
        ident("_config")
    };
    quote! {
        #body_struct

        /// Serializes the input into the HTTP request's method, path, query, headers and body.
        pub(crate) fn serialize_request(#input_arg: #input_name, #config_arg: &crate::config::Config) -> ::std::result::Result<crate::rt::protocol::RequestParts, ::std::string::String> {
            #fill_tokens
            #host_prefix_decl
            let mut path = ::std::string::String::new();
            #(#path)*
            #query_decl
            #(#literal_query)*
            #(#query_members)*
            #body
            #headers_decl
            #(#header_members)*
            #push_content_type
            ::std::result::Result::Ok(crate::rt::protocol::RequestParts {
                host_prefix,
                method: #method,
                path,
                query,
                headers,
                body,
            })
        }

        /// What the call does besides serializing and parsing.
        pub(crate) const META: crate::rt::orchestrator::OperationMeta = crate::rt::orchestrator::OperationMeta {
            unsigned_payload: #unsigned_payload,
            hooks: &[#(#hooks),*],
        };

        #parse

        impl crate::rt::orchestrator::Classify for #error_name {
            fn retry_kind(&self) -> ::std::option::Option<crate::error::RetryKind> {
                #error_name::retry_kind(self)
            }
        }
    }
}

/// `body` and `content_type` for an `@httpPayload` member: blobs, strings and enums travel as
/// they are (`application/octet-stream` or `text/plain`, unless the target has a
/// `@mediaType`), structures, unions and documents as JSON. An unset payload sends no body,
/// except a structure, which is `{}` (RestJsonHttpWithEmptyStructurePayload).
fn payload_body(p: &FieldDef) -> TokenStream {
    let pname = ident(&p.name);
    let media = |default: &str| p.media_type.clone().unwrap_or_else(|| default.to_string());
    // The input is owned: the payload moves into the body (a stream is never buffered).
    let (bytes, content_type) = match &p.ty {
        TypeRef::ByteStream { .. } | TypeRef::Blob => {
            (quote! { value }, media("application/octet-stream"))
        }
        TypeRef::String => (quote! { value.into_bytes() }, media("text/plain")),
        TypeRef::Named(n) if n.kind == NamedKind::Enum => (
            quote! { value.as_str().as_bytes().to_vec() },
            "text/plain".to_string(),
        ),
        _ => (
            quote! { ::serde_json::to_vec(&value).map_err(|e| e.to_string())? },
            "application/json".to_string(),
        ),
    };
    let unset = if is_structure(&p.ty) {
        quote! { (crate::http::Body::from(&b"{}"[..]), ::std::option::Option::Some("application/json")) }
    } else {
        quote! { (crate::http::Body::empty(), ::std::option::Option::None) }
    };
    let length_check = matches!(
        p.ty,
        TypeRef::ByteStream {
            requires_length: true
        }
    )
    .then(|| {
        let msg = format!(
            "the `{}` stream must have a known length (@requiresLength): use bytes, a file or `from_reader_with_length`",
            p.member
        );
        quote! {
            if body.content_length().is_none() {
                return ::std::result::Result::Err(::std::string::String::from(#msg));
            }
        }
    });
    let body = match p.presence {
        Presence::Optional => quote! {
            let (body, content_type): (crate::http::Body, _) = match input.#pname {
                ::std::option::Option::Some(value) => (::std::convert::Into::into(#bytes), ::std::option::Option::Some(#content_type)),
                ::std::option::Option::None => #unset,
            };
        },
        _ => quote! {
            let value = input.#pname;
            let (body, content_type): (crate::http::Body, _) = (::std::convert::Into::into(#bytes), ::std::option::Option::Some(#content_type));
        },
    };
    quote! {
        #body
        #length_check
    }
}

/// Whether `ty` is a structure (possibly boxed).
fn is_structure(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(n) => n.kind == NamedKind::Struct,
        TypeRef::Boxed(inner) => is_structure(inner),
        _ => false,
    }
}

/// Runs `body` with `value: &T` bound, skipping absent optional members.
fn with_value(f: &FieldDef, fname: &proc_macro2::Ident, body: TokenStream) -> TokenStream {
    match f.presence {
        Presence::Optional => quote! {
            if let ::std::option::Option::Some(value) = &input.#fname {
                #body
            }
        },
        _ => quote! {
            {
                let value = &input.#fname;
                #body
            }
        },
    }
}

fn header_push(name: &str, ty: &TypeRef) -> TokenStream {
    match ty {
        // An http-date holds a comma of its own; the spec's lists join them unquoted.
        TypeRef::List { item, .. } if **item == TypeRef::Timestamp(TimestampFormat::HttpDate) => {
            quote! {
                let items: ::std::vec::Vec<::std::string::String> = value.iter().map(crate::rt::timestamp::format_http_date).collect();
                headers.push((::std::string::String::from(#name), items.join(", ")));
            }
        }
        TypeRef::List { item, .. } => {
            let s = param_string(item, quote! { item });
            quote! {
                // A loop rather than `map(|item| ..)`, which is a redundant closure for strings.
                let mut items = ::std::vec::Vec::with_capacity(value.len());
                for item in value {
                    items.push(#s);
                }
                headers.push((::std::string::String::from(#name), crate::rt::protocol::header_list(&items)));
            }
        }
        other => {
            let s = param_string(other, quote! { value });
            quote! { headers.push((::std::string::String::from(#name), #s)); }
        }
    }
}

/// An expression turning `v` (a `&T`) into the `String` a label, query value or header carries.
fn param_string(ty: &TypeRef, v: TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote! { ::std::string::ToString::to_string(#v) },
        TypeRef::Bool
        | TypeRef::Byte
        | TypeRef::Short
        | TypeRef::Integer
        | TypeRef::Long
        | TypeRef::BigInteger
        | TypeRef::BigDecimal => {
            quote! { ::std::string::ToString::to_string(#v) }
        }
        TypeRef::Float | TypeRef::Double => {
            quote! { crate::rt::protocol::float_param(*#v) }
        }
        TypeRef::Timestamp(TimestampFormat::DateTime) => {
            quote! { crate::rt::timestamp::format_date_time(#v) }
        }
        TypeRef::Timestamp(TimestampFormat::HttpDate) => {
            quote! { crate::rt::timestamp::format_http_date(#v) }
        }
        TypeRef::Timestamp(TimestampFormat::EpochSeconds) => {
            quote! { crate::rt::timestamp::format_epoch_seconds(#v) }
        }
        TypeRef::Blob => quote! { crate::rt::base64::encode(#v) },
        TypeRef::Named(n) if n.kind == NamedKind::Enum => {
            quote! { ::std::string::ToString::to_string(#v.as_str()) }
        }
        TypeRef::Named(n) if n.kind == NamedKind::IntEnum => {
            quote! { ::std::string::ToString::to_string(&#v.as_i32()) }
        }
        TypeRef::Boxed(inner) => param_string(inner, v),
        // Lowering rejects other types on labels, query values and headers (`check_binding`),
        // so this arm is never emitted for a model that generated.
        _ => quote! { ::serde_json::to_string(#v).unwrap_or_default() },
    }
}

/// An expression turning `s` (a `&str`) into `Result<T, String>` for an output header member.
fn param_parse(ty: &TypeRef, s: TokenStream) -> TokenStream {
    let err = quote! { .map_err(|e| ::std::string::ToString::to_string(&e)) };
    match ty {
        TypeRef::String => {
            quote! { ::std::result::Result::<_, ::std::string::String>::Ok(::std::string::String::from(#s)) }
        }
        TypeRef::Bool => quote! { #s.trim().parse::<bool>() #err },
        TypeRef::Byte => quote! { #s.trim().parse::<i8>() #err },
        TypeRef::Short => quote! { #s.trim().parse::<i16>() #err },
        TypeRef::Integer => quote! { #s.trim().parse::<i32>() #err },
        TypeRef::Long => quote! { #s.trim().parse::<i64>() #err },
        TypeRef::BigInteger => {
            quote! { #s.trim().parse::<crate::primitives::BigInteger>() #err }
        }
        TypeRef::BigDecimal => {
            quote! { #s.trim().parse::<crate::primitives::BigDecimal>() #err }
        }
        TypeRef::Float => quote! { crate::rt::protocol::parse_float(#s).map(|f| f as f32) },
        TypeRef::Double => quote! { crate::rt::protocol::parse_float(#s) },
        TypeRef::Timestamp(TimestampFormat::DateTime) => {
            quote! { crate::rt::timestamp::parse_date_time(#s.trim()) #err }
        }
        TypeRef::Timestamp(TimestampFormat::HttpDate) => {
            quote! { crate::rt::timestamp::parse_http_date(#s.trim()) #err }
        }
        TypeRef::Timestamp(TimestampFormat::EpochSeconds) => {
            quote! { crate::rt::timestamp::parse_epoch_seconds(#s.trim()) #err }
        }
        TypeRef::Blob => {
            quote! { crate::rt::base64::decode(#s.trim()).ok_or_else(|| ::std::string::String::from("invalid base64")) }
        }
        TypeRef::Named(n) if n.kind == NamedKind::Enum => {
            let p = named_path(n);
            quote! { ::std::result::Result::<_, ::std::string::String>::Ok(#p::from(#s.trim())) }
        }
        TypeRef::Named(n) if n.kind == NamedKind::IntEnum => {
            let p = named_path(n);
            quote! { #s.trim().parse::<i32>().map(#p::from) #err }
        }
        TypeRef::List { item, .. } => {
            let each = param_parse(item, quote! { item.as_str() });
            let split = if **item == TypeRef::Timestamp(TimestampFormat::HttpDate) {
                quote! { crate::rt::protocol::split_http_date_list }
            } else {
                quote! { crate::rt::protocol::split_header_list }
            };
            quote! {
                #split(#s)
                    .iter()
                    .map(|item| #each)
                    .collect::<::std::result::Result<::std::vec::Vec<_>, ::std::string::String>>()
            }
        }
        TypeRef::Boxed(inner) => {
            let p = param_parse(inner, s);
            quote! { #p.map(::std::boxed::Box::new) }
        }
        other => {
            let t = rust_type(other);
            quote! { ::serde_json::from_str::<#t>(#s) #err }
        }
    }
}

/// `parse_response`: success → output (body, then headers, status and payload members);
/// anything else → the error enum, identified by code, or `Unhandled`.
fn emit_parse(op: &OperationDef, code: u16, errors: &[StructDef]) -> TokenStream {
    emit_parse_with(op, code, errors, None)
}

/// Whether a payload of this type is a JSON document (not raw bytes or text).
fn is_json_value(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(n) => matches!(n.kind, NamedKind::Struct | NamedKind::Union),
        TypeRef::Document => true,
        TypeRef::Boxed(inner) => is_json_value(inner),
        _ => false,
    }
}

/// `parse_response` for an output whose required payload is a structure, union or document: the
/// output cannot be read from `{}` (a required structure is missing), so it is read from
/// `{"<payload>": <body>}`. The body is first checked to be exactly one JSON value, so nothing
/// in it can add other members to the wrapper; an empty body is unreadable, since a required
/// structure cannot be missing.
fn required_json_payload(
    op: &OperationDef,
    p: &FieldDef,
    code: u16,
    errors: &[StructDef],
) -> TokenStream {
    let output_name = ident(&op.output.name);
    let prefix = format!("{{{}:", serde_json::Value::String(p.wire.clone()));
    let read = quote! {
        let unreadable = |e: ::serde_json::Error| crate::rt::orchestrator::Failure::Unreadable(::std::format!("invalid JSON body: {e}"));
        ::serde_json::from_slice::<::serde::de::IgnoredAny>(body).map_err(unreadable)?;
        let mut wrapped = ::std::vec::Vec::with_capacity(body.len() + #prefix.len() + 1);
        wrapped.extend_from_slice(#prefix.as_bytes());
        wrapped.extend_from_slice(body);
        wrapped.push(b'}');
        let mut output: #output_name = ::serde_json::from_slice(&wrapped).map_err(unreadable)?;
    };
    emit_parse_with(op, code, errors, Some(read))
}

/// `emit_parse`, with `read_body` given (for [`required_json_payload`]) or derived.
fn emit_parse_with(
    op: &OperationDef,
    code: u16,
    errors: &[StructDef],
    given_read: Option<TokenStream>,
) -> TokenStream {
    let output_name = ident(&op.output.name);
    let error_name = ident(&op.error.name);
    let payload = op
        .output
        .fields
        .iter()
        .find(|f| f.http == HttpBinding::Payload);
    let stream = payload.filter(|p| matches!(p.ty, TypeRef::ByteStream { .. }));
    let read_body = match (given_read, payload) {
        (Some(read), _) => read,
        (None, Some(_)) if stream.is_some() => {
            // No serde for a structure holding a stream: start from each member's empty value.
            let inits = op.output.fields.iter().map(|f| {
                let fname = ident(&f.name);
                let value = match &f.presence {
                    Presence::Optional => Some(quote! { ::std::option::Option::None }),
                    Presence::Default(v) => Some(default_expr(&f.ty, v)),
                    Presence::Required { .. } => zero_value(&f.ty),
                };
                match value {
                    Some(v) => quote! { #fname: #v },
                    // Lowering allows only scalars and collections beside a payload, and they
                    // all have a zero value.
                    None => {
                        let msg = format!("no value for the required member `{}`", f.member);
                        quote! { #fname: return ::std::result::Result::Err(crate::rt::orchestrator::Failure::Unreadable(::std::string::String::from(#msg))) }
                    }
                }
            });
            quote! {
                let mut output = #output_name { #(#inits),* };
            }
        }
        (None, None) => quote! {
            let mut output: #output_name = ::serde_json::from_slice(crate::rt::protocol::json_body(body))
                .map_err(|e| crate::rt::orchestrator::Failure::Unreadable(::std::format!("invalid JSON body: {e}")))?;
        },
        (None, Some(p)) => {
            let pname = ident(&p.name);
            let text = quote! {
                ::std::string::String::from_utf8(body.to_vec())
                    .map_err(|_| crate::rt::orchestrator::Failure::Unreadable(::std::string::String::from("the text payload is not UTF-8")))?
            };
            let value = match &p.ty {
                TypeRef::Blob => quote! { body.to_vec() },
                TypeRef::String => text,
                TypeRef::Named(n) if n.kind == NamedKind::Enum => {
                    let path = named_path(n);
                    quote! { #path::from(#text) }
                }
                other => {
                    let t = rust_type(other);
                    quote! {
                        ::serde_json::from_slice::<#t>(crate::rt::protocol::json_body(body))
                            .map_err(|e| crate::rt::orchestrator::Failure::Unreadable(::std::format!("invalid JSON body: {e}")))?
                    }
                }
            };
            let assign = match p.presence {
                Presence::Optional => {
                    quote! { output.#pname = ::std::option::Option::Some(#value); }
                }
                _ => quote! { output.#pname = #value; },
            };
            if p.presence != Presence::Optional && is_json_value(&p.ty) {
                return required_json_payload(op, p, code, errors);
            }
            quote! {
                let mut output: #output_name = ::serde_json::from_slice(b"{}")
                    .map_err(|e| crate::rt::orchestrator::Failure::Unreadable(e.to_string()))?;
                if !body.is_empty() {
                    #assign
                }
            }
        }
    };
    let mut fill = bind_response_fields(&op.output.fields, &quote! { output }, true);
    // A body is read into the whole output; members bound to headers take nothing from it.
    if payload.is_none() {
        let resets = op.output.fields.iter().filter_map(|f| {
            if !matches!(
                f.http,
                HttpBinding::Header(_) | HttpBinding::PrefixHeaders(_)
            ) {
                return None;
            }
            let fname = ident(&f.name);
            let value = match &f.presence {
                Presence::Optional => quote! { ::std::option::Option::None },
                Presence::Default(v) => default_expr(&f.ty, v),
                Presence::Required { .. } => zero_value(&f.ty)?,
            };
            Some(quote! { output.#fname = #value; })
        });
        fill.splice(0..0, resets);
    }
    let mutable_output = payload.is_some() || !fill.is_empty();
    let read_body = if mutable_output {
        read_body
    } else {
        quote! {
            let output: #output_name = ::serde_json::from_slice(crate::rt::protocol::json_body(body))
                .map_err(|e| crate::rt::orchestrator::Failure::Unreadable(::std::format!("invalid JSON body: {e}")))?;
        }
    };
    let arms = op.error.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let path = named_path(&v.ty);
        let code = &v.code;
        // Header members of the error; a header that does not parse is left unset, since an
        // error response is never itself unreadable.
        let fill = errors
            .iter()
            .find(|e| e.name == v.ty.name)
            .map(|e| bind_response_fields(&e.fields, &quote! { e }, false))
            .unwrap_or_default();
        let wrap = if fill.is_empty() {
            quote! { #error_name::#vname }
        } else {
            quote! { |mut e| { #(#fill)* #error_name::#vname(e) } }
        };
        quote! {
            ::std::option::Option::Some(#code) => ::serde_json::from_slice::<#path>(crate::rt::protocol::json_body(body))
                .ok()
                .map(#wrap),
        }
    });
    // A value match, so one modeled error is not a `single_match` and none needs no match.
    let modeled = (!op.error.variants.is_empty()).then(|| {
        quote! {
            let body = crate::rt::protocol::body_bytes(response);
            let modeled = match meta.code.as_deref() {
                #(#arms)*
                _ => ::std::option::Option::None,
            };
            if let ::std::option::Option::Some(error) = modeled {
                return error;
            }
        }
    });
    // The stream moves out of the response last, after the headers are read.
    let take_payload = stream.map(|p| {
        let pname = ident(&p.name);
        match p.presence {
            Presence::Optional => {
                quote! { output.#pname = ::std::option::Option::Some(response.body); }
            }
            _ => quote! { output.#pname = response.body; },
        }
    });
    let parse_and_read = if stream.is_some() {
        quote! {
            /// Reads a response: the modeled success status (or any other 2xx, as AWS SDKs accept)
            /// gives the output, whose payload is the body still streaming; anything else an
            /// error, read from the body in memory.
            pub(crate) fn parse_response(response: crate::http::HttpResponse) -> ::std::result::Result<#output_name, crate::rt::orchestrator::Failure<#error_name>> {
                if !crate::rt::protocol::is_success(response.status, #code) {
                    return ::std::result::Result::Err(crate::rt::orchestrator::Failure::Service(parse_error(&response)));
                }
                #read_body
                #(#fill)*
                #take_payload
                ::std::result::Result::Ok(output)
            }

            pub(crate) const PARSE: crate::rt::orchestrator::Parse<#output_name, #error_name> = crate::rt::orchestrator::Parse::Streaming {
                parse: parse_response,
                error: parse_error,
                code: #code,
            };

            /// Reads an HTTP response without any I/O: the output, which takes the body as its
            /// stream, or the error the service returned (from a body already in memory). For
            /// custom HTTP stacks and tests; `send()` uses the same code.
            pub fn read_response(response: crate::http::HttpResponse) -> ::std::result::Result<#output_name, crate::error::SdkError<#error_name>> {
                let status = response.status;
                let request_id = crate::rt::protocol::request_id(&response);
                parse_response(response).map_err(|failure| crate::rt::orchestrator::sdk_error(failure, status, request_id))
            }
        }
    } else {
        quote! {
            /// Reads a response: the modeled success status (or any other 2xx, as AWS SDKs accept)
            /// gives the output, anything else an error.
            pub(crate) fn parse_response(response: &crate::http::HttpResponse) -> ::std::result::Result<#output_name, crate::rt::orchestrator::Failure<#error_name>> {
                if !crate::rt::protocol::is_success(response.status, #code) {
                    return ::std::result::Result::Err(crate::rt::orchestrator::Failure::Service(parse_error(response)));
                }
                let ::std::option::Option::Some(body) = response.body.bytes() else {
                    return ::std::result::Result::Err(crate::rt::orchestrator::Failure::Unreadable(::std::string::String::from("the body is still a stream; collect it first")));
                };
                #read_body
                #(#fill)*
                ::std::result::Result::Ok(output)
            }

            pub(crate) const PARSE: crate::rt::orchestrator::Parse<#output_name, #error_name> = crate::rt::orchestrator::Parse::Buffered(parse_response);

            /// Reads a complete HTTP response without any I/O: the output, or the error the
            /// service returned, or a description of an unreadable body. For custom HTTP stacks,
            /// tests and benchmarks; `send()` uses the same code.
            pub fn read_response(response: &crate::http::HttpResponse) -> ::std::result::Result<#output_name, crate::error::SdkError<#error_name>> {
                parse_response(response).map_err(|failure| crate::rt::orchestrator::into_sdk_error(failure, response))
            }
        }
    };
    quote! {
        #parse_and_read

        /// Identifies an error response (the `X-Amzn-Errortype` header, then the body's `code`,
        /// then its `__type`) and reads the modeled error, or keeps what it said as `Unhandled`.
        /// No I/O; any bytes are fine.
        pub fn parse_error(response: &crate::http::HttpResponse) -> #error_name {
            let meta = crate::rt::protocol::error_meta(response);
            #modeled
            let mut unhandled = crate::error::Unhandled::new().with_status(response.status);
            if let ::std::option::Option::Some(code) = meta.code {
                unhandled = unhandled.with_code(code);
            }
            if let ::std::option::Option::Some(message) = meta.message {
                unhandled = unhandled.with_message(message);
            }
            if let ::std::option::Option::Some(id) = meta.request_id {
                unhandled = unhandled.with_request_id(id);
            }
            #error_name::Unhandled(unhandled)
        }
    }
}

/// Statements that set the header-, prefix-header- and status-bound `fields` of `target` from
/// `response`. With `strict`, a header that does not parse fails the response as unreadable;
/// otherwise it is skipped.
fn bind_response_fields(
    fields: &[FieldDef],
    target: &TokenStream,
    strict: bool,
) -> Vec<TokenStream> {
    fields
        .iter()
        .filter_map(|f| {
            let fname = ident(&f.name);
            let set = |v: TokenStream| match f.presence {
                Presence::Optional => quote! { #target.#fname = ::std::option::Option::Some(#v); },
                _ => quote! { #target.#fname = #v; },
            };
            match &f.http {
                HttpBinding::Header(name) => {
                    // A list may arrive on several header lines: they are one list.
                    let (get, parse) = match &f.ty {
                        TypeRef::List { .. } => (
                            quote! { crate::rt::protocol::header_joined(response, #name) },
                            param_parse(&f.ty, quote! { raw.as_str() }),
                        ),
                        TypeRef::String if f.media_type.is_some() => (
                            quote! { response.header(#name) },
                            quote! {
                                crate::rt::base64::decode(raw.trim())
                                    .and_then(|bytes| ::std::string::String::from_utf8(bytes).ok())
                                    .ok_or_else(|| ::std::string::String::from("not base64 UTF-8"))
                            },
                        ),
                        _ => (
                            quote! { response.header(#name) },
                            param_parse(&f.ty, quote! { raw }),
                        ),
                    };
                    let assign = set(quote! { value });
                    if strict {
                        let msg = format!("invalid `{name}` header: {{e}}");
                        Some(quote! {
                            if let ::std::option::Option::Some(raw) = #get {
                                let value = #parse.map_err(|e| crate::rt::orchestrator::Failure::Unreadable(::std::format!(#msg)))?;
                                #assign
                            }
                        })
                    } else {
                        Some(quote! {
                            if let ::std::option::Option::Some(value) = #get.and_then(|raw| #parse.ok()) {
                                #assign
                            }
                        })
                    }
                }
                HttpBinding::ResponseCode => Some(set(quote! { i32::from(response.status) })),
                HttpBinding::PrefixHeaders(prefix) => {
                    let assign = set(quote! { map });
                    let lower = prefix.to_ascii_lowercase();
                    Some(quote! {
                        let mut map = ::std::collections::HashMap::new();
                        for (name, value) in &response.headers {
                            if name.to_ascii_lowercase().starts_with(#lower) {
                                map.insert(::std::string::String::from(&name[#lower.len()..]), value.clone());
                            }
                        }
                        if !map.is_empty() {
                            #assign
                        }
                    })
                }
                _ => None,
            }
        })
        .collect()
}
