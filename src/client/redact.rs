//! Secrets the client knows, removed from server text before it reaches an error (SECURITY.md:
//! a token, a client secret or a password is never in an error's `message`). A server may echo
//! a request (a proxy's 500 page with the headers, a T6 `errorMessage` quoting the body): every
//! text that came from an answer goes through [`Secrets::error`] before it leaves the core.

use super::error::{ClientError, HttpDetails};

/// What replaces a secret.
pub const REDACTED: &str = "[redacted]";

/// Shorter values are not treated as secrets (they would erase ordinary words).
const MIN_SECRET_LEN: usize = 4;

/// The secrets one exchange involves: the bearer token, the client's credentials, the
/// passwords of the request body.
#[derive(Default)]
pub struct Secrets(Vec<String>);

impl Secrets {
    /// Adds `secret` as written and JSON-escaped (how a body echoing it would carry it).
    pub fn add(&mut self, secret: &str) {
        if secret.len() < MIN_SECRET_LEN {
            return;
        }
        let escaped = serde_json::to_string(secret).unwrap_or_default();
        let escaped = escaped
            .get(1..escaped.len().saturating_sub(1))
            .unwrap_or_default();
        for s in [secret, escaped] {
            if s.len() >= MIN_SECRET_LEN && !self.0.iter().any(|k| k == s) {
                self.0.push(s.to_owned());
            }
        }
        // Longest first: a secret containing another is removed whole.
        self.0.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }

    /// Adds the values of every member of a JSON request body whose name says it is a
    /// password or a secret (`admPassword`), at any depth.
    pub fn add_body(&mut self, body: Option<&str>) {
        fn walk(v: &serde_json::Value, out: &mut Secrets) {
            match v {
                serde_json::Value::Object(m) => {
                    for (k, v) in m {
                        let k = k.to_ascii_lowercase();
                        match v {
                            serde_json::Value::String(s)
                                if k.contains("password") || k.contains("secret") =>
                            {
                                out.add(s)
                            }
                            _ => walk(v, out),
                        }
                    }
                }
                serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
                _ => {}
            }
        }
        if let Some(v) = body.and_then(|b| serde_json::from_str(b).ok()) {
            walk(&v, self);
        }
    }

    /// `text` without any known secret, nor the credentials of an `Authorization` header
    /// (`Bearer …`, `Basic …`) it may quote.
    pub fn text(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for s in &self.0 {
            if out.contains(s.as_str()) {
                out = out.replace(s.as_str(), REDACTED);
            }
        }
        for scheme in ["bearer ", "basic "] {
            out = redact_after_scheme(&out, scheme);
        }
        out
    }

    fn opt(&self, text: &mut Option<String>) {
        if let Some(t) = text {
            *t = self.text(t);
        }
    }

    fn http(&self, h: &mut HttpDetails) {
        self.opt(&mut h.body);
        self.opt(&mut h.error_message);
        self.opt(&mut h.error_desc);
        self.opt(&mut h.error_code);
        self.opt(&mut h.path);
    }

    /// `err` with every text that may quote an answer redacted.
    pub fn error(&self, mut err: ClientError) -> ClientError {
        match &mut err {
            ClientError::Api { message, http, .. }
            | ClientError::NotFound { message, http }
            | ClientError::RateLimit { message, http, .. } => {
                *message = self.text(message);
                self.http(http);
            }
            ClientError::Conflict { message, http, .. } => {
                *message = self.text(message);
                if let Some(h) = http {
                    self.http(h);
                }
            }
            ClientError::Auth { message, .. }
            | ClientError::Network { message, .. }
            | ClientError::Timeout { message, .. }
            | ClientError::Abort { message }
            | ClientError::ActionFailed { message, .. } => *message = self.text(message),
            ClientError::Validation { issues } => {
                for i in issues {
                    i.message = self.text(&i.message);
                }
            }
        }
        err
    }
}

/// Replaces the credentials after each `scheme` (case-insensitive, e.g. `Bearer `) with
/// [`REDACTED`]: whatever token it is, even one the client does not know.
fn redact_after_scheme(text: &str, scheme: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    while let Some(at) = lower.get(from..).and_then(|l| l.find(scheme)) {
        let start = from + at + scheme.len();
        let rest = text.get(start..).unwrap_or_default();
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || "-._~+/=".contains(c)))
            .unwrap_or(rest.len());
        out.push_str(text.get(from..start).unwrap_or_default());
        if len > 0 && !rest.starts_with(REDACTED) {
            out.push_str(REDACTED);
        } else {
            out.push_str(rest.get(..len).unwrap_or_default());
        }
        from = start + len;
    }
    out.push_str(text.get(from..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_secrets_and_authorization_credentials_are_removed() {
        let mut s = Secrets::default();
        s.add("tok-123456");
        s.add("p\"ss-word");
        s.add("ab"); // too short to be told from ordinary text
        let text = r#"echo: Authorization: Bearer eyJhbGciOi.x-y_z, tok-123456, {"admPassword":"p\"ss-word"}, Basic dXNlcjpwYXNz; ab"#;
        let out = s.text(text);
        assert!(
            !out.contains("tok-123456") && !out.contains("eyJhbGciOi"),
            "{out}"
        );
        assert!(
            !out.contains(r#"p\"ss-word"#) && !out.contains("dXNlcjpwYXNz"),
            "{out}"
        );
        assert!(
            out.contains("Bearer [redacted],") && out.ends_with("; ab"),
            "{out}"
        );
    }

    #[test]
    fn body_passwords_are_secrets_at_any_depth() {
        let mut s = Secrets::default();
        s.add_body(Some(
            r#"{"name":"pg","admPassword":"Secr3t!pw","x":[{"clientSecret":"s3cr3t-2"}]}"#,
        ));
        assert_eq!(s.text("Secr3t!pw s3cr3t-2 pg"), "[redacted] [redacted] pg");
    }

    #[test]
    fn non_ascii_text_is_kept_whole() {
        let s = Secrets::default();
        assert_eq!(s.text("bearer é — Bearer"), "bearer é — Bearer");
    }
}
