//! The OpenAPI 3 document of the ITCare PostgreSQL API, built from the models (feature `openapi`,
//! native only: the wasm package never compiles it).
//!
//! The schemas come from the models themselves (`schemars` reads the same serde attributes the
//! SDK decodes and encodes with, and the doc comments become descriptions); the paths follow the
//! endpoint table of `docs/spec/API.md`. The committed copy is `docs/openapi.json` (shipped in the
//! npm package as `openapi.json`, served by the simulator at `/itcare/openapi.json`); a test of the
//! simulator fails when it is stale (`UPDATE_OPENAPI=1 cargo test -p itcare-sim --test openapi`
//! rewrites it).

use schemars::generate::SchemaSettings;
use schemars::SchemaGenerator;
use serde_json::{json, Map, Value};

use crate::client::TokenResponse;
use crate::models::{
    Action, ApiErrorBody, CreatePostgresql, Database, Extension, Network, Node, Page,
    PostgresqlInstance, PostgresqlOperation,
};

/// Media type of the create body (T4).
const CREATE_MEDIA_TYPE: &str = "application/vnd.cegedim-it.v1+json";
/// Largest page size of the lists (L1, A3).
const MAX_PAGE_SIZE: i64 = 100;

/// The document as JSON (OpenAPI 3.0.3).
pub fn document() -> Value {
    let mut gen = SchemaSettings::openapi3().into_generator();
    let mut schema = |f: fn(&mut SchemaGenerator) -> schemars::Schema| f(&mut gen).to_value();
    let action = schema(|g| g.subschema_for::<Action>());
    let instance = schema(|g| g.subschema_for::<PostgresqlInstance>());
    let page = schema(|g| g.subschema_for::<Page<PostgresqlInstance>>());
    let create = schema(|g| g.subschema_for::<CreatePostgresql>());
    let operation = schema(|g| g.subschema_for::<PostgresqlOperation>());
    let databases = schema(|g| g.subschema_for::<Vec<Database>>());
    let extensions = schema(|g| g.subschema_for::<Vec<Extension>>());
    let networks = schema(|g| g.subschema_for::<Vec<Network>>());
    let nodes = schema(|g| g.subschema_for::<Vec<Node>>());
    let actions = schema(|g| g.subschema_for::<Vec<Action>>());
    let error = schema(|g| g.subschema_for::<ApiErrorBody>());
    let _token = schema(|g| g.subschema_for::<TokenResponse>());
    let mut schemas = gen.take_definitions(true);
    schemas.insert(
        "Health".into(),
        json!({
            "type": "object",
            "description": "T9: the service is up.",
            "properties": { "status": { "type": "string", "example": "UP" } },
        }),
    );

    let id = |what: &str| {
        json!({
            "name": "id", "in": "path", "required": true,
            "description": format!("Id of the {what}."),
            "schema": { "type": "integer", "format": "int64", "minimum": 1 },
        })
    };
    let query = |name: &str, description: &str, schema: Value| {
        json!({ "name": name, "in": "query", "required": false,
                "description": description, "schema": schema })
    };
    let paging = |default_size: i64| {
        vec![
            query(
                "page",
                "Page number, from 0 (T7).",
                json!({ "type": "integer", "format": "int32", "minimum": 0, "default": 0 }),
            ),
            query(
                "size",
                "Page size (T7).",
                json!({ "type": "integer", "format": "int32", "minimum": 1,
                        "maximum": MAX_PAGE_SIZE, "default": default_size }),
            ),
        ]
    };

    let op = |summary: &str,
              rule: &str,
              params: Vec<Value>,
              ok: (&str, Option<&Value>),
              errors: &[&str]| {
        let mut responses = Map::new();
        responses.insert(ok.0.into(), answer(ok.0, ok.1));
        for code in errors {
            let body = (*code == "400").then_some(&error);
            responses.insert((*code).into(), answer(code, body));
        }
        // Every protected call may meet these (T2, T5).
        for code in ["401", "429", "503"] {
            responses.insert(code.into(), answer(code, None));
        }
        json!({
            "summary": summary,
            "description": format!("Rules: {rule} (docs/spec/API.md)."),
            "operationId": operation_id(summary),
            "parameters": params,
            "responses": responses,
        })
    };
    let with_body = |mut operation: Value, media: &str, schema: &Value| {
        operation["requestBody"] = json!({
            "required": true,
            "content": { media: { "schema": schema } },
        });
        operation
    };

    let mut list_actions = vec![
        query(
            "resourceId",
            "Actions on this resource id.",
            json!({ "type": "integer", "format": "int64" }),
        ),
        query(
            "resourceName",
            "Actions on this resource name.",
            json!({ "type": "string" }),
        ),
        query(
            "serviceId",
            "Actions of this service.",
            json!({ "type": "integer", "format": "int64" }),
        ),
        query(
            "statuses",
            "Comma-separated statuses (A1).",
            json!({ "type": "string" }),
        ),
        query(
            "requestId",
            "Actions of this request id.",
            json!({ "type": "string" }),
        ),
    ];
    list_actions.extend(paging(MAX_PAGE_SIZE));
    let mut list_instances = paging(20);
    list_instances.extend([
        query(
            "serviceId",
            "Instances of this service.",
            json!({ "type": "integer", "format": "int64" }),
        ),
        query(
            "name",
            "Instances whose name contains this text.",
            json!({ "type": "string" }),
        ),
        query(
            "status",
            "Instances in this status.",
            json!({ "type": "string" }),
        ),
    ]);

    let paths = json!({
        "/health": {
            "get": {
                "summary": "Health",
                "description": "T9: no authentication.",
                "operationId": "health",
                "security": [],
                "responses": { "200": answer("200", Some(&json!({ "$ref": "#/components/schemas/Health" }))) },
            },
        },
        "/databases/postgresql": {
            "get": op("List instances", "L1, T7", list_instances, ("200", Some(&page)), &["400"]),
            "post": with_body(
                op("Create an instance", "C1-C11, T4, A1", vec![], ("202", Some(&action)), &["400", "403", "409", "415"]),
                CREATE_MEDIA_TYPE,
                &create,
            ),
        },
        "/databases/postgresql/{id}": {
            "get": op("Get an instance", "endpoint table", vec![id("instance")], ("200", Some(&instance)), &["400", "404"]),
            "delete": op("Delete an instance", "endpoint table, A1", vec![id("instance")], ("202", Some(&action)), &["400", "404", "409"]),
            "patch": with_body(
                op("Run an operation on an instance", "O1-O8, T4, A1", vec![id("instance")], ("202", Some(&action)), &["400", "404", "409", "415", "422"]),
                "application/json",
                &operation,
            ),
        },
        "/databases/postgresql/{id}/databases": {
            "get": op("List the databases of an instance", "endpoint table", vec![id("instance")], ("200", Some(&databases)), &["400", "404"]),
        },
        "/databases/postgresql/{id}/extensions": {
            "get": op("List the extensions available to an instance", "endpoint table", vec![id("instance")], ("200", Some(&extensions)), &["400", "404"]),
        },
        "/databases/postgresql/{id}/networks": {
            "get": op("List the networks of an instance", "endpoint table", vec![id("instance")], ("200", Some(&networks)), &["400", "404"]),
        },
        "/databases/postgresql/{id}/nodes": {
            "get": op("List the nodes of an instance", "endpoint table", vec![id("instance")], ("200", Some(&nodes)), &["400", "404"]),
        },
        "/databases/postgresql/{id}/versions": {
            "get": op(
                "List the major versions an instance can be upgraded to",
                "endpoint table, O7",
                vec![id("instance")],
                ("200", Some(&json!({ "type": "array", "items": { "type": "integer", "format": "int64" } }))),
                &["400", "404"],
            ),
        },
        "/actions": {
            "get": op("List actions", "A3", list_actions, ("200", Some(&actions)), &["400"]),
        },
        "/actions/{id}": {
            "get": op("Get an action", "A2", vec![id("action")], ("200", Some(&action)), &["400", "404"]),
        },
    });

    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "ITCare PostgreSQL API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The cegedim.cloud ITCare PostgreSQL API as the itcare-postgresql SDK \
                speaks it, generated from the SDK's Rust models (rule numbers refer to \
                docs/spec/API.md). Responses may carry more fields than listed. Access tokens \
                come from the OAuth2 token endpoint (T3); its answer is the TokenResponse schema.",
        },
        "servers": [
            { "url": "https://api.cegedim.cloud/itcare", "description": "T1" },
            { "url": "http://127.0.0.1:8080/itcare", "description": "the local simulator (itcare-sim)" },
        ],
        "security": [ { "bearer": [] } ],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "T2: Authorization: Bearer <access_token>.",
                },
                "oauth2": {
                    "type": "oauth2",
                    "description": "T3: client credentials (HTTP Basic) or refresh token. Never give a client secret to a browser.",
                    "flows": {
                        "clientCredentials": {
                            "tokenUrl": "https://accounts.cegedim.cloud/auth/realms/cloud/protocol/openid-connect/token",
                            "scopes": {},
                        },
                    },
                },
            },
        },
    })
}

/// The document as the committed file holds it: pretty JSON and a final newline.
pub fn document_text() -> String {
    let mut text = serde_json::to_string_pretty(&document()).unwrap_or_default();
    text.push('\n');
    text
}

/// A response object: JSON `schema` or no body (T5: most error answers are empty).
fn answer(code: &str, schema: Option<&Value>) -> Value {
    let description = match code {
        "200" => "OK",
        "202" => "Accepted: the work runs asynchronously; poll the Action (A1, A2)",
        "400" => "Bad request: the T6 error body names the field (errorDesc)",
        "401" => "Missing or expired token (T2)",
        "403" => "Forbidden",
        "404" => "Not found",
        "409" => "Conflict: the instance is busy or the name is taken",
        "415" => "Unsupported media type (T4)",
        "422" => "Inconsistent with the instance's state",
        "429" => "Too many requests (Retry-After)",
        "503" => "Temporarily unavailable (Retry-After)",
        _ => "",
    };
    match schema {
        Some(schema) => json!({
            "description": description,
            "content": { "application/json": { "schema": schema } },
        }),
        None => json!({ "description": description }),
    }
}

/// `"List the nodes of an instance"` → `listTheNodesOfAnInstance`.
fn operation_id(summary: &str) -> String {
    let mut out = String::new();
    for (i, word) in summary.split_whitespace().enumerate() {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            if i == 0 {
                out.extend(first.to_lowercase());
            } else {
                out.extend(first.to_uppercase());
            }
            out.push_str(chars.as_str());
        }
    }
    out
}
