import {mkdtempSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {seedViewSyncerReplica} from '../../server/zero-cache/replica-seed.ts';

type Db = {exec: (sql: string) => void; prepare: (sql: string) => {get: () => Record<string, unknown> | undefined}; close: () => void};
const Sqlite = createRequire(import.meta.url)('@rocicorp/zero-sqlite3') as new (file: string) => Db;

/** A file with the two rows of Zero's replica bookkeeping that the seed reads, plus one data row. */
function writeReplica(file: string, replicaVersion: string, watermark: string, marker: string) {
  rmSync(file, {force: true});
  const db = new Sqlite(file);
  db.exec(`
    create table "_zero.replicationConfig" (replicaVersion text not null, publications text not null, lock integer primary key default 1);
    create table "_zero.replicationState" (stateVersion text not null, lock integer primary key default 1);
    create table marker (what text);
    insert into "_zero.replicationConfig" (replicaVersion, publications) values ('${replicaVersion}', '[]');
    insert into "_zero.replicationState" (stateVersion) values ('${watermark}');
    insert into marker values ('${marker}');
  `);
  db.close();
}

function markerOf(file: string): unknown {
  const db = new Sqlite(file);
  try {
    return db.prepare('select what from marker').get()?.what;
  } finally {
    db.close();
  }
}

describe('seeding a view syncer’s replica from the replication manager’s', () => {
  let dir: string;
  let manager: string;
  let syncer: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-seed-'));
    manager = path.join(dir, 'zero-replica.db');
    syncer = path.join(dir, 'zero-view-syncer-1.db');
    writeReplica(manager, 'rv1', '0b', 'manager');
  });
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  it('copies the manager’s replica when the view syncer has none', () => {
    expect(seedViewSyncerReplica(manager, syncer)).toBe(true);
    expect(markerOf(syncer)).toBe('manager');
  });

  it('keeps the view syncer’s own replica when it is of the same initial sync and at least as far', () => {
    writeReplica(syncer, 'rv1', '0f', 'own');
    expect(seedViewSyncerReplica(manager, syncer)).toBe(false);
    expect(markerOf(syncer)).toBe('own');
    writeReplica(syncer, 'rv1', '0b', 'own-equal');
    expect(seedViewSyncerReplica(manager, syncer)).toBe(false);
    expect(markerOf(syncer)).toBe('own-equal');
  });

  it('replaces an older replica, one of another initial sync, and one that is not a replica', () => {
    writeReplica(syncer, 'rv1', '0a', 'older');
    expect(seedViewSyncerReplica(manager, syncer)).toBe(true);
    expect(markerOf(syncer)).toBe('manager');
    writeReplica(syncer, 'rv0', '0z', 'other initial sync');
    expect(seedViewSyncerReplica(manager, syncer)).toBe(true);
    expect(markerOf(syncer)).toBe('manager');
    const junk = new Sqlite(syncer);
    junk.exec('drop table "_zero.replicationState"');
    junk.close();
    expect(seedViewSyncerReplica(manager, syncer)).toBe(true);
    expect(markerOf(syncer)).toBe('manager');
  });

  it('refuses while the manager has no replica yet', () => {
    rmSync(manager);
    expect(() => seedViewSyncerReplica(manager, syncer)).toThrow(/no readable replica/);
  });
});
