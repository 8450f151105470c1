import { defineConfig } from 'vitest/config';

/**
 * The `unit` project: pure functions and in-process checks (in-process servers without emulated
 * latency included), seconds in all, no child process, no browser. Every other test file is `e2e`,
 * so a new file is treated as slow until it is listed here.
 */
const UNIT_TESTS = [
  'ab-bench-flags',
  'ab-gate-layers',
  'ab-paired-statistics',
  'ab-results-sides',
  'bench-abort-listeners',
  'bench-max-pages-invalid',
  'check-number',
  'compare-bootstrap',
  'compare-false-alarm',
  'compare-format',
  'compare-mann-whitney',
  'crawl-loop-scheduling',
  'crawl-options-validation',
  'export-console',
  'export-html',
  'export-markdown',
  'export-report-model',
  'fetch-page-responses',
  'fixture-ground-truth',
  'fixture-page-cache',
  'fixture-server-faults',
  'fixture-server-responses',
  'fixture-site-links',
  'frontier-dedupe',
  'harness-statistics',
  'house-layering',
  'command-template',
  'results-store-integrity',
  'results-runtime-identity',
  'schedule-bound',
  'links-extract',
  'links-scan-equivalence',
  'output-path-refusals',
  'page-charset-sniffing',
  'pool-memory-refusal',
  'supervised-pool-restarts',
  'supervised-visit-message',
  'supervised-worker-bundle',
  'url-normalize',
  'visit-page-records',
].map((name) => `test/${name}.test.ts`);

/**
 * Both projects need dist/: e2e spawns compiled code, and the HTML report (unit's export tests)
 * inlines the compiled page script from dist/page/. The setup builds when a source is newer than
 * its output, or fails naming the stale file; when nothing is stale it builds nothing.
 */
const GLOBAL_SETUP = ['test/global-setup.ts'];

export default defineConfig({
  test: {
    // Crawls against a latency-emulating fixture take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: UNIT_TESTS,
          globalSetup: GLOBAL_SETUP,
          // Before e2e, never beside it: e2e measures crawls and must have both cores.
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          exclude: UNIT_TESTS,
          globalSetup: GLOBAL_SETUP,
          // Benchmarks and crawls compete for 2 cores; running files one at a time keeps them honest.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
