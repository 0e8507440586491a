import {useQuery} from '@rocicorp/zero/react';
import {pageQueries} from '../../zero/page-queries.ts';
import {AuditLog} from './AuditLog.tsx';
import {InvitesPanel} from './InvitesPanel.tsx';
import {MembersTable} from './MembersTable.tsx';
import {SeatCounter} from './SeatCounter.tsx';
import {SessionPolicyPanel} from './SessionPolicyPanel.tsx';
import './team.css';

/** Owners: people, seats, invites, the session policy and the audit log. */
export function TeamPage() {
  const [members] = useQuery(pageQueries.team().members);
  const [account] = useQuery(pageQueries.team().account);
  return (
    <div className="page">
      <div className="page-head">
        <h1>Team</h1>
        <SeatCounter account={account} members={members} />
      </div>
      <MembersTable members={members} />
      <InvitesPanel />
      <SessionPolicyPanel account={account} />
      <AuditLog members={members} />
    </div>
  );
}
