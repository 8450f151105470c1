//! The seed's concurrency pattern: a coordinator task owning the visited set, a bounded channel
//! (capacity W × 400) of URLs feeding `ReceiverStream::for_each_concurrent(W)` spiders, and a
//! second channel on which each spider sends back (visited URL, its record, the new URLs).

use std::collections::{HashSet, VecDeque};
use std::time::Instant;

use futures_util::StreamExt;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use url::{Origin, Url};

use crate::cli::Options;
use crate::fetch::{fetch_page, ErrorKind, Fetched};
use crate::links::extract_links;
use crate::normalize::parse_http_url;

/// One line of `pages` in the result.
pub struct PageRecord {
    pub url: String,
    pub status: u16,
    pub bytes: u64,
    pub ms: f64,
    pub links: usize,
    pub redirect_to: Option<String>,
    pub error: Option<ErrorKind>,
}

pub struct CrawlResult {
    pub pages: Vec<PageRecord>,
    pub requests: u64,
    pub duration_ms: f64,
}

/// What a spider sends back: the visited URL's record, the in-scope URLs it led to, and how
/// many requests it took.
struct Visit {
    record: PageRecord,
    found: Vec<Url>,
    requests: u32,
}

pub async fn crawl(client: reqwest::Client, options: &Options) -> CrawlResult {
    let workers = options.workers;
    let origin = options.url.origin();
    // `--url` itself is normalized like any link (its query and fragment dropped).
    let start = parse_http_url(options.url.as_str(), &options.url).expect("--url was checked to be http(s)");

    let (urls_tx, urls_rx) = mpsc::channel::<Url>(workers * 400);
    let (visits_tx, mut visits_rx) = mpsc::channel::<Visit>(workers * 400);
    let spiders = {
        let client = client.clone();
        let options = SpiderOptions { options: options.clone(), origin: origin.clone() };
        tokio::spawn(async move {
            ReceiverStream::new(urls_rx)
                .for_each_concurrent(workers, |url| {
                    let (client, options, visits_tx) = (&client, &options, visits_tx.clone());
                    async move {
                        let visit = spider(client, options, url).await;
                        // The coordinator only drops its receiver after everything came back.
                        let _ = visits_tx.send(visit).await;
                    }
                })
                .await;
        })
    };

    let started = Instant::now();
    let mut visited: HashSet<String> = HashSet::new();
    // URLs admitted but not yet on the channel: the coordinator never blocks on a full URL
    // channel (spiders would block on a full visits channel in turn: a deadlock on big sites),
    // it keeps them here and feeds the channel as it drains.
    let mut frontier: VecDeque<Url> = VecDeque::new();
    let mut pages = Vec::new();
    let mut requests = 0u64;
    // URLs handed to the spiders and not yet reported back. The seed kept an AtomicUsize of
    // active spiders, raised and lowered inside each spider, and ended on "both channels empty
    // and 0 active". That test is only safe when re-checked in a polling loop: a spider lowers
    // the count after sending its visit (else the coordinator could see 0 active and empty
    // channels before the visit lands), so an awaiting coordinator can take the last visit,
    // still see 1 active, and wait forever. Counted here, on the coordinator's side of both
    // channels, "nothing in flight" is exact: 0 means both channels are empty and no spider works.
    let mut in_flight = 0usize;
    visited.insert(start.as_str().to_owned());
    frontier.push_back(start);

    // The seed busy-polled `try_recv()` with `sleep(0)` in between, which keeps one of the two
    // cores spinning for the whole crawl and would tax the spiders and the measurement. Here
    // the same loop awaits instead: either room on the URL channel (when there is something to
    // send) or the next visit, whichever comes first.
    loop {
        if frontier.is_empty() && in_flight == 0 {
            // Nothing to send, nothing out: the closure of the start URL is complete.
            break;
        }
        tokio::select! {
            permit = urls_tx.reserve(), if !frontier.is_empty() => {
                let permit = permit.expect("the spider stream lives as long as the sender");
                in_flight += 1;
                permit.send(frontier.pop_front().expect("checked non-empty"));
            }
            visit = visits_rx.recv() => {
                let visit = visit.expect("the spiders hold the sender until the URL channel closes");
                in_flight -= 1;
                requests += u64::from(visit.requests);
                for url in visit.found {
                    // --max-pages: stop admitting once that many URLs have been admitted.
                    if visited.len() >= options.max_pages {
                        break;
                    }
                    if !visited.contains(url.as_str()) {
                        visited.insert(url.as_str().to_owned());
                        frontier.push_back(url);
                    }
                }
                pages.push(visit.record);
            }
        }
    }
    let duration_ms = started.elapsed().as_secs_f64() * 1000.0;
    // Closing the URL channel ends the stream, and with it the spiders' task.
    drop(urls_tx);
    let _ = spiders.await;
    CrawlResult { pages, requests, duration_ms }
}

/// What a spider needs besides the client: the fetch options and the scope.
struct SpiderOptions {
    options: Options,
    origin: Origin,
}

/// One page: fetch, then links from a 2xx HTML body, or the target of a redirect.
async fn spider(client: &reqwest::Client, spider: &SpiderOptions, url: Url) -> Visit {
    let fetched = fetch_page(client, &url, &spider.options).await;
    let Fetched { status, location, html, bytes, ms, requests, error } = fetched;
    let mut record = PageRecord { url: url.as_str().to_owned(), status, bytes, ms, links: 0, redirect_to: None, error };
    let mut found = Vec::new();
    if error.is_none() {
        if matches!(status, 301 | 302 | 303 | 307 | 308) {
            if let Some(target) = location.as_deref().and_then(|location| parse_http_url(location, &url)) {
                record.redirect_to = Some(target.as_str().to_owned());
                if target.origin() == spider.origin {
                    found.push(target);
                }
            }
        } else if let Some(html) = html {
            // `html` is only kept for 2xx text/html. Parsing runs on the runtime's worker
            // thread inside the spider, as in the seed.
            found = extract_links(&html, &url, &spider.origin);
        }
    }
    record.links = found.len();
    Visit { record, found, requests }
}
