/**
 * `npm run report:screenshot -- <report dir|report.html> [--out PNG] [--width PX] [--height PX]`:
 * saves a full-page PNG of the report as headless Chromium draws it (default `<dir>/report.png`,
 * 1366×900, a laptop screen). This is what regenerates docs/report.png.
 */
import { parseNumber } from '../common/check-number.js';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { BadInputFileError, InvalidArgumentError } from '../common/errors.js';
import { screenshotReport } from '../harness/export/screenshot-report.js';
import { htmlWriter } from '../harness/export/html.js';
import { runCli } from '../cli/run-cli.js';

const USAGE = `Usage: npm run report:screenshot -- <report dir | report.html> [--out PNG] [--width PX] [--height PX]

Needs Chromium (apt-get install chromium) or CHROME_PATH. Default output: report.png beside the report.`;

await runCli('report:screenshot', async (argv) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string' }, width: { type: 'string' }, height: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const input = positionals[0];
  if (input === undefined || positionals.length !== 1) throw new InvalidArgumentError('expected one report directory or report.html (see --help)');
  const html = statSync(input, { throwIfNoEntry: false })?.isDirectory() === true ? join(input, htmlWriter.fileName) : input;
  if (!existsSync(html)) throw new BadInputFileError(`cannot read ${html}: no such file (run \`npm run report -- <results.json>\` first)`);
  const png = values.out ?? join(dirname(html), 'report.png');
  await screenshotReport(html, png, { widthPx: pixels(values.width, '--width'), heightPx: pixels(values.height, '--height') });
  process.stdout.write(`${png}\n`);
  return 0;
});

/** A size in pixels, or undefined for screenshotReport's own default. */
function pixels(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  return parseNumber(flag, value, { min: 320, max: 8000, integer: true });
}
