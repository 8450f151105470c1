package crawl

import (
	"encoding/json"
	"os"
	"testing"
)

// testdata/normalize.json holds [href, expected] pairs produced by Node 20's WHATWG URL, the
// reference's normalizer (regenerate with testdata/gen-normalize.js); null means "not crawlable".
func TestParseURLMatchesWHATWG(t *testing.T) {
	data, err := os.ReadFile("testdata/normalize.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases [][2]*string
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	base, ok := ParseURL("http://127.0.0.1:8080/docs/guide/page", nil)
	if !ok {
		t.Fatal("base does not parse")
	}
	for _, c := range cases {
		href := *c[0]
		u, ok := ParseURL(href, base)
		got := "<null>"
		if ok {
			got = u.String()
		}
		want := "<null>"
		if c[1] != nil {
			want = *c[1]
		}
		if got != want {
			t.Errorf("ParseURL(%q) = %s, want %s", href, got, want)
		}
	}
}

func TestExtractLinks(t *testing.T) {
	page, _ := ParseURL("http://127.0.0.1:8080/guides/base-demo", nil)
	body := `<html><head><base href="/guides/based/"></head><body>
<a href="one">1</a><a href="./two#intro">2</a><A HREF=/docs/x/>3</A><a href='  /docs/y#z  '>4</a>
<!-- <a href="/trap/comment"> --><script>document.write('<a href="/trap/script">')</script>
<a href="mailto:x@y">m</a><a href="//example.invalid/p">o</a><a href="one">dup</a>
<a href="/search?a=1&amp;b=2">s</a><a>none</a><base href="/ignored/"></body></html>`
	got := ExtractLinks(body, page)
	want := []string{
		"http://127.0.0.1:8080/guides/based/one", "http://127.0.0.1:8080/guides/based/two",
		"http://127.0.0.1:8080/docs/x/", "http://127.0.0.1:8080/docs/y", "http://127.0.0.1:8080/search",
	}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
}
