//! The harness: the release `dist/` served on 127.0.0.1 (at `/` and under `/concord/`), one
//! ChromeDriver and headless Chromium per test, and helpers that wait for what a user sees.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::future::Future;
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The sub-path the app is served under, besides `/`.
pub const SUB_PATH: &str = "/concord/";
const WAIT: Duration = Duration::from_secs(15);

pub fn dist() -> PathBuf {
    let dir = std::env::var_os("CONCORD_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release-dist"));
    assert!(
        dir.join("index.html").is_file(),
        "no release build at {} (run `make release`, or `make test`, which builds it)",
        dir.display()
    );
    dir
}

/// How the test host answers: as most static hosts and CDNs do (`Range` honoured), as a
/// host that ignores `Range` (the whole file, 200), or with the bytes `from..to` of files
/// named `file` damaged (one bit flipped in each).
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(dead_code)] // Each test binary uses the hosts it needs.
pub enum Host {
    Ranges,
    NoRanges,
    Damaged { file: String, from: u64, to: u64 },
}

/// What the host was asked for: each request's path and `Range` header, and the bytes
/// it answered with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    /// The port of the host that served it.
    pub port: u16,
    pub path: String,
    pub range: Option<String>,
    pub bytes: usize,
}

/// Every request the test hosts served, in order (read with [`served_since`]).
pub static SERVED: std::sync::Mutex<Vec<Served>> = std::sync::Mutex::new(Vec::new());

/// The requests the host on `port` served.
#[allow(dead_code)]
pub fn served_by(port: u16) -> Vec<Served> {
    SERVED
        .lock()
        .unwrap()
        .iter()
        .filter(|s| s.port == port)
        .cloned()
        .collect()
}

/// `bytes=a-b` (one range, both ends given, as Concord's worker asks).
pub fn parse_range(range: &str) -> Option<(u64, u64)> {
    let (a, b) = range.strip_prefix("bytes=")?.split_once('-')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// Answers `request` for the path `url` (no query) from `root`, as a static host would.
fn serve_file(
    request: tiny_http::Request,
    url: &str,
    root: &std::path::Path,
    (port, host): (u16, &Host),
) {
    // Like static hosts: the sub-path without its slash redirects to it.
    if url == SUB_PATH.trim_end_matches('/') {
        let to = tiny_http::Header::from_bytes("Location", SUB_PATH).expect("header");
        let _ = request.respond(tiny_http::Response::empty(301).with_header(to));
        return;
    }
    let path = url.strip_prefix(SUB_PATH).unwrap_or(url);
    let path = path.trim_start_matches('/');
    let file = if path.is_empty() || path.ends_with('/') {
        root.join(path).join("index.html")
    } else {
        root.join(path)
    };
    let range = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Range"))
        .map(|h| h.value.as_str().to_string());
    // Nothing outside dist/ is served.
    let inside = file
        .canonicalize()
        .ok()
        .filter(|f| f.starts_with(root.canonicalize().expect("dist")));
    let mut status = 200;
    let mut extra = Vec::new();
    let asked = range
        .as_deref()
        .and_then(parse_range)
        .filter(|_| *host != Host::NoRanges);
    let response = match inside.and_then(|f| read_part(&f, asked)) {
        Some((mut bytes, total)) => {
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript",
                Some("wasm") => "application/wasm",
                Some("css") => "text/css",
                _ => "application/octet-stream",
            };
            let base = asked.map_or(0, |(a, _)| a);
            if let Host::Damaged {
                file: name,
                from,
                to,
            } = host
            {
                if file
                    .file_name()
                    .is_some_and(|f| f.to_string_lossy() == *name)
                {
                    for at in (*from).max(base)..(*to).min(base + bytes.len() as u64) {
                        bytes[(at - base) as usize] ^= 1;
                    }
                }
            }
            if let Some((a, b)) = asked {
                if a <= b && b < total {
                    status = 206;
                    extra.push(
                        tiny_http::Header::from_bytes(
                            "Content-Range",
                            format!("bytes {a}-{b}/{total}"),
                        )
                        .expect("header"),
                    );
                } else {
                    status = 416;
                    bytes.clear();
                }
            }
            let header = tiny_http::Header::from_bytes("Content-Type", kind).expect("header");
            let mut r = tiny_http::Response::from_data(bytes)
                .with_status_code(status)
                .with_header(header);
            for h in extra {
                r = r.with_header(h);
            }
            r.boxed()
        }
        None => tiny_http::Response::from_string("not found")
            .with_status_code(404)
            .boxed(),
    };
    SERVED.lock().unwrap().push(Served {
        port,
        path: url.to_string(),
        range,
        bytes: response.data_length().unwrap_or(0),
    });
    let _ = request.respond(response);
}

/// The file's bytes `a..=b` (all of them without a range; none when the range is past its
/// end), and its length.
fn read_part(path: &std::path::Path, range: Option<(u64, u64)>) -> Option<(Vec<u8>, u64)> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(path).ok()?;
    let total = f.metadata().ok()?.len();
    match range {
        None => {
            let mut bytes = Vec::with_capacity(total as usize);
            f.read_to_end(&mut bytes).ok()?;
            Some((bytes, total))
        }
        Some((a, b)) if a <= b && b < total => {
            f.seek(SeekFrom::Start(a)).ok()?;
            let mut bytes = vec![0; (b - a + 1) as usize];
            f.read_exact(&mut bytes).ok()?;
            Some((bytes, total))
        }
        Some(_) => Some((Vec::new(), total)),
    }
}

/// The path of a request target, without query or fragment.
fn path_of(target: &str) -> String {
    target.split(['?', '#']).next().unwrap_or("/").to_string()
}

/// Starts (once per test binary) a static file server for the release build; its port.
pub fn server_port() -> u16 {
    static PORT: OnceLock<u16> = OnceLock::new();
    *PORT.get_or_init(|| host_port(dist(), Host::Ranges))
}

/// Starts a static file server for `root`, answering as `host` does; its port.
pub fn host_port(root: PathBuf, host: Host) -> u16 {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("bind a local port");
    let port = server.server_addr().to_ip().expect("ip address").port();
    let (root, host) = (std::sync::Arc::new(root), std::sync::Arc::new(host));
    std::thread::spawn(move || {
        // Each request on a thread of its own: hosts answer requests in parallel.
        for request in server.incoming_requests() {
            let (root, host) = (root.clone(), host.clone());
            std::thread::spawn(move || {
                let url = path_of(request.url());
                serve_file(request, &url, &root, (port, &host));
            });
        }
    });
    port
}

/// A link's query string, `?` and the pairs form-encoded in order.
pub fn query(pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    format!("?{}", s.finish())
}

/// The app's address under the sub-path, with `query` (which starts with `?` or is empty).
pub fn url(query: &str) -> String {
    format!("http://127.0.0.1:{}{SUB_PATH}{query}", server_port())
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// How many times a browser is started before a test gives up: ChromeDriver on a loaded
/// machine has been seen to reset the connection that asks for a session (CI, once in
/// some hundreds of sessions). Each try is a new ChromeDriver on a new port.
const BROWSER_TRIES: usize = 3;

async fn start_browser(extra_args: &[&str]) -> (Driver, Client) {
    let mut failures = Vec::new();
    for attempt in 1..=BROWSER_TRIES {
        match try_start_browser(extra_args).await {
            Ok(started) => return started,
            Err(why) => {
                eprintln!("starting the browser, try {attempt} of {BROWSER_TRIES}: {why}");
                failures.push(why);
                tokio::time::sleep(Duration::from_millis(500 * attempt as u64)).await;
            }
        }
    }
    panic!(
        "no WebDriver session after {BROWSER_TRIES} tries:\n{}",
        failures.join("\n")
    )
}

/// One try: ChromeDriver on a free port, then a session with headless Chromium. The error
/// names what failed, with the end of ChromeDriver's log.
async fn try_start_browser(extra_args: &[&str]) -> Result<(Driver, Client), String> {
    let chromedriver =
        std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let port = free_port();
    let log = std::env::temp_dir().join(format!("concord-chromedriver-{port}.log"));
    let driver = Driver(
        Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {chromedriver}: {e} (make browser installs it)")
            }),
    );
    let log_tail = || {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(8)..].join("\n")
    };
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if start.elapsed() > WAIT {
            return Err(format!(
                "chromedriver did not listen on {port}; its log ends:\n{}",
                log_tail()
            ));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut args = vec![
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        // A page under automation may count as in the background, where Chromium delays
        // timers by up to a second; a person's tab in front does not.
        "--disable-background-timer-throttling",
        "--disable-renderer-backgrounding",
        "--disable-backgrounding-occluded-windows",
        "--window-size=1280,900",
    ];
    args.extend_from_slice(extra_args);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({ "binary": chromium, "args": args }),
    );
    // The page's DevTools network events, read by `requests`.
    caps.insert(
        "goog:loggingPrefs".into(),
        serde_json::json!({ "performance": "ALL" }),
    );
    match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
    {
        Ok(client) => {
            let _ = std::fs::remove_file(&log);
            Ok((driver, client))
        }
        Err(e) => {
            drop(driver);
            let why = format!(
                "a WebDriver session on {port}: {e}; its log ends:\n{}",
                log_tail()
            );
            let _ = std::fs::remove_file(&log);
            Err(why)
        }
    }
}

/// Runs one browser test: a fresh Chromium, the test body, then the browser closed whether
/// the body passed or panicked (the panic is then raised again).
pub async fn run<F, Fut>(test: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    run_with(&[], test).await
}

/// [`run`] with more Chromium arguments (a window size, a colour scheme).
pub async fn run_with<F, Fut>(args: &[&str], test: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let (driver, client) = start_browser(args).await;
    let outcome = tokio::spawn(test(client.clone())).await;
    let _ = client.close().await;
    drop(driver);
    if let Err(e) = outcome {
        match e.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(e) => panic!("test task failed: {e}"),
        }
    }
}

/// ChromeDriver's log of DevTools events (`POST /session/{id}/se/log`).
#[derive(Debug)]
struct PerformanceLog;

impl fantoccini::wd::WebDriverCompatibleCommand for PerformanceLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(r#"{"type":"performance"}"#.to_string()),
        )
    }
}

/// Every request the page made since the last call (DevTools `Network.requestWillBeSent`
/// of the page, as ChromeDriver logs them): method and URL, in order. Chromium's own
/// background traffic is not the page's and is not listed.
pub async fn requests(c: &Client) -> Vec<String> {
    devtools_events(c, "Network.requestWillBeSent")
        .await
        .iter()
        .map(|params| {
            let r = &params["request"];
            format!(
                "{} {}",
                r["method"].as_str().unwrap_or("?"),
                r["url"].as_str().unwrap_or("?")
            )
        })
        .collect()
}

/// The parameters of every DevTools event named `method` since the last read of the log
/// (which the log forgets: read once, gone).
pub async fn devtools_events(c: &Client, method: &str) -> Vec<serde_json::Value> {
    let log = c
        .issue_cmd(PerformanceLog)
        .await
        .expect("the performance log");
    let entries = log.as_array().cloned().unwrap_or_default();
    let mut out = Vec::new();
    for e in entries {
        let Some(message) = e["message"].as_str() else {
            continue;
        };
        let m: serde_json::Value = serde_json::from_str(message).expect("a DevTools event");
        if m["message"]["method"] == method {
            out.push(m["message"]["params"].clone());
        }
    }
    out
}

/// Waits for an element matching `css`.
pub async fn find(c: &Client, css: &str) -> Element {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element `{css}`: {e}"))
}

/// Clicks the element matching `css`, finding it again if the page drew it anew between
/// finding and clicking (a stale element: the results draw in two steps).
pub async fn click(c: &Client, css: &str) {
    for _ in 0..10 {
        match find(c, css).await.click().await {
            Ok(()) => return,
            Err(fantoccini::error::CmdError::Standard(e))
                if e.error == fantoccini::error::ErrorStatus::StaleElementReference =>
            {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(e) => panic!("click `{css}`: {e}"),
        }
    }
    panic!("click `{css}`: the element kept going stale");
}

/// Every element matching `css` (after waiting for the first).
pub async fn find_all(c: &Client, css: &str) -> Vec<Element> {
    find(c, css).await;
    c.find_all(Locator::Css(css)).await.expect("find_all")
}

/// Waits until `check` holds for the page, polling.
pub async fn until<F, Fut>(c: &Client, what: &str, check: F)
where
    F: Fn(Client) -> Fut,
    Fut: Future<Output = bool>,
{
    let start = Instant::now();
    while !check(c.clone()).await {
        assert!(start.elapsed() < WAIT, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the tab's title is `want` (it follows a view once the view rests).
pub async fn title_is(c: &Client, want: &str) {
    let want = want.to_string();
    until(c, &format!("the title “{want}”"), move |c| {
        let want = want.clone();
        async move { c.title().await.is_ok_and(|t| t == want) }
    })
    .await;
}

/// Waits until the status line reads `want`.
pub async fn status_is(c: &Client, want: &str) {
    let want = want.to_string();
    until(c, &format!("status “{want}”"), move |c| {
        let want = want.clone();
        async move {
            match c.find(Locator::Css("[role=status]")).await {
                Ok(e) => e.text().await.is_ok_and(|t| t.starts_with(&want)),
                Err(_) => false,
            }
        }
    })
    .await;
}

/// Follows `link` inside the page (as Back and Forward do) and reports what the app shows
/// once it has rendered: `(crashed, main h1 text)`.
pub async fn follow_in_page(c: &Client, link: &str) -> (bool, Option<String>) {
    let v = c
        .execute_async(
            "const [link, done] = [arguments[0], arguments[arguments.length - 1]];
             history.pushState(null, '', link);
             dispatchEvent(new PopStateEvent('popstate', { state: null }));
             requestAnimationFrame(() => setTimeout(() => {
                 const h1 = document.querySelector('main h1');
                 done([!!document.getElementById('crash'), h1 ? h1.textContent : null]);
             }, 0));",
            vec![serde_json::json!(link)],
        )
        .await
        .expect("the page answers");
    serde_json::from_value(v).expect("[crashed, h1]")
}

/// Waits until no part of the page is still being drawn (`aria-busy`: a results page
/// draws its first statements, then the rest).
pub async fn settled(c: &Client) {
    until(c, "the page drawn whole", |c| async move {
        c.find_all(Locator::Css("[aria-busy=true]"))
            .await
            .is_ok_and(|v| v.is_empty())
    })
    .await;
}

/// The page's current query string (`?…` or empty) and path.
pub async fn location(c: &Client) -> (String, String) {
    let u = c.current_url().await.expect("url");
    (
        u.path().to_string(),
        u.query().map(|q| format!("?{q}")).unwrap_or_default(),
    )
}

/// The corpus the release build embeds (built natively from the same folder).
pub fn corpus() -> &'static concord_core::model::Corpus {
    static CORPUS: OnceLock<concord_core::model::Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let dir =
            std::env::var_os("CONCORD_CORPUS").map_or_else(|| root.join("seeds"), |d| root.join(d));
        let input = concord_core::corpus::folder::read(&dir).expect("corpus folder");
        concord_core::corpus::build(&input)
            .expect("corpus builds")
            .0
    })
}

/// The search index of [`corpus`], built natively: the oracle the page is checked against.
pub fn index() -> &'static concord_core::index::Index {
    static INDEX: OnceLock<concord_core::index::Index> = OnceLock::new();
    INDEX.get_or_init(|| concord_core::index::Index::build(corpus()))
}

/// The formulations of [`corpus`] as the build finds them, and as the view lists them
/// without filters: the oracle of the formulations view.
pub fn formulations() -> &'static (
    Vec<concord_core::Formula>,
    Vec<concord_core::compare::formulas::Entry>,
) {
    use concord_core::compare::formulas::{find, table};
    static FORMULATIONS: OnceLock<(
        Vec<concord_core::Formula>,
        Vec<concord_core::compare::formulas::Entry>,
    )> = OnceLock::new();
    FORMULATIONS.get_or_init(|| {
        let formulas = find(corpus(), index());
        let searcher = concord_core::query::Searcher::new(corpus(), index());
        let entries = table(&searcher, &formulas, &Default::default());
        (formulas, entries)
    })
}

/// What the page should show for a search: `(statements, documents, every (doc id, p) in
/// result order)`. Like the app, a search without terms ranks newest first.
pub fn expected(
    q: &str,
    filters: &concord_core::query::Filters,
    sort: concord_core::query::Sort,
) -> (usize, usize, Vec<(String, u32)>) {
    use concord_core::query::{Searcher, Sort};
    // As the app reads a link: the last word completes unless a space follows it.
    let query = index().parse_typed(q);
    let sort = if query.legend.is_empty() && sort == Sort::Relevance {
        Sort::Newest
    } else {
        sort
    };
    let r = Searcher::new(corpus(), index()).search(&query, filters, sort);
    let order = r
        .documents
        .iter()
        .flat_map(|d| {
            d.statements.iter().map(move |h| {
                let st = &index().statements[h.stmt as usize];
                (corpus().documents[d.doc as usize].id.clone(), st.p)
            })
        })
        .collect();
    (r.statements, r.documents.len(), order)
}

/// The status line's text for these counts (the DOM contract).
pub fn status(statements: usize, documents: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    format!(
        "{} in {}",
        plural(statements, "statement", "statements"),
        plural(documents, "document", "documents")
    )
}

/// `(data-doc, data-p)` of every result article on the page, in order.
pub async fn shown(c: &Client) -> Vec<(String, u32)> {
    settled(c).await;
    let mut out = Vec::new();
    for a in c
        .find_all(Locator::Css("article.hit[data-doc][data-p]"))
        .await
        .expect("articles")
    {
        let doc = a.attr("data-doc").await.unwrap().unwrap_or_default();
        let p = a.attr("data-p").await.unwrap().unwrap_or_default();
        out.push((doc, p.parse().expect("data-p is a number")));
    }
    out
}

/// The source of axe-core (`CONCORD_AXE`, else the copy `make tools` installs).
pub fn axe_source() -> String {
    let path = std::env::var("CONCORD_AXE").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/.tools/node_modules/axe-core/axe.min.js"
        )
        .into()
    });
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("axe-core at {path} ({e}); `make tools` installs it"))
}

/// axe-core's violations on the current page (`axe`: its source), one line each: rule, help
/// and up to three elements.
pub async fn axe_violations(c: &Client, axe: &str) -> Vec<String> {
    c.execute(&format!("{axe}\nreturn true;"), vec![])
        .await
        .unwrap();
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] }).then(r => done(
               r.violations.map(v => v.id + ': ' + v.help + ' — ' +
                 v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))));",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

/// Saves a screenshot of each `(name, query)` view, at desktop size, at 375 px and in dark,
/// as `{dir}/{name}-{desktop|375|dark}.png`.
/// The screens screenshots are taken on: desktop, 375 px wide, dark; each a name and
/// Chromium's arguments.
pub const SCREENS: [(&str, &[&str]); 3] = [
    ("desktop", &["--window-size=1280,900"]),
    ("375", &["--window-size=375,800"]),
    (
        "dark",
        &[
            "--window-size=1280,900",
            "--blink-settings=preferredColorScheme=0",
        ],
    ),
];

pub async fn screenshots_of(dir: &str, views: Vec<(String, String)>) {
    std::fs::create_dir_all(dir).unwrap();
    for (suffix, args) in SCREENS {
        let (dir, views) = (dir.to_string(), views.clone());
        run_with(args, move |c| async move {
            for (name, query) in views {
                c.goto(&url(&query)).await.unwrap();
                find(&c, "main h1").await;
                tokio::time::sleep(Duration::from_millis(300)).await;
                let png = c.screenshot().await.unwrap();
                let path = format!("{dir}/{name}-{suffix}.png");
                std::fs::write(&path, png).unwrap();
                println!("wrote {path}");
            }
        })
        .await;
    }
}

/// The durations of the page's User Timing measures named `name`, in order.
#[allow(dead_code)] // The benchmarks' (as are `percentile` and `gzip_len`).
pub async fn measures(c: &Client, name: &str) -> Vec<f64> {
    let v = c
        .execute(
            "return performance.getEntriesByName(arguments[0]).map(e => e.duration)",
            vec![serde_json::json!(name)],
        )
        .await
        .expect("performance entries");
    serde_json::from_value(v).expect("durations")
}

/// The value at fraction `p` of `sorted` (NaN when empty).
#[allow(dead_code)]
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// "p50 …, p95 …, max … ms" of `sorted` durations in milliseconds (a benchmark's summary).
#[allow(dead_code)]
pub fn spread(sorted: &[f64]) -> String {
    format!(
        "p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        percentile(sorted, 0.5),
        percentile(sorted, 0.95),
        sorted.last().copied().unwrap_or(f64::NAN)
    )
}

/// Size of `bytes` after `gzip -9` (what a static host sends).
#[allow(dead_code)]
pub fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("gzip")
        .arg("-9c")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("gzip");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("gzip output");
    writer.join().expect("writer").expect("write to gzip");
    out.stdout.len()
}

/// What the page's download link `id` holds: its file name and its text.
pub async fn exported(c: &Client, id: &str) -> (String, String) {
    let link = find(c, &format!("a#{id}")).await;
    let name = link.attr("download").await.unwrap().unwrap_or_default();
    let text = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(document.getElementById(arguments[0]).href).then(r => r.text()).then(done);",
            vec![serde_json::json!(id)],
        )
        .await
        .unwrap();
    (name, text.as_str().unwrap().to_string())
}

/// Types `q` into the search box a key at a time, after selecting all and deleting (an
/// input event, so a search too, as a user would), and waits until its results are on
/// screen: the box shows it, the link has it, and no part of the corpus is loading. The
/// keys typed.
#[allow(dead_code)] // The benchmarks'.
pub async fn type_query(c: &Client, q: &str) -> usize {
    let input = find(c, "#q").await;
    input.send_keys("\u{E009}a").await.unwrap();
    input.send_keys("\u{E003}").await.unwrap();
    for ch in q.chars() {
        input.send_keys(&ch.to_string()).await.unwrap();
    }
    let want = q.to_string();
    until(c, &format!("the results of “{q}”"), move |c| {
        let want = want.clone();
        async move {
            let shown = match c.find(Locator::Css("#q")).await {
                Ok(e) => e.prop("value").await.ok().flatten().unwrap_or_default(),
                Err(_) => return false,
            };
            let (_, link) = location(&c).await;
            let loading = c
                .find_all(Locator::Css(".shard-loading"))
                .await
                .map_or(true, |v| !v.is_empty());
            shown == want && link.starts_with("?q=") && !loading
        }
    })
    .await;
    q.chars().count()
}
