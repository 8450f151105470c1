/**
 * Keeps at most `maxPoints` of a timeline, choosing in each bucket the point with the largest
 * value so the peak a report draws is the peak that was measured (plain striding drops it).
 */
export function downsample<T>(points: readonly T[], maxPoints: number, measure: (point: T) => number): T[] {
  if (points.length <= maxPoints) return [...points];
  const bucket = points.length / maxPoints;
  const kept: T[] = [];
  for (let b = 0; b < maxPoints; b++) {
    const start = Math.floor(b * bucket);
    const end = Math.min(points.length, Math.floor((b + 1) * bucket));
    let best = points[start] as T;
    for (let i = start + 1; i < end; i++) {
      const point = points[i] as T;
      if (measure(point) > measure(best)) best = point;
    }
    kept.push(best);
  }
  return kept;
}
