/**
 * The HTML report as a user's browser shows it: opened from file:// in headless Chromium, offline.
 * Skipped (never passed) where no browser is installed: `apt-get install chromium` or CHROME_PATH.
 */
// DOM types for the callbacks of page.evaluate, which run in the browser:
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_INSTALL_HINT, findBrowserExecutable, launchHeadlessBrowser } from '../harness/export/headless-browser.js';
import { writeReport } from '../harness/export/write-report.js';
import { HOSTILE_MARKUP, HOSTILE_URL, makeSampleHistory, makeSampleResults, withHostileImpl } from './helpers.js';

/** Kept after the run (overwritten by the next) so a person can open the report and its screenshot. */
const OUT_DIR = join(tmpdir(), 'crawlbench-report-browser');

const executable = findBrowserExecutable();
if (executable === null) console.warn(`report-browser: SKIPPED, no browser: ${BROWSER_INSTALL_HINT}`);

interface CanvasInk {
  id: string;
  width: number;
  height: number;
  /** Pixels that are not fully transparent. */
  inked: number;
  /** Distinct colours among sampled pixels. */
  colours: number;
}

describe.skipIf(executable === null)('report.html in headless Chromium (apt-get install chromium)', () => {
  let browser: Browser;
  const results = withHostileImpl(makeSampleResults());
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  let htmlPath = '';
  let canvases: CanvasInk[] = [];
  let xss: unknown;
  let tableRows = 0;
  let notableRows: string[] = [];

  beforeAll(async () => {
    await rm(OUT_DIR, { recursive: true, force: true });
    const written = await writeReport(OUT_DIR, results, makeSampleHistory(5));
    htmlPath = written.html;
    browser = await launchHeadlessBrowser(executable);
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="true"]', { timeout: 20_000 });
    canvases = await page.evaluate(() =>
      [...document.querySelectorAll('canvas')].map((canvas, i) => {
        const context = canvas.getContext('2d');
        const { width, height } = canvas;
        const data = context?.getImageData(0, 0, width, height).data ?? new Uint8ClampedArray();
        let inked = 0;
        const colours = new Set<number>();
        for (let p = 0; p < data.length; p += 4) {
          if ((data[p + 3] ?? 0) === 0) continue;
          inked += 1;
          if (p % 64 === 0) colours.add(((data[p] ?? 0) << 16) | ((data[p + 1] ?? 0) << 8) | (data[p + 2] ?? 0));
        }
        return { id: canvas.id || `canvas #${i}`, width, height, inked, colours: colours.size };
      }),
    );
    xss = await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
    tableRows = await page.locator('#summary tbody tr').count();
    expect(await page.getByText(HOSTILE_MARKUP, { exact: false }).first().isVisible()).toBe(true);
    expect(await page.getByText(HOSTILE_URL, { exact: false }).first().isVisible()).toBe(true);
    expect(await page.locator('img').count()).toBe(0);
    // The fixture's payload page, listed among the edge cases, is a row of text like any other.
    notableRows = await page.locator('#notable-pages tbody tr').allTextContents();
    await page.screenshot({ path: join(OUT_DIR, 'report.png'), fullPage: true });
    console.info(`report-browser: ${htmlPath} and its screenshot report.png`);
    await page.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no console error and no page error', () => {
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('requests nothing but the file itself', () => {
    expect(requests).toEqual([pathToFileURL(htmlPath).href]);
  });

  it('draws every chart: each canvas has ink in several colours', () => {
    // 3 wall-time panels, RSS, PSS, timeline, scaling, CPU, 3 trend charts.
    expect(canvases).toHaveLength(11);
    for (const canvas of canvases) {
      expect(canvas.width, canvas.id).toBeGreaterThan(100);
      expect(canvas.inked, `${canvas.id} is blank`).toBeGreaterThan(canvas.width * canvas.height * 0.005);
      expect(canvas.colours, `${canvas.id} is one flat colour`).toBeGreaterThan(3);
    }
  });

  it('has one summary-table row per configuration', () => {
    expect(tableRows).toBe(results.configs.length);
  });

  it("lists the fixture's edge-case pages as text, the payload URL among them", () => {
    expect(notableRows).toHaveLength(4);
    expect(notableRows.some((row) => row.includes(new URL(HOSTILE_URL).pathname))).toBe(true);
    expect(notableRows.some((row) => row.includes('no response') && row.includes('timeout'))).toBe(true);
  });

  it('shows markup from results as text and never runs it', () => {
    expect(xss).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});

// Reported as skipped with the reason, so a missing browser never reads as a pass.
it.skipIf(executable !== null)(`report.html in a browser: SKIPPED, ${BROWSER_INSTALL_HINT}`, () => {});
