/**
 * Finds and launches the headless Chromium used to check and screenshot reports. Debian's
 * `chromium` package is the default; CHROME_PATH points at any other build.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { MissingToolError } from '../../common/errors.js';

/** What to install when no browser is found. */
export const BROWSER_INSTALL_HINT = 'install one with `apt-get install chromium`, or set CHROME_PATH to a Chromium/Chrome binary';

/** The browser binary to use, or null when none is installed. */
export function findBrowserExecutable(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path)) ?? null;
}

/** Headless, offline-minded flags: no sandbox (containers), no background traffic to Google. */
export async function launchHeadlessBrowser(executablePath: string | null = findBrowserExecutable()): Promise<Browser> {
  if (executablePath === null) throw new MissingToolError(`no browser found: ${BROWSER_INSTALL_HINT}`);
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
