package crawl

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

// Options are the command line every native crawler takes.
type Options struct {
	Start        *URL
	Workers      int
	Timeout      time.Duration
	Retries      int
	MaxPages     int
	MaxBodyBytes int64
	CA           string
	Out          string
}

// ParseOptions parses args (without the program name). On --help it prints usage to stdout and
// exits 0; on a bad flag it prints one line to stderr and exits 2.
func ParseOptions(name string, args []string) Options {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported below as one line
	url := fs.String("url", "", "start URL (http or https); its origin is the crawl's scope")
	workers := fs.Int("workers", 10, "most requests in flight")
	timeoutMs := fs.Int("timeout-ms", 10000, "per request: connect, headers and the whole body")
	retries := fs.Int("retries", 2, "extra attempts after a network error, a 5xx or a 429")
	maxPages := fs.Int("max-pages", 100000, "stop admitting URLs after this many")
	maxBody := fs.Int64("max-body-bytes", 10<<20, "larger decoded bodies end as too-large")
	ca := fs.String("ca", "", "PEM CA to trust (empty: the system roots)")
	out := fs.String("out", "", "where to write the result JSON")
	fail := func(format string, a ...any) {
		fmt.Fprintf(os.Stderr, "%s: "+format+"\n", append([]any{name}, a...)...)
		os.Exit(2)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Printf("usage: %s --url URL --workers N --timeout-ms N --retries N --max-pages N --max-body-bytes N --ca PATH --out FILE\n", name)
			fs.SetOutput(os.Stdout)
			fs.PrintDefaults()
			os.Exit(0)
		}
		fail("%v", err)
	}
	switch {
	case fs.NArg() > 0:
		fail("unexpected argument %q", fs.Arg(0))
	case *url == "":
		fail("--url is required")
	case *out == "":
		fail("--out is required")
	case *workers < 1:
		fail("--workers must be at least 1")
	case *timeoutMs < 1:
		fail("--timeout-ms must be at least 1")
	case *retries < 0:
		fail("--retries must not be negative")
	case *maxPages < 1:
		fail("--max-pages must be at least 1")
	case *maxBody < 0:
		fail("--max-body-bytes must not be negative")
	}
	start, ok := ParseURL(*url, nil)
	if !ok {
		fail("--url must be an http or https URL, got %q", *url)
	}
	return Options{
		Start: start, Workers: *workers, Timeout: time.Duration(*timeoutMs) * time.Millisecond,
		Retries: *retries, MaxPages: *maxPages, MaxBodyBytes: *maxBody, CA: *ca, Out: *out,
	}
}

// Result is the --out JSON.
type Result struct {
	Pages []Record `json:"pages"`
	Stats Stats    `json:"stats"`
}

// Stats: requests sent including retries, and the crawl's wall time in milliseconds.
type Stats struct {
	Requests   int     `json:"requests"`
	DurationMs float64 `json:"durationMs"`
}

// WriteResult writes the JSON next to path and renames it into place, so a reader never sees
// half a file.
func WriteResult(path string, r Result) error {
	if r.Pages == nil {
		r.Pages = []Record{}
	}
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Millis converts a duration to float milliseconds with microsecond precision.
func Millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
