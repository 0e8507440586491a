/**
 * Pushes custom mutations straight to POST /api/zero/mutate, exactly as
 * zero-cache forwards a client's push (app "zero", shard 0). For tests that
 * need to be the caller of the mutate endpoint themselves.
 */
export type PushClient = {
  clientGroupID: string;
  clientID: string;
  /** Sends the next mutation (ids 1, 2, 3 … per client); answers the endpoint's status and JSON. */
  push: (name: string, args: unknown) => Promise<{status: number; body: PushResponse}>;
};

export type PushResponse = {
  kind?: string;
  mutations?: {id: {clientID: string; id: number}; result: {error?: string; message?: string}}[];
  message?: string;
};

export function pushClient(appUrl: string, token: string): PushClient {
  const clientGroupID = crypto.randomUUID();
  const clientID = crypto.randomUUID();
  let nextId = 1;
  return {
    clientGroupID,
    clientID,
    async push(name, args) {
      const id = nextId++;
      const res = await fetch(`${appUrl}/api/zero/mutate?schema=zero_0&appID=zero`, {
        method: 'POST',
        headers: {'content-type': 'application/json', authorization: `Bearer ${token}`},
        body: JSON.stringify({
          clientGroupID,
          pushVersion: 1,
          timestamp: Date.now(),
          requestID: crypto.randomUUID(),
          mutations: [{type: 'custom', id, clientID, name, args: [args], timestamp: Date.now()}],
        }),
      });
      return {status: res.status, body: (await res.json()) as PushResponse};
    },
  };
}
