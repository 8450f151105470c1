//! URL normalization, as crawlers/normalize-url.ts defines it: exactly what WHATWG URL parsing
//! gives (the `url` crate implements that standard, so percent-encoding, dot segments, default
//! ports and case come out byte-identical to Node's `URL`), minus fragment, query and
//! credentials, and only for http(s).

use url::Url;

/// Resolves `href` against `base`; `None` when it does not parse or is not http(s)
/// (mailto:, tel:, javascript:, data: ...).
pub fn parse_http_url(href: &str, base: &Url) -> Option<Url> {
    let mut url = base.join(href).ok()?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return None;
    }
    // A page is defined by its path: the fragment never reaches the server, `?sort=a` and
    // `?sort=b` are one page, and `user:pass@` would make one page look like two.
    url.set_fragment(None);
    url.set_query(None);
    if !url.username().is_empty() {
        // Cannot fail on an http(s) URL, which always has a host.
        let _ = url.set_username("");
    }
    if url.password().is_some() {
        let _ = url.set_password(None);
    }
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(href: &str, base: &str) -> Option<String> {
        parse_http_url(href, &Url::parse(base).unwrap()).map(String::from)
    }

    #[test]
    fn matches_whatwg() {
        let page = "http://127.0.0.1:8080/docs/a/b";
        assert_eq!(norm("../x?v=2#top", page).as_deref(), Some("http://127.0.0.1:8080/docs/x"));
        assert_eq!(norm("  /docs/  ", page).as_deref(), Some("http://127.0.0.1:8080/docs/"));
        assert_eq!(norm("HTTP://User:pw@127.0.0.1:80/A", page).as_deref(), Some("http://127.0.0.1/A"));
        assert_eq!(norm("?ref=home", page).as_deref(), Some("http://127.0.0.1:8080/docs/a/b"));
        assert_eq!(norm("mailto:a@b.c", page), None);
        assert_eq!(norm("javascript:void(0)", page), None);
        assert_eq!(
            norm("/docs/%3C%2Fscript%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", page).as_deref(),
            Some("http://127.0.0.1:8080/docs/%3C%2Fscript%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
        );
        assert_eq!(norm("/a b/é", page).as_deref(), Some("http://127.0.0.1:8080/a%20b/%C3%A9"));
    }
}
