import type {Zero} from '@rocicorp/zero';

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * After a server error Zero stops in "error" and refuses changes until
 * someone calls `connection.connect()`. An L1 should never have to press a
 * button for that: this calls it again, with backoff (1 s doubling to 30 s),
 * and at once when the browser comes back online. ("disconnected" needs
 * nothing: Zero keeps retrying there by itself.) Returns a stop function.
 */
export function keepConnecting(zero: Zero<any, any, any>): () => void {
  let delay = FIRST_RETRY_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const retry = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (zero.connection.state.current.name === 'error') void zero.connection.connect();
  };
  const unsubscribe = zero.connection.state.subscribe(state => {
    if (state.name === 'connected') delay = FIRST_RETRY_MS;
    if (state.name === 'error' && !timer) {
      timer = setTimeout(retry, delay);
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  });
  window.addEventListener('online', retry);
  return () => {
    unsubscribe();
    window.removeEventListener('online', retry);
    if (timer) clearTimeout(timer);
  };
}
