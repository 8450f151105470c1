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
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Chart as ChartClass } from 'chart.js';
import { BrowserUnavailableError } from '../common/errors.js';
import { distPath } from '../common/project-root.js';
import type { ReportModel } from '../harness/export/report-model.js';
import type { BenchResults } from '../harness/results/results.js';
import { statsOf } from './helpers/expected-stats.js';
import { BROWSER_INSTALL_HINT, findBrowserExecutable, launchHeadlessBrowser } from '../harness/export/headless-browser.js';
import { writeReport } from '../harness/export/write-report.js';
import { HOSTILE_MARKUP, HOSTILE_URL, makeSampleHistory, makeSampleResults, withHostileImpl, withNativeRace } from './helpers/sample-results.js';

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

// Without a browser the whole block is reported as skipped, its name giving the reason; with one, nothing is skipped.
describe.skipIf(executable === null)(`report.html in headless Chromium${executable === null ? `: SKIPPED, ${BROWSER_INSTALL_HINT}` : ''}`, () => {
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
    // 3 wall-time panels, 3 start-up panels, RSS, PSS, timeline, scaling, CPU, 3 trend charts.
    expect(canvases).toHaveLength(14);
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

/**
 * The sample as a real bench records it: PSS read every 250 ms, so only every fifth 50 ms point
 * has one; promise-pool@10 with one slow run far above its median; and the fixture's long
 * escaped payload URL among the edge cases.
 */
function withReportEdgeCases(results: BenchResults): BenchResults {
  return {
    ...results,
    notablePages: [...(results.notablePages ?? []), { url: '/docs/%3C%2Fscript%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', status: 200 }],
    configs: results.configs.map((config) => ({
      ...config,
      runs: config.runs.map((run) => ({ ...run, timeline: run.timeline.map((point, i) => ({ ...point, pssBytes: i % 5 === 0 ? point.pssBytes : null })) })),
      stats: config.impl === 'promise-pool' && config.workers === 10 ? { ...config.stats, durationMs: statsOf([1000, 1010, 1020, 1030, 4000]) } : config.stats,
    })),
  };
}

interface DrawnCharts {
  /** Coloured (not grey) pixels in the timeline's plot area with only the PSS lines shown. */
  timelinePss: { datasets: number; colouredPx: number; plotWidth: number };
  /** Per bar chart: its highest whisker end and the top of its value axis. */
  axes: { id: string; whiskerMax: number; axisMax: number }[];
  /** Per dashed legend entry: the most separate ink runs along any pixel row of its sample line. */
  legendDashes: { text: string; runs: number }[];
  /** The edge-case table's Error header and the box that clips it. */
  errorHeader: { right: number; boxRight: number; overflowPx: number };
}

describe.skipIf(executable === null)('report.html charts show what their captions say (headless Chromium)', () => {
  let browser: Browser;
  let drawn: DrawnCharts;

  beforeAll(async () => {
    const dir = join(OUT_DIR, 'edge-cases');
    await rm(dir, { recursive: true, force: true });
    const written = await writeReport(dir, withReportEdgeCases(makeSampleResults()), []);
    browser = await launchHeadlessBrowser(executable);
    // 1,280 px: the window width at which the edge-case table's Error column was cut off.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(written.html).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="true"]', { timeout: 20_000 });
    drawn = await page.evaluate((): DrawnCharts => {
      const chartJs = (window as unknown as { Chart: typeof ChartClass }).Chart;
      const model = JSON.parse(document.getElementById('report-model')?.textContent ?? '{}') as ReportModel;
      const chartOf = (canvas: Element | null): ChartClass => {
        const chart = canvas instanceof HTMLCanvasElement ? chartJs.getChart(canvas) : undefined;
        if (chart === undefined) throw new Error('no chart on this canvas');
        return chart;
      };
      const inked = (chart: ChartClass, x0: number, y0: number, w: number, h: number): Uint8ClampedArray => {
        const ratio = chart.currentDevicePixelRatio;
        return chart.ctx.getImageData(Math.round(x0 * ratio), Math.round(y0 * ratio), Math.max(1, Math.round(w * ratio)), Math.max(1, Math.round(h * ratio))).data;
      };

      const timeline = chartOf(document.getElementById('chart-timeline'));
      const area = timeline.chartArea;
      const labels = timeline.data.datasets.map((dataset) => dataset.label ?? '');
      for (const [i, label] of labels.entries()) timeline.setDatasetVisibility(i, label.endsWith(' PSS'));
      timeline.update();
      // Grid and axes are grey; the series are the implementations' colours.
      const plot = inked(timeline, area.left + 2, area.top, area.width - 2, area.height - 2);
      let colouredPx = 0;
      for (let p = 0; p < plot.length; p += 4) {
        const [r, g, b, a] = [plot[p] ?? 0, plot[p + 1] ?? 0, plot[p + 2] ?? 0, plot[p + 3] ?? 0];
        if (a > 128 && Math.max(r, g, b) - Math.min(r, g, b) > 60) colouredPx += 1;
      }
      for (const i of labels.keys()) timeline.setDatasetVisibility(i, true);
      timeline.update();

      const top = (values: (number | null)[]): number => Math.max(...values.filter((v): v is number => v !== null));
      const axes = [
        ...[...document.querySelectorAll('#wall-panels canvas')].map((canvas, i) => ({
          id: `wall time, ${model.workers[i]} workers`,
          chart: chartOf(canvas),
          whiskerMax: top(model.wallMs.map((series) => series.max[i] ?? null)),
        })),
        { id: 'peak RSS', chart: chartOf(document.getElementById('chart-rss')), whiskerMax: top(model.peakRssMib.flatMap((series) => series.max)) },
        { id: 'peak PSS', chart: chartOf(document.getElementById('chart-pss')), whiskerMax: top((model.peakPssMib ?? []).flatMap((series) => series.max)) },
        { id: 'CPU', chart: chartOf(document.getElementById('chart-cpu')), whiskerMax: top(model.cpuUserMs.flatMap((series) => series.max)) },
      ].map(({ id, chart, whiskerMax }) => ({ id, whiskerMax, axisMax: chart.scales.y?.max ?? Number.NaN }));

      const legendDashes = [chartOf(document.querySelector('#wall-panels canvas')), chartOf(document.getElementById('chart-scaling'))].flatMap((chart) => {
        const legend = chart.legend;
        const items = legend?.legendItems ?? [];
        const boxes = (legend as unknown as { legendHitBoxes?: { left: number; top: number; width: number; height: number }[] } | undefined)?.legendHitBoxes ?? [];
        return items.flatMap((item, i) => {
          const box = boxes[i];
          if (box === undefined || (item.lineDash ?? []).length === 0) return [];
          // The sample line is drawn in the first 30 px of the entry, the label after it.
          const width = 28;
          const data = inked(chart, box.left + 1, box.top, width, box.height);
          const rowPixels = Math.max(1, Math.round(width * chart.currentDevicePixelRatio));
          let runs = 0;
          for (let row = 0; row * rowPixels * 4 < data.length; row += 1) {
            let inRun = false;
            let rowRuns = 0;
            for (let x = 0; x < rowPixels; x += 1) {
              const ink = (data[(row * rowPixels + x) * 4 + 3] ?? 0) > 64;
              if (ink && !inRun) rowRuns += 1;
              inRun = ink;
            }
            runs = Math.max(runs, rowRuns);
          }
          return [{ text: item.text, runs }];
        });
      });

      const header = [...document.querySelectorAll('#notable-pages th')].find((th) => th.textContent === 'Error');
      const wrap = header?.closest('.table-wrap');
      return {
        timelinePss: { datasets: labels.filter((label) => label.endsWith(' PSS')).length, colouredPx, plotWidth: area.width },
        axes,
        legendDashes,
        errorHeader: {
          right: header?.getBoundingClientRect().right ?? Number.NaN,
          boxRight: wrap?.getBoundingClientRect().right ?? Number.NaN,
          overflowPx: wrap === null || wrap === undefined ? Number.NaN : wrap.scrollWidth - wrap.clientWidth,
        },
      };
    });
    await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    await page.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws the PSS line of "Memory during one crawl" although PSS is sampled only every fifth point', () => {
    const { datasets, colouredPx, plotWidth } = drawn.timelinePss;
    expect(datasets).toBeGreaterThan(0);
    // A dashed line across much of the plot (the shortest run ends early): a third of its width each.
    expect(colouredPx).toBeGreaterThan((plotWidth / 3) * datasets);
  });

  it('sizes every bar chart axis to its whiskers, not to the bars alone', () => {
    expect(drawn.axes.length).toBe(6);
    for (const { id, whiskerMax, axisMax } of drawn.axes) expect(axisMax, id).toBeGreaterThanOrEqual(whiskerMax);
  });

  it('shows dashed series as dashed lines in the legend', () => {
    expect(drawn.legendDashes.map((entry) => entry.text)).toEqual(['lower bound', 'upper bound (pages \u00f7 lower bound)']);
    for (const { text, runs } of drawn.legendDashes) expect(runs, text).toBeGreaterThanOrEqual(3);
  });

  it('keeps the Error column of the edge-case table inside its box at 1,280 px', () => {
    expect(drawn.errorHeader.overflowPx).toBeLessThanOrEqual(0);
    expect(drawn.errorHeader.right).toBeLessThanOrEqual(drawn.errorHeader.boxRight + 0.5);
  });
});

interface RaceView {
  /** Per start-up panel: its title, its bars' labels, and its ink. */
  panels: { title: string; labels: string[]; crawl: (number | null)[]; startupExit: (number | null)[]; inked: number; colours: number; width: number; height: number }[];
  raceSkipped: string[];
  bannerLines: string[];
  environment: string[];
  summaryNote: string;
  /** Any element wider than the page at 1,280 px. */
  pageOverflowPx: number;
}

describe.skipIf(executable === null)('report.html of the native race in headless Chromium', () => {
  const dir = join(OUT_DIR, 'race');
  let browser: Browser;
  let view: RaceView;
  const errors: string[] = [];

  beforeAll(async () => {
    await rm(dir, { recursive: true, force: true });
    const written = await writeReport(dir, withNativeRace(), []);
    browser = await launchHeadlessBrowser(executable);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(written.html).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="true"]', { timeout: 20_000 });
    view = await page.evaluate((): RaceView => {
      const chartJs = (window as unknown as { Chart: typeof ChartClass }).Chart;
      const panels = [...document.querySelectorAll('#startup-panels canvas')].map((canvas) => {
        const chart = canvas instanceof HTMLCanvasElement ? chartJs.getChart(canvas) : undefined;
        if (chart === undefined || !(canvas instanceof HTMLCanvasElement)) throw new Error('no chart on a start-up canvas');
        const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
        let inked = 0;
        const colours = new Set<number>();
        for (let p = 0; p < data.length; p += 4) {
          if ((data[p + 3] ?? 0) === 0) continue;
          inked += 1;
          if (p % 64 === 0) colours.add(((data[p] ?? 0) << 16) | ((data[p + 1] ?? 0) << 8) | (data[p + 2] ?? 0));
        }
        const values = (i: number): (number | null)[] => (chart.data.datasets[i]?.data ?? []).map((v) => (typeof v === 'number' ? v : null));
        const title = chart.options.plugins?.title?.text;
        return {
          title: typeof title === 'string' ? title : '',
          labels: (chart.data.labels ?? []).map(String),
          crawl: values(0),
          startupExit: values(1),
          inked,
          colours: colours.size,
          width: canvas.width,
          height: canvas.height,
        };
      });
      const texts = (selector: string): string[] => [...document.querySelectorAll(selector)].map((node) => node.textContent ?? '');
      return {
        panels,
        raceSkipped: texts('#race-skipped li'),
        bannerLines: texts('#banner p'),
        environment: texts('#environment dt, #environment dd'),
        summaryNote: document.getElementById('summary-note')?.textContent ?? '',
        pageOverflowPx: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      };
    });
    await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    console.info(`report-browser: ${written.html} and its screenshot ${join(dir, 'report.png')}`);
    await page.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no console error', () => {
    expect(errors).toEqual([]);
  });

  it('draws the start-up chart: one non-blank panel per worker count, native crawlers beside the Node models', () => {
    expect(view.panels.map((panel) => panel.title)).toEqual(['1 worker', '10 workers', '50 workers']);
    for (const panel of view.panels) {
      expect(panel.inked, `${panel.title} is blank`).toBeGreaterThan(panel.width * panel.height * 0.02);
      expect(panel.colours, `${panel.title} is one flat colour`).toBeGreaterThan(3);
    }
    const at10 = view.panels[1];
    expect(at10?.labels).toEqual(['promise-pool', 'worker-threads', 'child-processes', 'go (native)', 'elixir (native) \u2715 failed', 'my-crawler (user) \u2020']);
    expect(at10?.crawl.slice(3)).toEqual([2500, null, 3100]);
    expect(at10?.startupExit.slice(3)).toEqual([50, null, 0]);
    expect(view.panels[0]?.labels).toEqual(['promise-pool', 'worker-threads', 'child-processes']);
  });

  it('names the skipped crawler and its reason under the race charts and in the banner, once each', () => {
    const line = 'Skipped: rust (cargo not found; install Rust with rustup (https://rustup.rs) to add it)';
    expect(view.raceSkipped).toEqual([line]);
    expect(view.bannerLines).toEqual([line]);
  });

  it("lists the toolchains beside Node's and explains the process-wall mark", () => {
    const node = view.environment.indexOf('Node.js');
    expect(view.environment.slice(node + 2, node + 4)).toEqual(['Native toolchains', 'elixir 1.18.3, go 1.26.8']);
    expect(view.summaryNote).toContain('\u2020 my-crawler: crawl time is the process');
  });

  it('fits a 1,280 px window', () => {
    expect(view.pageOverflowPx).toBeLessThanOrEqual(0);
  });
});

describe('a browser that is missing or does not start', () => {
  const execFileAsync = promisify(execFile);

  it('refuses a CHROME_PATH that is missing or a directory instead of using another browser', () => {
    for (const path of ['/nonexistent/chromium', tmpdir()]) {
      let thrown: unknown;
      try {
        findBrowserExecutable({ CHROME_PATH: path });
      } catch (error) {
        thrown = error;
      }
      expect(thrown, path).toBeInstanceOf(BrowserUnavailableError);
      expect((thrown as BrowserUnavailableError).code).toBe('CB_NO_BROWSER');
      expect((thrown as BrowserUnavailableError).exitCode).toBe(2);
      expect((thrown as Error).message).toContain(path);
    }
  });

  it('reports a binary that does not start in one line', async () => {
    const launch = launchHeadlessBrowser('/bin/false');
    await expect(launch).rejects.toBeInstanceOf(BrowserUnavailableError);
    await expect(launch).rejects.toThrow(/^[^\n]*\/bin\/false did not start[^\n]*$/);
  });

  it('makes report:screenshot exit 2 with one line on stderr for a bad CHROME_PATH', async () => {
    const dir = join(OUT_DIR, 'bad-browser');
    await mkdir(dir, { recursive: true });
    const written = await writeReport(dir, makeSampleResults(), []);
    for (const chromePath of ['/nonexistent/chromium', tmpdir(), '/bin/false']) {
      const run = await execFileAsync(process.execPath, [distPath('scripts/screenshot-report.js'), written.html], { env: { ...process.env, CHROME_PATH: chromePath } }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code?: number; stderr?: string }) => ({ code: error.code, stderr: error.stderr ?? '' }),
      );
      expect(run.code, chromePath).toBe(2);
      expect(run.stderr.trimEnd().split('\n'), chromePath).toHaveLength(1);
      expect(run.stderr).toContain('CB_NO_BROWSER');
    }
  });
});
