package crawl

import (
	"strings"

	"golang.org/x/net/html"
)

// ExtractLinks returns the distinct normalized URLs of origin that html links to by <a href>,
// in document order. Relative links resolve against the first <base href> of the document
// (wherever it appears, as browsers do) when it is valid, else against page.
//
// As the seed did, the page is fully parsed with golang.org/x/net/html (an HTML5 tree builder,
// so comments and <script> contents are never links and entities are decoded) and the tree is
// walked recursively. Scripting is parsed as disabled so that <noscript> content is markup, as
// the reference's htmlparser2 tokenizer treats it.
func ExtractLinks(body string, page *URL) []string {
	root, err := html.ParseWithOptions(strings.NewReader(body), html.ParseOptionEnableScripting(false))
	if err != nil { // only reader errors, impossible with a strings.Reader
		return nil
	}
	var hrefs []string
	var baseHref *string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "a" || n.Data == "base") {
			if href, ok := attr(n, "href"); ok {
				if n.Data == "a" {
					hrefs = append(hrefs, href)
				} else if baseHref == nil {
					baseHref = &href
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)

	base := page
	if baseHref != nil {
		base = resolveBase(*baseHref, page)
	}
	prefix := page.Origin() + "/"
	seen := make(map[string]bool, len(hrefs))
	var found []string
	for _, href := range hrefs {
		u, ok := ParseURL(href, base)
		if !ok {
			continue
		}
		s := u.String()
		// A normalized URL has no credentials, so "same origin" is "starts with origin/".
		if strings.HasPrefix(s, prefix) && !seen[s] {
			seen[s] = true
			found = append(found, s)
		}
	}
	return found
}

// resolveBase resolves <base href> against the page. An unparseable one is ignored (browsers
// fall back to the document URL). A base with another scheme (mailto:…) parses in a browser but
// cannot resolve relative links, so then only absolute links count: a nil base does that.
func resolveBase(href string, page *URL) *URL {
	if u, ok := ParseURL(href, page); ok {
		return u
	}
	if scheme, _, found := splitScheme(cleanInput(href)); found && scheme != "http" && scheme != "https" {
		return nil
	}
	return page
}

// attr is the first attribute named key without a namespace (the DOM keeps the first of a
// repeated attribute; SVG's xlink:href is not href).
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
