import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { embedJson, htmlWriter } from '../harness/export/html.js';
import { linkPageModules, readReportPageScript } from '../harness/export/report-page-script.js';
import { HOSTILE_MARKUP, makeSampleHistory, makeSampleResults, withHostileImpl } from './helpers/sample-results.js';

/** The text of `<script …id="…">` up to the first `</script` — exactly what an HTML parser would take. */
function scriptText(html: string, id: string): string {
  const open = `<script type="application/json" id="${id}">`;
  const start = html.indexOf(open);
  expect(start, `script#${id}`).toBeGreaterThan(-1);
  const from = start + open.length;
  return html.slice(from, html.toLowerCase().indexOf('</script', from));
}

/** The bodies of the executable (non-JSON) inline scripts, in order. */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/gi)].map((m) => m[1] ?? '');
}

describe('report.html', () => {
  const results = withHostileImpl(makeSampleResults());
  const html = htmlWriter.render(results, { history: makeSampleHistory(3) });

  it('is self-contained: no external script, stylesheet, image or link', () => {
    expect(html).not.toMatch(/<script[^>]*\ssrc\s*=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
  });

  it('inlines Chart.js from the installed package', () => {
    const [chartJs] = inlineScripts(html);
    expect(chartJs).toContain('Chart.js v4');
    expect(chartJs?.length).toBeGreaterThan(100_000);
  });

  it('embeds the results as JSON that round-trips, even when the data holds </script>', () => {
    const text = scriptText(html, 'results');
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual(results);
    expect(JSON.stringify(results)).toContain(HOSTILE_MARKUP);
  });

  it('keeps exactly four script elements: no data closes one early or opens another', () => {
    expect(html.match(/<script\b/gi)).toHaveLength(4);
    expect(html.match(/<\/script>/gi)).toHaveLength(4);
  });

  it('pins its inline scripts with a Content-Security-Policy that allows no network request', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    const hashes = inlineScripts(html).map((body) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
    expect(hashes).toHaveLength(2);
    for (const hash of hashes) expect(csp).toContain(hash);
    expect(csp).not.toContain('unsafe-eval');
    expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
  });

  it('escapes every character that could end the JSON block or break a script', () => {
    const value = { text: '</script><!-- \u2028\u2029 & >' };
    const embedded = embedJson(value);
    expect(embedded).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(embedded)).toEqual(value);
  });

  it('ships a page script that parses', () => {
    expect(() => new Function(readReportPageScript())).not.toThrow();
  });

  it('renders the same bytes for the same results', () => {
    expect(htmlWriter.render(results, { history: makeSampleHistory(3) })).toBe(html);
  });
});

describe('the page script linker', () => {
  it('joins compiled modules into one scope, imports dropped and exports stripped', () => {
    const script = linkPageModules([
      { name: 'ids.js', source: "export const IDS = { a: 'a' };\n" },
      { name: 'page/main.js', source: "import { IDS } from '../ids.js';\nexport function main() {\n    return IDS.a;\n}\nmain();\n" },
    ]);
    expect(script).not.toMatch(/^\s*(?:import|export)\b/m);
    expect(script).toContain('function main() {');
    expect(() => new Function(script)).not.toThrow();
  });

  it('refuses what one shared scope cannot hold: a name declared twice, an import of something not exported', () => {
    const ids = { name: 'ids.js', source: 'export const IDS = {};\n' };
    expect(() => linkPageModules([ids, { name: 'dom.js', source: 'const IDS = 1;\n' }])).toThrow(/both declare IDS/);
    expect(() => linkPageModules([ids, { name: 'main.js', source: "import { byId } from './ids.js';\n" }])).toThrow(/does not export it/);
    expect(() => linkPageModules([{ name: 'main.js', source: "import { IDS } from './ids.js';\n" }, ids])).toThrow(/not listed before it/);
  });
});
