//! A tiny blocking HTTP/1.1 client over `std::net::TcpStream` (one request per connection), so
//! the tests see exactly what goes over the wire (a dropped connection is a real I/O error),
//! plus helpers to start a simulator and drive it. Time is virtual: the simulator reads a clock
//! the test moves ([`Sim::advance`]), so no test waits on the wall clock.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use itcare_sim::{start_background, BackgroundSim, Clock, Config};
use serde_json::{json, Value};

/// One HTTP answer.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.text()))
    }
}

/// Sends one request; `Err` when the connection fails or closes without a response.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> std::io::Result<Resp> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(20)))?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    // The simulator's own address unless the test names another `Host` (DNS rebinding tests).
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {addr}\r\n"));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        head.push_str(&format!("Content-Length: {}\r\n", b.len()));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes())?;
    if let Some(b) = body {
        s.write_all(b)?;
    }
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    parse(&raw)
}

fn parse(raw: &[u8]) -> std::io::Result<Resp> {
    let bad = |m: &str| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, m.to_string());
    if raw.is_empty() {
        return Err(bad("connection closed without a response"));
    }
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad("no end of headers"))?;
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().ok_or_else(|| bad("no status line"))?;
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("bad status line"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = dechunk(&body).ok_or_else(|| bad("bad chunked body"))?;
    }
    Ok(Resp {
        status,
        headers,
        body,
    })
}

fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let eol = b.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&b[..eol]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        b = &b[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = b.get(size + 2..)?;
    }
}

pub const TOKEN_PATH: &str = "/auth/realms/cloud/protocol/openid-connect/token";
/// base64("itcare-sim:itcare-sim-secret")
pub const BASIC: &str = "Basic aXRjYXJlLXNpbTppdGNhcmUtc2ltLXNlY3JldA==";
pub const VENDOR_JSON: &str = "application/vnd.cegedim-it.v1+json";

/// Where the virtual clocks of the tests start: 2026-01-01T00:00:00Z.
pub const VIRTUAL_START_MS: i64 = 1_767_225_600_000;

/// A simulator on its own thread (on a virtual clock) plus a valid token.
pub struct Sim {
    pub bg: BackgroundSim,
    pub token: String,
    pub clock: Clock,
}

impl Sim {
    /// Empty world, 50 ms actions.
    pub fn start() -> Sim {
        Sim::with(Config::for_tests())
    }

    /// Seeded world, 50 ms actions.
    pub fn seeded() -> Sim {
        Sim::with(Config {
            seed: true,
            ..Config::for_tests()
        })
    }

    /// `config` on a virtual clock starting at [`VIRTUAL_START_MS`].
    pub fn with(mut config: Config) -> Sim {
        let clock = Clock::virtual_at(VIRTUAL_START_MS);
        config.clock = clock.clone();
        let bg = start_background(config).expect("simulator starts");
        let r = request(
            bg.addr,
            "POST",
            TOKEN_PATH,
            &[
                ("Authorization", BASIC),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            Some(b"grant_type=client_credentials"),
        )
        .expect("token request");
        assert_eq!(r.status, 200, "{}", r.text());
        let token = r.json()["access_token"]
            .as_str()
            .expect("access_token")
            .to_string();
        Sim { bg, token, clock }
    }

    /// Moves the simulator's virtual clock forward.
    pub fn advance(&self, ms: i64) {
        self.clock.advance(ms);
    }

    /// The simulator's current (virtual) time.
    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    pub fn addr(&self) -> SocketAddr {
        self.bg.addr
    }

    fn bearer(&self) -> String {
        format!("Bearer {}", self.token)
    }

    /// Any request, no auth added.
    pub fn raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Resp {
        request(self.addr(), method, path, headers, body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    pub fn get(&self, path: &str) -> Resp {
        let b = self.bearer();
        self.raw("GET", path, &[("Authorization", &b)], None)
    }

    pub fn delete(&self, path: &str) -> Resp {
        let b = self.bearer();
        self.raw("DELETE", path, &[("Authorization", &b)], None)
    }

    pub fn send_json(&self, method: &str, path: &str, content_type: &str, body: &Value) -> Resp {
        let b = self.bearer();
        let bytes = serde_json::to_vec(body).expect("json");
        self.raw(
            method,
            path,
            &[("Authorization", &b), ("Content-Type", content_type)],
            Some(&bytes),
        )
    }

    pub fn patch(&self, id: i64, body: Value) -> Resp {
        self.send_json(
            "PATCH",
            &format!("/itcare/databases/postgresql/{id}"),
            "application/json",
            &body,
        )
    }

    /// Control endpoint with a JSON body (no auth).
    pub fn control(&self, method: &str, path: &str, body: Value) -> Resp {
        let bytes = serde_json::to_vec(&body).expect("json");
        self.raw(
            method,
            path,
            &[("Content-Type", "application/json")],
            Some(&bytes),
        )
    }

    pub fn create_raw(&self, body: &Value) -> Resp {
        self.send_json("POST", "/itcare/databases/postgresql", VENDOR_JSON, body)
    }

    /// Creates an instance, waits for its action, returns the instance id.
    pub fn create_active(&self, body: &Value) -> i64 {
        let r = self.create_raw(body);
        assert_eq!(r.status, 202, "{}", r.text());
        let action = r.json();
        let done = self.wait_action(action["id"].as_i64().expect("action id"));
        assert_eq!(done["status"], "SUCCESS", "{done}");
        action["internalId"]
            .as_i64()
            .expect("internalId = instance id")
    }

    /// Reads `GET /itcare/actions/{id}`, moving the virtual clock 10 ms at a time, until SUCCESS
    /// or ERROR (one virtual minute at most).
    pub fn wait_action(&self, id: i64) -> Value {
        for _ in 0..6_000 {
            let r = self.get(&format!("/itcare/actions/{id}"));
            assert_eq!(r.status, 200, "{}", r.text());
            let a = r.json();
            if a["status"] != "IN_PROGRESS" {
                return a;
            }
            self.advance(10);
        }
        panic!("action {id} still in progress after a virtual minute");
    }

    /// Sends an operation, expects 202, waits for its action, returns the final action.
    pub fn operate(&self, id: i64, body: Value) -> Value {
        let r = self.patch(id, body.clone());
        assert_eq!(r.status, 202, "{body} -> {} {}", r.status, r.text());
        let a = r.json();
        self.wait_action(a["id"].as_i64().expect("action id"))
    }

    pub fn instance(&self, id: i64) -> Value {
        let r = self.get(&format!("/itcare/databases/postgresql/{id}"));
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()
    }
}

/// The reference's create example, with a valid lowercase name.
pub fn create_body(name: &str) -> Value {
    json!({
        "productCode": "deb12pg16",
        "serviceId": 123,
        "nodeSizing": "2cpu4gb",
        "networkId": 132,
        "area": "EB-QA",
        "diskSize": 40,
        "admPassword": "Test123@2022",
        "allowedReplicationLag": 10,
        "topology": "STANDALONE",
        "trigram": "tri",
        "tls": true,
        "name": name
    })
}

/// `create_body` with some fields replaced.
pub fn create_with(name: &str, changes: Value) -> Value {
    let mut b = create_body(name);
    if let (Some(obj), Some(ch)) = (b.as_object_mut(), changes.as_object()) {
        for (k, v) in ch {
            obj.insert(k.clone(), v.clone());
        }
    }
    b
}

/// Asserts a T6 body naming `field`.
pub fn assert_t6(r: &Resp, field: &str) {
    assert_eq!(r.status, 400, "{}", r.text());
    let b = r.json();
    assert_eq!(b["status"], "BAD_REQUEST");
    assert_eq!(b["errorDesc"], field, "{b}");
    assert!(b["errorCode"].is_string());
    assert!(b["errorMessage"].as_str().is_some_and(|m| !m.is_empty()));
}

/// Asserts a refusal of the HTTP layer: `status` with the T6 body naming `desc`.
pub fn assert_refusal(r: &Resp, status: u16, desc: &str) {
    assert_eq!(r.status, status, "{}", r.text());
    assert!(
        r.header("content-type")
            .is_some_and(|t| t.starts_with("application/json")),
        "{:?}",
        r.headers
    );
    let b = r.json();
    assert_eq!(b["errorDesc"], desc, "{b}");
    assert!(b["status"].as_str().is_some_and(|s| !s.is_empty()), "{b}");
    assert!(b["errorCode"].is_string(), "{b}");
    assert!(
        b["errorMessage"].as_str().is_some_and(|m| !m.is_empty()),
        "{b}"
    );
}

/// Asserts an empty body (T5).
pub fn assert_empty(r: &Resp, status: u16) {
    assert_eq!(r.status, status, "{}", r.text());
    assert!(r.body.is_empty(), "body should be empty: {:?}", r.text());
}

pub fn rfc3339(ms: i64) -> String {
    itcare_postgresql::time::format_rfc3339(ms)
}
