//! A small static file server for the built book, on 127.0.0.1 only.

use anyhow::{Context, Result};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

/// Binds `127.0.0.1:port` (0 picks a free port) and returns the listener and its URL.
pub fn bind(port: u16) -> Result<(TcpListener, String)> {
    let listener =
        TcpListener::bind(("127.0.0.1", port)).with_context(|| format!("port {port} is taken"))?;
    let url = format!("http://{}/", listener.local_addr()?);
    Ok((listener, url))
}

/// Serves files under `root` until the process ends, one thread per connection.
pub fn serve(listener: TcpListener, root: PathBuf) -> Result<()> {
    for stream in listener.incoming() {
        let root = root.clone();
        let Ok(stream) = stream else { continue };
        std::thread::spawn(move || {
            let _ = respond(stream, &root);
        });
    }
    Ok(())
}

fn respond(mut stream: TcpStream, root: &Path) -> Result<()> {
    let mut request_line = String::new();
    let mut reader = BufReader::new(stream.try_clone()?);
    reader.read_line(&mut request_line)?;
    // Drain the headers: nothing in them matters for static files.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(path);
    let file = resolve(root, &path);
    let (status, body, kind) = match file
        .as_ref()
        .and_then(|f| std::fs::read(f).ok().map(|b| (f, b)))
    {
        Some((f, body)) => ("200 OK", body, content_type(f)),
        None => match std::fs::read(not_found_page(root, &path)) {
            Ok(page) => ("404 Not Found", page, "text/html; charset=utf-8"),
            Err(_) => (
                "404 Not Found",
                b"not found".to_vec(),
                "text/plain; charset=utf-8",
            ),
        },
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    Ok(())
}

/// The file a URL path names, never outside `root`; a folder means its `index.html`.
fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let file = root.join(relative);
    if file.is_dir() {
        Some(file.join("index.html"))
    } else {
        Some(file)
    }
}

/// The edition's own 404 page for a missing path under `ko/` or `en/`, else the root's.
fn not_found_page(root: &Path, path: &str) -> PathBuf {
    let edition = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let page = resolve(root, &format!("{edition}/404.html"));
    match page {
        Some(page) if !edition.is_empty() && page.is_file() => page,
        _ => root.join("404.html"),
    }
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_leaves_the_root() {
        let root = Path::new("/srv/book");
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(
            resolve(root, "/ko/ex01-join.html"),
            Some(root.join("ko/ex01-join.html"))
        );
        assert_eq!(percent_decode("/a%20b"), "/a b");
    }
}
