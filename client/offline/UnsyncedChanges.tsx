import {useState} from 'react';
import {useOutbox, useOutboxEntries} from './outbox-context.ts';
import type {OutboxEntry} from './outbox-journal.ts';

/**
 * Changes the server refused after they waited (offline, or across a
 * reload): which change, why, and the text that was typed with it, kept
 * here to copy until the person dismisses it. Nothing typed is silently lost.
 */
export function UnsyncedChanges() {
  const refused = useOutboxEntries().filter(e => e.state === 'refused');
  if (!refused.length) return null;
  return (
    <section className="unsynced" role="alert" aria-labelledby="unsynced-title" data-testid="unsynced-changes">
      <h2 id="unsynced-title">{refused.length === 1 ? 'A change was not saved' : `${refused.length} changes were not saved`}</h2>
      <ul className="stack">
        {refused.map(entry => (
          <RefusedChange key={entry.changeId} entry={entry} />
        ))}
      </ul>
    </section>
  );
}

function RefusedChange({entry}: {entry: OutboxEntry}) {
  const outbox = useOutbox();
  const [copied, setCopied] = useState(false);
  return (
    <li className="unsynced-item" data-change={entry.name}>
      <p>
        <strong>{entry.label}</strong>: {entry.refusal?.message ?? 'refused by the server.'}
      </p>
      {entry.text && (
        <label className="field">
          <span>What you typed (copy it before dismissing)</span>
          <textarea readOnly rows={Math.min(8, entry.text.split('\n').length + 1)} value={entry.text} onFocus={e => e.target.select()} />
        </label>
      )}
      <div className="row">
        {entry.text && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              void navigator.clipboard?.writeText(entry.text!).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? 'Copied' : 'Copy text'}
          </button>
        )}
        <button type="button" className="btn btn-small btn-quiet" onClick={() => outbox.dismiss(entry.changeId)}>
          Dismiss
        </button>
      </div>
    </li>
  );
}
