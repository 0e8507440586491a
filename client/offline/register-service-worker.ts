/**
 * Registers the app-shell service worker (client/public/sw.js) in built
 * apps, so a reload while offline still opens Tandem. Under the Vite dev
 * server it is left out: there the shell is not a fixed set of files.
 */
export function registerServiceWorker(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(error => console.warn('Offline shell unavailable:', error));
  });
}
