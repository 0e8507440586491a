import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {ROOT_DIR} from '../server/config.ts';

/** The commit measured ("+dirty" when the work tree had changes). */
export function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {cwd: ROOT_DIR}).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {cwd: ROOT_DIR}).toString().trim();
    return dirty ? `${sha}+dirty` : sha;
  } catch {
    return 'unknown';
  }
}

export function zeroVersion(): string {
  const pkg = path.join(ROOT_DIR, 'node_modules', '@rocicorp', 'zero', 'package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as {version: string}).version;
}

export function machine() {
  return {
    cores: os.cpus().length,
    memory_gb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    load_avg_at_start: os.loadavg().map(n => Math.round(n * 100) / 100),
  };
}
