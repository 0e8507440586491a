import {pageQueries} from '../../zero/page-queries.ts';
import {useSession} from '../../zero/session-context.ts';
import {IntakeForm} from '../intake/IntakeForm.tsx';
import {TicketList} from '../tickets/TicketList.tsx';
import {ResumeList} from '../walk/ResumeList.tsx';

function greeting(): string {
  const h = new Date().getHours();
  return h < 12 ? 'Good morning' : h < 18 ? 'Good afternoon' : 'Good evening';
}

/** The L1 workspace: take a call, resume a walk, see the queue. */
export function HomePage() {
  const {user} = useSession();
  return (
    <div className="page">
      <h1>
        {greeting()}, {user.name.split(' ')[0]}
      </h1>
      <div className="grid-2">
        <IntakeForm />
        <ResumeList />
      </div>
      <TicketList tickets={pageQueries.home().tickets} />
    </div>
  );
}
