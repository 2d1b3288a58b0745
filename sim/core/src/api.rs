//! The ITCare API under `/itcare` (endpoint table of API.md, L1, A2, A3, T9): routing, the bearer
//! check (T2), the guards (busy → 409, state → 422, T6 → 400) and the commands on the world.
//! Bodies are the SDK's own models; the request rules are the SDK's validators.

// Early returns carry the finished answer; boxing it would only add noise off any hot path.
#![allow(clippy::result_large_err)]

use itcare_postgresql::client::{CREATE_CONTENT_TYPE, PATCH_CONTENT_TYPE};
use itcare_postgresql::models::{
    CreatePostgresql, EnableHaOptions, Page, PageSort, PostgresqlInstance, RestoreOptions, Topology,
};
use itcare_postgresql::validate::{
    parse_node_sizing, validate_create, validate_operation, IssueCode, Locale, OperationContext,
    EXTENSION_MIN_MAJOR_VERSION, HA_MIN_MAJOR_VERSION,
};
use serde_json::Value;

use crate::auth;
use crate::catalog;
use crate::faults::HOSTILE;
use crate::http::{invalid_field, malformed, t6, Request, Response};
use crate::world::{Change, Inst, Spec, World};
use crate::Simulator;

/// Largest page size of the lists (L1, A3); larger or smaller answers 400 (T6, `errorDesc` `size`).
pub const MAX_PAGE_SIZE: i64 = 100;
/// Default page size of the instance list (Spring's default).
pub const DEFAULT_PAGE_SIZE: i64 = 20;
/// Default page size of the action list (A3): the newest 100.
pub const DEFAULT_ACTION_PAGE_SIZE: i64 = 100;

/// Answers a request whose path is `/itcare` or under it.
pub fn handle(sim: &mut Simulator, req: &Request, now: i64) -> Response {
    let path = req.path();
    let rest = path.strip_prefix("/itcare").unwrap_or_default();
    let segments: Vec<&str> = rest.split('/').skip(1).collect();
    let method = req.method.as_str();
    if segments == ["health"] {
        // T9: no auth.
        return match method {
            "GET" => Response::json(200, &serde_json::json!({ "status": "UP" })),
            _ => not_allowed("GET"),
        };
    }
    // T2: a known, unexpired bearer token, else 401 with an empty body.
    let token = req.get_header("authorization").and_then(auth::bearer);
    if !token.is_some_and(|t| sim.tokens.access_valid(t, now)) {
        return Response::empty(401).with_header("www-authenticate", "Bearer realm=\"cloud\"");
    }
    let resp = protected(sim, req, method, &segments, now);
    if sim.faults.hostile_text && resp.is_json() {
        return hostile(resp);
    }
    resp
}

fn protected(
    sim: &mut Simulator,
    req: &Request,
    method: &str,
    segments: &[&str],
    now: i64,
) -> Response {
    let q = req.query().map(auth::parse_form).unwrap_or_default();
    match segments {
        ["databases", "postgresql"] => match method {
            "GET" => list(sim, &q, now),
            "POST" => create(sim, req, now),
            _ => not_allowed("GET,POST"),
        },
        ["databases", "postgresql", id] => match method {
            "GET" => with_instance(sim, id, now, |i| Response::json(200, &i.data)),
            "DELETE" => delete(sim, id, now),
            "PATCH" => patch(sim, id, req, now),
            _ => not_allowed("GET,DELETE,PATCH"),
        },
        ["databases", "postgresql", id, sub] => {
            if method != "GET" {
                return match *sub {
                    "databases" | "extensions" | "networks" | "nodes" | "versions" => {
                        not_allowed("GET")
                    }
                    _ => unknown_path(req),
                };
            }
            match *sub {
                "databases" => with_instance(sim, id, now, |i| Response::json(200, &i.databases)),
                "extensions" => with_instance(sim, id, now, |i| {
                    Response::json(200, &catalog::extensions(i.major()))
                }),
                "networks" => with_instance(sim, id, now, |i| {
                    Response::json(200, &vec![i.spec.network.model()])
                }),
                "nodes" => with_instance(sim, id, now, |i| Response::json(200, &i.nodes)),
                "versions" => with_instance(sim, id, now, |i| Response::json(200, &i.versions())),
                _ => unknown_path(req),
            }
        }
        ["actions"] => match method {
            "GET" => list_actions(sim, &q, now),
            _ => not_allowed("GET"),
        },
        ["actions", id] => match method {
            "GET" => get_action(sim, id, now),
            _ => not_allowed("GET"),
        },
        _ => unknown_path(req),
    }
}

// The refusals of the HTTP layer carry the T6 body (issue 12, hardened server); the answers T5
// documents as empty (401, 404 of an unknown instance or action, 409, 422) stay empty.

/// 404 T6 for a path no endpoint serves (an unknown instance keeps its empty 404, T5).
fn unknown_path(req: &Request) -> Response {
    let path: String = req.path().chars().take(200).collect();
    t6(
        404,
        "NOT_FOUND",
        "NOT_FOUND",
        "path",
        &format!("No endpoint {} {path}", req.method),
    )
}

/// 405 T6 with `Allow` (RFC 9110).
fn not_allowed(allow: &str) -> Response {
    t6(
        405,
        "METHOD_NOT_ALLOWED",
        "METHOD_NOT_ALLOWED",
        "method",
        &format!(
            "Method not allowed here; allowed: {}",
            allow.replace(',', ", ")
        ),
    )
    .with_header("allow", allow)
}

// ---------------------------------------------------------------------------------------------
// Hostile text (fault)

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
/// a JSON answer (the portal must render them as text).
fn hostile(mut resp: Response) -> Response {
    let Ok(mut v) = serde_json::from_slice::<Value>(&resp.body) else {
        return resp;
    };
    inject(&mut v);
    if let Ok(out) = serde_json::to_vec(&v) {
        resp.body = out;
    }
    resp
}

// ---------------------------------------------------------------------------------------------
// Lists

fn query_get<'a>(q: &'a [(String, String)], key: &str) -> Option<&'a str> {
    q.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// `page` (from 0) and `size` (1..=100, default `default_size`) of a list (L1, T7, A3); `Err` is
/// the 400 answer.
fn paging(q: &[(String, String)], default_size: i64) -> Result<(i64, i64), Response> {
    let page = match query_get(q, "page") {
        None | Some("") => 0,
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|p| *p >= 0)
            .ok_or_else(|| invalid_field("page", Some("a page number from 0")))?,
    };
    let size = match query_get(q, "size") {
        None | Some("") => default_size,
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|s| (1..=MAX_PAGE_SIZE).contains(s))
            .ok_or_else(|| {
                invalid_field(
                    "size",
                    Some(&format!("a page size from 1 to {MAX_PAGE_SIZE}")),
                )
            })?,
    };
    Ok((page, size))
}

/// The items of page `page` of size `size`.
fn page_of<T: Clone>(items: &[T], page: i64, size: i64) -> Vec<T> {
    let start = usize::try_from(page.saturating_mul(size)).unwrap_or(usize::MAX);
    items
        .iter()
        .skip(start)
        .take(usize::try_from(size).unwrap_or(0))
        .cloned()
        .collect()
}

/// A Spring page (T7) of `items` (a page past the end is empty, not an error).
pub fn spring_page<T: Clone>(items: &[T], page: i64, size: i64) -> Page<T> {
    let total = i64::try_from(items.len()).unwrap_or(i64::MAX);
    let content = page_of(items, page, size);
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
fn list(sim: &mut Simulator, q: &[(String, String)], now: i64) -> Response {
    let (page, size) = match paging(q, DEFAULT_PAGE_SIZE) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let service: Option<i64> = match query_get(q, "serviceId") {
        None | Some("") => None,
        // Ids read as everywhere: a positive integer, else 400 naming it.
        Some(v) => match v.parse::<i64>() {
            Ok(v) if v > 0 => Some(v),
            _ => return invalid_field("serviceId", Some("a positive integer service id")),
        },
    };
    let name = query_get(q, "name").filter(|s| !s.is_empty());
    let status = query_get(q, "status").filter(|s| !s.is_empty());
    sim.world.settle(now);
    let items: Vec<PostgresqlInstance> = sim
        .world
        .instances
        .values()
        .filter(|i| service.is_none_or(|s| i.spec.service.id == s))
        .filter(|i| name.is_none_or(|n| i.name().contains(n)))
        .filter(|i| status.is_none_or(|s| i.status().eq_ignore_ascii_case(s)))
        .map(|i| i.data.clone())
        .collect();
    Response::json(200, &spring_page(&items, page, size))
}

/// A path id: a positive integer, else 400 (`errorDesc` `id`), the same for every path
/// (instances and actions).
fn parse_id(raw: &str) -> Result<i64, Response> {
    raw.parse::<i64>()
        .ok()
        .filter(|v| *v > 0)
        .ok_or_else(|| invalid_field("id", Some("a positive integer id")))
}

/// Runs `f` on the settled instance `id`, or answers 400 / 404.
fn with_instance(
    sim: &mut Simulator,
    raw: &str,
    now: i64,
    f: impl FnOnce(&Inst) -> Response,
) -> Response {
    let id = match parse_id(raw) {
        Ok(id) => id,
        Err(r) => return r,
    };
    sim.world.settle(now);
    match sim.world.instances.get(&id) {
        Some(inst) => f(inst),
        None => Response::empty(404),
    }
}

/// A2: `GET /itcare/actions/{id}` with `submittedAt`, `submittedBy`, `completedAt`.
fn get_action(sim: &mut Simulator, raw: &str, now: i64) -> Response {
    let id = match parse_id(raw) {
        Ok(id) => id,
        Err(r) => return r,
    };
    sim.world.settle(now);
    match sim.world.actions.get(&id) {
        Some(a) => Response::json(200, &a.model(true)),
        None => Response::empty(404),
    }
}

/// A3: `GET /itcare/actions?resourceId=&resourceName=&serviceId=&statuses=&requestId=`, a bare
/// array, newest first, `statuses` comma-separated. Paged by `page` (from 0) and `size`
/// (1..=100, default 100): one answer never carries more than 100 actions, and the world keeps
/// a bounded history ([`crate::world::MAX_ACTIONS`]).
fn list_actions(sim: &mut Simulator, q: &[(String, String)], now: i64) -> Response {
    let (page, size) = match paging(q, DEFAULT_ACTION_PAGE_SIZE) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let int = |key: &str| -> Result<Option<i64>, Response> {
        match query_get(q, key) {
            None | Some("") => Ok(None),
            // Ids read as everywhere: a positive integer, else 400 naming it.
            Some(v) => v
                .parse::<i64>()
                .ok()
                .filter(|v| *v > 0)
                .map(Some)
                .ok_or_else(|| invalid_field(key, Some("a positive integer id"))),
        }
    };
    let (resource_id, service_id) = match (int("resourceId"), int("serviceId")) {
        (Ok(r), Ok(s)) => (r, s),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let name = query_get(q, "resourceName").filter(|s| !s.is_empty());
    let request_id = query_get(q, "requestId").filter(|s| !s.is_empty());
    let statuses: Option<Vec<&str>> = query_get(q, "statuses").filter(|s| !s.is_empty()).map(|s| {
        s.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    });
    sim.world.settle(now);
    let matching: Vec<&crate::world::ActionRec> = sim
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
        .collect();
    let out: Vec<_> = page_of(&matching, page, size)
        .into_iter()
        .map(|a| a.model(true))
        .collect();
    Response::json(200, &out)
}

// ---------------------------------------------------------------------------------------------
// Create, delete, patch

/// T4: JSON media types accepted (the vendor type of create and plain JSON).
fn json_content(req: &Request) -> bool {
    let Some(ct) = req.get_header("content-type") else {
        return false;
    };
    let mime = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    mime == PATCH_CONTENT_TYPE || mime == CREATE_CONTENT_TYPE
}

fn parse_body(req: &Request) -> Result<Value, Response> {
    if !json_content(req) {
        return Err(t6(
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            "UNSUPPORTED_MEDIA_TYPE",
            "Content-Type",
            &format!("Content-Type must be {CREATE_CONTENT_TYPE} or {PATCH_CONTENT_TYPE} (T4)"),
        ));
    }
    match serde_json::from_slice::<Value>(&req.body) {
        Ok(v @ Value::Object(_)) => Ok(v),
        Ok(_) => Err(malformed("expected a JSON object")),
        Err(e) => Err(malformed(&e.to_string())),
    }
}

/// `a, b or c` of a list of accepted values.
fn one_of<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    let v: Vec<String> = items.into_iter().map(|i| i.to_string()).collect();
    match v.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The catalogue checks of a create request, each refusal naming the field and what it accepts.
fn resolve_catalog(req: &CreatePostgresql) -> Result<Spec, Response> {
    let Some(service) = catalog::service(req.service_id) else {
        let ids = catalog::SERVICES
            .iter()
            .map(|s| format!("{} ({})", s.id, s.name));
        return Err(invalid_field(
            "serviceId",
            Some(&format!(
                "unknown service {}; known services: {}",
                req.service_id,
                one_of(ids)
            )),
        ));
    };
    let Some(area) = catalog::area(&req.area) else {
        return Err(invalid_field(
            "area",
            Some(&format!(
                "unknown area \"{}\"; accepted: {}",
                req.area,
                one_of(catalog::AREAS.iter().map(|a| a.id))
            )),
        ));
    };
    let Some(product) = catalog::product(&req.product_code) else {
        return Err(invalid_field(
            "productCode",
            Some(&format!(
                "unknown product \"{}\"; accepted: {}",
                req.product_code,
                one_of(catalog::PRODUCTS.iter().map(|p| p.code))
            )),
        ));
    };
    let Some(network) = catalog::network(req.network_id).filter(|n| n.area == area.id) else {
        let ids = catalog::NETWORKS
            .iter()
            .filter(|n| n.area == area.id)
            .map(|n| n.id);
        return Err(invalid_field(
            "networkId",
            Some(&format!(
                "network {} is not in area {}; networks of {}: {}",
                req.network_id,
                area.id,
                area.id,
                one_of(ids)
            )),
        ));
    };
    let Some(zone) = area.zone(req.az.as_deref()) else {
        let zones = area.zones.iter().map(|(z, _)| format!("\"{z}\""));
        return Err(invalid_field(
            "az",
            Some(&format!(
                "zone \"{}\" is not in area {}; zones of {}: {} (or \"{}\" for the area's default zone)",
                req.az.as_deref().unwrap_or_default(),
                area.id,
                area.id,
                one_of(zones),
                catalog::DEFAULT_ZONE
            )),
        ));
    };
    Ok(Spec {
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
        created_by: String::new(),
    })
}

/// 202 with the Action (A1), rendered right after submission (still `IN_PROGRESS`).
fn accepted(world: &World, action_id: Option<i64>) -> Response {
    match action_id.and_then(|id| world.actions.get(&id)) {
        Some(a) => Response::json(202, &a.model(false)),
        None => Response::empty(500),
    }
}

/// `POST /itcare/databases/postgresql` (202 Action). Order of checks: media type (415), JSON
/// (400), C1-C11 through the SDK validator (400 T6, first issue), catalogue references (400 T6
/// naming the field and what it accepts), forbidden service (403), name taken (409).
fn create(sim: &mut Simulator, req: &Request, now: i64) -> Response {
    let value = match parse_body(req) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if let Some(issue) = validate_create(&value, Locale::En).first() {
        // The real API's wording, exactly (the SDK's validator already explained it client-side).
        return invalid_field(&issue.path, None);
    }
    let body: CreatePostgresql = match serde_json::from_value(value) {
        Ok(r) => r,
        Err(e) => return malformed(&e.to_string()),
    };
    let mut spec = match resolve_catalog(&body) {
        Ok(s) => s,
        Err(r) => return r,
    };
    if spec.service.forbidden {
        return Response::empty(403);
    }
    sim.world.settle(now);
    if sim.world.name_taken(&body.name) {
        return Response::empty(409);
    }
    spec.created_by = sim.settings.client_id.clone();
    let fail = sim.faults.action_fails(&mut sim.rng);
    let id = sim.world.new_instance_id();
    let inst = sim.world.build(id, spec, now, now, "CREATING");
    sim.world.instances.insert(id, inst);
    let by = sim.settings.client_id.clone();
    let action = sim.world.submit(
        id,
        "create",
        Change::Create,
        now,
        sim.runtime.action_ms,
        fail,
        &by,
    );
    accepted(&sim.world, action)
}

/// `DELETE /itcare/databases/postgresql/{id}` (202 Action; 404 unknown; 409 busy).
fn delete(sim: &mut Simulator, raw: &str, now: i64) -> Response {
    let id = match parse_id(raw) {
        Ok(id) => id,
        Err(r) => return r,
    };
    sim.world.settle(now);
    match sim.world.instances.get(&id) {
        None => return Response::empty(404),
        Some(i) if i.busy.is_some() => return Response::empty(409),
        Some(_) => {}
    }
    let fail = sim.faults.action_fails(&mut sim.rng);
    let by = sim.settings.client_id.clone();
    let action = sim.world.submit(
        id,
        "delete",
        Change::Delete,
        now,
        sim.runtime.action_ms,
        fail,
        &by,
    );
    accepted(&sim.world, action)
}

/// Why a PATCH is refused after the SDK validator passed.
enum Refusal {
    /// 400 T6 naming the field, with what it accepts.
    Field(String, String),
    /// 422 inconsistent data (state rules), empty body.
    State,
}

/// The guard of an operation on an instance as the server knows it: `Ok` is the action to run,
/// `Err` the refusal (after the SDK validator passed).
fn guard(
    world: &World,
    inst: &Inst,
    op: &str,
    options: &Value,
) -> Result<(&'static str, Change), Refusal> {
    let opt_str = |k: &str| options.get(k).and_then(Value::as_str).map(str::to_string);
    let status = inst.status();
    let active = status == "ACTIVE";
    match op {
        // Start only a STOPPED instance, stop only an ACTIVE one.
        "start" if status == "STOPPED" => Ok(("start", Change::Start)),
        "stop" if active => Ok(("stop", Change::Stop)),
        "start" | "stop" => Err(Refusal::State),
        "resize" => match opt_str("sizing").filter(|s| parse_node_sizing(s).is_some()) {
            _ if !active && status != "STOPPED" => Err(Refusal::State),
            Some(s) => Ok(("resize", Change::Resize(s))),
            None => Err(Refusal::Field(
                "options.sizing".into(),
                "a sizing <N>cpu<M>gb, e.g. 2cpu4gb".into(),
            )),
        },
        "enable_ha" => {
            // O4, again on the server's own facts.
            // Read through the SDK's model: `10.0` is 10, as the validator read it.
            let lag = serde_json::from_value::<EnableHaOptions>(options.clone())
                .map_or(1, |o| o.replication_lag);
            if !active
                || inst.data.topology.as_deref() != Some("STANDALONE")
                || inst.major() < HA_MIN_MAJOR_VERSION
            {
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
        "install_extension" => install_check(inst, options),
        "upgrade" => {
            let target = opt_str("targetVersion").and_then(|t| catalog::major_of(&t));
            match target {
                _ if !active => Err(Refusal::State),
                Some(t) if inst.versions().contains(&t) => Ok(("upgrade", Change::Upgrade(t))),
                _ => Err(Refusal::Field(
                    "options.targetVersion".into(),
                    format!("versions offered: {}", one_of(inst.versions())),
                )), // O7
            }
        }
        "restore" => restore_check(world, inst, options),
        _ => Err(Refusal::Field(
            "operation".into(),
            format!(
                "accepted: {}",
                one_of(itcare_postgresql::validate::OPERATIONS)
            ),
        )), // O8 (the validator already said so)
    }
}

/// `PATCH /itcare/databases/postgresql/{id}` (202 Action). Order: id (400), media type (415),
/// JSON (400), instance (404), operation in progress (409), O1-O8/P4 through the SDK validator
/// with what the server knows (400 T6 on the first issue; 422 when it is a `state` issue),
/// then the rules only the server can check (400 T6 / 422).
fn patch(sim: &mut Simulator, raw: &str, req: &Request, now: i64) -> Response {
    let id = match parse_id(raw) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let value = match parse_body(req) {
        Ok(v) => v,
        Err(r) => return r,
    };
    sim.world.settle(now);
    let world = &sim.world;
    let Some(inst) = world.instances.get(&id) else {
        return Response::empty(404);
    };
    if inst.busy.is_some() {
        return Response::empty(409);
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
            Response::empty(422)
        } else {
            invalid_field(&issue.path, None)
        };
    }
    let op = value
        .get("operation")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let options = value.get("options").cloned().unwrap_or(Value::Null);
    let (name, change) = match guard(world, inst, op, &options) {
        Ok(c) => c,
        Err(Refusal::State) => return Response::empty(422),
        Err(Refusal::Field(f, hint)) => return invalid_field(&f, Some(&hint)),
    };
    let by = sim.settings.client_id.clone();
    if change == Change::PatchParty {
        apply_patch_party(&mut sim.world, id, &options, now, &by);
    }
    let fail = change != Change::PatchParty && sim.faults.action_fails(&mut sim.rng);
    let action = sim
        .world
        .submit(id, name, change, now, sim.runtime.action_ms, fail, &by);
    accepted(&sim.world, action)
}

/// O6 / P4 on the server: major version 15 or more (422), ACTIVE (422), the database exists and
/// every extension is offered (400 naming the field).
fn install_check(inst: &Inst, options: &Value) -> Result<(&'static str, Change), Refusal> {
    if inst.major() < EXTENSION_MIN_MAJOR_VERSION || inst.status() != "ACTIVE" {
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
        let names = inst.databases.iter().filter_map(|d| d.name.as_deref());
        return Err(Refusal::Field(
            "options.dbname".into(),
            format!("databases of this instance: {}", one_of(names)),
        ));
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
            return Err(Refusal::Field(
                format!("options.extensions_list[{i}].name"),
                format!(
                    "extensions offered: {}",
                    one_of(offered.iter().filter_map(|o| o.name.as_deref()))
                ),
            ));
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
    world: &World,
    inst: &Inst,
    options: &Value,
) -> Result<(&'static str, Change), Refusal> {
    // Read through the SDK's model: an integral float is the id the validator accepted.
    let source_id =
        serde_json::from_value::<RestoreOptions>(options.clone()).map_or(0, |o| o.source_id);
    let Some(source) = world.instances.get(&source_id) else {
        return Err(Refusal::Field(
            "options.sourceId".into(),
            format!("no instance {source_id}"),
        ));
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
fn apply_patch_party(world: &mut World, id: i64, options: &Value, now: i64, by: &str) {
    let Some(inst) = world.instances.get_mut(&id) else {
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
