//! The JS arguments of the client's methods, read from their JSON form (the boundary turns each
//! argument into a `serde_json::Value` and keeps only functions and the `AbortSignal` itself):
//! options, ids, filters, wait options; and each mutation prepared (validated, encoded, told
//! what to look for if its answer is lost). A malformed argument is a `ValidationError` naming
//! it, never a trap.

use serde_json::Value;

use super::body::{create_body, operation_body};
use super::engine::json_text;
use super::error::ClientError;
use super::options::{bad_option, ClientOptions};
use super::read::read_wait_state;
use super::request::{ActionFilter, Endpoint};
use super::retry::{Jitter, Look, RetryPolicy};
use super::waiter::{WaitPolicy, WaitState};
use crate::validate::{self, IssueCode as Code, Locale, OperationContext};

/// A member, `None` when absent or `null`.
fn member<'a>(o: &'a Value, key: &str) -> Option<&'a Value> {
    o.get(key).filter(|v| !v.is_null())
}

fn read<'a, T>(
    o: &'a Value,
    key: &str,
    what: &str,
    f: impl FnOnce(&'a Value) -> Option<T>,
) -> Result<Option<T>, ClientError> {
    let Some(v) = member(o, key) else {
        return Ok(None);
    };
    f(v).map(Some)
        .ok_or_else(|| bad_option(key, Code::Type, format!("{key} must be {what}")))
}

fn text(o: &Value, key: &str) -> Result<Option<String>, ClientError> {
    read(o, key, "a string", |v| v.as_str().map(str::to_owned))
}

fn number(o: &Value, key: &str) -> Result<Option<u64>, ClientError> {
    read(o, key, "a non-negative number", |v| {
        v.as_f64().filter(|n| *n >= 0.0).map(|n| n.min(9e15) as u64)
    })
}

fn flag(o: &Value, key: &str) -> Result<bool, ClientError> {
    Ok(read(o, key, "a boolean", Value::as_bool)?.unwrap_or(false))
}

/// An id: a non-negative integer or a non-empty string (percent-encoded in the path).
pub fn id(v: &Value) -> Result<String, ClientError> {
    match v {
        Value::String(s) if !s.trim().is_empty() && s.len() <= 200 => Ok(s.clone()),
        Value::Number(n) if n.as_u64().is_some_and(|n| n <= 9_007_199_254_740_991) => {
            Ok(n.to_string())
        }
        _ => Err(bad_option(
            "id",
            Code::Type,
            "id must be a non-negative integer or a non-empty string",
        )),
    }
}

/// The constructor's data options (functions are the boundary's), with `locale` and
/// `validate` (default true).
pub fn client_options(o: &Value) -> Result<(ClientOptions, Locale, bool), ClientError> {
    if !o.is_object() {
        let why = "new ItcareClient(options): options must be an object";
        return Err(bad_option("", Code::Type, why));
    }
    // Filled field by field: a struct literal of `?`s drops every field read so far at each
    // `?`, which the .wasm pays for (~40 drop calls here).
    let mut options = ClientOptions::default();
    let texts = [
        (&mut options.base_url, "baseUrl"),
        (&mut options.token, "token"),
        (&mut options.client_id, "clientId"),
        (&mut options.client_secret, "clientSecret"),
        (&mut options.token_url, "tokenUrl"),
    ];
    for (field, key) in texts {
        *field = text(o, key)?;
    }
    options.allow_secret_in_browser = flag(o, "allowSecretInBrowser")?;
    options.allow_insecure_http = flag(o, "allowInsecureHttp")?;
    options.timeout_ms = number(o, "timeoutMs")?;
    options.retry = retry_policy(member(o, "retry"))?;
    options.headers = headers(member(o, "headers"))?;
    options.max_response_bytes = read(o, "maxResponseBytes", "a number", Value::as_f64)?;
    let locale = text(o, "locale")?.map_or(Locale::En, |t| Locale::from_tag(&t));
    let validate = read(o, "validate", "a boolean", Value::as_bool)?.unwrap_or(true);
    Ok((options, locale, validate))
}

/// `retry`: an object of budget fields, or `false` (one attempt).
pub fn retry_policy(v: Option<&Value>) -> Result<RetryPolicy, ClientError> {
    let d = RetryPolicy::default();
    let Some(v) = v else { return Ok(d) };
    if v.as_bool() == Some(false) {
        return Ok(RetryPolicy {
            max_attempts: 1,
            ..d
        });
    }
    if !v.is_object() {
        return Err(bad_option(
            "retry",
            Code::Type,
            "retry must be an object or false",
        ));
    }
    let jitter = match text(v, "jitter")?.as_deref() {
        None | Some("full") => Jitter::Full,
        Some("decorrelated") => Jitter::Decorrelated,
        Some(_) => {
            let why = "retry.jitter must be \"full\" or \"decorrelated\"";
            return Err(bad_option("retry.jitter", Code::Enum, why));
        }
    };
    Ok(RetryPolicy {
        max_attempts: number(v, "maxAttempts")?.map_or(d.max_attempts, |n| n.clamp(1, 100) as u32),
        base_delay_ms: number(v, "baseDelayMs")?.unwrap_or(d.base_delay_ms),
        max_delay_ms: number(v, "maxDelayMs")?.unwrap_or(d.max_delay_ms),
        max_elapsed_ms: number(v, "maxElapsedMs")?.unwrap_or(d.max_elapsed_ms),
        jitter,
    })
}

/// `headers`: an object of strings.
fn headers(v: Option<&Value>) -> Result<Vec<(String, String)>, ClientError> {
    let Some(v) = v else { return Ok(Vec::new()) };
    let bad = || {
        bad_option(
            "headers",
            Code::Type,
            "headers must be an object of strings",
        )
    };
    // A loop, not `collect::<Result<..>>()` (whose adapter is ~0.5 KB of .wasm).
    let mut out = Vec::new();
    for (k, v) in v.as_object().ok_or_else(bad)? {
        out.push((k.clone(), v.as_str().ok_or_else(bad)?.to_owned()));
    }
    Ok(out)
}

/// `WaitOptions`: the timing and a saved state to resume.
pub fn wait_options(o: &Value) -> Result<(WaitPolicy, Option<WaitState>), ClientError> {
    let d = WaitPolicy::default();
    let policy = WaitPolicy {
        timeout_ms: number(o, "timeoutMs")?.unwrap_or(d.timeout_ms),
        min_delay_ms: number(o, "minDelayMs")?.unwrap_or(d.min_delay_ms),
        max_delay_ms: number(o, "maxDelayMs")?.unwrap_or(d.max_delay_ms),
        ..d
    };
    let what = "a WaitState {actionId, startedAt, deadline, attempt}";
    Ok((policy, read(o, "state", what, read_wait_state)?))
}

/// `ListPostgresqlQuery`: `page`, `size`.
pub fn list_query(o: &Value) -> Result<(Option<u32>, Option<u32>), ClientError> {
    let n = |k| Ok::<_, ClientError>(number(o, k)?.map(|n| n.min(u32::MAX.into()) as u32));
    Ok((n("page")?, n("size")?))
}

/// `ActionFilter` (A3); ids as numbers or strings.
pub fn action_filter(o: &Value) -> Result<ActionFilter, ClientError> {
    let any_id = |k: &str| match member(o, k) {
        Some(v) => id(v).map(Some).map_err(|_| {
            bad_option(
                k,
                Code::Type,
                format!("{k} must be an id (number or string)"),
            )
        }),
        None => Ok(None),
    };
    let statuses = read(o, "statuses", "an array of strings", |v| {
        Some(
            v.as_array()?
                .iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect(),
        )
    })?;
    Ok(ActionFilter {
        resource_id: any_id("resourceId")?,
        resource_name: text(o, "resourceName")?,
        service_id: any_id("serviceId")?,
        statuses,
        request_id: text(o, "requestId")?,
    })
}

/// An object of `members`, inserted one by one (`collect` into the map would sort them first:
/// ~3 KB of sort code in the .wasm).
pub fn object(members: Vec<(&str, Value)>) -> Value {
    let mut map = serde_json::Map::new();
    for (k, v) in members {
        map.insert(k.to_owned(), v);
    }
    Value::Object(map)
}

/// The PATCH body as given to `updatePostgresql`: `{operation, options?}` (the named-operation
/// methods, `startPostgresql`…, build it from their arguments).
pub fn operation(name: &str, options: Option<Value>) -> Value {
    let mut op = vec![("operation", Value::from(name))];
    op.extend(options.map(|o| ("options", o)));
    object(op)
}

/// A prepared mutation: what to send, and what to look for if its answer is lost.
pub type Prepared = (Endpoint, Option<String>, Look);

/// A create: validated (C1–C11, unless `validate` is off) and encoded strictly.
pub fn prepare_create(
    request: &Value,
    check: bool,
    locale: Locale,
) -> Result<Prepared, ClientError> {
    if check {
        let issues = validate::validate_create(request, locale);
        if !issues.is_empty() {
            return Err(ClientError::Validation { issues });
        }
    }
    let name = request
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let body = json_text(&create_body(request));
    let look = Look::Create {
        name: name.to_owned(),
    };
    Ok((Endpoint::CreatePostgresql, Some(body), look))
}

/// A PATCH: validated (O1–O8, unless `validate` is off) and encoded strictly; with `validate`
/// off an unknown operation is sent as given (the server answers O8).
pub fn prepare_operation(
    id: String,
    op: &Value,
    check: bool,
    locale: Locale,
    now_ms: i64,
) -> Result<Prepared, ClientError> {
    if check {
        let issues = validate::validate_operation(op, &OperationContext::default(), now_ms, locale);
        if !issues.is_empty() {
            return Err(ClientError::Validation { issues });
        }
    }
    let body = match operation_body(op) {
        Some(b) => json_text(&b),
        None if !check => json_text(op),
        None => {
            let why = "the operation cannot be encoded";
            return Err(bad_option("operation", Code::Enum, why));
        }
    };
    let name = op
        .get("operation")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let look = Look::Resource {
        id: id.clone(),
        operation: name.to_owned(),
    };
    Ok((Endpoint::UpdatePostgresql(id), Some(body), look))
}

/// A DELETE.
pub fn prepare_delete(id: String) -> Prepared {
    let look = Look::Resource {
        id: id.clone(),
        operation: "delete".into(),
    };
    (Endpoint::DeletePostgresql(id), None, look)
}
