//! OAuth2 the way ITCare's Keycloak does it (T2, T3): `client_credentials` with HTTP Basic client
//! authentication, `refresh_token` grants, random opaque tokens that expire. The token JSON is
//! the SDK's own [`TokenResponse`], so what the simulator sends is what the client reads.

use std::collections::HashMap;

use base64::Engine;
use itcare_postgresql::client::TokenResponse;
use serde_json::json;

use crate::http::{Request, Response};
use crate::{Entropy, Simulator};

/// Issued tokens and their expiry times (ms since the epoch).
#[derive(Debug, Default)]
pub struct TokenStore {
    access: HashMap<String, i64>,
    refresh: HashMap<String, i64>,
}

/// 32 random bytes, hex encoded.
pub fn random_token(entropy: &mut dyn Entropy) -> String {
    let mut b = [0u8; 32];
    entropy.fill(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
}

impl TokenStore {
    /// Issues a new access + refresh token pair.
    pub fn issue(
        &mut self,
        entropy: &mut dyn Entropy,
        now_ms: i64,
        ttl_secs: u64,
        refresh_ttl_secs: u64,
    ) -> TokenResponse {
        let access = random_token(entropy);
        let refresh = random_token(entropy);
        // Forget what has expired so a long-running simulator does not grow without bound.
        self.access.retain(|_, exp| *exp > now_ms);
        self.refresh.retain(|_, exp| *exp > now_ms);
        self.access
            .insert(access.clone(), now_ms.saturating_add(secs_to_ms(ttl_secs)));
        self.refresh.insert(
            refresh.clone(),
            now_ms.saturating_add(secs_to_ms(refresh_ttl_secs)),
        );
        TokenResponse {
            access_token: access,
            expires_in: Some(ttl_secs as f64),
            refresh_expires_in: Some(refresh_ttl_secs as f64),
            refresh_token: Some(refresh),
            token_type: Some("bearer".into()),
        }
    }

    /// Whether `token` is a known access token that has not expired.
    pub fn access_valid(&self, token: &str, now_ms: i64) -> bool {
        self.access.get(token).is_some_and(|exp| *exp > now_ms)
    }

    /// Whether `token` is a known refresh token that has not expired.
    pub fn refresh_valid(&self, token: &str, now_ms: i64) -> bool {
        self.refresh.get(token).is_some_and(|exp| *exp > now_ms)
    }

    /// Uses up a refresh token (T3, Keycloak with "revoke refresh token" on): true when it was
    /// known and unexpired; either way it is forgotten, so a used (or replayed, or leaked) refresh
    /// token is refused from then on and the caller must use the new one it received. Called
    /// under the one state lock, so of two concurrent refreshes with the same token one wins.
    pub fn redeem_refresh(&mut self, token: &str, now_ms: i64) -> bool {
        self.refresh.remove(token).is_some_and(|exp| exp > now_ms)
    }

    /// Expires every access token now (and the refresh tokens too when `refresh`).
    pub fn expire_all(&mut self, now_ms: i64, refresh: bool) {
        for exp in self.access.values_mut() {
            *exp = now_ms;
        }
        if refresh {
            for exp in self.refresh.values_mut() {
                *exp = now_ms;
            }
        }
    }
}

fn secs_to_ms(s: u64) -> i64 {
    i64::try_from(s.saturating_mul(1000)).unwrap_or(i64::MAX)
}

/// The bearer token of an `Authorization` header value (scheme case-insensitive).
pub fn bearer(header: &str) -> Option<&str> {
    let (scheme, rest) = header.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| rest.trim())
        .filter(|t| !t.is_empty())
}

/// `(client_id, client_secret)` of an HTTP Basic `Authorization` header value.
pub fn basic(header: &str) -> Option<(String, String)> {
    let (scheme, rest) = header.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let raw = base64::engine::general_purpose::STANDARD
        .decode(rest.trim())
        .ok()?;
    let text = String::from_utf8(raw).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_string(), secret.to_string()))
}

/// Decodes an `application/x-www-form-urlencoded` body into pairs.
pub fn parse_form(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = b
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn oauth_error(status: u16, error: &str, description: &str) -> Response {
    Response::json(
        status,
        &json!({ "error": error, "error_description": description }),
    )
}

/// `POST /auth/realms/cloud/protocol/openid-connect/token` (T3), answering like Keycloak:
/// `client_credentials` with HTTP Basic (or `client_id`/`client_secret` form fields), and
/// `refresh_token`. Errors are Keycloak's `{"error", "error_description"}`.
pub fn token(sim: &mut Simulator, req: &Request, now: i64) -> Response {
    let form = parse_form(&String::from_utf8_lossy(&req.body));
    let field = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let basic = req.get_header("authorization").and_then(basic);
    let creds = basic.or_else(|| Some((field("client_id")?, field("client_secret")?)));
    let creds_ok = creds
        .as_ref()
        .map(|(id, secret)| *id == sim.settings.client_id && *secret == sim.settings.client_secret);
    let refused = || {
        oauth_error(
            401,
            "unauthorized_client",
            "Invalid client or Invalid client credentials",
        )
    };
    match field("grant_type").as_deref() {
        None => oauth_error(400, "invalid_request", "Missing form parameter: grant_type"),
        Some("client_credentials") => {
            if creds_ok != Some(true) {
                return refused();
            }
            sim.issue_token(now)
        }
        Some("refresh_token") => {
            // Credentials are optional here (the dev sign-in has none) but must be right when given.
            if creds_ok == Some(false) {
                return refused();
            }
            // Rotation: the refresh token is used up here; the answer carries a new one.
            let valid = field("refresh_token").is_some_and(|t| sim.tokens.redeem_refresh(&t, now));
            if !valid {
                return oauth_error(400, "invalid_grant", "Invalid refresh token");
            }
            sim.issue_token(now)
        }
        Some(_) => oauth_error(400, "unsupported_grant_type", "Unsupported grant_type"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_expire_and_are_random() {
        let mut s = TokenStore::default();
        let mut rng = crate::Rng::new(3);
        let t = s.issue(&mut rng, 1_000, 1, 2);
        let refresh = t.refresh_token.clone().unwrap_or_default();
        assert_eq!(t.access_token.len(), 64);
        assert_ne!(t.access_token, refresh);
        assert!(s.access_valid(&t.access_token, 1_999));
        assert!(!s.access_valid(&t.access_token, 2_000));
        assert!(s.refresh_valid(&refresh, 2_999));
        assert!(!s.access_valid("nope", 0));
        s.expire_all(1_500, false);
        assert!(!s.access_valid(&t.access_token, 1_500));
        assert!(s.refresh_valid(&refresh, 1_500));
    }

    #[test]
    fn header_parsing() {
        assert_eq!(bearer("Bearer abc"), Some("abc"));
        assert_eq!(bearer("bearer  abc "), Some("abc"));
        assert_eq!(bearer("Basic abc"), None);
        assert_eq!(bearer("Bearer "), None);
        // "itcare:s3cret:x" — the secret may contain ':'.
        assert_eq!(
            basic("Basic aXRjYXJlOnMzY3JldDp4"),
            Some(("itcare".into(), "s3cret:x".into()))
        );
        assert_eq!(basic("Basic !!!"), None);
        assert_eq!(
            parse_form("grant_type=refresh_token&refresh_token=a%2Bb+c&x"),
            vec![
                ("grant_type".into(), "refresh_token".into()),
                ("refresh_token".into(), "a+b c".into()),
                ("x".into(), String::new())
            ]
        );
        assert_eq!(parse_form("a=%zz%4"), vec![("a".into(), "%zz%4".into())]);
    }
}
