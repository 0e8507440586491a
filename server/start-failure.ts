import {PortInUseError} from './ports.ts';

/** A failure whose cause we know, with the one line that says what to do. */
export class StartRefusal extends Error {}

function chain(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e: unknown = error; e && out.length < 10; e = (e as {cause?: unknown}).cause) out.push(e);
  return out;
}

function text(e: unknown): string {
  return e instanceof Error ? `${e.message} ${(e as {code?: string}).code ?? ''}` : String(e);
}

/**
 * Why `npm start` stopped, as one line a person can act on. Known causes — a
 * port in use, a full disk, a folder or program the PostgreSQL user cannot
 * reach, a database without logical replication — get a sentence of their
 * own; anything else keeps its message (the detail, with TANDEM_DEBUG=1).
 */
export function explainStartFailure(error: unknown, where: {dataDir: string}): {line: string; known: boolean} {
  const causes = chain(error);
  const all = causes.map(text).join(' | ');
  if (causes.some(e => e instanceof PortInUseError || e instanceof StartRefusal)) {
    const known = causes.find(e => e instanceof PortInUseError || e instanceof StartRefusal) as Error;
    return {line: known.message, known: true};
  }
  if (/ENOSPC|No space left on device|could not extend file|disk full/i.test(all)) {
    return {
      line: `The disk holding ${where.dataDir} is full (no space left on device). Free some space (or set TANDEM_DATA_DIR to a folder on another disk) and run npm start again.`,
      known: true,
    };
  }
  if (/wal_level/.test(all)) {
    const m = all.match(/it has (\w+)/);
    return {
      line: `The PostgreSQL at DATABASE_URL runs with wal_level=${m?.[1] ?? 'replica'}; zero-cache needs wal_level=logical (set it in postgresql.conf or with ALTER SYSTEM SET wal_level = logical, then restart PostgreSQL).`,
      known: true,
    };
  }
  const denied = all.match(/(?:spawn|open|mkdir|access)\s+(\S+)\s+EACCES|EACCES[^|]*?'([^']+)'/);
  if (denied) {
    return {
      line: `Permission denied on ${denied[1] ?? denied[2]}. Run npm start as the user that owns this folder, or set TANDEM_DATA_DIR to a folder that user can write.`,
      known: true,
    };
  }
  if (/ECONNREFUSED|password authentication failed|does not exist|ENOTFOUND/.test(all) && /DATABASE_URL|postgres/i.test(all)) {
    return {line: `Could not reach the PostgreSQL at DATABASE_URL: ${causes.map(text).at(-1)}`, known: true};
  }
  return {line: causes[0] instanceof Error ? causes[0].message : String(causes[0]), known: false};
}
