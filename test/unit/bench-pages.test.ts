import {describe, expect, it} from 'vitest';
import {pageShowsHandoff, pageShowsPresence, pageShowsStep} from '../../bench/support/pages.ts';

const step = (seq: number, kind = 'answer') => ({id: `s${seq}`, walk_id: 'w1', seq, kind, node_id: 'a'});

describe('bench pages', () => {
  it('find a step inside the walk (walk.byId with its steps) or as walk_step rows of their own', () => {
    const nested = [{id: 'w1', status: 'active', steps: [step(1), step(2, 'back')]}];
    expect(pageShowsStep(nested, 2)).toBe(true);
    expect(pageShowsStep(nested, 3)).toBe(false);
    const flat = [{id: 'w1', status: 'active'}, [step(1), step(2)], []];
    expect(pageShowsStep(flat, 2)).toBe(true);
    expect(pageShowsStep(flat, 3)).toBe(false);
  });

  it('do not take other rows with a seq-like field for a step', () => {
    const lane = [{id: 'l1', walk_id: 'w1', seq: 4, kind: 'question', position: 4}];
    expect(pageShowsStep([undefined, lane], 4)).toBe(false);
  });

  it('find a card on the queue only as a handoff row', () => {
    const queue = [[{id: 'h1', walk_id: 'w1', escalated_at: 1}]];
    expect(pageShowsHandoff(queue, 'h1')).toBe(true);
    expect(pageShowsHandoff(queue, 'h2')).toBe(false);
    expect(pageShowsHandoff([[{id: 'h1', status: 'active'}]], 'h1')).toBe(false);
  });

  it('count who is on a walk from the walker page’s presence rows or the walk’s card on Live walks', () => {
    const seen = (walkId: string, user: string) => ({id: `${walkId}:${user}`, walk_id: walkId, user_id: user, mode: 'watching', last_seen: 1});
    const walker = [{id: 'me'}, [seen('w1', 'a'), seen('w1', 'b'), seen('w2', 'c')]];
    expect(pageShowsPresence(walker, 'w1', 2)).toBe(true);
    expect(pageShowsPresence(walker, 'w1', 3)).toBe(false);
    const live = [
      [
        {walk_id: 'w1', status: 'active', presence: [seen('w1', 'a'), seen('w1', 'b'), seen('w1', 'c')]},
        {walk_id: 'w2', presence: []},
      ],
    ];
    expect(pageShowsPresence(live, 'w1', 3)).toBe(true);
    expect(pageShowsPresence(live, 'w2', 1)).toBe(false);
    expect(pageShowsPresence(live, 'w3', 1)).toBe(false);
  });
});
