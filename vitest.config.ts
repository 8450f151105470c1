import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Crawls against a latency-emulating fixture take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Benchmarks and crawls compete for 2 cores; running files one at a time keeps them honest.
    fileParallelism: false,
  },
});
