import {useQuery} from '@rocicorp/zero/react';
import {queries} from '../../../queries/index.ts';

const ROLE_LABEL = {owner: 'Owner', engineer: 'Engineer', l1_tech: 'L1 tech', viewer: 'Viewer'} as const;

/** Owners: the people of the account. */
export function TeamPage() {
  const [members] = useQuery(queries.member.list());
  return (
    <div className="page">
      <h1>Team</h1>
      <section className="card">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {members.map(m => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>
                  {ROLE_LABEL[m.role]}
                  {m.can_cover_l1 ? ' · covers L1' : ''}
                </td>
                <td>{m.active ? 'Active' : 'Deactivated'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
