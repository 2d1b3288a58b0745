//! `itcare-sim`: a local simulator of the cegedim.cloud ITCare PostgreSQL API (rule numbers
//! refer to `docs/spec/API.md`), for the portal, the SDK's tests and users' own tests — the
//! way LocalStack or moto serve AWS users. The API itself (world, rules, faults, tokens) is the
//! pure core `itcare-sim-core` (re-exported as [`core`]); this crate is the HTTP server on top:
//! routes, controls under `/_sim/`, static files, who may connect (host names and browser
//! origins, [`access`]), the clock and the accept loop.
//!
//! In-process use (tests): [`spawn`] on a tokio runtime, or [`start_background`] from plain
//! synchronous code (own thread and runtime; stops when dropped).

pub mod access;
pub mod config;
pub mod control;
pub mod refusal;
pub mod server;
pub mod static_files;

pub use config::Config;
pub use itcare_sim_core as core;
pub use itcare_sim_core::{catalog, faults};
pub use server::{spawn, Clock, SimHandle};

use std::net::SocketAddr;

/// A simulator running on its own thread and tokio runtime; dropping it shuts it down.
pub struct BackgroundSim {
    /// The address it listens on.
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl BackgroundSim {
    /// `http://HOST:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for BackgroundSim {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Starts a simulator on a new thread with a single-threaded tokio runtime and returns once it
/// listens.
pub fn start_background(config: Config) -> std::io::Result<BackgroundSim> {
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("itcare-sim".into())
        .spawn(move || {
            let rt = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = ready_tx.send(Err(e));
                    return;
                }
            };
            rt.block_on(async move {
                match spawn(config).await {
                    Ok(handle) => {
                        let _ = ready_tx.send(Ok(handle.addr));
                        let _ = stop_rx.await;
                        handle.shutdown().await;
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                    }
                }
            });
        })?;
    let addr = ready_rx
        .recv()
        .map_err(|_| std::io::Error::other("simulator thread ended before listening"))??;
    Ok(BackgroundSim {
        addr,
        stop: Some(stop_tx),
        thread: Some(thread),
    })
}
