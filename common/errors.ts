/**
 * One error base class with a stable `code`, one subclass per kind of failure the user can cause
 * or meet (the shape of undici's lib/core/errors.js). Messages say what to do next; the CLI
 * (cli/run-cli.ts) prints `name: message [code]` on one line and exits with `EXIT_STATUS[code]`.
 */

/** Exit status per code: 2 bad input (fix the command and run again), 1 the job ran and failed. */
export const EXIT_STATUS = {
  /** A flag or option value that is not valid. */
  CB_INVALID_ARGUMENT: 2,
  /** An input file (results.json, baseline, CA) is missing, unreadable or malformed. */
  CB_BAD_INPUT_FILE: 2,
  /** An output path cannot be written (not a directory, read-only, a pseudo file system). */
  CB_UNWRITABLE_OUTPUT: 2,
  /** Compiled files in dist/ are missing or older than their sources. */
  CB_STALE_BUILD: 2,
  /** A tool the command needs (a browser, a toolchain, a runtime) is not installed or does not run. */
  CB_MISSING_TOOL: 2,
  /** The command needs a privilege this process lacks (root, for network-namespace hosts). */
  CB_PRIVILEGE_REQUIRED: 2,
  /** The start URL could not be fetched at all. */
  CB_UNREACHABLE: 1,
  /** The fixture server a bench needs could not be started. */
  CB_FIXTURE_START: 1,
  /** Workers of a thread or process crawler could not start. */
  CB_WORKER_START: 1,
  /** The private redis-server of a distributed crawl could not be started, or a given Redis not reached. */
  CB_REDIS_START: 1,
  /** The network namespaces of a distributed crawl's hosts could not be set up, or not all deleted. */
  CB_HOST_NETWORK: 1,
  /** A command crawler exited with an error or printed no usable result. */
  CB_CRAWLER_FAILED: 1,
  /** No browser for the report checks and screenshots, or CHROME_PATH is not one that starts. */
  CB_NO_BROWSER: 2,
  /** The base of an A/B bench (`--against`) could not be checked out, installed or built: no verdict on the head. */
  CB_BASE_BUILD: 2,
} as const;

export type ErrorCode = keyof typeof EXIT_STATUS;

export class CrawlbenchError extends Error {
  readonly code: ErrorCode;

  constructor(message: string, code: ErrorCode) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }

  /** Process exit status a CLI should use for this failure. */
  get exitCode(): number {
    return EXIT_STATUS[this.code];
  }
}

/** A flag or option value that is not valid. Nothing was started. */
export class InvalidArgumentError extends CrawlbenchError {
  constructor(message: string) {
    super(message, 'CB_INVALID_ARGUMENT');
  }
}

/** An input file (results.json, baseline, CA) is missing, unreadable or malformed. */
export class BadInputFileError extends CrawlbenchError {
  constructor(message: string) {
    super(message, 'CB_BAD_INPUT_FILE');
  }
}

/** An output file or directory cannot be written; checked before anything is measured where it can be. */
export class UnwritableOutputError extends CrawlbenchError {
  constructor(message: string) {
    super(message, 'CB_UNWRITABLE_OUTPUT');
  }
}

/** dist/ does not match the sources: `npm run build` fixes it. */
export class StaleBuildError extends CrawlbenchError {
  constructor(message: string) {
    super(message, 'CB_STALE_BUILD');
  }
}

/** A browser, toolchain or runtime the command needs is missing or does not run. */
export class MissingToolError extends CrawlbenchError {
  constructor(message: string) {
    super(message, 'CB_MISSING_TOOL');
  }
}

/** The command needs a privilege this process lacks (root, for `--hosts netns`); nothing was started. */
export class PrivilegeRequiredError extends CrawlbenchError {
  constructor(message: string) {
    super(message, 'CB_PRIVILEGE_REQUIRED');
  }
}

/** The start URL could not be fetched at all (refused, DNS, TLS, timeout). */
export class UnreachableError extends CrawlbenchError {
  constructor(message: string) {
    super(message, 'CB_UNREACHABLE');
  }
}

/** The fixture server a bench needs could not be started; nothing was measured. */
export class FixtureStartError extends CrawlbenchError {
  constructor(message: string) {
    super(message, 'CB_FIXTURE_START');
  }
}

/** The workers of a thread or process crawler exited before they were ready. */
export class WorkerStartError extends CrawlbenchError {
  constructor(message: string) {
    super(message, 'CB_WORKER_START');
  }
}

/** The distributed crawler's Redis could not be started (private redis-server) or reached (`redisUrl`). */
export class RedisStartError extends CrawlbenchError {
  constructor(message: string) {
    super(message, 'CB_REDIS_START');
  }
}

/** The network namespaces, veth links or bridge of a distributed crawl's hosts could not be set up or deleted. */
export class HostNetworkError extends CrawlbenchError {
  constructor(message: string) {
    super(message, 'CB_HOST_NETWORK');
  }
}

/** A command crawler (native or the user's) failed: not found, crashed, or printed no usable result. */
export class CrawlerFailedError extends CrawlbenchError {
  constructor(message: string) {
    super(message, 'CB_CRAWLER_FAILED');
  }
}

/** No usable browser for the report checks and screenshots: none installed, or CHROME_PATH is not one. */
export class BrowserUnavailableError extends CrawlbenchError {
  constructor(message: string) {
    super(message, 'CB_NO_BROWSER');
  }
}

/**
 * The base of an A/B bench (`bench --against REF`) could not be checked out, installed or built,
 * or is too old to be measured: reported as such (exit 2), never as a regression of the head.
 */
export class BaseBuildError extends CrawlbenchError {
  constructor(message: string) {
    super(message, 'CB_BASE_BUILD');
  }
}
