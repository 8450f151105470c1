// Command go is the faithful port of the article's Go crawler: one goroutine per discovered
// link, unbounded; each goroutine first takes a slot of a buffered-channel semaphore of size W,
// then crawls; a sync.WaitGroup waits for all of them. The visited set is a map behind a
// sync.RWMutex checked at the top of crawl(), so every duplicate link still costs a goroutine
// and a wait for a slot: that is the pattern being measured. The client is the seed's too: one
// shared copy of http.DefaultTransport with its default of 2 idle connections per host.
package main

import (
	"fmt"
	"os"
	"sync"
	"time"

	"crawlbench/native-go/internal/crawl"
)

type crawler struct {
	visitor  *crawl.Visitor
	maxPages int
	sem      chan struct{} // W slots: at most W crawls (so requests) at once
	wg       sync.WaitGroup

	mu      sync.RWMutex
	visited map[string]bool

	resultsMu sync.Mutex
	records   []crawl.Record
	requests  int
}

// spawn starts the goroutine for one discovered link, as the seed did for every link found.
func (c *crawler) spawn(url string) {
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		c.sem <- struct{}{}
		defer func() { <-c.sem }()
		c.crawl(url)
	}()
}

func (c *crawler) crawl(url string) {
	// The seed's check: a read-locked look first (cheap for the many duplicates), then the
	// check-and-set under the write lock, so that two goroutines holding the same URL cannot
	// both fetch it.
	c.mu.RLock()
	seen := c.visited[url]
	c.mu.RUnlock()
	if seen {
		return
	}
	c.mu.Lock()
	if c.visited[url] || len(c.visited) >= c.maxPages {
		c.mu.Unlock()
		return
	}
	c.visited[url] = true
	c.mu.Unlock()

	v := c.visitor.Visit(url)
	c.resultsMu.Lock()
	c.records = append(c.records, v.Record)
	c.requests += v.Requests
	c.resultsMu.Unlock()
	for _, link := range v.Found {
		c.spawn(link)
	}
}

func main() {
	opts := crawl.ParseOptions("go", os.Args[1:])
	// 0: keep DefaultTransport's MaxIdleConnsPerHost (2), as the seed ran.
	visitor, err := crawl.NewVisitor(opts, 0, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "go:", err)
		os.Exit(2)
	}
	c := &crawler{
		visitor:  visitor,
		maxPages: opts.MaxPages,
		sem:      make(chan struct{}, opts.Workers),
		visited:  make(map[string]bool),
	}
	started := time.Now()
	c.spawn(opts.Start.String())
	c.wg.Wait()
	duration := time.Since(started)

	result := crawl.Result{Pages: c.records, Stats: crawl.Stats{Requests: c.requests, DurationMs: crawl.Millis(duration)}}
	if err := crawl.WriteResult(opts.Out, result); err != nil {
		fmt.Fprintln(os.Stderr, "go:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "go: %d pages, %d requests, %.1f ms, at most %d requests in flight\n",
		len(c.records), c.requests, crawl.Millis(duration), visitor.MaxInFlight())
}
