import {Hono} from 'hono';
import {describe, expect, it} from 'vitest';
import {onError} from '../../server/http/errors.ts';
import {zeroDeadline, type Deadlined} from '../../server/zero/zero-deadline.ts';

const outage = () => Object.assign(new Error('Failed to get session'), {cause: Object.assign(new Error('connect ECONNREFUSED'), {code: 'ECONNREFUSED'})});
const pushBody = JSON.stringify({
  mutations: [
    {id: 7, clientID: 'c1'},
    {id: 8, clientID: 'c1'},
  ],
});
const pushFailed = {
  kind: 'PushFailed',
  origin: 'server',
  reason: 'database',
  message: 'The database is unavailable; the changes were not applied and will be pushed again.',
  mutationIDs: [
    {id: 7, clientID: 'c1'},
    {id: 8, clientID: 'c1'},
  ],
};

/** The Zero routes' shape: the deadline, then a "gate", then the handler; errors through the app's handler. */
function app(kind: 'push' | 'query', handler: (signal: AbortSignal) => Promise<Response | undefined>) {
  const routes = new Hono<Deadlined>();
  routes.post('/x', zeroDeadline(kind, 50), async c => (await handler(c.get('deadline'))) ?? c.json({ok: true}));
  const root = new Hono();
  root.onError(onError);
  root.route('/', routes);
  return async (body = pushBody) => {
    const res = await root.request('/x', {method: 'POST', body, headers: {'content-type': 'application/json'}});
    return {status: res.status, json: await res.json()};
  };
}

/** server/zero/zero-deadline.ts, on its own: every outage and every hang gets the answer zero-cache can act on. */
describe('the Zero deadline', () => {
  it('answers a push that met a database outage PushFailed (database), naming its mutations', async () => {
    const post = app('push', async () => {
      throw outage();
    });
    expect(await post()).toEqual({status: 200, json: pushFailed});
  });

  it('answers a push that hangs PushFailed when the time is up, and tells its work to apply nothing', async () => {
    let told: AbortSignal | undefined;
    const post = app('push', signal => {
      told = signal;
      return new Promise(() => {});
    });
    expect(await post()).toEqual({status: 200, json: pushFailed});
    expect(told?.aborted).toBe(true);
  });

  it('answers a query request that hangs 503', async () => {
    const post = app('query', () => new Promise(() => {}));
    expect(await post('["transform", []]')).toEqual({status: 503, json: {error: 'internal', message: 'The database is unavailable; try again shortly.'}});
  });

  it('leaves other answers alone: a result, and an error that is no outage', async () => {
    expect(await app('push', async () => undefined)()).toEqual({status: 200, json: {ok: true}});
    const broken = app('push', async () => {
      throw new Error('a bug');
    });
    expect((await broken()).status).toBe(500);
  });
});
