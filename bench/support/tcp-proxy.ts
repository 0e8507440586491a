import net from 'node:net';

/**
 * A TCP relay in front of zero-cache that can drop the network: `cut()`
 * closes every connection and refuses new ones (the client sees its socket
 * die and its reconnects fail), `restore()` lets them through again.
 */
export async function tcpProxy(targetPort: number) {
  let cut = false;
  const sockets = new Set<net.Socket>();
  const accepted: number[] = [];
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
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      cut = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      cut = false;
    },
    /** When the first connection after `since` was let through. */
    firstAcceptAfter(since: number): number | undefined {
      return accepted.find(t => t >= since);
    },
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
