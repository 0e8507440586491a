// Preloaded (node --import) into the replication manager and its workers.
// zero-cache binds every server it runs on all interfaces ("::"); the
// change streamer carries every tenant's replicated rows to whoever
// subscribes, so on one machine it must answer only on loopback. Any
// listen() on TANDEM_LOOPBACK_PORT is bound to 127.0.0.1 instead.
import net from 'node:net';

const port = Number(process.env.TANDEM_LOOPBACK_PORT);
if (port > 0) {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (...args) {
    const [first] = args;
    if (first && typeof first === 'object' && Number(first.port) === port) {
      args[0] = {...first, host: '127.0.0.1', ipv6Only: false};
    } else if (Number(first) === port && typeof args[1] !== 'string') {
      args.splice(1, 0, '127.0.0.1');
    }
    return listen.apply(this, args);
  };
}
