import {useQuery} from '@rocicorp/zero/react';
import {useCallback, useState} from 'react';
import {pageQueries} from '../../zero/page-queries.ts';
import {AuditLog} from './AuditLog.tsx';
import {InvitesPanel} from './InvitesPanel.tsx';
import {MembersTable} from './MembersTable.tsx';
import {SeatCounter} from './SeatCounter.tsx';
import {SeatLimits} from './SeatLimits.tsx';
import {SessionPolicyPanel} from './SessionPolicyPanel.tsx';
import {TeamChanged} from './team-changes.ts';
import './team.css';

/** Owners: people, seats, invites, the session policy and the audit log. */
export function TeamPage() {
  const [members] = useQuery(pageQueries.team().members);
  const [account] = useQuery(pageQueries.team().account);
  // The owner's own accepted changes on this page: the audit log reads again after each.
  const [changes, setChanges] = useState(0);
  const changed = useCallback(() => setChanges(n => n + 1), []);
  return (
    <TeamChanged.Provider value={changed}>
      <div className="page">
        <div className="page-head">
          <h1>Team</h1>
          <SeatCounter account={account} members={members} />
          <SeatLimits account={account} />
        </div>
        <MembersTable members={members} />
        <InvitesPanel />
        <SessionPolicyPanel account={account} />
        <AuditLog members={members} changes={changes} />
      </div>
    </TeamChanged.Provider>
  );
}
