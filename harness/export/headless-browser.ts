/**
 * Finds and launches the headless Chromium used to check and screenshot reports. Debian's
 * `chromium` package is the default; CHROME_PATH points at any other build.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { BrowserUnavailableError } from '../../common/errors.js';

/** What to install when no browser is found. */
export const BROWSER_INSTALL_HINT = 'install one with `apt-get install chromium`, or set CHROME_PATH to a Chromium/Chrome binary';

const DEFAULT_BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * The browser binary to use, or null when none is installed. A CHROME_PATH that is set is the
 * user's choice: when it is not an executable file this throws rather than quietly use another
 * browser than the one asked for.
 */
export function findBrowserExecutable(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.CHROME_PATH;
  if (chosen !== undefined && chosen !== '') {
    const problem = executableProblem(chosen);
    if (problem !== null) throw new BrowserUnavailableError(`CHROME_PATH=${chosen} ${problem}: point it at a Chromium/Chrome binary, or unset it to use /usr/bin/chromium`);
    return chosen;
  }
  return DEFAULT_BROWSERS.find((path) => executableProblem(path) === null) ?? null;
}

/** Headless, offline-minded flags: no sandbox (containers), no background traffic to Google. */
export async function launchHeadlessBrowser(executablePath: string | null = findBrowserExecutable()): Promise<Browser> {
  if (executablePath === null) throw new BrowserUnavailableError(`no browser found: ${BROWSER_INSTALL_HINT}`);
  try {
    return await chromium.launch({
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (error) {
    // Playwright's message is its whole launch log (flags, the browser's stderr); its first line says what failed.
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim() ?? '';
    throw new BrowserUnavailableError(`the browser ${executablePath} did not start (${first}): ${BROWSER_INSTALL_HINT}`);
  }
}

/** Why `path` cannot be a browser binary, or null when it is an executable file. */
function executableProblem(path: string): string | null {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return 'does not exist';
  if (!stat.isFile()) return 'is not a file';
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return 'is not executable';
  }
  return null;
}
