import {getMutator, type MutateRequest, type Zero} from '@rocicorp/zero';
import {withEnvelope} from '../../rules/change-envelope.ts';
import {onCarryingMutation} from '../../mutators/carrying-mutation.ts';
import {mutators} from '../../mutators/index.ts';
import {mutationError} from '../ui/mutation-error.ts';
import {describeChange} from './describe-change.ts';
import type {AskOutboxAnswers} from './outbox-answers.ts';
import type {Journal, OutboxEntry} from './outbox-journal.ts';
import {reachable} from './reachable.ts';

export type SendResult =
  /** Applied here and handed to Zero; `server` settles with the refusal, or null. */
  | {status: 'sent'; server: Promise<string | null>}
  /** Zero takes no changes right now: kept in the journal, sent when it does. */
  | {status: 'kept'}
  /** Refused at once by this browser (nothing was queued). */
  | {status: 'refused'; error: string};

type AnyZero = Zero<any, any, any>;

/**
 * The Zero mutation of this tab that carries an entry. Zero keeps a change it
 * accepted until the server has taken it, pushing it again after every
 * reconnect by itself; only the answer can be lost on the way (`lost`: its
 * connection failed, and `.server` settled with a Zero error).
 */
type Carrier = {mutationID?: number; answer: 'awaited' | 'lost'};

/** How soon to ask again about lost answers while Zero is connected and still holds them; doubled (to 30 s) while the server cannot answer. */
const ASK_AGAIN_MS = 2_000;
const ASK_AGAIN_MAX_MS = 30_000;

/**
 * Tandem's outbox (docs/offline.md). Every change goes to the journal first, then
 * to Zero, which applies it here at once and sends it when it can. The entry
 * leaves the journal when the server has answered: applied, or refused (then
 * it stays, with its reason and the typed text, until the person dismisses
 * it).
 *
 * Each entry is carried by one Zero mutation at a time. Once Zero has taken
 * a change it holds it until the server has taken it, and pushes it again
 * by itself after every reconnect; a failed connection only loses its
 * answer. Such an entry is not sent again: the outbox asks the server what
 * became of it (server/http/outbox-answers.ts): applied (the change ledger
 * has it), still on its way (its mutation id is beyond the server's last
 * one for this client: Zero holds it), or refused (Zero has let go; it is
 * sent once more to hear the reason). What no Zero of this tab carries — a
 * change Zero did not take (it was not connecting or connected), a reload
 * or a closed tab before the answer — the outbox sends again, in order,
 * marked `replayed`, under the same change id: the server's change ledger
 * applies each id once, so nothing is lost and nothing lands twice.
 */
export class Outbox {
  readonly tabId = crypto.randomUUID();
  #zero: AnyZero;
  #journal: Journal;
  #askAnswers: AskOutboxAnswers;
  #listeners = new Set<() => void>();
  /** The entries a Zero mutation of this tab carries, by change id. */
  #carried = new Map<string, Carrier>();
  /** Mutation ids Zero gave this tab's changes, told by their first run (mutators/carrying-mutation.ts). */
  #mutationIds = new Map<string, number>();
  #closed = false;
  #asking = false;
  #askAgain = false;
  #askTimer: ReturnType<typeof setTimeout> | undefined;
  #askDelay = ASK_AGAIN_MS;
  #lastSeq = 0;
  #replaying: Promise<void> | undefined;
  #stops: (() => void)[] = [];
  #snapshot: OutboxEntry[];

  constructor(zero: AnyZero, journal: Journal, askAnswers: AskOutboxAnswers) {
    this.#zero = zero;
    this.#journal = journal;
    this.#askAnswers = askAnswers;
    this.#snapshot = journal.read();
    this.#stops.push(journal.onOtherTab(() => this.#changed()));
    this.#stops.push(
      onCarryingMutation(carrying => {
        if (carrying.clientID === zero.clientID) this.#mutationIds.set(carrying.changeId, carrying.mutationID);
      }),
    );
    this.#stops.push(
      zero.connection.state.subscribe(state => {
        // Connecting or connected, Zero takes changes again: send what it did
        // not take meanwhile (what it holds, it pushes by itself).
        if (state.name === 'connected' || state.name === 'connecting') void this.resend();
        if (state.name === 'connected') void this.#askAboutLost();
      }),
    );
    const tick = setInterval(() => {
      void this.resend();
      void this.#askAboutLost();
    }, 15_000);
    this.#stops.push(() => clearInterval(tick));
    this.#stops.push(() => clearTimeout(this.#askTimer));
    void holdTabLock(this.tabId).then(release => this.#stops.push(release));
    void this.resend();
  }

  close(): void {
    this.#closed = true;
    for (const stop of this.#stops.splice(0)) stop();
  }

  /** Every entry of this person, all tabs: waiting ones and refused ones. */
  entries(): OutboxEntry[] {
    return this.#snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Makes a change: journal first, then Zero. */
  async send(request: MutateRequest<any, any, any, any>, options: {label?: string} = {}): Promise<SendResult> {
    const name = request.mutator.mutatorName;
    const described = describeChange(name, request.args);
    const entry: OutboxEntry = {
      changeId: crypto.randomUUID(),
      seq: this.#nextSeq(),
      tabId: this.tabId,
      name,
      args: request.args,
      ...described,
      label: options.label ?? described.label,
      state: 'pending',
      madeOffline: !reachable(this.#zero) || undefined,
      createdAt: Date.now(),
    };
    this.#update(entries => [
      // A newer full replacement (notes) supersedes one still waiting.
      ...entries.filter(e => !(entry.coalesceKey && e.coalesceKey === entry.coalesceKey && e.state === 'pending')),
      entry,
    ]);
    // Changes of this tab that Zero refused earlier go first: this one waits
    // its turn behind them, so that the server applies them in order.
    const behind = this.#journal.read().some(e => e.state === 'pending' && e.seq < entry.seq && e.tabId === this.tabId && !this.#carried.has(e.changeId));
    if (behind) {
      void this.resend();
      return {status: 'kept'};
    }
    return this.#dispatch(entry, false);
  }

  dismiss(changeId: string): void {
    this.#update(entries => entries.filter(e => e.changeId !== changeId));
  }

  /**
   * Sends again what no Zero mutation of this tab carries: entries of a tab
   * that is gone (adopted here), this tab's entries Zero did not take, and
   * refused ones whose answer was lost (Zero has let go of them).
   */
  resend(): Promise<void> {
    this.#replaying ??= (async () => {
      try {
        // Again until nothing waits: changes made while this ran wait behind it.
        for (;;) {
          const live = await liveTabs();
          const orphans = this.#journal
            .read()
            .filter(e => e.state === 'pending' && !this.#carried.has(e.changeId) && (e.tabId === this.tabId || (live && !live.has(e.tabId))));
          if (!orphans.length) return;
          const adopted = new Set(orphans.map(e => e.changeId));
          this.#update(entries => entries.map(e => (adopted.has(e.changeId) ? {...e, tabId: this.tabId} : e)));
          for (const entry of orphans) {
            const result = await this.#dispatch({...entry, tabId: this.tabId}, true);
            if (result.status === 'kept') return; // Zero is not taking changes now; keep the rest in order for later.
          }
        }
      } finally {
        this.#replaying = undefined;
      }
    })();
    return this.#replaying;
  }

  async #dispatch(entry: OutboxEntry, replayed: boolean): Promise<SendResult> {
    const mutator = getMutator(mutators, entry.name) as unknown as (args: unknown) => MutateRequest<any, any, any, any>;
    const carrier: Carrier = {answer: 'awaited'};
    this.#carried.set(entry.changeId, carrier);
    const result = this.#zero.mutate(mutator(withEnvelope(entry.args, {changeId: entry.changeId, replayed: replayed || undefined})));
    const local = await result.client;
    carrier.mutationID = this.#mutationIds.get(entry.changeId);
    this.#mutationIds.delete(entry.changeId);
    if (local.type === 'error') {
      this.#carried.delete(entry.changeId);
      // Zero is not accepting changes right now: the entry waits in the journal.
      if (local.error.type === 'zero') return {status: 'kept'};
      // Refused here, now, with the person looking: nothing was queued.
      this.#update(entries => entries.filter(e => e.changeId !== entry.changeId));
      return {status: 'refused', error: mutationError(local) ?? 'The change was refused.'};
    }
    const server = result.server.then(verdict => {
      const error = verdict.type === 'error' ? verdict.error : undefined;
      if (error?.type === 'zero') {
        // The connection failed: Zero still holds the change and pushes it
        // again itself; only this answer is lost. Asked about, not resent.
        carrier.answer = 'lost';
        return null;
      }
      this.#carried.delete(entry.changeId);
      // The server takes a client's changes in order: those before this one are taken too.
      if (this.#hasLostBefore(carrier.mutationID)) void this.#askAboutLost();
      if (!error) {
        this.#update(entries => entries.filter(e => e.changeId !== entry.changeId));
        return null;
      }
      return this.#refuse(entry, replayed, {code: (error.details as {code?: string} | undefined)?.code, message: mutationError(verdict)!});
    });
    return {status: 'sent', server};
  }

  #refuse(entry: OutboxEntry, replayed: boolean, refusal: {code?: string; message: string}): string {
    // Kept to show when the person may not have seen it happen (it waited
    // offline, or came back after a reload) or when it carries typed text.
    const keep = replayed || entry.madeOffline || entry.text;
    this.#update(entries =>
      keep ? entries.map(e => (e.changeId === entry.changeId ? {...e, state: 'refused' as const, refusal} : e)) : entries.filter(e => e.changeId !== entry.changeId),
    );
    return refusal.message;
  }

  #hasLostBefore(mutationID: number | undefined): boolean {
    if (mutationID === undefined) return false;
    for (const c of this.#carried.values()) if (c.answer === 'lost' && c.mutationID !== undefined && c.mutationID < mutationID) return true;
    return false;
  }

  /**
   * Asks the server about entries whose answer was lost: applied ones leave
   * the journal; refused ones (Zero let go of them, not applied) are sent
   * once more to hear why; the rest Zero still holds, asked about again
   * shortly while connected (so too when the server could not answer). One
   * question at a time.
   */
  async #askAboutLost(): Promise<void> {
    if (this.#closed) return;
    if (this.#asking) {
      this.#askAgain = true;
      return;
    }
    const lost = [...this.#carried].filter(([, c]) => c.answer === 'lost');
    if (!lost.length) return;
    this.#asking = true;
    let askAgainSoon = true;
    try {
      const answers = await this.#askAnswers({
        clientGroupID: await this.#zero.clientGroupID,
        clientID: this.#zero.clientID,
        changeIds: lost.map(([changeId]) => changeId),
      });
      if (!answers) {
        // The server cannot say now (the database is away): again, less often.
        this.#askDelay = Math.min(ASK_AGAIN_MAX_MS, this.#askDelay * 2);
        return;
      }
      this.#askDelay = ASK_AGAIN_MS;
      const applied = new Set(answers.applied);
      let letGo = false;
      askAgainSoon = false;
      for (const [changeId, carrier] of lost) {
        if (this.#carried.get(changeId) !== carrier || carrier.answer !== 'lost') continue;
        if (applied.has(changeId)) {
          this.#carried.delete(changeId);
          this.#update(entries => entries.filter(e => e.changeId !== changeId));
        } else if (carrier.mutationID !== undefined && carrier.mutationID <= answers.lastMutationID) {
          this.#carried.delete(changeId);
          letGo = true;
        } else {
          askAgainSoon = true; // Zero still holds it
        }
      }
      if (letGo) void this.resend();
    } finally {
      this.#asking = false;
      if (this.#askAgain) {
        this.#askAgain = false;
        void this.#askAboutLost();
      } else if (askAgainSoon && !this.#askTimer) {
        this.#askTimer = setTimeout(() => {
          this.#askTimer = undefined;
          if (this.#zero.connection.state.current.name === 'connected') void this.#askAboutLost();
        }, this.#askDelay);
      }
    }
  }

  #nextSeq(): number {
    this.#lastSeq = Math.max(Date.now() * 1000, this.#lastSeq + 1, ...this.#journal.read().map(e => e.seq + 1));
    return this.#lastSeq;
  }

  #update(change: (entries: OutboxEntry[]) => OutboxEntry[]): void {
    this.#journal.write(change(this.#journal.read()));
    this.#changed();
  }

  #changed(): void {
    this.#snapshot = this.#journal.read();
    for (const listener of this.#listeners) listener();
  }
}

const LOCK_PREFIX = 'tandem-tab:';

/** Holds a lock named for this tab for as long as the tab lives. */
async function holdTabLock(tabId: string): Promise<() => void> {
  if (typeof navigator === 'undefined' || !navigator.locks) return () => {};
  let release!: () => void;
  const held = new Promise<void>(resolve => (release = resolve));
  void navigator.locks.request(LOCK_PREFIX + tabId, () => held);
  return release;
}

/** The tabs alive now (null when the browser cannot tell: then only own entries are resent). */
async function liveTabs(): Promise<Set<string> | null> {
  if (typeof navigator === 'undefined' || !navigator.locks) return null;
  const {held = []} = await navigator.locks.query();
  return new Set(
    held
      .map(l => l.name ?? '')
      .filter(n => n.startsWith(LOCK_PREFIX))
      .map(n => n.slice(LOCK_PREFIX.length)),
  );
}
