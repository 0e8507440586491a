// Tandem's service worker: keeps the app shell (index.html and the built
// assets) so a reload with no network still opens the app; the synced data
// itself lives in Zero's IndexedDB store. The API and zero-cache are never
// cached: they are live or they are offline.
const CACHE = 'tandem-shell-v1';

const assetsOf = html => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map(m => m[1]);

/** Keeps the new index and drops assets only older builds used. */
async function keepIndex(res) {
  const cache = await caches.open(CACHE);
  const html = await res.clone().text();
  await cache.put('/', res);
  const current = new Set(assetsOf(html));
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !current.has(path)) await cache.delete(request);
  }
  return current;
}

async function precacheShell() {
  const res = await fetch('/', {cache: 'no-store'});
  if (!res.ok) return;
  // The built index names its hashed assets; keep each of them too.
  const assets = await keepIndex(res);
  const cache = await caches.open(CACHE);
  await Promise.all([...assets].map(a => cache.add(a).catch(() => {})));
}

self.addEventListener('install', event => {
  event.waitUntil(precacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', event => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;

  if (request.mode === 'navigate') {
    // Network first, so a deploy is picked up at once; the shell when offline.
    event.respondWith(
      fetch(request)
        .then(async res => {
          if (res.ok) await keepIndex(res.clone());
          return res;
        })
        .catch(async () => (await caches.match('/')) ?? Response.error()),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/')) {
    // Hashed names never change content: cache first.
    event.respondWith(
      caches.match(request).then(
        hit =>
          hit ??
          fetch(request).then(async res => {
            if (res.ok) await (await caches.open(CACHE)).put(request, res.clone());
            return res;
          }),
      ),
    );
  }
});
