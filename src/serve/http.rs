//! A small HTTP/1.1 server on the standard library: `GET`/`HEAD` of the site's files from
//! memory, the live-reload script, and the server-sent events that tell pages about builds.
//! One thread per connection (a workshop has a few browsers, not thousands). Requests whose
//! `Host` is not the address served are refused: a web page elsewhere cannot reach the map
//! through DNS rebinding.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use super::{Build, Made, Shared};

/// The script added to every page: listens for builds, reloads the page on a new one, shows
/// the findings of a build that could not read the map.
const LIVE_JS: &str = include_str!("live.js");
/// Longest request head read: a browser's is well under this.
const MAX_HEAD: usize = 16 * 1024;
/// How often an idle event stream sends a comment, so that a closed page is noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Accepts connections on `listener` until the process ends. `hosts` are the `Host` header
/// values accepted (`127.0.0.1:PORT`, `localhost:PORT`…); `None` accepts any.
pub fn serve(listener: TcpListener, shared: Arc<Shared>, hosts: Option<Arc<Vec<String>>>) {
    for stream in listener.incoming().flatten() {
        let shared = Arc::clone(&shared);
        let hosts = hosts.clone();
        std::thread::spawn(move || {
            let _ = answer(stream, &shared, hosts.as_deref().map(Vec::as_slice));
        });
    }
}

/// A request: its method, path (query removed, percent-decoded) and `Host`.
struct Request {
    method: String,
    path: String,
    host: Option<String>,
}

fn read_request(stream: &TcpStream) -> std::io::Result<Option<Request>> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream);
    let mut head = Vec::new();
    let mut read = 0;
    loop {
        let mut line = Vec::new();
        // `take` bounds one line too: a head without line breaks stops at the limit.
        let n = (&mut reader).take((MAX_HEAD - read) as u64 + 1).read_until(b'\n', &mut line)?;
        read += n;
        if n == 0 || read > MAX_HEAD {
            return Ok(None);
        }
        if line == b"\r\n" || line == b"\n" {
            break;
        }
        head.push(String::from_utf8_lossy(&line).trim_end().to_owned());
    }
    let Some(first) = head.first() else { return Ok(None) };
    let mut parts = first.split(' ');
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else { return Ok(None) };
    let host = head[1..].iter().find_map(|h| {
        let (name, value) = h.split_once(':')?;
        name.eq_ignore_ascii_case("host").then(|| value.trim().to_ascii_lowercase())
    });
    let path = target.split(['?', '#']).next().unwrap_or("/");
    Ok(Some(Request { method: method.to_owned(), path: percent_decode(path), host }))
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(a), Some(b)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((a * 16 + b) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn answer(mut stream: TcpStream, shared: &Shared, hosts: Option<&[String]>) -> std::io::Result<()> {
    let Some(request) = read_request(&stream)? else { return Ok(()) };
    let known = |h: &String| hosts.is_none_or(|hosts| hosts.contains(h));
    if !request.host.as_ref().is_some_and(known) {
        return respond(&mut stream, "403 Forbidden", "text/plain", b"unknown host\n", true);
    }
    let head = request.method == "HEAD";
    if request.method != "GET" && !head {
        return respond(&mut stream, "405 Method Not Allowed", "text/plain", b"GET only\n", true);
    }
    match request.path.as_str() {
        "/__datacarto/live.js" => {
            respond(&mut stream, "200 OK", "text/javascript", LIVE_JS.as_bytes(), !head)
        }
        "/__datacarto/events" => events(stream, shared),
        path => {
            let build = shared.current();
            let mut rel = path.trim_start_matches('/').to_owned();
            if rel.is_empty() || rel.ends_with('/') {
                rel.push_str("index.html");
            }
            // Made now, when no request made it before; a path the site does not have
            // makes nothing.
            match build.get(&rel) {
                Made::File(bytes) if rel.ends_with(".html") => {
                    let page = with_live_script(&bytes, &build);
                    respond(&mut stream, "200 OK", content_type(&rel), &page, !head)
                }
                Made::File(bytes) => {
                    respond(&mut stream, "200 OK", content_type(&rel), &bytes, !head)
                }
                Made::Missing => {
                    respond(&mut stream, "404 Not Found", "text/plain", b"not found\n", !head)
                }
                Made::Failed(reason) => {
                    let text = failed(&rel, &reason);
                    let _ = writeln!(
                        std::io::stderr(),
                        "datacarto serve: {}",
                        crate::text::terminal(&text)
                    );
                    respond(
                        &mut stream,
                        "500 Internal Server Error",
                        "text/plain; charset=utf-8",
                        text.as_bytes(),
                        !head,
                    )
                }
            }
        }
    }
}

/// What a page that could not be made says, to the browser and on the terminal.
fn failed(path: &str, reason: &str) -> String {
    format!(
        "datacarto could not make {path} from the map: {reason}\n\
         (`datacarto build` on the same map stops on the same problem)\n"
    )
}

/// The page with the live script, told which build it belongs to.
fn with_live_script(page: &[u8], build: &Build) -> Vec<u8> {
    let tag = format!(
        "<script src=\"/__datacarto/live.js\" data-generation=\"{}\"></script>",
        build.generation
    );
    let text = String::from_utf8_lossy(page);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// The event stream: the current build at once, then every new one.
fn events(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
          Connection: keep-alive\r\n\r\n",
    )?;
    let mut build = shared.current();
    send(&mut stream, &build)?;
    loop {
        let next = shared.wait_newer(build.generation, KEEP_ALIVE);
        if next.generation > build.generation {
            build = next;
            send(&mut stream, &build)?;
        } else {
            stream.write_all(b": still here\n\n")?;
        }
    }
}

fn send(stream: &mut TcpStream, build: &Build) -> std::io::Result<()> {
    let data = serde_json::json!({
        "generation": build.generation,
        "blocking": build.blocking,
        "errors": build.summary.0,
        "warnings": build.summary.1,
        "infos": build.summary.2,
    });
    write!(stream, "event: build\ndata: {data}\n\n")?;
    stream.flush()
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if with_body {
        stream.write_all(body)?;
    }
    stream.flush()
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, e)| e) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("csv") => "text/csv; charset=utf-8",
        Some("md") => "text/markdown; charset=utf-8",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_decoded() {
        assert_eq!(percent_decode("/stores/caf%C3%A9.html"), "/stores/café.html");
        assert_eq!(percent_decode("/a%2"), "/a%2");
        assert_eq!(percent_decode("/%zz"), "/%zz");
    }

    /// The script goes before the last `</body>`, with the build's generation.
    #[test]
    fn pages_get_the_live_script() {
        let build = Build { generation: 7, ..Build::default() };
        let page = with_live_script(b"<html><body><p>x</p></body></html>", &build);
        let page = String::from_utf8(page).unwrap();
        assert!(page.ends_with(
            "<p>x</p><script src=\"/__datacarto/live.js\" data-generation=\"7\"></script></body></html>"
        ));
    }
}
