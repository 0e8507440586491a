/**
 * A ticket's short title (migrations/00020): what the L1 typed at intake, or,
 * when they typed none, one made from the problem statement's first line.
 * The migration's `ticket_title_from` makes the same title in SQL (for the
 * tickets taken before titles, and rows written outside the mutators);
 * test/integration/ticket-titles.test.ts checks that the two agree.
 */
export const TITLE_MAX = 80;

/** Cut at the last space in this many characters or more, else mid-word. */
const MIN_WORDS_CUT = 40;

/** The whitespace both sides agree on (JavaScript's \s is wider than Postgres's). */
const SPACES = /[ \t\r\n\f\v]+/g;

/** The title made from a problem statement: its first line, spaces collapsed, cut at a word with "…" past 80 characters. */
export function titleFromProblem(problem: string): string {
  const firstLine = problem.replace(/^[ \t\r\n\f\v]+/, '').split(/[\r\n]/, 1)[0] ?? '';
  const line = firstLine.replace(SPACES, ' ').replace(/^ | $/g, '');
  const chars = Array.from(line); // code points, as Postgres counts them
  if (chars.length <= TITLE_MAX) return line;
  let cut = chars.slice(0, TITLE_MAX - 1).join('');
  const space = cut.lastIndexOf(' ');
  if (space >= 0 && Array.from(cut.slice(0, space)).length >= MIN_WORDS_CUT) cut = cut.slice(0, space);
  return `${cut.replace(/ +$/, '')}…`;
}

/** The title as given (spaces collapsed), or, when blank, the one made from the problem. */
export function ticketTitle(title: string | null | undefined, problem: string): string {
  const given = (title ?? '').replace(SPACES, ' ').replace(/^ | $/g, '');
  return given || titleFromProblem(problem);
}

/** What a screen shows for a ticket: its stored title, else one made from its problem (a row synced before the title was). */
export function titleOfTicket(ticket: {title?: string | null; problem_statement?: string | null} | null | undefined, fallback = 'Ticket'): string {
  if (!ticket) return fallback;
  return ticketTitle(ticket.title, ticket.problem_statement ?? '') || fallback;
}
