import WebSocket from 'ws';

// Node has no WebSocket of its own on every version; Zero needs one.
if (!(globalThis as {WebSocket?: unknown}).WebSocket) {
  (globalThis as {WebSocket?: unknown}).WebSocket = WebSocket;
}
