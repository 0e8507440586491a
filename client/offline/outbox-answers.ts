/** What the server says of changes whose answer Zero dropped (server/http/outbox-answers.ts). */
export type OutboxAnswers = {lastMutationID: number; applied: string[]};

export type OutboxQuestion = {clientGroupID: string; clientID: string; changeIds: string[]};

/** Asks the server; null when it cannot answer now (offline, database away): asked again later. */
export type AskOutboxAnswers = (question: OutboxQuestion) => Promise<OutboxAnswers | null>;

/**
 * Asks over plain HTTP (not through Zero: a push would wait behind the very
 * changes it asks about). In the browser, the page's own origin and session
 * cookie; a Node client (tests, scripts) gives the app's URL and its token.
 */
export function askOutboxAnswers({appUrl = '', token}: {appUrl?: string; token?: string} = {}): AskOutboxAnswers {
  return async question => {
    try {
      const res = await fetch(`${appUrl}/api/outbox/answers`, {
        method: 'POST',
        headers: {'content-type': 'application/json', ...(token ? {authorization: `Bearer ${token}`} : {})},
        credentials: 'same-origin',
        body: JSON.stringify(question),
      });
      if (!res.ok) return null;
      return (await res.json()) as OutboxAnswers;
    } catch {
      return null;
    }
  };
}
