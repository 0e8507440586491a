import {useQuery} from '@rocicorp/zero/react';
import {pageQueries} from '../../zero/page-queries.ts';
import {Link} from '../../app/router.tsx';
import {initials} from '../../ui/people.ts';
import {ago} from '../../ui/time.ts';
import {useNow} from '../../ui/useNow.ts';
import {WalkTitle} from './WalkTitle.tsx';

/**
 * Engineers and owners: every walk in progress in the account, live, longest
 * on the call first. Each row is the walk's card (queries/walks.ts `live`):
 * where the walk is now is on its own page, one click away, so a step does
 * not reach every engineer's list.
 */
export function LiveWalksPage() {
  const [walks, details] = useQuery(pageQueries.liveWalks().walks);
  const now = useNow();
  return (
    <div className="page">
      <h1>Live walks</h1>
      <section className="card" aria-labelledby="live-title">
        <h2 id="live-title" className="sr-only">
          Walks in progress
        </h2>
        {walks.length === 0 ? (
          <p className="empty">{details.type === 'complete' ? 'Nobody is on a call right now.' : 'Loading…'}</p>
        ) : (
          <ul className="list" data-testid="live-walks">
            {walks.map(w => (
              <li key={w.walk_id} className="list-row" data-walk-id={w.walk_id}>
                <div className="grow">
                  <WalkTitle walk={{id: w.walk_id, ticket: w.ticket}} />
                  <div className="row-meta">
                    {w.driver?.name ?? 'Someone'} · {w.flow ? w.flow.title : 'free-form notes'} · on call {ago(w.started_at, now).replace(' ago', '')}
                  </div>
                </div>
                <span className="watchers" role="group" aria-label="Watching now">
                  {w.presence
                    .filter(p => p.user_id !== w.driver_user_id)
                    .map(p => (
                      <span key={p.user_id} className="avatar avatar-sm" title={`${p.user?.name ?? 'Someone'} is watching`}>
                        {initials(p.user?.name ?? '?')}
                      </span>
                    ))}
                </span>
                <Link href={`/walks/${w.walk_id}`} className="btn btn-small">
                  Watch
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
