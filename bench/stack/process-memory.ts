import {readdirSync, readFileSync} from 'node:fs';

/**
 * Where a process's resident memory is, in MB (/proc/<pid>/status): private
 * anonymous memory (the JS heap, malloc's arenas: SQLite's page caches,
 * buffers), file pages mapped in (code, mapped database files) and shared
 * memory (SQLite's WAL index, the `-shm` file every connection maps).
 */
export type ResidentParts = {anon: number; file: number; shmem: number};

export function residentParts(pid: number): ResidentParts {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
    return {anon: kb('RssAnon'), file: kb('RssFile'), shmem: kb('RssShmem')};
  } catch {
    return {anon: 0, file: 0, shmem: 0};
  }
}

/**
 * The biggest resident mappings of a process (/proc/<pid>/smaps), grouped by
 * what is mapped (a file's path, `[heap]`, or `anon` for unnamed private
 * memory), MB each, biggest first: what a growing RSS is made of.
 */
export function residentByMapping(pid: number, top = 8): {what: string; mb: number}[] {
  let smaps: string;
  try {
    smaps = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return [];
  }
  const sums = new Map<string, number>();
  let what = 'anon';
  for (const line of smaps.split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+\s+\S+\s+\S+\s+\S+\s+\d+\s*(.*)$/.exec(line);
    if (header) {
      what = header[1].trim() || 'anon';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) sums.set(what, (sums.get(what) ?? 0) + Number(rss[1]) / 1024);
  }
  return [...sums.entries()]
    .map(([w, mb]) => ({what: w, mb: Math.round(mb * 10) / 10}))
    .sort((a, b) => b.mb - a.mb)
    .slice(0, top);
}

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
