//! The few answer shapes the client decides on (Action, wait state, token, T6 error body), read
//! from a `serde_json::Value` by hand.
//!
//! Same result as the serde derives of these flat structs (unknown fields ignored, an absent or
//! `null` optional field is `None`, a present field of the wrong type fails the whole value; only
//! objects are read, where the derives also take an array of the fields in order), but
//! without `Deserialize` impls on the `Value` deserializer: in the wasm those bring serde's error
//! messages, and with them float formatting (tens of KB). Checked against the derives in the
//! tests below.

use serde_json::{Map, Value};

use super::{ClientError, HttpDetails, TokenResponse, WaitState};
use crate::models::{Action, ApiErrorBody};

/// Reads fields of one JSON object; `ok` turns false at the first field of the wrong type.
struct Fields<'a> {
    object: &'a Map<String, Value>,
    ok: bool,
}

impl<'a> Fields<'a> {
    fn of(value: &'a Value) -> Option<Self> {
        value.as_object().map(|object| Fields { object, ok: true })
    }

    /// The field, `None` when absent or `null`.
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.object.get(key).filter(|v| !v.is_null())
    }

    fn read<T>(&mut self, key: &str, f: impl FnOnce(&'a Value) -> Option<T>) -> Option<T> {
        let v = self.get(key)?;
        let read = f(v);
        if read.is_none() {
            self.ok = false;
        }
        read
    }

    fn text(&mut self, key: &str) -> Option<String> {
        self.read(key, |v| v.as_str().map(str::to_owned))
    }

    fn int(&mut self, key: &str) -> Option<i64> {
        self.read(key, Value::as_i64)
    }

    fn float(&mut self, key: &str) -> Option<f64> {
        self.read(key, Value::as_f64)
    }

    fn done<T>(self, value: T) -> Option<T> {
        self.ok.then_some(value)
    }
}

/// An Action (A1, A2), as `serde_json::from_value::<Action>` reads it.
pub fn read_action(value: &Value) -> Option<Action> {
    let mut f = Fields::of(value)?;
    let action = Action {
        id: f.int("id"),
        internal_id: f.int("internalId"),
        family: f.text("family"),
        process: f.text("process"),
        message: f.text("message"),
        resource_name: f.text("resourceName"),
        resource_type: f.text("resourceType"),
        status: f.text("status").map(Into::into),
        last_updated_at: f.text("lastUpdatedAt"),
        submitted_at: f.text("submittedAt"),
        submitted_by: f.text("submittedBy"),
        completed_at: f.text("completedAt"),
    };
    f.done(action)
}

/// A 2xx body that must be an Action; otherwise an `ApiError` `invalid_response` with the raw text.
pub fn decode_action(status: u16, body: &str) -> Result<Action, ClientError> {
    serde_json::from_str::<Value>(body)
        .ok()
        .as_ref()
        .and_then(read_action)
        .ok_or_else(|| ClientError::Api {
            code: "invalid_response",
            message: format!(
                "the API answered HTTP {status} with a body that is not the expected JSON (an Action)"
            ),
            http: Box::new(HttpDetails {
                status,
                body: Some(body.to_owned()),
                ..HttpDetails::default()
            }),
        })
}

/// A saved `WaitState` (camelCase), as `serde_json::from_value::<WaitState>` reads it:
/// `actionId`, `startedAt` and `deadline` required.
pub fn read_wait_state(value: &Value) -> Option<WaitState> {
    let mut f = Fields::of(value)?;
    let state = WaitState {
        action_id: f.get("actionId")?.as_str()?.to_owned(),
        started_at: f.get("startedAt")?.as_i64()?,
        deadline: f.get("deadline")?.as_i64()?,
        attempt: match f.object.get("attempt") {
            None => 0,
            Some(v) => u32::try_from(v.as_u64()?).ok()?,
        },
        last_status: f.text("lastStatus"),
    };
    f.done(state)
}

/// The token endpoint's JSON (T3), as `serde_json::from_value::<TokenResponse>` reads it.
pub fn read_token(value: &Value) -> Option<TokenResponse> {
    let mut f = Fields::of(value)?;
    let token = TokenResponse {
        access_token: f.get("access_token")?.as_str()?.to_owned(),
        expires_in: f.float("expires_in"),
        refresh_expires_in: f.float("refresh_expires_in"),
        refresh_token: f.text("refresh_token"),
        token_type: f.text("token_type"),
    };
    f.done(token)
}

/// An OAuth2 error answer: `(error, error_description)`.
pub fn read_oauth_error(value: &Value) -> Option<(Option<String>, Option<String>)> {
    let mut f = Fields::of(value)?;
    let e = (f.text("error"), f.text("error_description"));
    f.done(e)
}

/// The T6 error body, as `serde_json::from_value::<ApiErrorBody>` reads it.
pub fn read_error_body(value: &Value) -> Option<ApiErrorBody> {
    let mut f = Fields::of(value)?;
    let body = ApiErrorBody {
        status: f.text("status"),
        error_code: f.text("errorCode"),
        error_desc: f.text("errorDesc"),
        error_message: f.text("errorMessage"),
    };
    f.done(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fixture(name: &str) -> Value {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Every case reads the same by hand as through the serde derive (A1, A2: lenient on unknown
    /// fields and enum values, a wrong type fails).
    #[test]
    fn action_reads_as_the_derive() {
        let cases = [
            fixture("action_202.json"),
            json!({}),
            json!({"id": 5, "status": "SOMETHING_NEW", "extra": [1], "message": null}),
            json!({"id": 1.5}),
            json!({"id": "7"}),
            json!({"status": 3}),
            json!({"resourceName": "n", "submittedAt": "2026-01-01T00:00:00Z", "internalId": 9}),
            json!("x"),
        ];
        for v in cases {
            let derived = serde_json::from_value::<Action>(v.clone()).ok();
            assert_eq!(read_action(&v), derived, "{v}");
        }
        assert!(read_action(&fixture("action_202.json")).is_some());
        // The one deliberate difference: serde's derive also reads a struct from an array of its
        // fields in order; an Action is an object (A1), so an array is not one.
        assert_eq!(read_action(&json!([1])), None);
    }

    #[test]
    fn decode_action_errors_are_invalid_response() {
        let err = decode_action(200, "<html>").unwrap_err();
        assert_eq!(err.code(), "invalid_response");
        assert_eq!(err.http().unwrap().body.as_deref(), Some("<html>"));
        assert_eq!(
            decode_action(202, "").unwrap_err().code(),
            "invalid_response"
        );
        let ok = decode_action(202, r#"{"id": 3, "status": "IN_PROGRESS"}"#).unwrap();
        assert_eq!(ok.id, Some(3));
    }

    #[test]
    fn wait_state_reads_as_the_derive() {
        let cases = [
            json!({"actionId": "1", "startedAt": 10, "deadline": 20}),
            json!({"actionId": "1", "startedAt": 10, "deadline": 20, "attempt": 3,
                   "lastStatus": "IN_PROGRESS", "x": 1}),
            json!({"actionId": "1", "startedAt": 10, "deadline": 20, "attempt": -1}),
            json!({"actionId": "1", "startedAt": 10, "deadline": 20, "attempt": null}),
            json!({"actionId": "1", "startedAt": 10, "deadline": 20, "attempt": 5_000_000_000u64}),
            json!({"actionId": "1", "startedAt": 10.5, "deadline": 20}),
            json!({"actionId": 1, "startedAt": 10, "deadline": 20}),
            json!({"actionId": "1", "deadline": 20}),
            json!({"actionId": "1", "startedAt": 10, "deadline": 20, "lastStatus": 4}),
            json!(null),
        ];
        for v in cases {
            let derived = serde_json::from_value::<WaitState>(v.clone()).ok();
            assert_eq!(read_wait_state(&v), derived, "{v}");
        }
    }

    #[test]
    fn token_and_error_bodies_read_as_the_derive() {
        for v in [
            json!({"access_token": "a", "expires_in": 1200, "refresh_expires_in": 1800.5,
                   "refresh_token": "r", "token_type": "bearer", "scope": "x"}),
            json!({"access_token": "a"}),
            json!({"access_token": 1}),
            json!({"access_token": "a", "expires_in": "1200"}),
            json!({}),
        ] {
            let derived = serde_json::from_value::<TokenResponse>(v.clone()).ok();
            let read = read_token(&v);
            assert_eq!(
                read.as_ref()
                    .map(|t| (&t.access_token, t.expires_in, t.refresh_expires_in)),
                derived
                    .as_ref()
                    .map(|t| (&t.access_token, t.expires_in, t.refresh_expires_in)),
                "{v}"
            );
            assert_eq!(
                read.map(|t| (t.refresh_token, t.token_type)),
                derived.map(|t| (t.refresh_token, t.token_type)),
                "{v}"
            );
        }
        for v in [
            json!({"status": "BAD_REQUEST", "errorCode": "INVALID_FIELD_VALUE",
                   "errorDesc": "name", "errorMessage": "m", "timestamp": 1}),
            json!({"errorCode": 400}),
            json!({}),
        ] {
            let derived = serde_json::from_value::<ApiErrorBody>(v.clone()).ok();
            assert_eq!(read_error_body(&v), derived, "{v}");
        }
        assert_eq!(
            read_oauth_error(&json!({"error": "invalid_client", "error_description": "bad"})),
            Some((Some("invalid_client".into()), Some("bad".into())))
        );
        assert_eq!(read_oauth_error(&json!({"error": 1})), None);
        assert_eq!(read_error_body(&json!(["x"])), None, "T6 is an object");
    }
}
