//! Where a call goes: the service's facts, the resolved endpoint, the default endpoint of a
//! service without endpoint rules, and the checks on regions and endpoint URL overrides.

use super::config::Config;

/// Facts about the service that endpoint resolution and signing need.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ServiceMeta {
    /// The endpoint prefix, e.g. `gamesparks`.
    pub endpoint_prefix: &'static str,
    /// The SigV4 signing name.
    pub signing_name: &'static str,
    /// Headers every request carries unless the input set them (service customizations).
    pub headers: &'static [(&'static str, &'static str)],
}

/// Where a call goes and how it is signed there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResolvedEndpoint {
    /// Scheme, host, optional port and base path, without a trailing `/`.
    pub url: ::std::string::String,
    /// Headers the endpoint asks for.
    pub headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    /// The SigV4 signing name, when the endpoint sets one.
    pub signing_name: ::std::option::Option<::std::string::String>,
    /// The SigV4 signing region, when the endpoint sets one.
    pub signing_region: ::std::option::Option<::std::string::String>,
    /// Encode the path once more for the canonical request (all services but S3).
    pub double_encode: bool,
    /// Normalize the path for the canonical request (all services but S3).
    pub normalize_path: bool,
}

impl ResolvedEndpoint {
    /// The URL, signed the service's usual way.
    pub(crate) fn url(url: ::std::string::String) -> Self {
        ResolvedEndpoint {
            url,
            headers: ::std::vec::Vec::new(),
            signing_name: None,
            signing_region: None,
            double_encode: true,
            normalize_path: true,
        }
    }
}

/// The endpoint of a service without endpoint rules: [`resolve_endpoint`].
pub(crate) fn default_endpoint<I>(
    _input: &I,
    config: &Config,
    service: &ServiceMeta,
) -> ::std::result::Result<ResolvedEndpoint, ::std::string::String> {
    resolve_endpoint(config, service).map(ResolvedEndpoint::url)
}

/// Resolves the base URL (scheme, host, optional port and base path, without a trailing `/`).
/// An override wins; otherwise `https://{prefix}[-fips].{region}.{amazonaws.com | api.aws}`, with
/// the China partition's suffixes for `cn-` regions.
pub(crate) fn resolve_endpoint(
    config: &Config,
    service: &ServiceMeta,
) -> ::std::result::Result<::std::string::String, ::std::string::String> {
    if let Some(url) = &config.endpoint_url {
        return check_endpoint_url(url);
    }
    let region = config.region.as_deref().ok_or_else(|| {
        "no region: set one on the config, or AWS_REGION, or a profile's `region`".to_string()
    })?;
    check_region(region)?;
    let china = region.starts_with("cn-");
    let suffix = match (config.use_dual_stack, china) {
        (false, false) => "amazonaws.com",
        (true, false) => "api.aws",
        (false, true) => "amazonaws.com.cn",
        (true, true) => "api.amazonwebservices.com.cn",
    };
    let fips = if config.use_fips { "-fips" } else { "" };
    Ok(format!(
        "https://{}{fips}.{region}.{suffix}",
        service.endpoint_prefix
    ))
}

/// Checks a region before it goes into a host name or a SigV4 credential scope: one host label
/// (letters, digits and `-`, 1 to 63 of them, not starting or ending with `-`), as endpoint
/// rules' `isValidHostLabel` requires, whatever the endpoint.
pub(crate) fn check_region(region: &str) -> ::std::result::Result<(), ::std::string::String> {
    let valid = (1..=63).contains(&region.len())
        && region
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !region.starts_with('-')
        && !region.ends_with('-');
    if valid {
        Ok(())
    } else {
        Err(format!(
            "invalid region {region:?}: a region is letters, digits and `-`, such as `us-east-1`"
        ))
    }
}

/// Checks an endpoint override: `http` or `https`, a host with an optional port, an optional
/// base path, and nothing else (no user info, query or fragment, which would corrupt the request
/// line or leak into the signed `host` header).
pub(crate) fn check_endpoint_url(
    url: &str,
) -> ::std::result::Result<::std::string::String, ::std::string::String> {
    let bad = |why: &str| format!("invalid endpoint URL `{url}`: {why}");
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| bad("it must start with http:// or https://"))?;
    if rest.contains(['?', '#']) {
        return Err(bad("a query or fragment is not allowed"));
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if authority.contains('@') {
        return Err(bad("user information is not allowed"));
    }
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(']') || authority.starts_with('[') => {
            if port.is_empty()
                || !port.bytes().all(|b| b.is_ascii_digit())
                || port.parse::<u16>().is_err()
            {
                if authority.starts_with('[') && authority.ends_with(']') {
                    authority
                } else {
                    return Err(bad("the port must be a number from 0 to 65535"));
                }
            } else {
                host
            }
        }
        _ => authority,
    };
    let host_ok = !host.is_empty()
        && (host.starts_with('[') && host.ends_with(']')
            || host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_')));
    if !host_ok {
        return Err(bad(
            "the host is missing or has characters a host name cannot have",
        ));
    }
    let path_ok = path
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~' | b'%'));
    if !path_ok {
        return Err(bad(
            "the base path has characters that must be percent-encoded",
        ));
    }
    Ok(url.trim_end_matches('/').to_string())
}

#[cfg(test)]
#[path = "tests/service_endpoint.rs"]
mod tests;
