import {mutators} from '../../../mutators/index.ts';
import {ROLES, type Member} from '../../../schema/index.ts';
import {useSession} from '../../zero/session-context.ts';
import {useMutation} from './use-mutation.ts';
import {TransferOwnership} from './TransferOwnership.tsx';
import {FormError} from '../../ui/FormError.tsx';

export const ROLE_LABEL = {owner: 'Owner', engineer: 'Engineer', l1_tech: 'L1 tech', viewer: 'Viewer'} as const;

/** Owners change roles, (de)activate people and set L1 coverage on engineers. */
export function MembersTable({members}: {members: readonly Member[]}) {
  const {context} = useSession();
  const {run, error} = useMutation();
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
              <tr key={m.id} data-member-email={m.email} className={m.active ? '' : 'inactive'}>
                <td>
                  <div className="row-title">
                    {m.name}
                    {self ? ' (you)' : ''}
                  </div>
                  <div className="row-meta">{m.email}</div>
                </td>
                <td>
                  <label className="sr-only" htmlFor={`role-${m.id}`}>
                    Role of {m.name}
                  </label>
                  <select
                    id={`role-${m.id}`}
                    value={m.role}
                    disabled={self}
                    onChange={e => void run(mutators.member.changeRole({memberId: m.id, role: e.target.value as Exclude<Member['role'], 'owner'>}))}
                  >
                    {ROLES.map(r => (
                      // Ownership moves only by a transfer ("Make owner…"), never by picking a role.
                      <option key={r} value={r} disabled={r === 'owner'}>
                        {ROLE_LABEL[r]}
                      </option>
                    ))}
                  </select>{' '}
                  {!self && m.active && m.role !== 'owner' && <TransferOwnership member={m} />}
                </td>
                <td>
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
                <td>
                  <span className={m.active ? 'badge badge-ok' : 'badge badge-muted'}>{m.active ? 'Active' : 'Deactivated'}</span>{' '}
                  {!self && (
                    <button
                      className="btn btn-small"
                      onClick={() => void run(mutators.member.setActive({memberId: m.id, active: !m.active}))}
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
    </section>
  );
}
