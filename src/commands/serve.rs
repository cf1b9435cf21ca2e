//! `datacarto serve [DIR] [--port N] [--host H] [--open]`: the site from memory on the
//! loopback interface, each page made when asked for, open pages repainted as the manifests
//! change. See docs/serve.md.

use std::io::Write as _;
use std::net::{IpAddr, TcpListener};
use std::sync::Arc;

use super::Status;
use crate::serve::{self, Shared};

pub struct Options {
    pub build: serve::Options,
    pub host: IpAddr,
    pub port: u16,
    pub open: bool,
}

pub fn run(options: &Options) -> anyhow::Result<Status> {
    let listener = TcpListener::bind((options.host, options.port))
        .map_err(|e| anyhow::anyhow!("cannot listen on {}:{}: {e}", options.host, options.port))?;
    let address = listener.local_addr()?;
    let port = address.port();
    let mut err = std::io::stderr().lock();
    // Only the names of the address served are accepted (see serve::http): on a wider
    // address the user chose to be reachable, and any name is.
    let hosts: Vec<String> = if options.host.is_loopback() {
        let mut hosts = vec![format!("localhost:{port}"), format!("{}:{port}", address.ip())];
        if let IpAddr::V6(v6) = address.ip() {
            hosts.push(format!("[{v6}]:{port}"));
        }
        hosts
    } else {
        let _ = writeln!(
            err,
            "warning: serving on {}: anyone who can reach this machine can read the map",
            options.host
        );
        Vec::new()
    };
    let shared = Arc::new(Shared::default());
    let mut engine = serve::engine(&options.build);
    let _built = serve::rebuild(&shared, &options.build, &mut engine)?;
    serve::report(&shared);
    let url = match address.ip() {
        IpAddr::V6(ip) => format!("http://[{ip}]:{port}/"),
        IpAddr::V4(ip) => format!("http://{ip}:{port}/"),
    };
    let mut out = std::io::stdout().lock();
    super::stdout_written(writeln!(out, "serving {url} (Ctrl-C to stop)"))?;
    super::stdout_written(out.flush())?;
    drop(out);
    drop(err);
    let server = Arc::clone(&shared);
    let open_to = if hosts.is_empty() { None } else { Some(Arc::new(hosts)) };
    std::thread::spawn(move || serve::serve(listener, server, open_to));
    if options.open {
        open_browser(&url);
    }
    serve::watch(&shared, &options.build, engine)?;
    Ok(Status::Clean)
}

/// Opens `url` in the desktop's browser, when there is one; says so when not.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    let started = std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if started.is_err() {
        let _ = writeln!(std::io::stderr(), "cannot open a browser ({opener}): open {url}");
    }
}
