//! HTTP proxies named by the environment, for the blocking transport.
//!
//! `HTTPS_PROXY` (or `https_proxy`) serves `https` URLs and `HTTP_PROXY` (or `http_proxy`)
//! `http` ones; `ALL_PROXY` (or `all_proxy`) serves either when its own is unset. Each is
//! `[http://][user:password@]host[:port]` (port 80 by default); the user and password become
//! `proxy-authorization: Basic`. `NO_PROXY` (or `no_proxy`) lists, comma-separated, the hosts
//! reached directly: `*` for all, a domain (`example.com` or `.example.com`, which also covers
//! its subdomains), an IP address, or a CIDR block, each optionally with `:port`. Loopback
//! hosts are always reached directly, as Go's and curl's clients do.

use super::http1::{Target, bare, split_host_port};

/// A proxy to send requests through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Proxy {
    /// The proxy's host as written, an IPv6 address in brackets.
    pub(crate) host: ::std::string::String,
    pub(crate) port: u16,
    /// The `proxy-authorization` header's value, from the URL's user information.
    pub(crate) authorization: ::std::option::Option<::std::string::String>,
}

/// A proxy setting: the proxy, or why its value could not be used (reported by each request
/// that would have gone through it, rather than silently connecting directly).
type Setting = ::std::option::Option<::std::result::Result<Proxy, ::std::string::String>>;

/// The proxies the environment asks for.
#[derive(Debug, Clone, Default)]
pub(crate) struct Proxies {
    http: Setting,
    https: Setting,
    no_proxy: ::std::vec::Vec<Exception>,
}

/// One `NO_PROXY` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Exception {
    /// `*`: every host.
    All,
    /// A domain and its subdomains, or an exact host, with an optional port.
    Host(::std::string::String, ::std::option::Option<u16>),
    /// An IP network: address and prefix length.
    Network(::std::net::IpAddr, u8),
}

impl Proxies {
    /// The proxies named by the process environment.
    pub(crate) fn from_env() -> Proxies {
        Proxies::from_lookup(|name| ::std::env::var(name).ok())
    }

    /// The proxies named by `get`, which looks up an environment variable.
    pub(crate) fn from_lookup(
        get: impl Fn(&str) -> ::std::option::Option<::std::string::String>,
    ) -> Proxies {
        let first = |names: &[&str]| {
            names
                .iter()
                .filter_map(|n| get(n))
                .map(|v| v.trim().to_string())
                .find(|v| !v.is_empty())
        };
        let all = first(&["ALL_PROXY", "all_proxy"]);
        let setting = |names: &[&str]| first(names).or_else(|| all.clone()).map(|v| parse(&v));
        Proxies {
            http: setting(&["HTTP_PROXY", "http_proxy"]),
            https: setting(&["HTTPS_PROXY", "https_proxy"]),
            no_proxy: first(&["NO_PROXY", "no_proxy"])
                .map(|v| v.split(',').filter_map(exception).collect())
                .unwrap_or_default(),
        }
    }

    /// The proxy for `target`, if any; an error if the proxy set for it is unusable.
    pub(crate) fn for_target(
        &self,
        target: &Target,
    ) -> ::std::result::Result<::std::option::Option<&Proxy>, ::std::string::String> {
        let setting = if target.tls { &self.https } else { &self.http };
        let Some(setting) = setting else {
            return Ok(None);
        };
        if is_loopback(target.bare_host()) || self.bypasses(target) {
            return Ok(None);
        }
        setting
            .as_ref()
            .map(Some)
            .map_err(::std::clone::Clone::clone)
    }

    /// Whether `NO_PROXY` sends `target` directly.
    fn bypasses(&self, target: &Target) -> bool {
        let host = target.bare_host();
        let ip = host.parse::<::std::net::IpAddr>().ok();
        self.no_proxy.iter().any(|rule| match rule {
            Exception::All => true,
            Exception::Host(name, port) => {
                port.is_none_or(|p| p == target.port)
                    && (host == name
                        || host
                            .strip_suffix(name.as_str())
                            .is_some_and(|rest| rest.ends_with('.')))
            }
            Exception::Network(network, prefix) => {
                ip.is_some_and(|ip| in_network(ip, *network, *prefix))
            }
        })
    }
}

/// Parses a proxy URL.
fn parse(value: &str) -> ::std::result::Result<Proxy, ::std::string::String> {
    let unusable = |why: &str| ::std::format!("the proxy {value:?} cannot be used: {why}");
    let rest = match value.split_once("://") {
        None => value,
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => rest,
        Some((scheme, _)) => {
            return Err(unusable(&::std::format!(
                "{scheme} proxies are not supported, only http"
            )));
        }
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((userinfo, hostport)) => (Some(userinfo), hostport),
        None => (None, authority),
    };
    let (host, port) = split_host_port(hostport).ok_or_else(|| unusable("no valid host"))?;
    let authorization = userinfo.map(|u| {
        let decoded = percent_decode(u);
        ::std::format!("Basic {}", super::base64::encode(&decoded))
    });
    Ok(Proxy {
        host: host.to_ascii_lowercase(),
        port: port.unwrap_or(80),
        authorization,
    })
}

/// Parses one `NO_PROXY` entry; `None` for an empty one.
fn exception(entry: &str) -> ::std::option::Option<Exception> {
    let entry = entry.trim().to_ascii_lowercase();
    if entry.is_empty() {
        return None;
    }
    if entry == "*" {
        return Some(Exception::All);
    }
    if let Some((address, prefix)) = entry.split_once('/')
        && let (Ok(address), Ok(prefix)) = (
            bare(address).parse::<::std::net::IpAddr>(),
            prefix.parse::<u8>(),
        )
    {
        return Some(Exception::Network(address, prefix));
    }
    // An IPv6 address without brackets would otherwise read as a host and a port.
    let (host, port) = match split_host_port(&entry) {
        _ if entry.parse::<::std::net::Ipv6Addr>().is_ok() => (entry.clone(), None),
        Some((host, port)) => (host.to_string(), port),
        None => (entry.clone(), None),
    };
    let host = bare(&host);
    let host = host
        .strip_prefix("*.")
        .or_else(|| host.strip_prefix('.'))
        .unwrap_or(host);
    Some(Exception::Host(host.to_string(), port))
}

/// Whether `ip` lies in `network`/`prefix` (of the same address family).
fn in_network(ip: ::std::net::IpAddr, network: ::std::net::IpAddr, prefix: u8) -> bool {
    use ::std::net::IpAddr::{V4, V6};
    let (ip, network, bits) = match (ip, network) {
        (V4(a), V4(b)) => (u128::from(a.to_bits()), u128::from(b.to_bits()), 32),
        (V6(a), V6(b)) => (a.to_bits(), b.to_bits(), 128),
        _ => return false,
    };
    if prefix > bits {
        return false;
    }
    let shift = u32::from(bits - prefix);
    shift >= 128 || (ip >> shift) == (network >> shift)
}

/// Whether `host` is `localhost` or a loopback address.
fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.to_ascii_lowercase().ends_with(".localhost")
        || host
            .parse::<::std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Decodes `%XX` escapes; anything else is kept as it is.
fn percent_decode(text: &str) -> ::std::vec::Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = ::std::vec::Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| ::std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "tests/proxy.rs"]
mod tests;
