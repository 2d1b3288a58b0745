//! The HTTP server: router assembly, CORS, fault layer, static files, the accept loop (own loop so
//! a fault can drop a connection at the TCP level) and graceful shutdown.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, Semaphore};
use tower::ServiceExt;
use tower_http::cors::{AllowHeaders, AllowMethods, AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::auth::TokenStore;
use crate::config::Config;
use crate::faults::{FaultKind, Faults, Rng};
use crate::state::World;

/// Milliseconds since the Unix epoch (the simulator is native: `SystemTime` is fine here).
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Settings that `/_sim/config` can change at run time.
#[derive(Debug, Clone, Copy)]
pub struct Runtime {
    /// How long an action stays `IN_PROGRESS`, in milliseconds.
    pub action_ms: u64,
    /// Access token lifetime in seconds.
    pub token_ttl_secs: u64,
    /// Refresh token lifetime in seconds.
    pub refresh_ttl_secs: u64,
}

/// Mutable state, behind one lock (never held across an `.await`).
pub struct Inner {
    /// Issued tokens.
    pub tokens: TokenStore,
    /// Active faults.
    pub faults: Faults,
    /// Random source of the fault rates.
    pub rng: Rng,
    /// Run-time settings.
    pub runtime: Runtime,
    /// Instances and actions.
    pub world: World,
}

/// Shared application state.
pub struct App {
    /// The configuration the simulator started with (reset goes back to it).
    pub startup: Config,
    inner: Mutex<Inner>,
}

impl App {
    /// A fresh application from `config` (seeded when `config.seed`).
    pub fn new(config: Config) -> App {
        let inner = Inner {
            tokens: TokenStore::default(),
            rng: Rng::new(config.faults.seed),
            faults: config.faults.clone(),
            runtime: Runtime {
                action_ms: config.action_ms,
                token_ttl_secs: config.token_ttl_secs,
                refresh_ttl_secs: config.refresh_ttl_secs,
            },
            world: World::new(config.seed, now_ms()),
        };
        App {
            startup: config,
            inner: Mutex::new(inner),
        }
    }

    /// Locks the state. A poisoned lock (a panic elsewhere) is recovered rather than propagated.
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The fault decided for a request by the outer service, read by [`apply_fault`].
#[derive(Debug, Clone, Copy)]
struct Injected(Option<FaultKind>);

/// Only the API and the token endpoint get faults; the controls, health preflights and the
/// static files never do (a test must always be able to switch faults off).
fn faultable(method: &Method, path: &str) -> bool {
    method != Method::OPTIONS && (path.starts_with("/itcare") || path.starts_with("/auth/"))
}

/// Answers 500 / 503 / 429 for an injected fault (inside CORS, so the browser can read it).
async fn apply_fault(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let fault = req.extensions().get::<Injected>().and_then(|i| i.0);
    let retry_after = app.lock().faults.retry_after_secs.to_string();
    match fault {
        Some(FaultKind::Status500) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        Some(FaultKind::Status503) => (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, retry_after)],
        )
            .into_response(),
        Some(FaultKind::Status429) => (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, retry_after)],
        )
            .into_response(),
        Some(FaultKind::Status500After) => {
            let _processed = next.run(req).await;
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
        _ => next.run(req).await,
    }
}

/// CORS: the API and the token endpoint answer any origin (a browser client on another origin
/// is the normal case; the API wants a token). The controls answer CORS only to the origins
/// that [`crate::control::origin_allowed`] lets in: a foreign page gets no CORS header, so
/// the browser hides the answer, and the control refuses the call itself.
fn cors(app: &Arc<App>) -> CorsLayer {
    let app = app.clone();
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin, parts| {
            if !crate::control::is_control(parts.uri.path()) {
                return true;
            }
            let host = parts
                .headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok());
            origin
                .to_str()
                .is_ok_and(|o| crate::control::origin_allowed(o, host, &app.startup))
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

/// The whole router (API, auth, controls, static files) with CORS and the fault layer.
pub fn router(app: Arc<App>) -> Router {
    let mut r = Router::new()
        .merge(crate::api::router(app.clone()))
        .merge(crate::control::router())
        .route(
            crate::api::TOKEN_PATH,
            axum::routing::post(crate::api::token),
        );
    if let Some(pkg) = app.startup.pkg.as_deref() {
        r = r.nest_service("/pkg", crate::static_files::service(pkg, &app.startup));
    }
    r = match app.startup.www.as_deref() {
        Some(www) => r.fallback_service(crate::static_files::service(www, &app.startup)),
        None => r.route("/", get(|| async { Html(LANDING) })),
    };
    // Outermost last: CORS decides the headers of every answer, the origin guard refuses foreign
    // pages on the controls, refusals get the T6 body, then faults.
    r.layer(middleware::from_fn_with_state(app.clone(), apply_fault))
        .layer(middleware::from_fn_with_state(app.clone(), deadline))
        .layer(middleware::from_fn(crate::refusal::t6_refusals))
        .layer(middleware::from_fn_with_state(
            app.clone(),
            crate::control::origin_guard,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(cors(&app))
        .with_state(app)
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
/// [`SimHandle::shutdown`] is called.
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
    let router = router(app.clone());
    let graceful = GracefulShutdown::new();
    // The connection cap: a slot is taken before accepting, so connections beyond it wait in the
    // listen backlog instead of holding file descriptors the served ones need.
    let slots = Arc::new(Semaphore::new(app.startup.max_connections.max(1)));
    let mut http = hyper::server::conn::http1::Builder::new();
    // Header-read timeout; hyper also runs it while a kept-alive connection waits for its next
    // request, so it is the idle timeout too: a silent socket is closed after it.
    http.timer(TokioTimer::new())
        .header_read_timeout(app.startup.header_timeout);
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
        let app = app.clone();
        let router = router.clone();
        let service =
            hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                handle(app.clone(), router.clone(), req)
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

/// A request that has not been answered `request_timeout` after its headers arrived (a body
/// trickling in) gets 408 (T6 body from the refusal layer).
async fn deadline(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    match tokio::time::timeout(app.startup.request_timeout, next.run(req)).await {
        Ok(resp) => resp,
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
    }
}

/// Outer service: decides the request's fault, applies latency, and drops the connection when
/// asked (returning an error makes hyper close the socket without writing a response).
async fn handle(
    app: Arc<App>,
    router: Router,
    req: hyper::Request<hyper::body::Incoming>,
) -> Result<Response, io::Error> {
    let (fault, latency) = if faultable(req.method(), req.uri().path()) {
        let mut inner = app.lock();
        let Inner { faults, rng, .. } = &mut *inner;
        (
            faults.decide(req.method().as_str(), req.uri().path(), rng),
            faults.latency_ms,
        )
    } else {
        (None, 0)
    };
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    if fault == Some(FaultKind::Drop) {
        return Err(io::Error::new(
            io::ErrorKind::ConnectionAborted,
            "fault injection: dropped connection",
        ));
    }
    let mut req = req.map(Body::new);
    req.extensions_mut().insert(Injected(fault));
    let resp = match router.oneshot(req).await {
        Ok(resp) => resp,
        Err(never) => match never {},
    };
    if fault == Some(FaultKind::DropAfter) {
        // The handler ran (and changed the state); the client never hears about it.
        return Err(io::Error::new(
            io::ErrorKind::ConnectionAborted,
            "fault injection: dropped after processing",
        ));
    }
    Ok(resp)
}
