import {describe, expect, it} from 'vitest';
import {parseChaosRecords, renderLastRun, renderReadmeTable, replaceBetweenMarkers, SUMMARY_END, SUMMARY_START, type RunInfo} from '../../scripts/chaos-summary.ts';

const info: RunInfo = {startedAt: '2026-11-25T08:00:00.000Z', seconds: 612.4, commit: 'abc123', passed: true, size: 'full'};
const report = [
  {kind: 'fault', name: 'SIGKILL zero-cache mid-walk', tried: 1, passed: 1, lost: 0},
  {kind: 'hostile_input', name: 'walk.recordStep', tried: 120, passed: 120, lost: 0},
  {kind: 'fault', name: 'SIGKILL zero-cache mid-walk', tried: 2, passed: 1, lost: 3},
  {kind: 'hostile_input', name: 'ticket.intake', tried: 80, passed: 79, lost: 1},
  {kind: 'attack', name: 'other account ids', tried: 40, passed: 40, lost: 0},
  {kind: 'fault', name: 'SIGKILL API server during the account floor', tried: 1, passed: 1, lost: 0, duplicated: 0, recoveryMs: [2400]},
  {kind: 'fault', name: 'SIGKILL API server during the account floor', tried: 2, passed: 2, lost: 0, duplicated: 1, recoveryMs: [3050, null]},
]
  .map(r => JSON.stringify({...r, at: '2026-11-25T08:01:00.000Z'}))
  .join('\n');

describe('chaos summary', () => {
  const records = parseChaosRecords(`${report}\n\n`);

  it('sums each fault over its rounds and each kind of input and attack', () => {
    const table = renderReadmeTable(records, info);
    expect(table).toContain('| Fault: SIGKILL zero-cache mid-walk | 3 | 2 | 3 | – | – |');
    expect(table).toContain('| Hostile inputs answered cleanly (2 mutators and endpoints) | 200 | 199 | 1 | – | – |');
    expect(table).toContain('| Tenant and role attacks refused (1 mutator, query and session cases) | 40 | 40 | 0 | – | – |');
    expect(table).toContain('| **Total** | **246** | **244** | **4** | **1** | |');
    expect(table).toContain('commit `abc123` · 612 s · all chaos tests passed');
  });

  it("shows each fault's duplicates and its recovery times, one per injection", () => {
    const row = '| SIGKILL API server during the account floor | 3 | 3 | 0 | 1 | 2.4 s, 3.0 s, not seen |';
    expect(renderReadmeTable(records, info)).toContain(`| Fault: ${row.slice(2)}`);
    expect(renderLastRun(records, info)).toContain(row);
  });

  it('says so when the run failed', () => {
    expect(renderReadmeTable(records, {...info, passed: false})).toContain('**some chaos tests FAILED**');
  });

  it('lists every name in LAST-RUN.md', () => {
    const md = renderLastRun(records, info);
    expect(md).toContain('| walk.recordStep | 120 | 120 | 0 |');
    expect(md).toContain('| ticket.intake | 80 | 79 | 1 |');
    expect(md).toContain('| other account ids | 40 | 40 | 0 |');
  });

  it('replaces only the block between the markers, and refuses a README without them', () => {
    const readme = `# Tandem\n\n${SUMMARY_START}\nold table\n${SUMMARY_END}\n\nmore\n`;
    const next = replaceBetweenMarkers(readme, 'new table');
    expect(next).toBe(`# Tandem\n\n${SUMMARY_START}\nnew table\n${SUMMARY_END}\n\nmore\n`);
    expect(replaceBetweenMarkers(next, 'again')).toContain(`${SUMMARY_START}\nagain\n${SUMMARY_END}`);
    expect(() => replaceBetweenMarkers('# Tandem\n', 'x')).toThrow(/chaos-summary:start/);
  });
});
