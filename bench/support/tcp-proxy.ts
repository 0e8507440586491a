import net from 'node:net';

/**
 * A TCP relay in front of a server (zero-cache, PostgreSQL) that can fail the
 * network two ways: `cut()` closes every connection and refuses new ones
 * (the client sees its socket die and its reconnects fail); `stall()` keeps
 * every connection open but carries nothing either way, and new ones are
 * accepted and held (a server that hangs: no error, no answer).
 * `restore()` lets everything through again, what was held first.
 */
export async function tcpProxy(targetPort: number) {
  let cut = false;
  let stalled = false;
  /** What arrived while stalled, in arrival order: delivered on restore. */
  let held: (() => void)[] = [];
  const sockets = new Set<net.Socket>();
  const accepted: number[] = [];
  const carry = (from: net.Socket, to: net.Socket) =>
    from.on('data', chunk => {
      if (stalled) held.push(() => to.write(chunk));
      else to.write(chunk);
    });
  const server = net.createServer(client => {
    if (cut) {
      client.destroy();
      return;
    }
    accepted.push(performance.now());
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    carry(client, upstream);
    carry(upstream, client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    cut() {
      cut = true;
      for (const s of sockets) s.destroy();
    },
    stall() {
      stalled = true;
    },
    restore() {
      cut = false;
      stalled = false;
      const pending = held;
      held = [];
      for (const deliver of pending) deliver();
    },
    /** When the first connection after `since` was let through. */
    firstAcceptAfter(since: number): number | undefined {
      return accepted.find(t => t >= since);
    },
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
