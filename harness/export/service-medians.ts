/**
 * What the service a configuration ran on (the distributed model's redis-server) cost, as medians
 * over its valid runs: one computation for the service's own table row and its note.
 */
import { median } from '../../common/quantile.js';
import type { ConfigResult, ServiceFigures } from '../results/results.js';

export interface ServiceMedians {
  name: string;
  cpuMs: number | null;
  peakRssBytes: number | null;
  pssBytes: number | null;
  commandsPerPage: number | null;
}

/** null when no valid run of `config` ran on a service. */
export function serviceMedians(config: ConfigResult): ServiceMedians | null {
  const figures = config.runs.flatMap((run) => (run.state === 'ok' && run.service !== undefined ? [run.service] : []));
  const first = figures[0];
  if (first === undefined) return null;
  const medianOf = (pick: (service: ServiceFigures) => number | null): number | null => {
    const values = figures.map(pick).filter((value): value is number => value !== null);
    return values.length === 0 ? null : median(values);
  };
  return {
    name: first.name,
    cpuMs: medianOf((service) => service.cpuMs),
    peakRssBytes: medianOf((service) => service.peakRssBytes),
    pssBytes: medianOf((service) => service.pssBytes),
    commandsPerPage: medianOf((service) => service.commandsPerPage),
  };
}
