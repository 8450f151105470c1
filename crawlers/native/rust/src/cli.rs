//! The command line every native crawler shares (tools/native-spec.md). Hand-rolled rather
//! than clap: eight flags do not justify a dependency that dominates the build time.

use url::Url;

pub const USAGE: &str = "\
usage: crawler --url URL --out FILE [--workers N] [--timeout-ms N] [--retries N]
               [--max-pages N] [--max-body-bytes N] [--ca PATH]

  --url URL             start URL (http or https); its origin is the crawl's scope
  --workers N           most requests in flight (default 10)
  --timeout-ms N        per request, headers and whole body (default 10000)
  --retries N           extra attempts after a network error, 5xx or 429 (default 2)
  --max-pages N         stop admitting URLs after this many (default 100000)
  --max-body-bytes N    larger decoded bodies end as too-large (default 10485760)
  --ca PATH             trust this PEM CA instead of the system roots (\"\" = system roots)
  --out FILE            where to write the result JSON
  --help                this text
";

#[derive(Clone)]
pub struct Options {
    pub url: Url,
    pub workers: usize,
    pub timeout_ms: u64,
    pub retries: u32,
    pub max_pages: usize,
    pub max_body_bytes: u64,
    /// `None` for `--ca ""` (or no flag): the system roots.
    pub ca: Option<String>,
    pub out: String,
}

pub enum Parsed {
    Run(Options),
    Help,
}

/// Accepts `--flag value` and `--flag=value`; every error is one line for stderr.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Parsed, String> {
    let mut url = None;
    let mut out = None;
    let mut ca = None;
    let mut workers = 10usize;
    let mut timeout_ms = 10_000u64;
    let mut retries = 2u32;
    let mut max_pages = 100_000usize;
    let mut max_body_bytes = 10 * 1024 * 1024u64;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--help" || arg == "-h" {
            return Ok(Parsed::Help);
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name.to_string(), Some(value.to_string())),
            _ => (arg.clone(), None),
        };
        if !matches!(
            name.as_str(),
            "--url" | "--workers" | "--timeout-ms" | "--retries" | "--max-pages" | "--max-body-bytes" | "--ca" | "--out"
        ) {
            return Err(format!("unknown argument {arg:?}"));
        }
        let value = match inline {
            Some(value) => value,
            None => args.next().ok_or_else(|| format!("{name} needs a value"))?,
        };
        match name.as_str() {
            "--url" => url = Some(value),
            "--out" => out = Some(value),
            "--ca" => ca = Some(value),
            "--workers" => workers = number(&name, &value)?,
            "--timeout-ms" => timeout_ms = number(&name, &value)?,
            "--retries" => retries = number(&name, &value)?,
            "--max-pages" => max_pages = number(&name, &value)?,
            "--max-body-bytes" => max_body_bytes = number(&name, &value)?,
            _ => unreachable!("checked above"),
        }
    }
    let url = url.ok_or("--url is required")?;
    let url = Url::parse(&url).map_err(|error| format!("--url {url:?}: {error}"))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(format!("--url must be http or https, not {}:", url.scheme()));
    }
    if workers == 0 || timeout_ms == 0 || max_pages == 0 {
        return Err("--workers, --timeout-ms and --max-pages must be at least 1".into());
    }
    let out = out.ok_or("--out is required")?;
    Ok(Parsed::Run(Options {
        url,
        workers,
        timeout_ms,
        retries,
        max_pages,
        max_body_bytes,
        ca: ca.filter(|path| !path.is_empty()),
        out,
    }))
}

fn number<T: std::str::FromStr>(name: &str, value: &str) -> Result<T, String> {
    value.parse().map_err(|_| format!("{name} wants a non-negative integer, got {value:?}"))
}
