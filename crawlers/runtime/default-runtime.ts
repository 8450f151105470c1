/**
 * The runtime every JS crawler runs under unless `--runtime` says otherwise: the Node that runs
 * the harness. Alone in its file, so the report page (compiled for the browser) can share it.
 */
export const DEFAULT_RUNTIME = 'node';
