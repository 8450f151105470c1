/**
 * The A/B gate's flags are checked at the door: `--against` takes pairs (10 unless `--runs` says),
 * runs the JS models by default, and refuses what it cannot do (resume, a baseline, an empty ref);
 * the gate's other flags mean nothing without it and are refused alone.
 */
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../cli/parse-bench-args.js';

const known = () => ['promise-pool', 'worker-threads', 'child-processes', 'go'];
const js = ['promise-pool', 'worker-threads', 'child-processes'];
const parse = (...argv: string[]) => parseBenchArgs(argv, known, js).options;

describe('bench --against', () => {
  it('runs 10 pairs of every JS model by default, with confirmation on and calibration off', () => {
    const options = parse('--against', 'origin/main', '--profile', 'quick');
    expect(options.ab).toEqual({ againstRef: 'origin/main', calibrate: false, acceptBehaviourChange: false, confirm: true });
    expect(options.runs).toBe(10);
    expect(options.impls).toEqual(js);
    expect(parse('--profile', 'quick').runs).toBe(5);
  });

  it('takes --runs as pairs, and the gate flags', () => {
    const options = parse('--against', 'HEAD~1', '--runs', '20', '--calibrate', '--accept-behaviour-change', '--confirm', 'off', '--impl', 'promise-pool');
    expect(options.runs).toBe(20);
    expect(options.impls).toEqual(['promise-pool']);
    expect(options.ab).toEqual({ againstRef: 'HEAD~1', calibrate: true, acceptBehaviourChange: true, confirm: false });
  });

  it('refuses what an A/B bench cannot do', () => {
    expect(() => parse('--against', 'HEAD', '--resume', 'reports/x')).toThrow(/--against cannot be resumed/);
    expect(() => parse('--against', 'HEAD', '--baseline', 'reports/x')).toThrow(/drop --baseline/);
    expect(() => parse('--against', ' ')).toThrow(/needs a git ref/);
    expect(() => parse('--against', 'HEAD', '--confirm', 'maybe')).toThrow(/--confirm expects on or off/);
  });

  it('refuses the gate flags without --against', () => {
    expect(() => parse('--calibrate')).toThrow(/--calibrate makes sense only with --against REF/);
    expect(() => parse('--accept-behaviour-change', '--confirm', 'on')).toThrow(/--accept-behaviour-change, --confirm make sense only with --against/);
  });
});
