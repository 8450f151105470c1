/**
 * Reading a file the user named (results, history, a CA), with one wording for what went wrong:
 * "cannot read the CA file x.pem: no such file or directory (give the path of a PEM certificate)".
 */
import { readFile } from 'node:fs/promises';
import { BadInputFileError } from './errors.js';

/** A file-system error as a few words a user can act on; other errors as their message. */
export function describeFsError(error: unknown): string {
  const code = errorCode(error);
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  return error instanceof Error ? error.message : String(error);
}

/** The `code` of a Node.js system error (`ENOENT`, ...), undefined for anything else. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' ? (error as NodeJS.ErrnoException).code : undefined;
}

/**
 * @param what how the message names the file, e.g. `the CA file`; '' for just the path
 * @param hint what to do about it, appended in parentheses
 * @throws BadInputFileError when the file cannot be read, for whatever reason
 */
export async function readInputFile(file: string, what: string, hint?: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new BadInputFileError(`cannot read ${what === '' ? '' : `${what} `}${file}: ${describeFsError(error)}${hint === undefined ? '' : ` (${hint})`}`);
  }
}

/** The text of `file`, or null when it does not exist; every other error (EACCES, EIO) is thrown. */
export async function readFileIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}
