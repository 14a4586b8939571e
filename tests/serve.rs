//! The development loop: `trunk serve` serves a page that connects to Trunk's reload socket
//! under the development Content-Security-Policy, and reloads when a source file is saved.
//!
//! Starts `trunk serve` itself (on a free port, into `target/serve-dist`, so a developer's
//! own `trunk serve` and `dist/` are left alone) and drives the page in headless Chromium.
//! Run by `make test-serve`.
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)]
#[path = "e2e/support.rs"]
mod support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::{devtools_events, find, run};

/// The first build is a debug build of the whole app.
const BUILD_WAIT: Duration = Duration::from_secs(900);

struct Serve {
    child: Child,
    port: u16,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `trunk serve` on a free port; returns once it answers with the built page.
fn serve() -> Serve {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let log = std::fs::File::create(root().join("target/serve-check.log")).expect("a log file");
    let child = Command::new("trunk")
        .args(["serve", "--dist", "target/serve-dist"])
        .env("TRUNK_SERVE_ADDRESS", "127.0.0.1")
        .env("TRUNK_SERVE_PORT", port.to_string())
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("the log"))
        .stderr(log)
        .spawn()
        .expect("trunk (make tools installs it)");
    let serve = Serve { child, port };
    let start = Instant::now();
    while !page(port).is_some_and(|html| html.contains("init-")) {
        assert!(
            start.elapsed() < BUILD_WAIT,
            "trunk serve did not serve the app on {port}; see target/serve-check.log"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
    serve
}

/// The page at `/`, when the server answers 200.
fn page(port: u16) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET / HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n").ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    let ok = out
        .lines()
        .next()
        .is_some_and(|status| status.contains(" 200 "));
    ok.then_some(out)
}

#[tokio::test]
async fn a_served_page_connects_to_the_reload_socket_and_reloads_on_save() {
    let server = serve();
    let port = server.port;
    run(move |c| async move {
        c.goto(&format!("http://127.0.0.1:{port}/")).await.unwrap();
        find(&c, "#q").await;
        // The development policy names the reload socket; the release policy is otherwise kept.
        let policy = c
            .execute(
                "return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content",
                vec![],
            )
            .await
            .unwrap();
        let policy = policy.as_str().unwrap_or_default().to_string();
        assert!(
            policy.contains(&format!("connect-src 'self' blob: ws://127.0.0.1:{port}")),
            "{policy}"
        );
        assert!(policy.contains("default-src 'none'"), "{policy}");
        // The page opened the reload socket, and the server accepted it.
        let socket = format!("ws://127.0.0.1:{port}/.well-known/trunk/ws");
        let start = Instant::now();
        let mut opened = false;
        while !opened {
            let events = devtools_events(&c, "Network.webSocketHandshakeResponseReceived").await;
            opened = events
                .iter()
                .any(|e| e["response"]["status"].as_u64() == Some(101));
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "no reload socket opened (expected {socket})"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        // Saving a source file (the same bytes) rebuilds, and the page reloads itself.
        c.execute("window.__before_reload = true;", vec![])
            .await
            .unwrap();
        let css = root().join("style.css");
        let bytes = std::fs::read(&css).expect("style.css");
        std::fs::write(&css, &bytes).expect("style.css written back");
        let start = Instant::now();
        loop {
            let marked = c
                .execute("return window.__before_reload === true;", vec![])
                .await
                .map(|v| v.as_bool() == Some(true))
                .unwrap_or(true);
            if !marked {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(300),
                "the page did not reload after style.css was saved; see target/serve-check.log"
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        find(&c, "#q").await;
    })
    .await;
    drop(server);
}
