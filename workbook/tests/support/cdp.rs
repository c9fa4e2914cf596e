//! Headless Chromium driven over the DevTools protocol: open a page, run JavaScript in it, take a
//! screenshot, while the test changes the world around it (the served book's live status).
//! One WebSocket to the browser; each page is a target attached in "flat" mode, so commands
//! carry its `sessionId`.

use super::chromium::chromium_or_fail;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket};

pub struct Browser {
    process: Child,
    socket: WebSocket<TcpStream>,
    next_id: u64,
}

pub struct Page {
    session: String,
}

impl Browser {
    /// Starts headless Chromium with a fresh profile under `profile`.
    pub fn start(profile: &Path) -> Browser {
        let _ = std::fs::remove_dir_all(profile);
        let mut process = Command::new(chromium_or_fail())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting chromium");
        // Chromium names its WebSocket on stderr: "DevTools listening on ws://127.0.0.1:…". Read on
        // a thread of its own, so that a Chromium that says nothing fails the test in 30 s.
        let stderr = BufReader::new(process.stderr.take().unwrap());
        let (heard, said) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                if heard.send(line).is_err() {
                    break;
                }
            }
        });
        let started = Instant::now();
        let mut lines = Vec::new();
        let url = loop {
            let left = Duration::from_secs(30).saturating_sub(started.elapsed());
            match said.recv_timeout(left) {
                Ok(line) => match line.strip_prefix("DevTools listening on ") {
                    Some(at) => break at.trim().to_string(),
                    None => lines.push(line),
                },
                Err(_) => {
                    let _ = process.kill();
                    panic!(
                        "chromium gave no DevTools address within 30 s:\n{}",
                        lines.join("\n")
                    );
                }
            }
        };
        let address = url
            .strip_prefix("ws://")
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("not a ws:// address: {url}"));
        let stream = TcpStream::connect(address).expect("connecting to chromium's DevTools");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let (socket, _) =
            tungstenite::client(url.as_str(), stream).expect("the DevTools WebSocket handshake");
        Browser {
            process,
            socket,
            next_id: 0,
        }
    }

    /// Sends one command (to a page when `session` is given) and returns its result.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket
            .send(Message::text(message.to_string()))
            .unwrap_or_else(|e| panic!("sending {method} to chromium: {e}"));
        loop {
            let reply = self
                .socket
                .read()
                .unwrap_or_else(|e| panic!("waiting for chromium's answer to {method}: {e}"));
            let Message::Text(text) = reply else { continue };
            let reply: Value = serde_json::from_str(&text).unwrap();
            // Events (no id) and answers to nothing of ours are skipped.
            if reply["id"] != json!(id) {
                continue;
            }
            if let Some(error) = reply.get("error") {
                panic!("chromium refused {method}: {error}");
            }
            return reply["result"].clone();
        }
    }

    /// Opens `url` in a new page of `width` × `height` CSS pixels.
    pub fn open(&mut self, url: &str, width: u32, height: u32) -> Page {
        // A window of its own: a page in a background tab is hidden, and the book's pages stop
        // listening for the live status while hidden.
        let target = self.call(
            None,
            "Target.createTarget",
            json!({ "url": "about:blank", "newWindow": true }),
        );
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        );
        let page = Page {
            session: attached["sessionId"].as_str().unwrap().to_string(),
        };
        let session = Some(page.session.as_str());
        self.call(
            session,
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        );
        self.call(session, "Page.enable", json!({}));
        self.call(session, "Page.navigate", json!({ "url": url }));
        self.until(
            &page,
            "document.readyState === 'complete'",
            Duration::from_secs(30),
        );
        page
    }

    /// The value of the JavaScript `expression` in `page` (awaited if it is a promise).
    pub fn eval(&mut self, page: &Page, expression: &str) -> Value {
        let result = self.call(
            Some(&page.session),
            "Runtime.evaluate",
            json!({ "expression": expression, "awaitPromise": true, "returnByValue": true }),
        );
        if let Some(thrown) = result.get("exceptionDetails") {
            panic!("{expression} threw: {thrown}");
        }
        result["result"]["value"].clone()
    }

    /// Waits until `expression` is truthy in `page`; returns its value, or `None` after `limit`.
    pub fn wait_for(&mut self, page: &Page, expression: &str, limit: Duration) -> Option<Value> {
        let started = Instant::now();
        loop {
            let value = self.eval(page, expression);
            if !(value.is_null() || value == json!(false) || value == json!("")) {
                return Some(value);
            }
            if started.elapsed() > limit {
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn until(&mut self, page: &Page, expression: &str, limit: Duration) {
        if self.wait_for(page, expression, limit).is_none() {
            panic!("after {limit:?}, still not {expression}");
        }
    }

    /// Sends `method` to `page` and returns its result (for what has no helper here).
    pub fn page_call(&mut self, page: &Page, method: &str, params: Value) -> Value {
        self.call(Some(&page.session), method, params)
    }

    /// Presses and releases `key` ("Enter", " ", "ArrowDown", "Tab"), as a keyboard does: to the
    /// element that has the focus.
    pub fn press(&mut self, page: &Page, key: &str) {
        let (code, number, text) = match key {
            "Enter" => ("Enter", 13, "\r"),
            " " => ("Space", 32, " "),
            "Tab" => ("Tab", 9, ""),
            "ArrowDown" => ("ArrowDown", 40, ""),
            "ArrowUp" => ("ArrowUp", 38, ""),
            other => panic!("no key code for {other:?}"),
        };
        for kind in ["keyDown", "keyUp"] {
            let mut event = json!({
                "type": kind, "key": key, "code": code,
                "windowsVirtualKeyCode": number, "nativeVirtualKeyCode": number,
            });
            if kind == "keyDown" && !text.is_empty() {
                event["text"] = json!(text);
            }
            self.call(Some(&page.session), "Input.dispatchKeyEvent", event);
        }
    }

    /// Reloads `page` and waits until it is loaded again.
    pub fn reload(&mut self, page: &Page) {
        self.eval(page, "window.beforeTheReload = true");
        self.call(Some(&page.session), "Page.reload", json!({}));
        self.until(
            page,
            "!window.beforeTheReload && document.readyState === 'complete'",
            Duration::from_secs(30),
        );
    }

    /// A PNG of what `page` shows.
    pub fn screenshot(&mut self, page: &Page, to: &Path) {
        // A page in the background draws no frames, and its screenshot would never come.
        self.call(Some(&page.session), "Page.bringToFront", json!({}));
        let shot = self.call(
            Some(&page.session),
            "Page.captureScreenshot",
            json!({ "format": "png" }),
        );
        let png = data_encoding::BASE64
            .decode(shot["data"].as_str().unwrap().as_bytes())
            .unwrap();
        std::fs::write(to, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}
