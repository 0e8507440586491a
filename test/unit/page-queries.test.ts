import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {pageQueries, queriesOfPage} from '../../client/zero/page-queries.ts';

const CLIENT = path.resolve(import.meta.dirname, '../../client');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

describe('page queries', () => {
  it('are the only place the client names its queries, so the pages and the benchmark open the same ones', () => {
    const elsewhere = sources(CLIENT).filter(f => !f.endsWith(path.join('zero', 'page-queries.ts')) && /queries\/index\.ts'/.test(readFileSync(f, 'utf8')));
    expect(elsewhere.map(f => path.relative(CLIENT, f))).toEqual([]);
  });

  it('list a page with the shell’s queries, by name and arguments', () => {
    const named = (qs: unknown[]) =>
      qs.map(q => {
        const r = q as {query: {queryName: string}; args: unknown};
        return [r.query.queryName, r.args];
      });
    const shell = named(Object.values(pageQueries.shell()));
    expect(named(queriesOfPage('walker', 'w1'))).toEqual([...shell, ...named(Object.values(pageQueries.walker('w1')))]);
    expect(named(queriesOfPage('queue'))).toEqual([...shell, ['handoff.queue', undefined], ['handoff.mine', undefined]]);
    expect(named(queriesOfPage('liveWalks'))).toEqual([...shell, ['walk.live', undefined]]);
    // The Team page's audit log is not synced: it is read over HTTP (GET /api/audit).
    expect(named(queriesOfPage('team'))).toEqual([...shell, ['member.list', undefined], ['account.current', undefined], ['invite.list', undefined]]);
  });

  it('hold no audit query on any page (the audit log is not synced)', () => {
    const everyPage = Object.values(pageQueries).flatMap(page => Object.values((page as (...a: string[]) => Record<string, unknown>)('x', 'y')));
    const names = everyPage.map(q => (q as {query: {queryName: string}}).query.queryName);
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter(n => n.startsWith('audit.'))).toEqual([]);
  });
});
