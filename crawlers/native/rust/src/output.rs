//! The result JSON of tools/native-spec.md, written by hand: a dozen fields do not need serde.

use std::fmt::Write as _;
use std::io;

use crate::crawl::CrawlResult;

pub fn to_json(result: &CrawlResult) -> String {
    let mut json = String::with_capacity(64 + result.pages.len() * 160);
    json.push_str("{\"pages\":[");
    for (index, page) in result.pages.iter().enumerate() {
        if index > 0 {
            json.push(',');
        }
        json.push_str("{\"url\":");
        push_string(&mut json, &page.url);
        let _ = write!(json, ",\"status\":{},\"bytes\":{},\"ms\":{},\"links\":{}", page.status, page.bytes, number(page.ms), page.links);
        if let Some(target) = &page.redirect_to {
            json.push_str(",\"redirectTo\":");
            push_string(&mut json, target);
        }
        if let Some(error) = page.error {
            let _ = write!(json, ",\"error\":\"{}\"", error.as_str());
        }
        json.push('}');
    }
    let _ = write!(json, "],\"stats\":{{\"requests\":{},\"durationMs\":{}}}}}\n", result.requests, number(result.duration_ms));
    json
}

/// Milliseconds to three decimals (microseconds); Rust's float formatting never uses an
/// exponent, so the text is always valid JSON.
fn number(value: f64) -> String {
    format!("{:.3}", if value.is_finite() { value } else { 0.0 })
}

fn push_string(json: &mut String, value: &str) {
    json.push('"');
    for c in value.chars() {
        match c {
            '"' => json.push_str("\\\""),
            '\\' => json.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(json, "\\u{:04x}", c as u32);
            }
            c => json.push(c),
        }
    }
    json.push('"');
}

/// FILE.tmp then rename, so a reader never sees half a result.
pub fn write_atomically(path: &str, result: &CrawlResult) -> io::Result<()> {
    let temporary = format!("{path}.tmp");
    std::fs::write(&temporary, to_json(result))?;
    std::fs::rename(&temporary, path)
}
