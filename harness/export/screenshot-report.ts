/**
 * Renders a report.html in headless Chromium and saves a full-page PNG: the picture in docs/ and
 * the check that the charts actually draw.
 */
import { pathToFileURL } from 'node:url';
import { launchHeadlessBrowser } from './headless-browser.js';

export interface ScreenshotOptions {
  /** Viewport width in CSS pixels. @default 1366 (a common laptop) */
  widthPx?: number;
  /** Viewport height; the screenshot covers the full page regardless. @default 900 */
  heightPx?: number;
}

export async function screenshotReport(htmlPath: string, pngPath: string, options: ScreenshotOptions = {}): Promise<void> {
  const browser = await launchHeadlessBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: options.widthPx ?? 1366, height: options.heightPx ?? 900 } });
    // The report needs nothing from any network; refuse everything but the file itself.
    await page.route(/^(?!file:)/, (route) => route.abort());
    await page.goto(pathToFileURL(htmlPath).href);
    await page.waitForSelector('html[data-ready="true"]');
    await page.screenshot({ path: pngPath, fullPage: true });
  } finally {
    await browser.close();
  }
}
