import {getMutator, type MutateRequest, type Zero} from '@rocicorp/zero';
import {withEnvelope} from '../../rules/change-envelope.ts';
import {mutators} from '../../mutators/index.ts';
import {mutationError} from '../ui/mutation-error.ts';
import {describeChange} from './describe-change.ts';
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
 * Tandem's outbox (docs/offline.md). Every change goes to the journal first, then
 * to Zero, which applies it here at once and sends it when it can. The entry
 * leaves the journal when the server has answered: applied, or refused (then
 * it stays, with its reason and the typed text, until the person dismisses
 * it). Whatever Zero could not carry — a reload or a closed tab before the
 * server answered, a connection Zero gave up on — the outbox sends again,
 * in order, marked `replayed`, under the same change id: the server's change
 * ledger applies each id once, so nothing is lost and nothing lands twice.
 */
export class Outbox {
  readonly tabId = crypto.randomUUID();
  #zero: AnyZero;
  #journal: Journal;
  #listeners = new Set<() => void>();
  /** Changes whose verdict this tab is waiting for through Zero. */
  #inFlight = new Set<string>();
  #lastSeq = 0;
  #replaying: Promise<void> | undefined;
  #stops: (() => void)[] = [];
  #snapshot: OutboxEntry[];

  constructor(zero: AnyZero, journal: Journal) {
    this.#zero = zero;
    this.#journal = journal;
    this.#snapshot = journal.read();
    this.#stops.push(journal.onOtherTab(() => this.#changed()));
    this.#stops.push(
      zero.connection.state.subscribe(state => {
        // Connected: send what waits. Connecting again (after Zero gave up
        // for a while): apply here what it refused meanwhile.
        if (state.name === 'connected' || state.name === 'connecting') void this.resend();
      }),
    );
    const tick = setInterval(() => void this.resend(), 15_000);
    this.#stops.push(() => clearInterval(tick));
    void holdTabLock(this.tabId).then(release => this.#stops.push(release));
    void this.resend();
  }

  close(): void {
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
    const behind = this.#journal.read().some(e => e.state === 'pending' && e.seq < entry.seq && e.tabId === this.tabId && !this.#inFlight.has(e.changeId));
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
   * Sends again what no live Zero promise is carrying: entries of a tab that
   * is gone (adopted here) and this tab's entries whose verdict Zero dropped.
   */
  resend(): Promise<void> {
    this.#replaying ??= (async () => {
      try {
        // Again until nothing waits: changes made while this ran wait behind it.
        for (;;) {
          const live = await liveTabs();
          const orphans = this.#journal
            .read()
            .filter(e => e.state === 'pending' && !this.#inFlight.has(e.changeId) && (e.tabId === this.tabId || (live && !live.has(e.tabId))));
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
    this.#inFlight.add(entry.changeId);
    const result = this.#zero.mutate(mutator(withEnvelope(entry.args, {changeId: entry.changeId, replayed: replayed || undefined})));
    const local = await result.client;
    if (local.type === 'error') {
      this.#inFlight.delete(entry.changeId);
      // Zero is not accepting changes right now: the entry waits in the journal.
      if (local.error.type === 'zero') return {status: 'kept'};
      // Refused here, now, with the person looking: nothing was queued.
      this.#update(entries => entries.filter(e => e.changeId !== entry.changeId));
      return {status: 'refused', error: mutationError(local) ?? 'The change was refused.'};
    }
    const server = result.server.then(verdict => {
      this.#inFlight.delete(entry.changeId);
      if (verdict.type === 'success') {
        this.#update(entries => entries.filter(e => e.changeId !== entry.changeId));
        return null;
      }
      if (verdict.error.type === 'zero') return null; // the connection dropped the promise; resent later
      const refusal = {code: (verdict.error.details as {code?: string} | undefined)?.code, message: mutationError(verdict)!};
      // Kept to show when the person may not have seen it happen (it waited
      // offline, or came back after a reload) or when it carries typed text.
      const keep = replayed || entry.madeOffline || entry.text;
      this.#update(entries =>
        keep
          ? entries.map(e => (e.changeId === entry.changeId ? {...e, state: 'refused' as const, refusal} : e))
          : entries.filter(e => e.changeId !== entry.changeId),
      );
      return refusal.message;
    });
    return {status: 'sent', server};
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
