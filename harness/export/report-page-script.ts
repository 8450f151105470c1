/**
 * The report page's own script, inlined into report.html after Chart.js. Its source is the typed
 * browser code in page/ (plus the ids shared with html.ts, report-ids.ts), compiled by
 * tsconfig.page.json to ES modules in dist/page/. A file:// page cannot load modules, so this
 * links them into one classic script: each module's text in dependency order, its `import` lines
 * dropped and its `export` keywords stripped, all inside one function scope.
 *
 * That only works for the plain shapes tsc emits from our page code, so it checks them and throws
 * on anything else: every import is `import { a, b } from './x.js'` of a module listed earlier
 * that exports those names, exports are declarations, and no two modules declare the same
 * top-level name (they would share one scope).
 *
 * NOTE: a new file in page/ goes into PAGE_MODULES, after the modules it imports.
 */
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { distPath } from '../../common/project-root.js';

/** Compiled modules under dist/page/harness/export/, each after every module it imports. */
export const PAGE_MODULES: readonly string[] = [
  'report-ids.js',
  'page/dom.js',
  'page/whiskers.js',
  'page/chart-kit.js',
  'page/bar-charts.js',
  'page/text-sections.js',
  'page/wall-time-chart.js',
  'page/startup-chart.js',
  'page/timeline-chart.js',
  'page/scaling-chart.js',
  'page/cpu-chart.js',
  'page/trend-charts.js',
  'page/main.js',
];

const PAGE_DIST = 'page/harness/export';
const IMPORT = /^import \{ ([\w$, ]+) \} from '(\.{1,2}\/[^']+)';$/;
const EXPORT = /^export (?=(?:async )?function\b|const\b|let\b|class\b)/;
const DECLARATION = /^(?:async )?(?:function\*?|const|let|var|class) ([\w$]+)/;

/** The linked page script, read from the compiled page modules (`npm run build` writes them). */
export function readReportPageScript(): string {
  return linkPageModules(PAGE_MODULES.map((name) => ({ name, source: readCompiled(name) })));
}

/** One classic script from ES modules given in dependency order (exported for its test). */
export function linkPageModules(modules: readonly { name: string; source: string }[]): string {
  const exportsOf = new Map<string, Set<string>>();
  const declaredIn = new Map<string, string>();
  const parts = modules.map(({ name, source }) => {
    const exported = new Set<string>();
    const lines = source.split('\n').flatMap((line): string[] => {
      if (line.startsWith('import ')) {
        checkImport(name, line, exportsOf);
        return [];
      }
      if (line === 'export {};' || line.startsWith('//# sourceMappingURL=')) return [];
      const plain = line.replace(EXPORT, '');
      if (plain.startsWith('export ')) throw new Error(`page module ${name}: unsupported export, write \`export function\` or \`export const\`: ${line}`);
      const declared = DECLARATION.exec(plain)?.[1];
      if (declared !== undefined) {
        const other = declaredIn.get(declared);
        if (other !== undefined) throw new Error(`page modules ${other} and ${name} both declare ${declared}: they share one scope, rename one`);
        declaredIn.set(declared, name);
        if (plain !== line) exported.add(declared);
      }
      return [plain];
    });
    exportsOf.set(name, exported);
    return `// ${name}\n${lines.join('\n').trim()}\n`;
  });
  return `(function () {\n'use strict';\n${parts.join('')}})();\n`;
}

function checkImport(name: string, line: string, exportsOf: ReadonlyMap<string, ReadonlySet<string>>): void {
  const match = IMPORT.exec(line);
  if (match === null) throw new Error(`page module ${name}: unsupported import, write \`import { a, b } from './x.js'\`: ${line}`);
  const from = posix.join(posix.dirname(name), match[2] ?? '');
  const exported = exportsOf.get(from);
  if (exported === undefined) throw new Error(`page module ${name} imports ${from}, which is not listed before it in PAGE_MODULES`);
  for (const imported of (match[1] ?? '').split(',').map((s) => s.trim())) {
    if (!exported.has(imported)) throw new Error(`page module ${name} imports ${imported} from ${from}, which does not export it`);
  }
}

function readCompiled(name: string): string {
  const path = distPath(`${PAGE_DIST}/${name}`);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`the report page script is not built (${path} is missing): run \`npm run build\``);
    throw error;
  }
}
