import {describe, expect, it} from 'vitest';
import {syncWorkersPerZeroCache} from '../../server/zero-cache/sync-workers.ts';

describe('sync workers per zero-cache', () => {
  it('uses every core for one zero-cache (zero-cache itself would leave one idle)', () => {
    expect(syncWorkersPerZeroCache(1, {}, 2)).toBe('2');
    expect(syncWorkersPerZeroCache(1, {}, 16)).toBe('16');
  });

  it('shares the cores among view syncers on one machine, at least one each', () => {
    expect(syncWorkersPerZeroCache(2, {}, 16)).toBe('8');
    expect(syncWorkersPerZeroCache(2, {}, 2)).toBe('1');
    expect(syncWorkersPerZeroCache(3, {}, 2)).toBe('1');
  });

  it('keeps ZERO_NUM_SYNC_WORKERS when the operator sets it', () => {
    expect(syncWorkersPerZeroCache(1, {ZERO_NUM_SYNC_WORKERS: '3'}, 2)).toBe('3');
    expect(syncWorkersPerZeroCache(2, {ZERO_NUM_SYNC_WORKERS: ' 4 '}, 16)).toBe('4');
  });
});
