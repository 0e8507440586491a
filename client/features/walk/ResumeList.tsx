import {useQuery} from '@rocicorp/zero/react';
import {pageQueries} from '../../zero/page-queries.ts';
import {Link} from '../../app/router.tsx';
import {useSession} from '../../zero/session-context.ts';
import {ago} from '../../ui/time.ts';
import {useNow} from '../../ui/useNow.ts';
import {WalkTitle} from './WalkTitle.tsx';

/** "Resume in progress": the caller's own active walks with their step counts. */
export function ResumeList() {
  const {context} = useSession();
  const [walks] = useQuery(pageQueries.home().activeWalks);
  const mine = walks.filter(w => w.driver_user_id === context.userId);
  const now = useNow();
  return (
    <section className="card" aria-labelledby="resume-title">
      <h2 id="resume-title">Resume in progress</h2>
      {mine.length === 0 ? (
        <p className="empty">No walks in progress.</p>
      ) : (
        <ul className="list" data-testid="resume-list">
          {mine.map(w => (
            <li key={w.id} className="list-row">
              <div className="grow">
                <WalkTitle walk={w} />
                <div className="row-meta">
                  {w.step_count} {w.step_count === 1 ? 'step' : 'steps'} · last activity {ago(w.last_activity_at, now)}
                </div>
              </div>
              <Link href={`/walks/${w.id}`} className="btn btn-small">
                Resume
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
