// A crawl process that never finishes: it starts a child of its own and waits forever, the way a
// deadlocked crawler would. Used to prove the harness kills the whole tree at its timeout.
import { spawn } from 'node:child_process';

const marker = process.env.CRAWLBENCH_HANG_MARKER ?? 'crawlbench-hang';
spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', marker], { stdio: 'ignore' });
setInterval(() => {}, 1000);
