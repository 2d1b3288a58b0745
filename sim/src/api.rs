//! The ITCare API under `/itcare` (endpoint table of API.md, L1, A2, A3, T9) and the token
//! endpoint (T3). Bodies are the SDK's own models so the simulator and the SDK cannot drift.

// Early returns carry the finished HTTP answer; boxing it would only add noise off any hot path.
#![allow(clippy::result_large_err)]

use std::sync::Arc;

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use itcare_postgresql::models::{
    ApiErrorBody, CreatePostgresql, EnableHaOptions, Page, PageSort, PostgresqlInstance,
    RestoreOptions, Topology,
};
use itcare_postgresql::validate::{
    validate_create, validate_operation, IssueCode, Locale, OperationContext,
};
use serde::Serialize;
use serde_json::Value;

use crate::auth;
use crate::catalog;
use crate::faults::HOSTILE;
use crate::server::{now_ms, App};
use crate::state::{Change, Spec};

/// Path of the token endpoint (T3).
pub const TOKEN_PATH: &str = "/auth/realms/cloud/protocol/openid-connect/token";
/// Largest page size of the list (L1); larger or smaller answers 400 (T6, `errorDesc` `size`).
pub const MAX_PAGE_SIZE: i64 = 100;
/// Default page size of the list (Spring's default).
pub const DEFAULT_PAGE_SIZE: i64 = 20;

/// Routes under `/itcare` (health without auth, everything else behind a bearer token).
pub fn router(app: Arc<App>) -> Router<Arc<App>> {
    let protected = Router::new()
        .route("/itcare/databases/postgresql", get(list).post(create))
        .route(
            "/itcare/databases/postgresql/{id}",
            get(get_one).delete(delete).patch(patch),
        )
        .route(
            "/itcare/databases/postgresql/{id}/databases",
            get(databases),
        )
        .route(
            "/itcare/databases/postgresql/{id}/extensions",
            get(extensions),
        )
        .route("/itcare/databases/postgresql/{id}/networks", get(networks))
        .route("/itcare/databases/postgresql/{id}/nodes", get(nodes))
        .route("/itcare/databases/postgresql/{id}/versions", get(versions))
        .route("/itcare/actions", get(list_actions))
        .route("/itcare/actions/{id}", get(get_action))
        .route("/itcare/{*rest}", axum::routing::any(not_found))
        .route_layer(middleware::from_fn_with_state(app.clone(), require_token))
        .route_layer(middleware::from_fn_with_state(app, hostile_text));
    Router::new()
        .route("/itcare/health", get(health))
        .merge(protected)
}

// ---------------------------------------------------------------------------------------------
// Responses

fn empty(code: StatusCode) -> Response {
    code.into_response()
}

fn json<T: Serialize>(code: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            code,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            bytes,
        )
            .into_response(),
        Err(_) => empty(StatusCode::INTERNAL_SERVER_ERROR),
    }
}

/// T6: `{"status":"BAD_REQUEST","errorCode":"INVALID_FIELD_VALUE","errorDesc":"<field>","errorMessage":"Error on field '<field>'"}`.
pub fn invalid_field(field: &str) -> Response {
    json(
        StatusCode::BAD_REQUEST,
        &ApiErrorBody {
            status: Some("BAD_REQUEST".into()),
            error_code: Some("INVALID_FIELD_VALUE".into()),
            error_desc: Some(field.to_string()),
            error_message: Some(format!("Error on field '{field}'")),
        },
    )
}

/// 400 for a body that is not JSON (or not an object): T6 shape, `errorDesc` `body`.
fn malformed(detail: &str) -> Response {
    json(
        StatusCode::BAD_REQUEST,
        &ApiErrorBody {
            status: Some("BAD_REQUEST".into()),
            error_code: Some("MALFORMED_REQUEST".into()),
            error_desc: Some("body".into()),
            error_message: Some(format!("Malformed JSON request: {detail}")),
        },
    )
}

/// 202 with the Action (A1).
fn accepted(world: &crate::state::World, action_id: Option<i64>) -> Response {
    match action_id.and_then(|id| world.actions.get(&id)) {
        Some(a) => json(StatusCode::ACCEPTED, &a.model(false)),
        None => empty(StatusCode::INTERNAL_SERVER_ERROR),
    }
}

// ---------------------------------------------------------------------------------------------
// Middleware

/// T2: a known, unexpired bearer token, else 401 with an empty body.
async fn require_token(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(auth::bearer);
    let ok = token.is_some_and(|t| app.lock().tokens.access_valid(t, now_ms()));
    if !ok {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer realm=\"cloud\"")],
        )
            .into_response();
    }
    next.run(req).await
}

/// Keys whose string values get the hostile text appended (fault `hostileText`).
const HOSTILE_KEYS: &[&str] = &[
    "name",
    "label",
    "prettyLabel",
    "comment",
    "serviceName",
    "message",
    "resourceName",
    "description",
    "shortDescription",
];

fn inject(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, val) in map.iter_mut() {
                match val {
                    Value::String(s) if HOSTILE_KEYS.contains(&k.as_str()) => s.push_str(HOSTILE),
                    _ => inject(val),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(inject),
        _ => {}
    }
}

/// Fault `hostileText`: appends `<img src=x onerror=...>` / `<script>` to names and messages of
/// every JSON answer (the portal must render them as text).
async fn hostile_text(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let on = app.lock().faults.hostile_text;
    let resp = next.run(req).await;
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if !on || !is_json {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = to_bytes(body, 16 << 20).await else {
        return empty(StatusCode::INTERNAL_SERVER_ERROR);
    };
    let Ok(mut v) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    inject(&mut v);
    let out = serde_json::to_vec(&v).unwrap_or_else(|_| bytes.to_vec());
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(out))
}

// ---------------------------------------------------------------------------------------------
// Token endpoint (T3)

fn oauth_error(code: StatusCode, error: &str, description: &str) -> Response {
    json(
        code,
        &serde_json::json!({ "error": error, "error_description": description }),
    )
}

/// Issues a token pair with the current TTLs (T3 JSON).
pub fn issue_token(app: &App) -> Response {
    let mut inner = app.lock();
    let rt = inner.runtime;
    match inner
        .tokens
        .issue(now_ms(), rt.token_ttl_secs, rt.refresh_ttl_secs)
    {
        Ok(t) => {
            let mut r = json(StatusCode::OK, &t);
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Err(_) => empty(StatusCode::SERVICE_UNAVAILABLE),
    }
}

/// `POST /auth/realms/cloud/protocol/openid-connect/token` (T3), answering like Keycloak:
/// `client_credentials` with HTTP Basic (or `client_id`/`client_secret` form fields), and
/// `refresh_token`. Errors are Keycloak's `{"error", "error_description"}`.
pub async fn token(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Response {
    let form = auth::parse_form(&String::from_utf8_lossy(&body));
    let field = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(auth::basic);
    let creds = basic.or_else(|| Some((field("client_id")?, field("client_secret")?)));
    let creds_ok = creds
        .as_ref()
        .map(|(id, secret)| *id == app.startup.client_id && *secret == app.startup.client_secret);
    match field("grant_type").as_deref() {
        None => oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing form parameter: grant_type",
        ),
        Some("client_credentials") => {
            if creds_ok != Some(true) {
                return oauth_error(
                    StatusCode::UNAUTHORIZED,
                    "unauthorized_client",
                    "Invalid client or Invalid client credentials",
                );
            }
            issue_token(&app)
        }
        Some("refresh_token") => {
            // Credentials are optional here (the dev sign-in has none) but must be right when given.
            if creds_ok == Some(false) {
                return oauth_error(
                    StatusCode::UNAUTHORIZED,
                    "unauthorized_client",
                    "Invalid client or Invalid client credentials",
                );
            }
            // Rotation: the refresh token is used up here; the answer carries a new one.
            let valid = field("refresh_token")
                .is_some_and(|t| app.lock().tokens.redeem_refresh(&t, now_ms()));
            if !valid {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "Invalid refresh token",
                );
            }
            issue_token(&app)
        }
        Some(_) => oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "Unsupported grant_type",
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Health and lists

/// T9: `GET /itcare/health`, no auth.
async fn health() -> Response {
    json(StatusCode::OK, &serde_json::json!({ "status": "UP" }))
}

async fn not_found() -> Response {
    empty(StatusCode::NOT_FOUND)
}

fn query_pairs(q: &Option<String>) -> Vec<(String, String)> {
    q.as_deref().map(auth::parse_form).unwrap_or_default()
}

fn query_get<'a>(q: &'a [(String, String)], key: &str) -> Option<&'a str> {
    q.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// `page` (from 0) and `size` (1..=100) of a list (L1, T7); `Err` is the 400 answer.
fn paging(q: &[(String, String)]) -> Result<(i64, i64), Response> {
    let page = match query_get(q, "page") {
        None | Some("") => 0,
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|p| *p >= 0)
            .ok_or_else(|| invalid_field("page"))?,
    };
    let size = match query_get(q, "size") {
        None | Some("") => DEFAULT_PAGE_SIZE,
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|s| (1..=MAX_PAGE_SIZE).contains(s))
            .ok_or_else(|| invalid_field("size"))?,
    };
    Ok((page, size))
}

/// A Spring page (T7) of `items` (a page past the end is empty, not an error).
pub fn spring_page<T: Clone>(items: &[T], page: i64, size: i64) -> Page<T> {
    let total = i64::try_from(items.len()).unwrap_or(i64::MAX);
    let start = usize::try_from(page.saturating_mul(size)).unwrap_or(usize::MAX);
    let content: Vec<T> = items
        .iter()
        .skip(start)
        .take(usize::try_from(size).unwrap_or(0))
        .cloned()
        .collect();
    let total_pages = if total == 0 {
        0
    } else {
        (total + size - 1) / size
    };
    let n = i64::try_from(content.len()).unwrap_or(0);
    Page {
        total_elements: Some(total),
        total_pages: Some(total_pages),
        size: Some(size),
        number: Some(page),
        number_of_elements: Some(n),
        first: Some(page == 0),
        last: Some(page >= total_pages - 1),
        empty: Some(n == 0),
        sort: Some(PageSort {
            sorted: Some(true),
            unsorted: Some(false),
            empty: Some(false),
        }),
        content,
    }
}

/// L1: `GET /itcare/databases/postgresql?page=&size=[&serviceId=&name=&status=]`, sorted by id.
async fn list(State(app): State<Arc<App>>, RawQuery(q): RawQuery) -> Response {
    let q = query_pairs(&q);
    let (page, size) = match paging(&q) {
        Ok(p) => p,
        Err(r) => return r,
    };
    // Ids read as everywhere: a positive integer, else 400 naming it.
    let service: Option<i64> = match query_get(&q, "serviceId") {
        None | Some("") => None,
        Some(v) => match v.parse::<i64>() {
            Ok(v) if v > 0 => Some(v),
            _ => return invalid_field("serviceId"),
        },
    };
    let name = query_get(&q, "name").filter(|s| !s.is_empty());
    let status = query_get(&q, "status").filter(|s| !s.is_empty());
    let mut inner = app.lock();
    inner.world.settle(now_ms());
    let items: Vec<PostgresqlInstance> = inner
        .world
        .instances
        .values()
        .filter(|i| service.is_none_or(|s| i.spec.service.id == s))
        .filter(|i| name.is_none_or(|n| i.name().contains(n)))
        .filter(|i| status.is_none_or(|s| i.status().eq_ignore_ascii_case(s)))
        .map(|i| i.data.clone())
        .collect();
    drop(inner);
    json(StatusCode::OK, &spring_page(&items, page, size))
}

/// An instance id from the path: a positive integer, else 400 (`errorDesc` `id`).
fn parse_id(raw: &str) -> Result<i64, Response> {
    raw.parse::<i64>()
        .ok()
        .filter(|v| *v > 0)
        .ok_or_else(|| invalid_field("id"))
}

/// Runs `f` on the settled instance `id`, or answers 400 / 404.
fn with_instance(
    app: &App,
    raw: &str,
    f: impl FnOnce(&crate::state::Inst) -> Response,
) -> Response {
    let id = match parse_id(raw) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let mut inner = app.lock();
    inner.world.settle(now_ms());
    match inner.world.instances.get(&id) {
        Some(inst) => f(inst),
        None => empty(StatusCode::NOT_FOUND),
    }
}

async fn get_one(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    with_instance(&app, &id, |i| json(StatusCode::OK, &i.data))
}

async fn databases(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    with_instance(&app, &id, |i| json(StatusCode::OK, &i.databases))
}

async fn extensions(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    with_instance(&app, &id, |i| {
        json(StatusCode::OK, &catalog::extensions(i.major()))
    })
}

async fn networks(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    with_instance(&app, &id, |i| {
        json(StatusCode::OK, &vec![i.spec.network.model()])
    })
}

async fn nodes(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    with_instance(&app, &id, |i| json(StatusCode::OK, &i.nodes))
}

async fn versions(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    with_instance(&app, &id, |i| json(StatusCode::OK, &i.versions()))
}

/// A2: `GET /itcare/actions/{id}` with `submittedAt`, `submittedBy`, `completedAt`.
async fn get_action(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    // The same reading as instance ids: not a positive integer is 400 `id`, never 404.
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let mut inner = app.lock();
    inner.world.settle(now_ms());
    match inner.world.actions.get(&id) {
        Some(a) => json(StatusCode::OK, &a.model(true)),
        None => empty(StatusCode::NOT_FOUND),
    }
}

/// A3: `GET /itcare/actions?resourceId=&resourceName=&serviceId=&statuses=&requestId=`, a bare
/// array, newest first. `statuses` is comma-separated.
async fn list_actions(State(app): State<Arc<App>>, RawQuery(q): RawQuery) -> Response {
    let q = query_pairs(&q);
    let int = |key: &str| -> Result<Option<i64>, Response> {
        match query_get(&q, key) {
            None | Some("") => Ok(None),
            // Ids read as everywhere: a positive integer, else 400 naming it.
            Some(v) => v
                .parse::<i64>()
                .ok()
                .filter(|v| *v > 0)
                .map(Some)
                .ok_or_else(|| invalid_field(key)),
        }
    };
    let (resource_id, service_id) = match (int("resourceId"), int("serviceId")) {
        (Ok(r), Ok(s)) => (r, s),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let name = query_get(&q, "resourceName").filter(|s| !s.is_empty());
    let request_id = query_get(&q, "requestId").filter(|s| !s.is_empty());
    let statuses: Option<Vec<&str>> =
        query_get(&q, "statuses")
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect()
            });
    let mut inner = app.lock();
    inner.world.settle(now_ms());
    let out: Vec<_> = inner
        .world
        .actions
        .values()
        .rev()
        .filter(|a| resource_id.is_none_or(|r| a.resource_id == r))
        .filter(|a| service_id.is_none_or(|s| a.service_id == s))
        .filter(|a| name.is_none_or(|n| a.resource_name == n))
        .filter(|a| request_id.is_none_or(|r| a.request_id == r))
        .filter(|a| {
            statuses
                .as_ref()
                .is_none_or(|ss| ss.iter().any(|s| s.eq_ignore_ascii_case(a.status.as_str())))
        })
        .map(|a| a.model(true))
        .collect();
    drop(inner);
    json(StatusCode::OK, &out)
}

// ---------------------------------------------------------------------------------------------
// Create, delete, patch

/// T4: JSON media types accepted (the vendor type of create and plain JSON).
fn json_content(headers: &HeaderMap) -> bool {
    let Some(ct) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let mime = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    mime == "application/json" || mime == "application/vnd.cegedim-it.v1+json"
}

fn parse_body(headers: &HeaderMap, body: &Bytes) -> Result<Value, Response> {
    if !json_content(headers) {
        return Err(empty(StatusCode::UNSUPPORTED_MEDIA_TYPE));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(v @ Value::Object(_)) => Ok(v),
        Ok(_) => Err(malformed("expected a JSON object")),
        Err(e) => Err(malformed(&e.to_string())),
    }
}

/// Whether this action should fail (fault injection).
/// Decided once the request is accepted, so a refused request does not use up `failNextActions`.
fn next_fails(inner: &mut crate::server::Inner) -> bool {
    let crate::server::Inner { faults, rng, .. } = inner;
    faults.action_fails(rng)
}

/// `POST /itcare/databases/postgresql` (202 Action). Order of checks: media type (415), JSON
/// (400), C1-C11 through the SDK validator (400 T6, first issue), catalogue references (400 T6
/// naming the field), forbidden service (403), name taken (409).
async fn create(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Response {
    let value = match parse_body(&headers, &body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if let Some(issue) = validate_create(&value, Locale::En).first() {
        return invalid_field(&issue.path);
    }
    let req: CreatePostgresql = match serde_json::from_value(value) {
        Ok(r) => r,
        Err(e) => return malformed(&e.to_string()),
    };
    let Some(service) = catalog::service(req.service_id) else {
        return invalid_field("serviceId");
    };
    let Some(area) = catalog::area(&req.area) else {
        return invalid_field("area");
    };
    let Some(product) = catalog::product(&req.product_code) else {
        return invalid_field("productCode");
    };
    let Some(network) = catalog::network(req.network_id).filter(|n| n.area == area.id) else {
        return invalid_field("networkId");
    };
    let Some(zone) = area.zone(req.az.as_deref()) else {
        return invalid_field("az");
    };
    if service.forbidden {
        return empty(StatusCode::FORBIDDEN);
    }
    let now = now_ms();
    let mut inner = app.lock();
    inner.world.settle(now);
    if inner.world.name_taken(&req.name) {
        return empty(StatusCode::CONFLICT);
    }
    let spec = Spec {
        name: req.name.clone(),
        service,
        area,
        zone,
        network,
        product,
        node_sizing: req.node_sizing.clone(),
        disk_size: req.disk_size,
        ha: req.topology == Topology::Ha,
        trigram: req.trigram.clone(),
        node_prefix: req.node_prefix.clone(),
        tls: req.tls.unwrap_or(false),
        allowed_replication_lag: req.allowed_replication_lag,
        backup: req.backup_enabled.unwrap_or(true),
        support_level: req
            .support_level
            .clone()
            .unwrap_or(itcare_postgresql::models::SupportLevel::NoMonitoringNoSupport),
        cloud_id: req.cloud_id.unwrap_or(1),
        created_by: app.startup.client_id.clone(),
    };
    let fail = next_fails(&mut inner);
    let id = inner.world.new_instance_id();
    let inst = inner.world.build(id, spec, now, now, "CREATING");
    inner.world.instances.insert(id, inst);
    let action_ms = inner.runtime.action_ms;
    let action = inner.world.submit(
        id,
        "create",
        Change::Create,
        now,
        action_ms,
        fail,
        &app.startup.client_id,
    );
    // Rendered under the same lock: a concurrent request cannot settle it first (A1 says IN_PROGRESS).
    accepted(&inner.world, action)
}

/// `DELETE /itcare/databases/postgresql/{id}` (202 Action; 404 unknown; 409 busy).
async fn delete(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let now = now_ms();
    let mut inner = app.lock();
    inner.world.settle(now);
    match inner.world.instances.get(&id) {
        None => return empty(StatusCode::NOT_FOUND),
        Some(i) if i.busy.is_some() => return empty(StatusCode::CONFLICT),
        Some(_) => {}
    }
    let fail = next_fails(&mut inner);
    let action_ms = inner.runtime.action_ms;
    let action = inner.world.submit(
        id,
        "delete",
        Change::Delete,
        now,
        action_ms,
        fail,
        &app.startup.client_id,
    );
    // Rendered under the same lock: a concurrent request cannot settle it first (A1 says IN_PROGRESS).
    accepted(&inner.world, action)
}

/// Why a PATCH is refused after the SDK validator passed.
enum Refusal {
    /// 400 T6 naming the field.
    Field(String),
    /// 422 inconsistent data (state rules), empty body.
    State,
}

/// `PATCH /itcare/databases/postgresql/{id}` (202 Action). Order: id (400), media type (415),
/// JSON (400), instance (404), operation in progress (409), O1-O8/P4 through the SDK validator
/// with what the server knows (400 T6 on the first issue; 422 when it is a `state` issue),
/// then the rules only the server can check (400 T6 / 422).
async fn patch(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let value = match parse_body(&headers, &body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let now = now_ms();
    let mut inner = app.lock();
    inner.world.settle(now);
    let world = &inner.world;
    let Some(inst) = world.instances.get(&id) else {
        return empty(StatusCode::NOT_FOUND);
    };
    if inst.busy.is_some() {
        return empty(StatusCode::CONFLICT);
    }
    let ctx = OperationContext {
        production: Some(inst.spec.service.production),
        now: Some(itcare_postgresql::time::format_rfc3339(now)),
        instance: Some(inst.data.clone()),
        node_count: i64::try_from(inst.nodes.len()).ok(),
        versions: Some(inst.versions()),
    };
    if let Some(issue) = validate_operation(&value, &ctx, now, Locale::En).first() {
        return if issue.code == IssueCode::State {
            empty(StatusCode::UNPROCESSABLE_ENTITY)
        } else {
            invalid_field(&issue.path)
        };
    }
    let op = value
        .get("operation")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let options = value.get("options").cloned().unwrap_or(Value::Null);
    let opt_str = |k: &str| options.get(k).and_then(Value::as_str).map(str::to_string);
    let status = inst.status();
    let active = status == "ACTIVE";
    let checked: Result<(&'static str, Change), Refusal> = match op {
        "start" if status == "STOPPED" => Ok(("start", Change::Start)),
        "stop" if active => Ok(("stop", Change::Stop)),
        "resize" => match opt_str("sizing").filter(|s| catalog::parse_sizing(s).is_some()) {
            _ if !active && status != "STOPPED" => Err(Refusal::State),
            Some(s) => Ok(("resize", Change::Resize(s))),
            None => Err(Refusal::Field("options.sizing".into())),
        },
        "enable_ha" => {
            // O4, again on the server's own facts.
            // Read through the SDK's model: `10.0` is 10, as the validator read it.
            let lag = serde_json::from_value::<EnableHaOptions>(options.clone())
                .map_or(1, |o| o.replication_lag);
            if !active || inst.data.topology.as_deref() != Some("STANDALONE") || inst.major() < 12 {
                Err(Refusal::State)
            } else {
                Ok(("enable_ha", Change::EnableHa(lag)))
            }
        }
        "update_patch_party" => {
            let has_group = options
                .pointer("/patchParty/patchGroup")
                .is_some_and(|g| !g.is_null());
            if has_group && inst.nodes.len() != 1 {
                Err(Refusal::State) // O5
            } else {
                Ok(("update_patch_party", Change::PatchParty))
            }
        }
        "install_extension" => install_check(inst, &options),
        "upgrade" => {
            let target = opt_str("targetVersion").and_then(|t| catalog::major_of(&t));
            match target {
                _ if !active => Err(Refusal::State),
                Some(t) if inst.versions().contains(&t) => Ok(("upgrade", Change::Upgrade(t))),
                _ => Err(Refusal::Field("options.targetVersion".into())), // O7
            }
        }
        "restore" => restore_check(world, inst, &options),
        // start on a running instance, stop on a stopped one.
        "start" | "stop" => Err(Refusal::State),
        _ => Err(Refusal::Field("operation".into())), // O8 (the validator already said so)
    };
    let (name, change) = match checked {
        Ok(c) => c,
        Err(Refusal::State) => return empty(StatusCode::UNPROCESSABLE_ENTITY),
        Err(Refusal::Field(f)) => return invalid_field(&f),
    };
    if change == Change::PatchParty {
        apply_patch_party(&mut inner, id, &options, now, &app.startup.client_id);
    }
    let fail = change != Change::PatchParty && next_fails(&mut inner);
    let action_ms = inner.runtime.action_ms;
    let action = inner.world.submit(
        id,
        name,
        change,
        now,
        action_ms,
        fail,
        &app.startup.client_id,
    );
    // Rendered under the same lock: a concurrent request cannot settle it first (A1 says IN_PROGRESS).
    accepted(&inner.world, action)
}

/// O6 / P4 on the server: major version 15 or more (422), ACTIVE (422), the database exists and
/// every extension is offered (400 naming the field).
fn install_check(
    inst: &crate::state::Inst,
    options: &Value,
) -> Result<(&'static str, Change), Refusal> {
    if inst.major() < 15 || inst.status() != "ACTIVE" {
        return Err(Refusal::State);
    }
    let dbname = options
        .get("dbname")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !inst
        .databases
        .iter()
        .any(|d| d.name.as_deref() == Some(dbname))
    {
        return Err(Refusal::Field("options.dbname".into()));
    }
    let offered = catalog::extensions(inst.major());
    let mut names = Vec::new();
    let list = options
        .get("extensions_list")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (i, e) in list.iter().enumerate() {
        let name = e.get("name").and_then(Value::as_str).unwrap_or_default();
        if !offered.iter().any(|o| o.name.as_deref() == Some(name)) {
            return Err(Refusal::Field(format!("options.extensions_list[{i}].name")));
        }
        names.push(name.to_string());
    }
    Ok((
        "install_extension",
        Change::InstallExtension {
            dbname: dbname.to_string(),
            names,
        },
    ))
}

/// O3 on the server: the source exists (400 `options.sourceId`), both instances are ACTIVE, the
/// source is backed up and of the same major version (422).
fn restore_check(
    world: &crate::state::World,
    inst: &crate::state::Inst,
    options: &Value,
) -> Result<(&'static str, Change), Refusal> {
    // Read through the SDK's model: an integral float is the id the validator accepted.
    let source_id =
        serde_json::from_value::<RestoreOptions>(options.clone()).map_or(0, |o| o.source_id);
    let Some(source) = world.instances.get(&source_id) else {
        return Err(Refusal::Field("options.sourceId".into()));
    };
    if inst.status() != "ACTIVE"
        || source.status() != "ACTIVE"
        || source.data.backup_status != Some(true)
        || source.major() != inst.major()
    {
        return Err(Refusal::State);
    }
    let s = |k: &str| {
        options
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    Ok((
        "restore",
        Change::Restore {
            source_id,
            stop: s("stop"),
            timestamp: s("timestamp"),
        },
    ))
}

/// O5 is synchronous: the patch party changes before the 202 is sent.
fn apply_patch_party(
    inner: &mut crate::server::Inner,
    id: i64,
    options: &Value,
    now: i64,
    by: &str,
) {
    let Some(inst) = inner.world.instances.get_mut(&id) else {
        return;
    };
    let pp = options.get("patchParty").cloned().unwrap_or(Value::Null);
    let excluded = pp.get("excluded").and_then(Value::as_bool).unwrap_or(false);
    let mut party = inst.data.patch_party.clone().unwrap_or_default();
    party.excluded = Some(excluded);
    if excluded {
        party.exclusion_reason = pp
            .get("exclusionReason")
            .and_then(Value::as_str)
            .map(str::to_string);
        party.excluded_by = Some(by.to_string());
        party.exclusion_date = Some(itcare_postgresql::time::format_rfc3339(now));
    } else {
        party.exclusion_reason = None;
        party.excluded_by = None;
        party.exclusion_date = None;
    }
    // The validator accepts a string or a number (O5; "" is refused before this point).
    match pp.get("patchGroup") {
        Some(Value::String(g)) => party.patch_group = Some(g.clone()),
        Some(Value::Number(n)) => party.patch_group = Some(n.to_string()),
        _ => {}
    }
    inst.data.patch_party = Some(party.clone());
    for n in &mut inst.nodes {
        n.patch_party = Some(party.clone());
    }
}
