import {Outbox} from '../../client/offline/outbox.ts';
import {askOutboxAnswers} from '../../client/offline/outbox-answers.ts';
import {memoryJournal, type Journal} from '../../client/offline/outbox-journal.ts';
import type {Session} from './sign-in.ts';
import type {TandemZero} from './zero-client.ts';

/** Tandem's outbox on a Node Zero client, as the browser runs it: it asks the app about lost answers with the session's token. */
export function outboxFor(zero: TandemZero, appUrl: string, session: Session, journal: Journal = memoryJournal()): Outbox {
  return new Outbox(zero, journal, askOutboxAnswers({appUrl, token: session.token}));
}
