import {readdirSync, readFileSync} from 'node:fs';

/** Resident and proportional set size of one process, in MB (Linux /proc). */
function memoryOf(pid: number): {rss: number; pss: number} {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    let pssKb = rssKb;
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      pssKb = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? rssKb);
    } catch {
      // no smaps_rollup: PSS = RSS
    }
    return {rss: rssKb / 1024, pss: pssKb / 1024};
  } catch {
    return {rss: 0, pss: 0};
  }
}

function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) kids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return kids;
}

/** A process and all its descendants' ids (zero-cache forks its workers). */
export function processTreePids(pid: number): number[] {
  const out: number[] = [];
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop()!;
    out.push(p);
    todo.push(...childrenOf(p));
  }
  return out;
}

/** One process alone. */
export function processMemory(pid: number) {
  return memoryOf(pid);
}

/**
 * A process and all its descendants (zero-cache forks its workers), summed.
 * RSS counts pages shared between them once per process; PSS splits them.
 */
export function processTreeMemory(pid: number): {rss: number; pss: number; processes: number} {
  let rss = 0;
  let pss = 0;
  const pids = processTreePids(pid);
  for (const p of pids) {
    const m = memoryOf(p);
    rss += m.rss;
    pss += m.pss;
  }
  return {rss, pss, processes: pids.length};
}
