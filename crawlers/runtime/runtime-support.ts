/**
 * Which JS models a runtime cannot run, and why: such a configuration is recorded as skipped with
 * the reason, never measured as failed or valid.
 *
 * Every model crawls the fixture exactly under every runtime of runtimes/package.json today
 * (checked by test/runtime-ground-truth.test.ts), so the table is empty; an entry is added with
 * the evidence when a runtime or a new model breaks that, e.g.
 * `{ bun: { 'some-model': 'Bun 1.4 has no node:cluster' } }`.
 */
export type RuntimeLimits = Readonly<Record<string, Readonly<Record<string, string>>>>;

export const RUNTIME_LIMITS: RuntimeLimits = {};

/** Why `impl` cannot run under `runtime`, or null when it can. */
export function unsupportedReason(runtime: string, impl: string, limits: RuntimeLimits = RUNTIME_LIMITS): string | null {
  const reason = limits[runtime]?.[impl];
  return reason === undefined ? null : `${impl} does not run on ${runtime}: ${reason}`;
}
