import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';

/**
 * Every launch of a supervised child carries a tag of its own in its
 * environment, which the processes it starts inherit. zero-cache starts each
 * worker detached, in a process group of its own, so when the top process
 * dies (SIGKILL, OOM) its workers live on as orphans holding the ports and
 * the replica; the tag finds them all.
 */
export const LAUNCH_TAG_ENV = 'TANDEM_LAUNCH_TAG';

export function launchTag(name: string): string {
  return `${name.replace(/[^\w-]/g, '_')}-${process.pid}-${crypto.randomUUID()}`;
}

/** Processes whose environment holds `LAUNCH_TAG_ENV=tag` (Linux: /proc; elsewhere: ps). */
export function taggedProcesses(tag: string): number[] {
  const needle = `${LAUNCH_TAG_ENV}=${tag}`;
  if (process.platform === 'linux') {
    const pids: number[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const env = readFileSync(`/proc/${entry}/environ`, 'latin1');
        if (env.split('\0').includes(needle)) pids.push(Number(entry));
      } catch {
        // gone, or not ours to read
      }
    }
    return pids;
  }
  try {
    // BSD/macOS ps prints the environment after the command with -E / e.
    const out = execFileSync('ps', ['-axeww', '-o', 'pid=,command='], {encoding: 'utf8'});
    return out
      .split('\n')
      .filter(line => line.includes(needle))
      .map(line => Number(line.trim().split(/\s+/)[0]))
      .filter(pid => pid > 0);
  } catch {
    return [];
  }
}

/** SIGKILLs every process carrying the tag; answers how many there were. */
export function killTagged(tag: string): number {
  const pids = taggedProcesses(tag).filter(pid => pid !== process.pid);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return pids.length;
}
