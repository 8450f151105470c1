package crawl

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/net/html/charset"
)

// Record is one page of the result JSON.
type Record struct {
	URL        string  `json:"url"`
	Status     int     `json:"status"`
	Bytes      int64   `json:"bytes"`
	Ms         float64 `json:"ms"`
	Links      int     `json:"links"`
	RedirectTo string  `json:"redirectTo,omitempty"`
	Error      string  `json:"error,omitempty"`
}

// Visit is what visiting one URL produced: its record, the in-scope URLs it leads to (links of
// a 2xx HTML page, or a same-origin redirect target) and the HTTP requests it took.
type Visit struct {
	Record   Record
	Found    []string
	Requests int
}

// Visitor fetches pages with retries and turns responses into Visits. It is safe for
// concurrent use; both crawlers share this code and differ only in how they schedule it.
type Visitor struct {
	Client  *http.Client
	Timeout time.Duration
	Retries int
	MaxBody int64
	Log     io.Writer // "Visiting <url>" per request, as the seed printed; nil for silence
	Origin  string

	// Requests in flight now and at most, to check that a scheduler respects --workers.
	inFlight, maxInFlight atomic.Int64
}

// NewVisitor builds the visitor both commands use: one Transport shared by every request.
func NewVisitor(o Options, maxIdlePerHost int, log io.Writer) (*Visitor, error) {
	t, err := NewTransport(o.CA, maxIdlePerHost)
	if err != nil {
		return nil, err
	}
	return &Visitor{
		Client: NewClient(t), Timeout: o.Timeout, Retries: o.Retries, MaxBody: o.MaxBodyBytes,
		Log: log, Origin: o.Start.Origin(),
	}, nil
}

// MaxInFlight is the most requests that were ever in flight at once.
func (v *Visitor) MaxInFlight() int64 { return v.maxInFlight.Load() }

// The reference crawler's request headers. gzip and deflate only: the standard library has no
// brotli decoder, and advertising only what we decode keeps `decode` errors meaningful.
const (
	acceptHeader    = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"
	acceptEncoding  = "gzip, deflate"
	userAgentHeader = "crawlbench/0.1 (+https://github.com/crawlbench)"
)

// NewTransport clones http.DefaultTransport, keeping its settings (keep-alive, idle pool,
// dial and TLS handshake timeouts) and changing only what the contract needs: our own CA, and
// no transparent gzip, because the body size cap and `decode` errors apply to the decoded bytes
// we count ourselves. maxIdlePerHost 0 keeps the default (2), as the seed had it.
func NewTransport(caPath string, maxIdlePerHost int) (*http.Transport, error) {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DisableCompression = true
	if maxIdlePerHost > 0 {
		t.MaxIdleConnsPerHost = maxIdlePerHost
		if t.MaxIdleConns < maxIdlePerHost {
			t.MaxIdleConns = maxIdlePerHost
		}
	}
	if caPath != "" {
		pem, err := os.ReadFile(caPath)
		if err != nil {
			return nil, err
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("no PEM certificate in %s", caPath)
		}
		t.TLSClientConfig = &tls.Config{RootCAs: pool}
	}
	return t, nil
}

// NewClient wraps the shared transport; redirects are recorded, never followed.
func NewClient(t http.RoundTripper) *http.Client {
	return &http.Client{
		Transport:     t,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Visit fetches u and classifies the outcome. Network trouble never fails the crawl: it ends
// up in Record.Error.
func (v *Visitor) Visit(url string) Visit {
	started := time.Now()
	u, ok := ParseURL(url, nil)
	if !ok { // callers only pass normalized http(s) URLs
		panic("crawl: Visit of a URL that does not parse: " + url)
	}
	var a attempt
	var total int64
	requests := 0
	for n := 0; ; n++ {
		if v.Log != nil {
			fmt.Fprintln(v.Log, "Visiting", url)
		}
		for n, m := v.inFlight.Add(1), v.maxInFlight.Load(); n > m && !v.maxInFlight.CompareAndSwap(m, n); {
			m = v.maxInFlight.Load()
		}
		a = v.fetchOnce(url)
		v.inFlight.Add(-1)
		requests++
		total += a.bytes
		if n >= v.Retries || !a.retryable() {
			break
		}
		// 50 ms, 100 ms, 200 ms… capped at a second.
		time.Sleep(min(time.Second, 50*time.Millisecond<<n))
	}
	rec := Record{URL: url, Status: a.status, Bytes: total, Ms: float64(time.Since(started).Microseconds()) / 1000}
	var found []string
	switch {
	case a.err != "":
		rec.Error = a.err
	case isRedirect(a.status) && a.hasLocation:
		if target, ok := ParseURL(a.location, u); ok {
			rec.RedirectTo = target.String()
			if target.Origin() == v.Origin {
				found = []string{rec.RedirectTo}
			}
		}
	case a.status >= 200 && a.status < 300 && a.html != nil:
		found = ExtractLinks(*a.html, u)
	}
	rec.Links = len(found)
	return Visit{Record: rec, Found: found, Requests: requests}
}

type attempt struct {
	status      int
	bytes       int64
	location    string
	hasLocation bool
	html        *string // the decoded body of a complete 2xx-or-not text/html response
	err         string
}

// retryable: likely transient and cheap to find out. Not a timeout (it already cost the whole
// timeout), nor too-large, tls, decode or dns, which repeat exactly.
func (a attempt) retryable() bool {
	if a.err != "" {
		return a.err == "reset" || a.err == "refused" || a.err == "network"
	}
	return a.status >= 500 || a.status == 429
}

var htmlType = regexp.MustCompile(`(?i)^\s*text/html\s*(;|$)`)

func (v *Visitor) fetchOnce(url string) attempt {
	// The deadline covers connecting, headers and the whole body: a body trickling one byte at
	// a time never trips an idle timeout, but does trip this.
	ctx, cancel := context.WithTimeout(context.Background(), v.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return attempt{err: "network"}
	}
	req.Header.Set("Accept", acceptHeader)
	req.Header.Set("Accept-Encoding", acceptEncoding)
	req.Header.Set("User-Agent", userAgentHeader)
	resp, err := v.Client.Do(req)
	if err != nil {
		return attempt{err: classify(ctx, err)}
	}
	defer resp.Body.Close()
	a := attempt{status: resp.StatusCode}
	a.location = resp.Header.Get("Location")
	_, a.hasLocation = resp.Header["Location"]
	encoding := resp.Header.Get("Content-Encoding")
	if encoding == "" && resp.ContentLength > v.MaxBody {
		// Declared too large: do not read a byte (closing the body drops the connection).
		a.err = "too-large"
		return a
	}
	contentType := resp.Header.Get("Content-Type")
	isHTML := htmlType.MatchString(contentType)

	// Transport errors are remembered below the decoders, so that a body breaking off is told
	// apart from a corrupt gzip stream.
	raw := &errRecorder{r: resp.Body}
	body, ok := decoder(raw, encoding)
	if !ok {
		if raw.err != nil {
			a.err = classify(ctx, raw.err)
		} else {
			a.err = "decode"
		}
		return a
	}
	var buf *bytes.Buffer
	sink := io.Discard
	if isHTML {
		buf = new(bytes.Buffer)
		sink = buf
	}
	// Read one byte past the cap to know whether the body exceeds it.
	n, err := io.Copy(sink, io.LimitReader(body, v.MaxBody+1))
	a.bytes = n
	switch {
	case raw.err != nil:
		a.err = classify(ctx, raw.err)
	case err != nil:
		a.err = "decode"
	case n > v.MaxBody:
		a.err = "too-large"
	case isHTML:
		text := decodeText(buf.Bytes(), contentType)
		a.html = &text
	}
	return a
}

// errRecorder passes reads through and keeps the first transport error (not io.EOF).
type errRecorder struct {
	r   io.Reader
	err error
}

func (e *errRecorder) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF && e.err == nil {
		e.err = err
	}
	return n, err
}

// decoder undoes Content-Encoding, codings in reverse order of application (RFC 9110 §8.4).
// gzip and deflate both accept either framing, as zlib's "unzip" does: servers disagree about
// what "deflate" means. ok=false for a coding we cannot undo or a header that does not parse.
func decoder(r io.Reader, contentEncoding string) (io.Reader, bool) {
	codings := strings.Split(contentEncoding, ",")
	for i := len(codings) - 1; i >= 0; i-- {
		switch strings.ToLower(strings.TrimSpace(codings[i])) {
		case "", "identity":
		case "gzip", "x-gzip", "deflate":
			br := bufio.NewReader(r)
			magic, err := br.Peek(2)
			if err != nil && len(magic) < 2 {
				if err == io.EOF && len(magic) == 0 {
					r = br // an empty body decodes to nothing, as zlib's unzip allows
					continue
				}
				return nil, false
			}
			if magic[0] == 0x1f && magic[1] == 0x8b {
				if r, err = gzip.NewReader(br); err != nil {
					return nil, false
				}
			} else if r, err = zlib.NewReader(br); err != nil {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	return r, true
}

// decodeText honours charset= when it names a known encoding; UTF-8 otherwise.
func decodeText(data []byte, contentType string) string {
	if _, params, ok := strings.Cut(contentType, ";"); ok {
		for _, p := range strings.Split(params, ";") {
			k, val, _ := strings.Cut(strings.TrimSpace(p), "=")
			if !strings.EqualFold(strings.TrimSpace(k), "charset") {
				continue
			}
			label := strings.ToLower(strings.Trim(strings.TrimSpace(val), `"`))
			if label == "utf-8" || label == "utf8" || label == "" {
				break
			}
			if enc, _ := charset.Lookup(label); enc != nil {
				if out, err := enc.NewDecoder().Bytes(data); err == nil {
					return string(out)
				}
			}
			break
		}
	}
	return string(data)
}

// classify maps a client error to the contract's error kinds. Our own deadline wins over
// whatever error it caused (a cancelled read surfaces as many different errors).
func classify(ctx context.Context, err error) string {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
		return "timeout"
	}
	var dnsErr *net.DNSError
	var unknownAuthority x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verification *tls.CertificateVerificationError
	var recordHeader tls.RecordHeaderError
	var alert tls.AlertError
	var netErr net.Error
	switch {
	case errors.As(err, &dnsErr):
		if dnsErr.IsTimeout {
			return "timeout"
		}
		return "dns"
	case errors.As(err, &verification), errors.As(err, &unknownAuthority), errors.As(err, &hostname),
		errors.As(err, &invalid), errors.As(err, &recordHeader), errors.As(err, &alert):
		return "tls"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "refused"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE), errors.Is(err, syscall.ECONNABORTED),
		// A body shorter than its Content-Length, or a connection closed before any response.
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "reset"
	case errors.As(err, &netErr) && netErr.Timeout():
		return "timeout" // the transport's own dial or TLS handshake timeout
	}
	if strings.Contains(err.Error(), "tls: ") {
		return "tls"
	}
	return "network"
}

func isRedirect(status int) bool {
	switch status {
	case 301, 302, 303, 307, 308:
		return true
	}
	return false
}
