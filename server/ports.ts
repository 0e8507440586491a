import net from 'node:net';

/** True when nothing listens on 127.0.0.1:port (and we may bind it). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({port, host: '0.0.0.0', exclusive: true}, () => server.close(() => resolve(true)));
  });
}

export class PortInUseError extends Error {}

/** Refuses to start, with a readable message, when a port we need is taken. */
export async function assertPortsFree(ports: {port: number; what: string; env?: string}[]): Promise<void> {
  for (const {port, what, env} of ports) {
    if (!(await isPortFree(port))) {
      throw new PortInUseError(`Port ${port} (${what}) is already in use. Stop whatever uses it` + (env ? `, or choose another port with ${env}=<port>.` : '.'));
    }
  }
}
