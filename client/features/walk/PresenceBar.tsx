import {initials, roleInSentence} from '../../ui/people.ts';

type Viewer = {user_id: string; mode: 'watching' | 'driving'; user?: {name: string; role: string} | undefined};

/** Who is looking at this walk right now: a quiet row of avatars. */
export function PresenceBar({viewers, selfId}: {viewers: readonly Viewer[]; selfId: string}) {
  const others = viewers.filter(v => v.user_id !== selfId);
  return (
    <div className="presence" role="group" aria-label="Who is here" data-testid="presence">
      {others.length === 0 ? (
        <span className="muted">Only you</span>
      ) : (
        others.map(v => (
          <span key={v.user_id} className={`presence-chip ${v.mode}`} title={`${v.user?.name ?? 'Someone'} (${roleInSentence(v.user?.role ?? '')}) is ${v.mode}`}>
            <span className="avatar avatar-sm" aria-hidden="true">
              {initials(v.user?.name ?? '?')}
            </span>
            <span>
              {v.user?.name ?? 'Someone'} · {v.mode}
            </span>
          </span>
        ))
      )}
    </div>
  );
}
