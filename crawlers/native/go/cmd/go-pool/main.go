// Command go-pool is the idiomatic variant beside the faithful port: a fixed pool of W worker
// goroutines reading URLs from a channel, and one coordinator goroutine (main) that owns the
// visited set and the frontier, so no lock is needed and a duplicate link costs a map lookup
// instead of a goroutine. Its Transport keeps up to W idle connections per host, so W workers
// reuse W keep-alive connections instead of redialling all but two after every response.
// Fetching, parsing and normalization are the same code as the port's (internal/crawl).
package main

import (
	"fmt"
	"os"
	"time"

	"crawlbench/native-go/internal/crawl"
)

func main() {
	opts := crawl.ParseOptions("go-pool", os.Args[1:])
	visitor, err := crawl.NewVisitor(opts, opts.Workers, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "go-pool:", err)
		os.Exit(2)
	}

	// Unbuffered: a URL is handed to a worker only when one is free, so the frontier stays in
	// the coordinator's slice and a worker never holds more than the URL it is fetching.
	jobs := make(chan string)
	results := make(chan crawl.Visit, opts.Workers)
	for range opts.Workers {
		go func() {
			for url := range jobs {
				results <- visitor.Visit(url)
			}
		}()
	}

	started := time.Now()
	start := opts.Start.String()
	visited := map[string]bool{start: true}
	frontier := []string{start}
	inFlight := 0
	var records []crawl.Record
	requests := 0
	for len(frontier) > 0 || inFlight > 0 {
		// A nil channel never sends: with an empty frontier the select only waits for results.
		var send chan<- string
		var next string
		if len(frontier) > 0 {
			send, next = jobs, frontier[0]
		}
		select {
		case send <- next:
			frontier = frontier[1:]
			inFlight++
		case v := <-results:
			inFlight--
			records = append(records, v.Record)
			requests += v.Requests
			for _, link := range v.Found {
				if !visited[link] && len(visited) < opts.MaxPages {
					visited[link] = true
					frontier = append(frontier, link)
				}
			}
		}
	}
	close(jobs)
	duration := time.Since(started)

	result := crawl.Result{Pages: records, Stats: crawl.Stats{Requests: requests, DurationMs: crawl.Millis(duration)}}
	if err := crawl.WriteResult(opts.Out, result); err != nil {
		fmt.Fprintln(os.Stderr, "go-pool:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "go-pool: %d pages, %d requests, %.1f ms, at most %d requests in flight\n",
		len(records), requests, crawl.Millis(duration), visitor.MaxInFlight())
}
