/**
 * The house rules of the source tree, checked on the sources themselves: imports only go down the
 * pipeline (common ← fixtures, crawlers ← harness ← cli ← scripts), there are no import cycles,
 * and no source file outside test/ is over 400 lines (past that it is usually two concepts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FOLDERS = ['common', 'fixtures', 'crawlers', 'harness', 'cli', 'scripts'];

/** What each top folder may import besides itself. */
const MAY_IMPORT: Record<string, string[]> = {
  common: [],
  // The fixture's truth speaks the crawl contract's error kinds (a type only).
  fixtures: ['common', 'crawlers/contract.ts'],
  crawlers: ['common'],
  harness: ['common', 'fixtures', 'crawlers'],
  cli: ['common', 'fixtures', 'crawlers', 'harness'],
  scripts: ['common', 'fixtures', 'crawlers', 'harness', 'cli'],
};

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'native' ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = FOLDERS.flatMap(sources);
const importsOf = new Map(
  files.map((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const targets = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) => normalize(join(dirname(file), match[1] ?? '')).replace(/\.js$/, '.ts'));
    return [file, targets] as const;
  }),
);

describe('the source tree', () => {
  it('imports only down the pipeline', () => {
    const wrong: string[] = [];
    for (const [file, targets] of importsOf) {
      const top = file.split('/')[0] ?? '';
      for (const target of targets) {
        const targetTop = target.split('/')[0] ?? '';
        const allowed = targetTop === top || (MAY_IMPORT[top] ?? []).some((prefix) => target === prefix || target.startsWith(`${prefix}/`) || targetTop === prefix);
        if (!allowed) wrong.push(`${file} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const target of importsOf.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('has no source file over 400 lines outside test/', () => {
    const long = files.map((file) => [relative(ROOT, join(ROOT, file)), readFileSync(join(ROOT, file), 'utf8').split('\n').length] as const).filter(([, lines]) => lines > 400);
    expect(long).toEqual([]);
  });
});
