// Regenerates normalize.json from Node's WHATWG URL (the reference normalizer):
//   node internal/crawl/testdata/gen-normalize.js > internal/crawl/testdata/normalize.json
// Edit the list of hrefs here, never the expectations in the JSON.
const base = "http://127.0.0.1:8080/docs/guide/page";
const cases = ["/docs/%3C%2Fscript%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "/docs/metrics-0/", "  /docs/pooling-15#x  ", "#top", "", "docs/", "./docs/#getting-started",
 "/docs/?x=1", "?ref=home&utm_source=fixture", "http://127.0.0.1:8080/docs/", "HTTP://127.0.0.1:8080/x", "http://127.0.0.1:80/x", "https://127.0.0.1:443/x", "//example.invalid/p", "https://127.0.0.2/",
 "mailto:a@b", "tel:+1", "javascript:void(0)", "data:text/html,x", "../x", "../../../../y", "./x?v=2", "x#usage", "/a^b", "/a b", "/a|b", "/a{b}`", "/%zz", "/a\\b/../c",
 "http://a/é", "/.%2e/x", "/a/%2e%2E/b", "/a/%2e", "/a/.", "/a/..", "http:x", "https:x", "http:///x", "http://A:80/x", "http://127.1/", "http://0x7f.1/", "http://0177.0.0.1/", "http://[::ffff:127.0.0.1]/",
 "http://[1:0:0:2:0:0:0:3]/", "http://[::]/", "http://[1::]/", "/a\x01b", "/[]|~!$&()*+,;=:@", "http://user:pass@127.0.0.1:8080/x", "http://u@/x", "http://:80/", "http://a:999999/",
 "http://a:0080/", "http://ExAmple.COM./", "http://b\u00fccher.de/", "http://xn--bcher-kva.de/", "http://%41.com/", "http://a b/", "/\u00e9/\ud83d\ude00", "\t/a\nb\r", "1abc:x", "a:b", "HtTpS://X.y/Z",
 "http://1.2.3.4.5/", "http://256.1/", "http://999999999999/", "/x?y#z", "?", "#", "/%2E%2E/z", "http://a/b/c/./../../g", ".", "..", "/docs/x/", "http:\\\\h\\p", "\\\\h2\\p", "/a%2fb", "http://[::1]:8080/",
 "http://[fe80::1%25eth0]/", "http://a/\"q\"<>", "http://a/\x7f", "http://a.b%2Fc/", "http://0x/", "http://09/", "http://1.0x/"];
const out = [];
for (const h of cases) { let r = null; try { const u = new URL(h, base); if (u.protocol==='http:'||u.protocol==='https:') { u.hash=''; u.search=''; u.username=''; u.password=''; r = u.href; } } catch {} out.push([h, r]); }
console.log(JSON.stringify(out));
