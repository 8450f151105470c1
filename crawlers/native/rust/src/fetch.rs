//! Fetching one page, as crawlers/fetch-page.ts, read-body.ts and classify-error.ts do it: one
//! GET per attempt on the shared client, redirects not followed, one deadline over headers and
//! the whole body, the body read chunk by chunk through the size cap, failures classified into
//! the contract's error kinds, and retries with 50·2ⁿ ms backoff.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, LOCATION, USER_AGENT};
use tokio::time::{sleep, timeout_at, Instant};
use url::Url;

use crate::cli::Options;

/// The contract's error kinds (`aborted` and `worker-crashed` cannot happen in this crawler).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Timeout,
    Reset,
    TooLarge,
    Refused,
    Dns,
    Tls,
    Decode,
    Network,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Timeout => "timeout",
            ErrorKind::Reset => "reset",
            ErrorKind::TooLarge => "too-large",
            ErrorKind::Refused => "refused",
            ErrorKind::Dns => "dns",
            ErrorKind::Tls => "tls",
            ErrorKind::Decode => "decode",
            ErrorKind::Network => "network",
        }
    }

    /// Retry what is likely transient: a reset, refused or otherwise broken connection. Not a
    /// timeout (the attempt already cost --timeout-ms, and a server that hangs once usually
    /// hangs again), nor too-large, tls or decode (properties of the response that repeat), nor
    /// dns (a name that did not resolve will not resolve 50 ms later).
    fn is_retryable(self) -> bool {
        matches!(self, ErrorKind::Reset | ErrorKind::Refused | ErrorKind::Network)
    }
}

/// One page's fetch over all its attempts.
pub struct Fetched {
    /// HTTP status of the last attempt; 0 when it got no response.
    pub status: u16,
    /// Raw `Location` of the last response.
    pub location: Option<String>,
    /// The complete body of a 2xx `text/html` response, the only kind that is parsed.
    pub html: Option<String>,
    /// Decoded body bytes received over all attempts.
    pub bytes: u64,
    pub ms: f64,
    /// Requests sent, retries included.
    pub requests: u32,
    pub error: Option<ErrorKind>,
}

struct Attempt {
    status: u16,
    location: Option<String>,
    html: Option<String>,
    bytes: u64,
    error: Option<ErrorKind>,
}

impl Attempt {
    fn failed(status: u16, bytes: u64, error: ErrorKind) -> Self {
        Attempt { status, location: None, html: None, bytes, error: Some(error) }
    }

    fn is_retryable(&self) -> bool {
        match self.error {
            Some(kind) => kind.is_retryable(),
            None => self.status >= 500 || self.status == 429,
        }
    }
}

/// The one client every spider shares, set up as the seed did (`pool_max_idle_per_host = W`)
/// plus the contract: no redirects followed, and with `--ca` that PEM as the only trusted root
/// (as Node's `ca` option replaces its defaults); without it, the system's roots.
pub fn build_client(options: &Options) -> Result<reqwest::Client, String> {
    let mut headers = HeaderMap::new();
    // The reference crawler's headers; reqwest adds `accept-encoding: gzip, deflate` itself
    // for the decoders compiled in (brotli is left out: the fixture only gzips).
    headers.insert(ACCEPT, HeaderValue::from_static("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"));
    headers.insert(USER_AGENT, HeaderValue::from_static("crawlbench/0.1 (+https://github.com/crawlbench)"));
    let mut builder = reqwest::Client::builder()
        .use_rustls_tls()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(options.workers)
        // No client-level timeout: `fetch_once` puts one deadline over connect, headers and body,
        // so it can tell a timeout from everything else and keep the status that did arrive.
        .http1_only();
    if let Some(path) = &options.ca {
        let pem = std::fs::read(path).map_err(|error| format!("--ca {path}: {error}"))?;
        let certificates = reqwest::Certificate::from_pem_bundle(&pem).map_err(|error| format!("--ca {path}: {error}"))?;
        if certificates.is_empty() {
            return Err(format!("--ca {path}: no PEM certificate in it"));
        }
        builder = builder.tls_built_in_root_certs(false);
        for certificate in certificates {
            builder = builder.add_root_certificate(certificate);
        }
    }
    builder.build().map_err(|error| format!("cannot build the HTTP client: {error}"))
}

const BACKOFF_BASE_MS: u64 = 50;
const BACKOFF_CAP_MS: u64 = 1000;

/// Fetches `url` (absolute, normalized). Never fails: trouble is in `error`.
pub async fn fetch_page(client: &reqwest::Client, url: &Url, options: &Options) -> Fetched {
    let started = Instant::now();
    let mut bytes = 0;
    let mut requests = 0;
    for attempt in 0.. {
        let result = fetch_once(client, url, options).await;
        requests += 1;
        bytes += result.bytes;
        if attempt >= options.retries || !result.is_retryable() {
            return Fetched {
                status: result.status,
                location: result.location,
                html: result.html,
                bytes,
                ms: started.elapsed().as_secs_f64() * 1000.0,
                requests,
                error: result.error,
            };
        }
        let backoff = BACKOFF_BASE_MS.saturating_mul(1 << attempt.min(20)).min(BACKOFF_CAP_MS);
        sleep(Duration::from_millis(backoff)).await;
    }
    unreachable!("the loop returns")
}

async fn fetch_once(client: &reqwest::Client, url: &Url, options: &Options) -> Attempt {
    // One deadline for the whole attempt: a body trickling one byte at a time never trips an
    // idle timeout, only this.
    let deadline = Instant::now() + Duration::from_millis(options.timeout_ms);
    let mut response = match timeout_at(deadline, client.get(url.clone()).send()).await {
        Err(_elapsed) => return Attempt::failed(0, 0, ErrorKind::Timeout),
        Ok(Err(error)) => return Attempt::failed(0, 0, classify(&error)),
        Ok(Ok(response)) => response,
    };
    let status = response.status().as_u16();
    let headers = response.headers();
    let location = headers.get(LOCATION).map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
    let is_html = headers.get(CONTENT_TYPE).and_then(|value| value.to_str().ok()).is_some_and(is_html_type);
    // reqwest removes `Content-Encoding` (and `Content-Length`) when it decodes the body, so
    // one still there is a coding it cannot undo: the body would be garbage.
    let undecodable = headers
        .get_all(CONTENT_ENCODING)
        .iter()
        .flat_map(|value| String::from_utf8_lossy(value.as_bytes()).split(',').map(|c| c.trim().to_ascii_lowercase()).collect::<Vec<_>>())
        .any(|coding| !coding.is_empty() && coding != "identity");
    if undecodable {
        return Attempt { location, ..Attempt::failed(status, 0, ErrorKind::Decode) };
    }
    // An identity body that declares itself too large is refused before reading a byte, so the
    // result does not depend on how fast 10 MiB arrive.
    let declared = headers.get(CONTENT_LENGTH).and_then(|value| value.to_str().ok()).and_then(|value| value.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > options.max_body_bytes) {
        return Attempt { location, ..Attempt::failed(status, 0, ErrorKind::TooLarge) };
    }
    // Only 2xx HTML is parsed; every other body is read (keeping the connection reusable) and counted.
    let keep = is_html && (200..300).contains(&status);
    let mut body = Vec::new();
    let mut bytes = 0u64;
    loop {
        // Dropping `response` on any early return closes its connection instead of reusing it.
        match timeout_at(deadline, response.chunk()).await {
            Err(_elapsed) => return Attempt { location, ..Attempt::failed(status, bytes, ErrorKind::Timeout) },
            Ok(Err(error)) => return Attempt { location, ..Attempt::failed(status, bytes, classify(&error)) },
            Ok(Ok(None)) => break,
            Ok(Ok(Some(chunk))) => {
                bytes += chunk.len() as u64;
                if bytes > options.max_body_bytes {
                    return Attempt { location, ..Attempt::failed(status, bytes, ErrorKind::TooLarge) };
                }
                if keep {
                    body.extend_from_slice(&chunk);
                }
            }
        }
    }
    // UTF-8, the web's default and the fixture's charset; invalid bytes become U+FFFD, which
    // changes no link. (Other charsets would need encoding_rs; the fixture has none.)
    let html = keep.then(|| match String::from_utf8(body) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    });
    Attempt { status, location, html, bytes, error: None }
}

/// `text/html`, any case, parameters allowed: the reference's `/^\s*text\/html\s*(;|$)/i`.
fn is_html_type(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("text/html")
}

/// Maps a reqwest error to the contract's kind by walking its cause chain, the way
/// classify-error.ts walks `cause`: hyper and hyper-util wrap the system error, rustls errors
/// travel inside an `io::Error`, and `io::Error::source()` skips its own payload, so each
/// `io::Error`'s payload is inspected explicitly.
pub fn classify(error: &reqwest::Error) -> ErrorKind {
    if error.is_timeout() {
        return ErrorKind::Timeout;
    }
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    let mut depth = 0;
    while let Some(cause) = current {
        if let Some(kind) = kind_of(cause) {
            return kind;
        }
        depth += 1;
        if depth > 10 {
            break;
        }
        // Prefer an io::Error's payload (where rustls and hyper put the real error) to its source.
        current = match cause.downcast_ref::<std::io::Error>().and_then(|io| io.get_ref()) {
            Some(payload) => Some(payload as &(dyn std::error::Error + 'static)),
            None => cause.source(),
        };
    }
    // A decoder failure carries no transport cause: the gzip stream itself was corrupt.
    if error.is_decode() {
        return ErrorKind::Decode;
    }
    ErrorKind::Network
}

fn kind_of(error: &(dyn std::error::Error + 'static)) -> Option<ErrorKind> {
    if error.is::<rustls::Error>() {
        return Some(ErrorKind::Tls);
    }
    if let Some(hyper_error) = error.downcast_ref::<hyper::Error>() {
        // "connection closed before message completed": the server hung up mid-response.
        if hyper_error.is_incomplete_message() {
            return Some(ErrorKind::Reset);
        }
        if hyper_error.is_timeout() {
            return Some(ErrorKind::Timeout);
        }
    }
    if let Some(io) = error.downcast_ref::<std::io::Error>() {
        use std::io::ErrorKind as Io;
        match io.kind() {
            // UnexpectedEof: hyper's "end of file before message length reached", a body that
            // broke off after the headers.
            Io::ConnectionReset | Io::BrokenPipe | Io::ConnectionAborted | Io::UnexpectedEof => return Some(ErrorKind::Reset),
            Io::ConnectionRefused => return Some(ErrorKind::Refused),
            Io::TimedOut => return Some(ErrorKind::Timeout),
            _ => {}
        }
    }
    // hyper-util's resolver error is a private type; its message is the stable part
    // ("dns error", wrapping getaddrinfo's "failed to lookup address information").
    let message = error.to_string();
    if message == "dns error" || message.contains("failed to lookup address") {
        return Some(ErrorKind::Dns);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_types() {
        assert!(is_html_type("text/html"));
        assert!(is_html_type(" Text/HTML ; charset=utf-8"));
        assert!(!is_html_type("application/pdf"));
        assert!(!is_html_type("text/htmlx"));
        assert!(!is_html_type("application/xhtml+xml"));
    }
}
