import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createSyncerPlacement, preferenceOrder} from '../../server/zero-cache/placement.ts';
import {changeStreamerPort, zeroParts, zeroPortsInUse} from '../../server/zero-cache/zero-parts.ts';

const base = {zeroPort: 4848, internalZeroUrl: 'http://127.0.0.1:4848', replicationManagerUrl: undefined};

describe('zero-cache parts', () => {
  it('one zero-cache when TANDEM_VIEW_SYNCERS is unset', () => {
    expect(zeroParts({...base, viewSyncers: 0})).toEqual([{name: 'zero-cache', role: 'single', port: 4848, internalUrl: 'http://127.0.0.1:4848'}]);
    expect(zeroPortsInUse({...base, viewSyncers: 0}).map(p => p.port)).toEqual([4848, 4849, 4850]);
  });

  it('N view syncers from ZERO_PORT on, three ports each, the replication manager after them', () => {
    const parts = zeroParts({...base, viewSyncers: 2});
    expect(parts.map(p => [p.name, p.role, p.port, p.internalUrl])).toEqual([
      ['replication-manager', 'replication-manager', 4854, 'http://127.0.0.1:4854'],
      ['view-syncer-1', 'view-syncer', 4848, 'http://127.0.0.1:4848'],
      ['view-syncer-2', 'view-syncer', 4851, 'http://127.0.0.1:4851'],
    ]);
    expect(changeStreamerPort({...base, viewSyncers: 2})).toBe(4855);
    const ports = zeroPortsInUse({...base, viewSyncers: 2}).map(p => p.port);
    expect(new Set(ports).size).toBe(9);
  });

  it('view syncers run elsewhere (compose): their internal URLs and the manager’s from the settings', () => {
    const parts = zeroParts({
      zeroPort: 4848,
      viewSyncers: 2,
      internalZeroUrl: 'http://view-syncer-1:4848, http://view-syncer-2:4848',
      replicationManagerUrl: 'http://replication-manager:4848',
    });
    expect(parts.map(p => p.internalUrl)).toEqual(['http://replication-manager:4848', 'http://view-syncer-1:4848', 'http://view-syncer-2:4848']);
  });
});

describe('placement on view syncers', () => {
  const servers: http.Server[] = [];
  let upPort = 0;
  let downPort = 0;

  beforeAll(async () => {
    const listen = (handler: http.RequestListener) =>
      new Promise<number>(resolve => {
        const server = http.createServer(handler);
        servers.push(server);
        server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
      });
    upPort = await listen((_req, res) => res.end('OK'));
    downPort = await listen((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
  });
  afterAll(async () => {
    await Promise.all(servers.map(s => new Promise(resolve => s.close(resolve))));
  });

  const people = Array.from({length: 40}, (_, i) => `member-${i}`);

  it('a person’s order of preference is stable and people spread over the syncers', () => {
    for (const id of people) expect(preferenceOrder(id, 3)).toEqual(preferenceOrder(id, 3));
    const firsts = people.map(id => preferenceOrder(id, 2)[0]);
    expect(new Set(firsts)).toEqual(new Set([0, 1]));
  });

  it('hands out one URL as it is (a single zero-cache or a load balancer)', async () => {
    const lb = createSyncerPlacement({...base, viewSyncers: 2, publicZeroUrl: 'https://sync.tandem.example'});
    expect(await lb.place('member-1', new URL('https://app.tandem.example/api/session'))).toBe('https://sync.tandem.example');
    const single = createSyncerPlacement({...base, viewSyncers: 0, publicZeroUrl: undefined});
    expect(await single.place('member-1', new URL('http://localhost:3000/api/session'))).toBe('http://localhost:4848');
  });

  it('places each person on their first choice, and on the next when that one does not answer', async () => {
    const config = {
      zeroPort: 4848,
      viewSyncers: 2,
      publicZeroUrl: 'http://localhost:7001,http://localhost:7002',
      internalZeroUrl: `http://127.0.0.1:${upPort},http://127.0.0.1:${downPort}`,
      replicationManagerUrl: undefined,
    };
    const placement = createSyncerPlacement(config);
    const request = new URL('http://localhost:3000/api/session');
    expect(placement.urlsFor(request)).toEqual(['http://localhost:7001', 'http://localhost:7002']);
    for (const id of people) {
      // Syncer 2 answers 503: everybody lands on syncer 1, whoever preferred which.
      expect(await placement.place(id, request)).toBe('http://localhost:7001');
    }
    const bothUp = createSyncerPlacement({...config, internalZeroUrl: `http://127.0.0.1:${upPort},http://127.0.0.1:${upPort}`});
    for (const id of people) {
      expect(await bothUp.place(id, request)).toBe(['http://localhost:7001', 'http://localhost:7002'][preferenceOrder(id, 2)[0]]);
    }
  });
});
