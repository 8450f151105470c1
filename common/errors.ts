/**
 * One error base class with a stable `code`, one subclass per kind of failure the user can cause
 * or meet (the shape of undici's lib/core/errors.js). Messages say what to do next; the CLI maps
 * `exitCode` to the process status and prints only the message.
 */
export class CrawlbenchError extends Error {
  readonly code: string;
  /** Process exit status a CLI should use for this failure. */
  readonly exitCode: number;

  constructor(message: string, code: string, exitCode: number) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** A flag or option value that is not valid. Nothing was started. */
export class InvalidArgumentError extends CrawlbenchError {
  constructor(message: string) {
    super(message, 'CB_INVALID_ARGUMENT', 2);
  }
}

/** The start URL could not be fetched at all (refused, DNS, TLS, timeout). */
export class UnreachableError extends CrawlbenchError {
  constructor(message: string) {
    super(message, 'CB_UNREACHABLE', 1);
  }
}

/** An input file (results.json, baseline, CA) is missing, unreadable or malformed. */
export class BadInputFileError extends CrawlbenchError {
  constructor(message: string) {
    super(message, 'CB_BAD_INPUT_FILE', 2);
  }
}

/** The fixture server a bench needs could not be started; nothing was measured. */
export class FixtureStartError extends CrawlbenchError {
  constructor(message: string) {
    super(message, 'CB_FIXTURE_START', 1);
  }
}
