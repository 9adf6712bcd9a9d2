//! Credentials for an IAM Identity Center (SSO) role, from the access token that `aws sso
//! login` cached in `~/.aws/sso/cache`, through the SSO portal's `GetRoleCredentials`.

use ::std::path::{Path, PathBuf};
use ::std::sync::Arc;
use ::std::time::{Duration, SystemTime};

use super::credentials::{Credentials, CredentialsError, ProvideCredentials};
use super::credentials_http::{self as net, Limits, Request};
use super::error::escaped_prefix;
use super::http::{BoxFuture, HttpClient};
use super::protocol::percent_encode;

/// The default limits: 5 s per attempt, 3 attempts, 15 s for the whole call.
const DEFAULT_LIMITS: Limits = Limits {
    total: Duration::from_secs(15),
    attempt: Duration::from_secs(5),
    attempts: 3,
};

/// The SSO portal endpoint of a region, e.g. `https://portal.sso.us-east-1.amazonaws.com`.
pub fn sso_portal_endpoint(sso_region: &str) -> String {
    format!(
        "https://portal.sso.{sso_region}.{}",
        net::dns_suffix(sso_region)
    )
}

/// Where `aws sso login` caches the token for `key`: `<home>/.aws/sso/cache/<sha1>.json`, the
/// hex SHA-1 of the key. The key is the `sso_session` name, or for a legacy profile (without
/// `sso_session`) its `sso_start_url`.
pub fn sso_token_cache_file(home: &Path, key: &str) -> PathBuf {
    home.join(".aws")
        .join("sso")
        .join("cache")
        .join(format!("{}.json", sha1_hex(key.as_bytes())))
}

/// Credentials for an SSO role: the cached access token is read from `token_file` (on each
/// call), then exchanged at the SSO portal (`GET /federation/credentials` with the
/// `x-amz-sso_bearer_token` header) for the role's credentials.
///
/// An expired (or missing) token is a provider error asking to run `aws sso login`, and no
/// request is made; the token is not refreshed (through `sso-oidc`) here. By default the call
/// makes up to 3 attempts of 5 s and ends within 15 s.
#[derive(Clone, Debug)]
pub struct SsoProvider {
    http: Arc<dyn HttpClient>,
    portal_endpoint: String,
    account_id: String,
    role_name: String,
    token_file: PathBuf,
    limits: Limits,
}

impl SsoProvider {
    /// A provider for role `role_name` of account `account_id`, through the portal at
    /// `portal_endpoint` (see [`sso_portal_endpoint`]), with the token cached in `token_file`
    /// (see [`sso_token_cache_file`]).
    pub fn new(
        http: Arc<dyn HttpClient>,
        portal_endpoint: impl Into<String>,
        account_id: impl Into<String>,
        role_name: impl Into<String>,
        token_file: impl Into<PathBuf>,
    ) -> Self {
        SsoProvider {
            http,
            portal_endpoint: portal_endpoint
                .into()
                .trim()
                .trim_end_matches('/')
                .to_owned(),
            account_id: account_id.into(),
            role_name: role_name.into(),
            token_file: token_file.into(),
            limits: DEFAULT_LIMITS,
        }
    }

    net::limit_setters!("15 s", "5 s");

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        let fail = |m: String| CredentialsError::provider_error(format!("SSO: {m}"));
        let shown = self.token_file.display();
        let text = net::read_token_file(&self.token_file).map_err(|e| {
            fail(format!(
                "no usable cached SSO token: {e}; run `aws sso login` to sign in"
            ))
        })?;
        let token = parse_cached_token(text.as_bytes())
            .map_err(|e| fail(format!("the cached SSO token `{shown}`: {e}")))?;
        if token.expires_at <= SystemTime::now() {
            return Err(fail(format!(
                "the cached SSO token `{shown}` has expired; run `aws sso login` to sign in again"
            )));
        }
        net::parse_url(&self.portal_endpoint).map_err(fail)?;
        let url = format!(
            "{}/federation/credentials?account_id={}&role_name={}",
            self.portal_endpoint,
            percent_encode(&self.account_id, false),
            percent_encode(&self.role_name, false)
        );
        let request = Request {
            method: "GET",
            url,
            headers: vec![("x-amz-sso_bearer_token".to_owned(), token.access_token)],
            body: Vec::new(),
        };
        let work = async {
            let response = net::fetch(&*self.http, &request, &self.limits)
                .await
                .map_err(|e| fail(e.message().to_owned()))?;
            match response.status {
                200 => parse_role_credentials(&response.body).map_err(fail),
                401 | 403 => Err(fail(format!(
                    "the portal refused the cached token ({}); run `aws sso login` to sign in again",
                    error_detail(&response)
                ))),
                _ => Err(fail(format!(
                    "GetRoleCredentials failed: {}",
                    error_detail(&response)
                ))),
            }
        };
        net::with_timeout(self.limits.total, work)
            .await
            .unwrap_or_else(|| {
                Err(fail(format!(
                    "{} did not answer within {} ms",
                    self.portal_endpoint,
                    self.limits.total.as_millis()
                )))
            })
    }
}

impl ProvideCredentials for SsoProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.load())
    }
}

/// A cached SSO access token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CachedToken {
    pub access_token: String,
    pub expires_at: SystemTime,
}

/// Reads a token cache file: `accessToken` and `expiresAt` (RFC 3339).
pub(crate) fn parse_cached_token(body: &[u8]) -> Result<CachedToken, String> {
    let object = net::parse_json_object(body).map_err(|e| e.replace("the response", "it"))?;
    let access_token = net::json_str(&object, "accessToken")
        .ok_or("it has no `accessToken`")?
        .trim();
    if !net::is_header_safe(access_token) {
        return Err("its `accessToken` holds characters that cannot be sent in a header".into());
    }
    let expires_at = net::json_str(&object, "expiresAt").ok_or("it has no `expiresAt`")?;
    let expires_at = net::parse_rfc3339(expires_at.trim())
        .ok_or("its `expiresAt` is not an RFC 3339 timestamp")?;
    Ok(CachedToken {
        access_token: access_token.to_owned(),
        expires_at,
    })
}

/// The credentials in a `GetRoleCredentials` answer: `roleCredentials` with `accessKeyId`,
/// `secretAccessKey`, `sessionToken` and `expiration` (epoch milliseconds).
pub(crate) fn parse_role_credentials(body: &[u8]) -> Result<Credentials, String> {
    let object = net::parse_json_object(body)?;
    let Some(::serde_json::Value::Object(role)) = object.get("roleCredentials") else {
        return Err("the answer has no `roleCredentials` object".into());
    };
    let expiry = match role.get("expiration") {
        None | Some(::serde_json::Value::Null) => None,
        Some(value) => {
            // Up to the end of year 9999.
            const MAX_MILLIS: u64 = 253_402_300_799_999;
            let millis = value
                .as_u64()
                .ok_or("`expiration` is not a number of milliseconds")?;
            if millis > MAX_MILLIS {
                return Err("`expiration` is out of range".into());
            }
            Some(SystemTime::UNIX_EPOCH + Duration::from_millis(millis))
        }
    };
    net::checked_credentials(
        "the answer",
        net::json_str(role, "accessKeyId"),
        net::json_str(role, "secretAccessKey"),
        net::json_str(role, "sessionToken"),
        expiry,
    )
    .map_err(|e| e.message().to_owned())
}

/// An error answer's type (`x-amzn-errortype`) and `message`, or an excerpt, with the status.
fn error_detail(response: &net::Response) -> String {
    let kind = response
        .header("x-amzn-errortype")
        .map(|t| escaped_prefix(t.split(':').next().unwrap_or(t), 100));
    let message = net::parse_json_object(&response.body).ok().and_then(|o| {
        net::json_str(&o, "message")
            .or_else(|| net::json_str(&o, "Message"))
            .map(|m| escaped_prefix(m, 300))
    });
    let status = response.status;
    match (kind, message) {
        (Some(k), Some(m)) => format!("{k}: {m}, HTTP {status}"),
        (Some(x), None) | (None, Some(x)) => format!("{x}, HTTP {status}"),
        (None, None) => format!("HTTP {status}: {}", net::excerpt(&response.body)),
    }
}

/// The SHA-1 of `data` (FIPS 180-4), as lower-case hex. Used only to name token cache files,
/// as the AWS CLI does; not for security.
pub(crate) fn sha1_hex(data: &[u8]) -> String {
    let digest = sha1(data);
    let mut out = String::with_capacity(40);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// The SHA-1 digest of `data`.
pub(crate) fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [
        0x6745_2301,
        0xEFCD_AB89,
        0x98BA_DCFE,
        0x1032_5476,
        0xC3D2_E1F0,
    ];
    let bit_len = (data.len() as u64).wrapping_mul(8);
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bit_len.to_be_bytes());
    for block in message.chunks_exact(64) {
        let mut w = [0u32; 80];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, &wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A82_7999),
                20..=39 => (b ^ c ^ d, 0x6ED9_EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let temp = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = temp;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 20];
    for (chunk, word) in out.chunks_exact_mut(4).zip(h) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

#[cfg(test)]
#[path = "tests/sso.rs"]
mod tests;
