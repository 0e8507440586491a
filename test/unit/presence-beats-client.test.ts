import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {startPresenceBeats, type BeatOutcome, type PresenceZero} from '../../client/features/walk/presence-beats.ts';

/** A connection whose state the test sets. */
function connection(initial: string) {
  let current = {name: initial};
  const listeners = new Set<(s: {name: string}) => void>();
  const zero: PresenceZero = {
    connection: {
      state: {
        get current() {
          return current;
        },
        subscribe: l => (listeners.add(l), () => listeners.delete(l)),
      },
    },
  };
  return {zero, set: (name: string) => ((current = {name}), listeners.forEach(l => l(current)))};
}

describe('the walker page’s presence beats', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('beats over HTTP every interval while connected, none offline, and at once on reconnecting', async () => {
    const c = connection('connected');
    const sent: string[] = [];
    const stop = startPresenceBeats(c.zero, 'w1', async id => (sent.push(id), 'recorded'), {intervalMs: 1000});
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['w1']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent.length).toBe(3);
    c.set('disconnected');
    await vi.advanceTimersByTimeAsync(3000);
    expect(sent.length).toBe(3);
    c.set('connected');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.length).toBe(4);
    await stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent.length).toBe(4);
  });

  it('sends one beat at a time: a slow answer is not overtaken, a failed one is retried at the next tick', async () => {
    const c = connection('connected');
    let calls = 0;
    let answer: ((o: BeatOutcome) => void) | undefined;
    const stop = startPresenceBeats(c.zero, 'w1', () => (calls++, new Promise<BeatOutcome>(r => (answer = r))), {intervalMs: 1000});
    await vi.advanceTimersByTimeAsync(3500);
    expect(calls).toBe(1);
    answer?.('failed');
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    void stop();
  });

  it('stops after the beat in flight: a leave sent then is not overtaken by a beat writing the row again', async () => {
    const c = connection('connected');
    let answer: ((o: BeatOutcome) => void) | undefined;
    const stop = startPresenceBeats(c.zero, 'w1', () => new Promise<BeatOutcome>(r => (answer = r)), {intervalMs: 1000});
    await vi.advanceTimersByTimeAsync(0);
    let stopped = false;
    void stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(2000);
    expect(stopped).toBe(false);
    answer?.('recorded');
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(true);
    // With no beat in flight, at once.
    const idle = startPresenceBeats(c.zero, 'w2', async () => 'recorded', {intervalMs: 1000, firstDelayMs: 500});
    let idleStopped = false;
    void idle().then(() => (idleStopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(idleStopped).toBe(true);
  });
});
