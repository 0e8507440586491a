import {mutators} from '../../mutators/index.ts';
import {bareClient, type BareItem} from '../bare-zero/client.ts';
import type {BenchContext} from '../context.ts';
import type {PacedRoom} from '../scenarios/paced-writes.ts';
import {inTurn} from './bench-account.ts';
import {loopStep} from './bench-flow.ts';
import {heartbeats, type clientSet, type TandemZero} from './clients.ts';
import {insertActiveWalks} from './fixtures.ts';
import {LiveView} from './live-view.ts';
import {openPage, pageShowsStep, type PageData} from './pages.ts';

type Clients = ReturnType<typeof clientSet>;

/** About the size of a recorded walk step (question + answer). */
export const BARE_BODY = 'Does the device show the sign-in screen after a restart? — Yes, it shows the sign-in screen';

/** Clients connect this many at a time, each batch complete before the next (as pages open over a morning, not in one instant). */
const CONNECT_BATCH = 30;

export type OpenRooms<T> = {
  rooms: PacedRoom<T>[];
  shows: (data: T, seq: number) => boolean;
  /** Every open page (drivers' and watchers'), to count and destroy. */
  views: LiveView<T>[];
  /** Stops heartbeats and destroys the views (the caller closes the clients). */
  close: () => void;
};

async function completeInBatches(views: LiveView<unknown>[]) {
  for (let i = 0; i < views.length; i += CONNECT_BATCH) {
    await Promise.all(views.slice(i, i + CONNECT_BATCH).map(v => v.complete(180_000)));
  }
}

export async function recordStep(driver: TandemZero, walkId: string, seq: number) {
  const result = await driver.mutate(mutators.walk.recordStep({walkId, ...loopStep(seq)})).server;
  if (result.type !== 'success') throw new Error(`recordStep ${seq} refused: ${JSON.stringify(result)}`);
}

/**
 * Tandem in the busy shape: `walks` active walks, each with its L1's client
 * on the walker page (driving) and `watchersPerWalk` engineers' clients on
 * the same walk's page; every one of them holds exactly that page's queries
 * (client/zero/page-queries.ts, shell included) and beats presence like the
 * page does, from the moment its page opens. A room's write is the driver's walk.recordStep.
 */
export async function openWalkRooms(
  {stack, account, sessions}: BenchContext,
  clients: Clients,
  {walks: n, watchersPerWalk, label}: {walks: number; watchersPerWalk: number; label: string},
): Promise<OpenRooms<PageData>> {
  const drivers = inTurn(account.l1s, n);
  const walks = await insertActiveWalks(stack.sql, account, drivers, label);
  const views: LiveView<PageData>[] = [];
  const lanes = await Promise.all(
    walks.map(async (walk, k) => {
      const driver = clients.tandem(await sessions.get(walk.driver));
      const watchers = await Promise.all(
        Array.from({length: watchersPerWalk}, async (_, j) =>
          clients.tandem(await sessions.get(account.engineers[(k * watchersPerWalk + j) % account.engineers.length])),
        ),
      );
      return {walk, driver, watchers};
    }),
  );
  const rooms = lanes.map(({walk, driver, watchers}) => {
    const driverPage = openPage(driver, 'walker', walk.walkId);
    const watcherPages = watchers.map(z => openPage(z, 'walker', walk.walkId));
    views.push(driverPage, ...watcherPages);
    return {write: (seq: number) => recordStep(driver, walk.walkId, seq), watchers: watcherPages};
  });
  // Each page beats from the moment it opens, as the walker page does (usePresence runs on mount),
  // not all at once after the last page has loaded.
  const stopBeats = heartbeats(
    stack.appUrl,
    lanes.flatMap(l => [l.driver, ...l.watchers].map(zero => ({zero, walkId: l.walk.walkId}))),
  );
  await completeInBatches(views as LiveView<unknown>[]).catch(e => {
    stopBeats();
    throw e;
  });
  return {
    rooms,
    shows: pageShowsStep,
    views,
    close: () => {
      stopBeats();
      for (const v of views) v.destroy();
    },
  };
}

/**
 * Bare Zero in the same shape: `rooms` rooms of the reference app, each
 * with its writer's client holding the room open (as a driver holds the
 * walk) and `watchersPerRoom` watcher clients; a write is one insert.
 */
export async function openBareRooms(
  {stack, account, sessions}: BenchContext,
  clients: Clients,
  {rooms: n, watchersPerRoom}: {rooms: number; watchersPerRoom: number},
): Promise<OpenRooms<readonly BareItem[]>> {
  const views: LiveView<readonly BareItem[]>[] = [];
  const writers = inTurn(account.l1s, n);
  const rooms = await Promise.all(
    writers.map(async (member, k) => {
      const room = crypto.randomUUID();
      const writer = clients.track(bareClient(stack.bareZeroUrl, await sessions.get(member)));
      const watcherSessions = await Promise.all(
        Array.from({length: watchersPerRoom}, (_, j) => sessions.get(account.engineers[(k * watchersPerRoom + j) % account.engineers.length])),
      );
      const writerView = new LiveView(writer.room(room));
      const watcherViews = watcherSessions.map(s => new LiveView(clients.track(bareClient(stack.bareZeroUrl, s)).room(room)));
      views.push(writerView, ...watcherViews);
      return {
        write: async (seq: number) => {
          const result = await writer.insert({id: crypto.randomUUID(), room, seq, body: BARE_BODY, createdAt: Date.now()});
          if (result.type !== 'success') throw new Error(`bare insert refused: ${JSON.stringify(result)}`);
        },
        watchers: watcherViews,
      };
    }),
  );
  await completeInBatches(views as LiveView<unknown>[]);
  return {
    rooms,
    shows: (rows, seq) => rows.some(r => r.seq === seq),
    views,
    close: () => {
      for (const v of views) v.destroy();
    },
  };
}
