import {mutators} from '../../../mutators/index.ts';
import {ROLES, type Member} from '../../../schema/index.ts';
import {useSession} from '../../zero/session-context.ts';
import {useTeamChange} from './team-changes.ts';
import {TransferOwnership} from './TransferOwnership.tsx';
import {FormError} from '../../ui/FormError.tsx';
import {ConfirmDialog} from '../../ui/ConfirmDialog.tsx';
import {ROLE_LABEL} from '../../ui/people.ts';
import {useRef, useState} from 'react';

type Role = Exclude<Member['role'], 'owner'>;
/** A change waiting for the owner's yes: a new role, or a deactivation. */
type Pending = {member: Member; role: Role} | {member: Member; deactivate: true};

/**
 * Owners change roles, (de)activate people and set L1 coverage on engineers.
 * A role change and a deactivation are confirmed first (the select shows the
 * current role until then); reactivating is not.
 */
export function MembersTable({members}: {members: readonly Member[]}) {
  const {context} = useSession();
  const {run, error, clearError} = useTeamChange();
  const [pending, setPending] = useState<Pending | null>(null);
  // The control that asked: focus goes back to it when the dialog closes.
  const opener = useRef<HTMLElement | null>(null);
  const ask = (p: Pending, from: HTMLElement) => {
    clearError();
    opener.current = from;
    setPending(p);
  };
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <FormError message={error} />
      <table className="table" data-testid="members">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Covers L1</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {members.map(m => {
            const self = m.id === context.userId;
            return (
              <tr key={m.id} id={`member-${m.id}`} data-member-email={m.email} className={m.active ? '' : 'inactive'}>
                <td data-label="Name">
                  <div className="row-title">
                    {m.name}
                    {self ? ' (you)' : ''}
                  </div>
                  <div className="row-meta">{m.email}</div>
                </td>
                <td data-label="Role">
                  <label className="sr-only" htmlFor={`role-${m.id}`}>
                    Role of {m.name}
                  </label>
                  <select id={`role-${m.id}`} value={m.role} disabled={self} onChange={e => ask({member: m, role: e.target.value as Role}, e.currentTarget)}>
                    {ROLES.map(r => (
                      // Ownership moves only by a transfer ("Make owner…"), never by picking a role.
                      <option key={r} value={r} disabled={r === 'owner'}>
                        {ROLE_LABEL[r]}
                      </option>
                    ))}
                  </select>{' '}
                  {!self && m.active && m.role !== 'owner' && <TransferOwnership member={m} />}
                </td>
                <td data-label="Covers L1">
                  {m.role === 'engineer' ? (
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={m.can_cover_l1}
                        onChange={e => void run(mutators.member.setCoverage({memberId: m.id, canCoverL1: e.target.checked}))}
                      />
                      <span className="sr-only">{m.name} covers L1</span>
                    </label>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td data-label="Status">
                  <span className={m.active ? 'badge badge-ok' : 'badge badge-muted'}>{m.active ? 'Active' : 'Deactivated'}</span>{' '}
                  {!self && (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={e =>
                        m.active ? ask({member: m, deactivate: true}, e.currentTarget) : void run(mutators.member.setActive({memberId: m.id, active: true}))
                      }
                    >
                      {m.active ? 'Deactivate' : 'Reactivate'}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {pending && 'role' in pending && (
        <ConfirmDialog
          title={`Make ${pending.member.name} ${ROLE_LABEL[pending.role] === 'Engineer' ? 'an' : 'a'} ${ROLE_LABEL[pending.role]}?`}
          confirmLabel="Change role"
          onConfirm={() => run(mutators.member.changeRole({memberId: pending.member.id, role: pending.role}))}
          onCancel={() => setPending(null)}
          returnFocusTo={opener}
          error={error}
        >
          <p>
            {pending.member.name} is {ROLE_LABEL[pending.member.role] === 'Engineer' || ROLE_LABEL[pending.member.role] === 'Owner' ? 'an' : 'a'}{' '}
            {ROLE_LABEL[pending.member.role]} now. What they can see and do changes at once.
          </p>
        </ConfirmDialog>
      )}
      {pending && 'deactivate' in pending && (
        <ConfirmDialog
          title={`Deactivate ${pending.member.name}?`}
          confirmLabel="Deactivate"
          onConfirm={() => run(mutators.member.setActive({memberId: pending.member.id, active: false}))}
          onCancel={() => setPending(null)}
          returnFocusTo={opener}
          error={error}
        >
          <p>{pending.member.name} can no longer sign in or work in this account, and their seat is freed. You can reactivate them later.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
