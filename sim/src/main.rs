//! `itcare-sim` binary: parses flags, prints where it listens and the dev credentials, serves
//! until Ctrl-C or SIGTERM.

use std::io::Write;

use itcare_sim::config::{Config, USAGE};

#[tokio::main]
async fn main() {
    let mut config = match Config::from_env(|k| std::env::var(k).ok()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("itcare-sim: {e}");
            std::process::exit(2);
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flags = match config.apply_args(&args) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("itcare-sim: {e}\n\n{USAGE}");
            std::process::exit(2);
        }
    };
    if flags.help {
        print!("{USAGE}");
        return;
    }
    for (flag, dir) in [("--www", &config.www), ("--pkg", &config.pkg)] {
        if let Some(d) = dir.as_deref().filter(|d| !d.is_dir()) {
            eprintln!(
                "itcare-sim: warning: {flag} {} is not a directory (its files will be 404)",
                d.display()
            );
        }
    }
    if !config.binds_loopback_only() {
        eprintln!(
            "itcare-sim: warning: --host {} listens beyond this machine's loopback: anyone who \
             can reach it can sign in with the dev credentials, mint tokens at /_sim/dev-token, \
             reset the world and inject faults. Use --host 127.0.0.1 unless that is what you want.",
            config.host
        );
    }
    let (host, id, secret, www) = (
        config.host.clone(),
        config.client_id.clone(),
        config.client_secret.clone(),
        config.www.is_some(),
    );
    let result = itcare_sim::server::run_until(
        config,
        |addr| {
            let url = format!("http://{host}:{}", addr.port());
            if let Some(f) = &flags.port_file {
                if let Err(e) = std::fs::write(f, format!("{}\n", addr.port())) {
                    eprintln!("itcare-sim: cannot write port file {}: {e}", f.display());
                }
            }
            if let Some(f) = &flags.pid_file {
                if let Err(e) = std::fs::write(f, format!("{}\n", std::process::id())) {
                    eprintln!("itcare-sim: cannot write pid file {}: {e}", f.display());
                }
            }
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "ITCARE_SIM_LISTENING {url}");
            if www {
                let _ = writeln!(out, "portal:        {url}/");
            }
            let _ = writeln!(out, "API base URL:  {url}/itcare");
            let _ = writeln!(out, "token URL:     {url}/auth/realms/cloud/protocol/openid-connect/token");
            let _ = writeln!(out, "dev client id: {id}");
            let _ = writeln!(out, "dev secret:    {secret}   (dev only; ITCARE_SIM_CLIENT_ID / ITCARE_SIM_CLIENT_SECRET)");
            let _ = out.flush();
        },
        shutdown_signal(),
    )
    .await;
    if let Err(e) = result {
        eprintln!("itcare-sim: {e}");
        std::process::exit(1);
    }
    println!("itcare-sim: stopped");
}

/// Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
