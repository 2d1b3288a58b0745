//! The HTTP server on top of the core (`itcare-sim-core`): router assembly, CORS, static files,
//! the clock, the accept loop (own loop so a fault can drop a connection at the TCP level) and
//! graceful shutdown. The API, the token endpoint and the faults are the core's.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use itcare_sim_core::{Entropy, Rng, Settings, Simulator};
use tokio::net::TcpListener;
use tokio::sync::{oneshot, Semaphore};
use tower::ServiceExt;
use tower_http::cors::{AllowHeaders, AllowMethods, AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::config::Config;

/// Milliseconds since the Unix epoch from the system clock.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Where the simulator reads the time: the system clock, or a virtual clock that only moves
/// when a test moves it (actions and token expiry then follow virtual time, no test sleeps).
#[derive(Debug, Clone, Default)]
pub enum Clock {
    /// `SystemTime::now()`.
    #[default]
    System,
    /// A shared virtual time in milliseconds since the epoch.
    Virtual(Arc<AtomicI64>),
}

impl Clock {
    /// A virtual clock starting at `start_ms`.
    pub fn virtual_at(start_ms: i64) -> Clock {
        Clock::Virtual(Arc::new(AtomicI64::new(start_ms)))
    }

    /// The current time in milliseconds since the epoch.
    pub fn now_ms(&self) -> i64 {
        match self {
            Clock::System => now_ms(),
            Clock::Virtual(t) => t.load(Ordering::SeqCst),
        }
    }

    /// Moves a virtual clock forward by `ms` (no effect on the system clock).
    pub fn advance(&self, ms: i64) {
        if let Clock::Virtual(t) = self {
            t.fetch_add(ms, Ordering::SeqCst);
        }
    }
}

/// Tokens from the operating system's random source (unguessable, unlike the fault generator).
struct OsEntropy {
    /// Used only if the OS source fails, which Linux, macOS and Windows do not do in practice.
    fallback: Rng,
}

impl Entropy for OsEntropy {
    fn fill(&mut self, buf: &mut [u8]) {
        if getrandom::getrandom(buf).is_err() {
            self.fallback.fill(buf);
        }
    }
}

/// The core's start-up settings of a configuration.
pub fn settings(config: &Config) -> Settings {
    Settings {
        seed: config.seed,
        client_id: config.client_id.clone(),
        client_secret: config.client_secret.clone(),
        runtime: itcare_sim_core::Runtime {
            action_ms: config.action_ms,
            token_ttl_secs: config.token_ttl_secs,
            refresh_ttl_secs: config.refresh_ttl_secs,
        },
        faults: config.faults.clone(),
    }
}

/// Shared application state: the core behind one lock (never held across an `.await`).
pub struct App {
    /// The configuration the simulator started with.
    pub startup: Config,
    sim: Mutex<Simulator>,
}

impl App {
    /// A fresh application from `config` (seeded when `config.seed`).
    pub fn new(config: Config) -> App {
        let now = config.clock.now_ms();
        let entropy = OsEntropy {
            fallback: Rng::new(now as u64 ^ u64::from(std::process::id())),
        };
        let sim = Simulator::new(settings(&config), Box::new(entropy), now);
        App {
            startup: config,
            sim: Mutex::new(sim),
        }
    }

    /// The current time of this simulator's clock.
    pub fn now(&self) -> i64 {
        self.startup.clock.now_ms()
    }

    /// Locks the core. A poisoned lock (a panic elsewhere) is recovered rather than propagated.
    pub fn lock(&self) -> MutexGuard<'_, Simulator> {
        self.sim.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Marks a response whose connection must close without it (faults `drop` / `dropAfter`).
#[derive(Debug, Clone, Copy)]
struct DropConnection;

/// Largest request body read (axum's default limit); larger answers 413.
const BODY_LIMIT: usize = 2 << 20;

/// `/itcare/**` and `/auth/**`: the request goes to the core as plain data, its answer comes back
/// (after the fault's latency), or the connection is dropped.
async fn core_route(State(app): State<Arc<App>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    // The body has `request_timeout` from the head on (a body trickling in gets 408 then, before
    // any fault latency is added).
    let body =
        match tokio::time::timeout(app.startup.request_timeout, to_bytes(body, BODY_LIMIT)).await {
            Ok(Ok(body)) => body,
            Ok(Err(_)) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
            Err(_) => return StatusCode::REQUEST_TIMEOUT.into_response(),
        };
    // HEAD is a GET without the body (hyper drops the body of a HEAD answer).
    let method = if parts.method == Method::HEAD {
        "GET".to_string()
    } else {
        parts.method.as_str().to_string()
    };
    let core_req = itcare_sim_core::Request {
        method,
        target: parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| parts.uri.path().to_string()),
        headers: parts
            .headers
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect(),
        body: body.to_vec(),
    };
    let reply = {
        let now = app.now();
        app.lock().handle(&core_req, now)
    };
    if reply.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(reply.delay_ms)).await;
    }
    let Some(r) = reply.response else {
        let mut resp = StatusCode::INTERNAL_SERVER_ERROR.into_response();
        resp.extensions_mut().insert(DropConnection);
        return resp;
    };
    to_axum(r)
}

/// The axum form of a core answer.
pub fn to_axum(r: itcare_sim_core::Response) -> Response {
    let mut resp = Response::new(Body::from(r.body));
    *resp.status_mut() =
        StatusCode::from_u16(r.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (k, v) in r.headers {
        if let (Ok(k), Ok(v)) = (HeaderName::try_from(k), HeaderValue::try_from(v)) {
            resp.headers_mut().append(k, v);
        }
    }
    resp
}

/// CORS: a grant only for the origins [`crate::access::cors_allowed`] accepts (the API and the
/// token endpoint: the simulator's own pages, loopback pages on any port, listed origins; the
/// controls: own pages and listed origins). A foreign page gets no CORS header, so the browser
/// hides the answer, and [`crate::access::guard`] refuses the call itself.
fn cors(app: &Arc<App>) -> CorsLayer {
    let app = app.clone();
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin, parts| {
            let host = parts
                .headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok());
            origin
                .to_str()
                .is_ok_and(|o| crate::access::cors_allowed(parts.uri.path(), o, host, &app.startup))
        }))
        .allow_methods(AllowMethods::list([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
            Method::OPTIONS,
        ]))
        // Authorization, Content-Type (incl. the vendor type of T4) and whatever else a client asks for.
        .allow_headers(AllowHeaders::mirror_request())
        .expose_headers([header::RETRY_AFTER, header::LOCATION])
        .max_age(Duration::from_secs(600))
}

const LANDING: &str = "<!doctype html><meta charset=utf-8><title>itcare-sim</title>\
<h1>itcare-sim</h1><p>Local ITCare PostgreSQL API simulator. The API is under \
<code>/itcare</code>, tokens at <code>/auth/realms/cloud/protocol/openid-connect/token</code>, \
controls under <code>/_sim/</code>. Start with <code>--www DIR</code> to serve the portal here.</p>";

/// The whole router (API and auth through the core, controls, static files) with CORS.
pub fn router(app: Arc<App>) -> Router {
    let mut r = Router::new()
        .merge(crate::control::router())
        .route("/itcare/openapi.json", get(openapi))
        .route("/itcare", any(core_route))
        .route("/itcare/{*rest}", any(core_route))
        .route("/auth/{*rest}", any(core_route));
    if let Some(pkg) = app.startup.pkg.as_deref() {
        r = r.nest_service("/pkg", crate::static_files::service(pkg, &app.startup));
    }
    r = match app.startup.www.as_deref() {
        Some(www) => r.fallback_service(crate::static_files::service(www, &app.startup)),
        None => r.route("/", get(|| async { Html(LANDING) })),
    };
    // Outermost last: the host and origin guard refuses foreign names and pages before anything
    // else (preflights included), CORS decides the headers of every answer, the framework's
    // refusals get the T6 body, then the deadline.
    r.layer(middleware::from_fn_with_state(app.clone(), deadline))
        .layer(middleware::from_fn(crate::refusal::t6_refusals))
        .layer(cors(&app))
        .layer(middleware::from_fn_with_state(
            app.clone(),
            crate::access::guard,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .with_state(app)
}

/// A request not answered `request_timeout` after its head arrived (a body trickling in) gets
/// 408 (T6 body from the refusal layer). The fault latency (at most
/// [`itcare_sim_core::faults::MAX_LATENCY_MS`]) comes on top.
async fn deadline(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let limit = app.startup.request_timeout
        + Duration::from_millis(itcare_sim_core::faults::MAX_LATENCY_MS);
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(resp) => resp,
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
    }
}

/// The OpenAPI document of the API, generated from the SDK's models (`docs/openapi.json`; a test
/// fails when it is stale). Served without a token: it is the contract users feed to their tools.
const OPENAPI: &str = include_str!("../../docs/openapi.json");

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// A running simulator started by [`spawn`].
pub struct SimHandle {
    /// The address it listens on.
    pub addr: SocketAddr,
    /// Shared state (tests may inspect it).
    pub app: Arc<App>,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl SimHandle {
    /// `http://HOST:PORT` of the simulator.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, lets in-flight requests finish (up to 5 s) and waits for the loop to end.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
    }
}

/// Binds `config.host:config.port` and serves on the current tokio runtime until
/// [`SimHandle::shutdown`] is called. On Unix it raises the process's soft limit of open files
/// towards its hard limit (as Go's runtime does for every program; [`raise_open_files_limit`]),
/// so the connection cap fits.
pub async fn spawn(config: Config) -> io::Result<SimHandle> {
    let listener = TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let app = Arc::new(App::new(config));
    let (stop, stopped) = oneshot::channel();
    let task = tokio::spawn(serve(listener, app.clone(), stopped));
    Ok(SimHandle {
        addr,
        app,
        stop: Some(stop),
        task,
    })
}

/// Binds and serves until `signal` completes (e.g. Ctrl-C), calling `on_listening` once bound.
pub async fn run_until(
    config: Config,
    on_listening: impl FnOnce(SocketAddr),
    signal: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let handle = spawn(config).await?;
    on_listening(handle.addr);
    signal.await;
    handle.shutdown().await;
    Ok(())
}

async fn serve(listener: TcpListener, app: Arc<App>, mut stopped: oneshot::Receiver<()>) {
    // The connection cap: a slot is taken before accepting, so connections beyond it wait in the
    // listen backlog instead of holding file descriptors the served ones need.
    let slots = Arc::new(Semaphore::new(connection_cap(app.startup.max_connections)));
    let mut http = hyper::server::conn::http1::Builder::new();
    // Header-read timeout; hyper also runs it while a kept-alive connection waits for its next
    // request, so it is the idle timeout too: a silent socket is closed after it.
    http.timer(TokioTimer::new())
        .header_read_timeout(app.startup.header_timeout);
    let router = router(app);
    let graceful = GracefulShutdown::new();
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            _ = &mut stopped => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: back off instead of spinning.
                Err(_) => { tokio::time::sleep(Duration::from_millis(20)).await; continue; }
            },
            _ = &mut stopped => break,
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service =
            hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                handle(router.clone(), req)
            });
        let conn = http.serve_connection(TokioIo::new(stream), service);
        let watched = graceful.watch(conn);
        tokio::spawn(async move {
            // A dropped connection (fault), a timeout or a client hanging up ends here; nothing
            // to report. The slot is free again once the connection is gone.
            let _ = watched.await;
            drop(slot);
        });
    }
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => {},
        _ = tokio::time::sleep(Duration::from_secs(5)) => {},
    }
}

/// File descriptors kept free of connections: the listener, static files being read, the
/// runtime's own.
const FD_RESERVE: usize = 64;

/// The connections served at once: `configured`, lowered so that they and [`FD_RESERVE`] fit
/// under the open-files limit (raised first). Over the limit, `accept` would fail and the
/// connections waiting behind would starve.
fn connection_cap(configured: usize) -> usize {
    let cap = configured.max(1);
    match raise_open_files_limit() {
        Some(limit) => cap.min(limit.saturating_sub(FD_RESERVE).max(1)),
        None => cap,
    }
}

/// Raises the process's soft limit of open files towards its hard limit (Unix; at most 65,536)
/// and returns the soft limit in force, `None` where there is no such limit. [`spawn`] calls it;
/// a test that opens many client sockets of its own may too.
pub fn raise_open_files_limit() -> Option<usize> {
    fd_limit::raise()
}

#[cfg(unix)]
mod fd_limit {
    /// Raises the soft `RLIMIT_NOFILE` towards the hard one (at most 65,536; 10,240 where the
    /// system refuses more, as macOS does) and returns the soft limit in force.
    pub fn raise() -> Option<usize> {
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit only writes the struct it is given, which lives on this stack.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) } != 0 {
            return None;
        }
        for want in [65_536, 10_240] {
            let want = lim.rlim_max.min(want);
            if lim.rlim_cur >= want {
                break;
            }
            let new = libc::rlimit {
                rlim_cur: want,
                rlim_max: lim.rlim_max,
            };
            // SAFETY: setrlimit only reads the struct it is given.
            if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &new) } == 0 {
                lim.rlim_cur = want;
                break;
            }
        }
        usize::try_from(lim.rlim_cur).ok()
    }
}

#[cfg(not(unix))]
mod fd_limit {
    /// No such limit to read or raise here.
    pub fn raise() -> Option<usize> {
        None
    }
}

/// Outer service: runs the router, and drops the connection when the core said so (returning an
/// error makes hyper close the socket without writing a response).
async fn handle(
    router: Router,
    req: hyper::Request<hyper::body::Incoming>,
) -> Result<Response, io::Error> {
    let req = req.map(Body::new);
    let resp = match router.oneshot(req).await {
        Ok(resp) => resp,
        Err(never) => match never {},
    };
    if resp.extensions().get::<DropConnection>().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::ConnectionAborted,
            "fault injection: dropped connection",
        ));
    }
    Ok(resp)
}
