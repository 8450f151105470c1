//! crawlbench's native Rust crawler: the article's tokio pattern (a coordinator task that owns
//! the visited set, spiders driven by `ReceiverStream::for_each_concurrent(W)`) obeying the
//! crawl contract of /work/main/README.md. The modules mirror the TypeScript reference:
//! `cli` (flags), `normalize` (normalize-url.ts), `links` (extract-links.ts), `fetch`
//! (fetch-page.ts + read-body.ts + classify-error.ts), `crawl` (the coordinator and spiders) and
//! `output` (the result JSON).

mod cli;
mod crawl;
mod fetch;
mod links;
mod normalize;
mod output;

use std::process::ExitCode;

fn main() -> ExitCode {
    let options = match cli::parse(std::env::args().skip(1)) {
        Ok(cli::Parsed::Run(options)) => options,
        Ok(cli::Parsed::Help) => {
            print!("{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("crawler: {message} (see --help)");
            return ExitCode::from(2);
        }
    };
    let client = match fetch::build_client(&options) {
        Ok(client) => client,
        Err(message) => {
            eprintln!("crawler: {message}");
            return ExitCode::from(2);
        }
    };
    // The seed ran on `#[tokio::main]`, i.e. the multi-threaded runtime with one worker per core.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let result = runtime.block_on(crawl::crawl(client, &options));
    if let Err(error) = output::write_atomically(&options.out, &result) {
        eprintln!("crawler: cannot write {}: {error}", options.out);
        return ExitCode::from(1);
    }
    eprintln!(
        "crawler: {} pages, {} requests, {:.1} ms",
        result.pages.len(),
        result.requests,
        result.duration_ms
    );
    ExitCode::SUCCESS
}
