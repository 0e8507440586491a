import {describe, expect, it} from 'vitest';
import {inboxSentence, type InboxItem} from '../../client/features/inbox/inbox-sentence.ts';
import {ticketTitle, titleFromProblem, titleOfTicket} from '../../rules/ticket-title.ts';

const entry = (ticket: {title?: string; problem_statement: string}): InboxItem => ({
  id: 'e1',
  account_id: 'a1',
  user_id: 'u1',
  handoff_id: 'h1',
  created_at: 0,
  read_at: null,
  handoff: {id: 'h1', walk_id: 'w1', status: 'open', reason_category: 'Other', ticket: {id: 't1', ref: 'NW-1042', ...ticket}, escalator: {name: 'Lee Linden'}},
});

/** The short title (rules/ticket-title.ts) and the sentences that name a ticket by it. */
describe('a ticket’s title', () => {
  it('is the one typed, spaces collapsed, else the problem’s first line cut at a word', () => {
    expect(ticketTitle('  VPN   drops ', 'anything')).toBe('VPN drops');
    expect(ticketTitle(' ', 'Printer offline\non floor 2')).toBe('Printer offline');
    expect(ticketTitle(null, 'a '.repeat(60))).toBe(`${'a '.repeat(39).trim()}…`);
    expect(titleFromProblem('word'.repeat(30))).toHaveLength(80);
    expect(titleOfTicket({problem_statement: 'Synced before titles'})).toBe('Synced before titles');
    expect(titleOfTicket(undefined, 'Walk')).toBe('Walk');
  });

  it('names the ticket in an inbox sentence', () => {
    const long = `${'The finance VPN drops every few minutes '.repeat(5)}and nobody can close the month`;
    expect(inboxSentence(entry({title: 'Finance VPN drops', problem_statement: long}), 'u2')).toBe('Lee Linden escalated NW-1042: “Finance VPN drops” (Other)');
    expect(inboxSentence(entry({problem_statement: 'Printer jams\nagain'}), 'u2')).toBe('Lee Linden escalated NW-1042: “Printer jams” (Other)');
  });
});
