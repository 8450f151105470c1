//! Link extraction with scraper (html5ever, a spec-compliant HTML parser), as the seed did:
//! selector `a[href]`. A real parser is what keeps links inside comments and `<script>` out,
//! decodes `&amp;`, and reads `<A HREF=...>`, unquoted and single-quoted attributes like a browser.

use std::collections::HashSet;
use std::sync::LazyLock;

use scraper::{Html, Selector};
use url::{Origin, Url};

use crate::normalize::parse_http_url;

static ANCHORS: LazyLock<Selector> = LazyLock::new(|| Selector::parse("a[href]").expect("valid selector"));
static BASE: LazyLock<Selector> = LazyLock::new(|| Selector::parse("base[href]").expect("valid selector"));

/// Distinct normalized URLs of `origin` linked from `html` by `<a href>`, in document order.
/// Relative links resolve against the first `<base href>` (wherever it is, as browsers do),
/// itself resolved against the page URL; an unparseable base falls back to the page URL.
pub fn extract_links(html: &str, page_url: &Url, origin: &Origin) -> Vec<Url> {
    let document = Html::parse_document(html);
    let base = document
        .select(&BASE)
        .next()
        .and_then(|base| base.value().attr("href"))
        .and_then(|href| page_url.join(href).ok())
        .unwrap_or_else(|| page_url.clone());
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for anchor in document.select(&ANCHORS) {
        let Some(href) = anchor.value().attr("href") else { continue };
        let Some(url) = parse_http_url(href, &base) else { continue };
        if &url.origin() == origin && seen.insert(url.as_str().to_owned()) {
            found.push(url);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_like() {
        let page = Url::parse("http://127.0.0.1:8080/guides/base-demo").unwrap();
        let html = r#"<html><head><base href="/guides/based/"></head><body>
            <a href="one">1</a><a href='./two#intro'>2</a><A HREF=/docs/x/>3</A>
            <a href="  /docs/  ">4</a><a href="http://127.0.0.1:8080/docs/">dup</a>
            <a href="?q=1&amp;b=2">q</a>
            <!-- <a href="/trap/comment">c</a> -->
            <script>document.write('<a href="/trap/script">s</a>')</script>
            <a href="mailto:x@y.z">m</a><a href="//example.invalid/x">o</a>
            <a href="http://127.0.0.1:8081/">port</a></body></html>"#;
        let links: Vec<String> = extract_links(html, &page, &page.origin()).into_iter().map(String::from).collect();
        assert_eq!(
            links,
            [
                "http://127.0.0.1:8080/guides/based/one",
                "http://127.0.0.1:8080/guides/based/two",
                "http://127.0.0.1:8080/docs/x/",
                "http://127.0.0.1:8080/docs/",
                "http://127.0.0.1:8080/guides/based/",
            ]
        );
    }
}
