import {useQuery} from '@rocicorp/zero/react';
import {useState, type FormEvent} from 'react';
import {mutators} from '../../../mutators/index.ts';
import {pageQueries} from '../../zero/page-queries.ts';
import {ASSIGNABLE_ROLES} from '../../../mutators/member/admin.ts';
import {ago} from '../../ui/time.ts';
import {newInviteCode} from './invite-code.ts';
import {ROLE_LABEL} from '../../ui/people.ts';
import {useTeamChange} from './team-changes.ts';
import {FieldButton} from '../../ui/FieldButton.tsx';
import {FormError} from '../../ui/FormError.tsx';

function inviteState(i: {accepted_at?: number | null; revoked_at?: number | null; expires_at: number}, now: number) {
  if (i.accepted_at) return 'accepted';
  if (i.revoked_at) return 'revoked';
  if (i.expires_at < now) return 'expired';
  return 'pending';
}

/** Invite by email and role; the link (shown once, to copy) is valid 7 days and single use. */
export function InvitesPanel() {
  const [invites] = useQuery(pageQueries.team().invites);
  const {run, error} = useTeamChange();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<(typeof ASSIGNABLE_ROLES)[number]>('l1_tech');
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const now = Date.now();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setLink(null);
    const {code, codeHash} = await newInviteCode();
    const ok = await run(mutators.invite.create({inviteId: crypto.randomUUID(), email, role, codeHash}));
    if (ok) {
      setLink(`${location.origin}/invite/${code}`);
      setCopied(false);
      setEmail('');
    }
  };

  return (
    <section className="card stack" aria-labelledby="invites-title">
      <h2 id="invites-title">Invites</h2>
      <form className="row" onSubmit={submit}>
        <label className="field grow">
          <span>Email</span>
          <input type="email" name="inviteEmail" required value={email} onChange={e => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span>Role</span>
          <select name="inviteRole" value={role} onChange={e => setRole(e.target.value as (typeof ASSIGNABLE_ROLES)[number])}>
            {ASSIGNABLE_ROLES.map(r => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
        <FieldButton className="btn btn-primary" type="submit">
          Create invite
        </FieldButton>
      </form>
      <FormError message={error} />
      {link && (
        <div className="notice stack" role="status">
          <span>Send this link to the invitee. It works once, for 7 days, and is shown only now.</span>
          <div className="row">
            <input className="grow mono" readOnly value={link} aria-label="Invite link" onFocus={e => e.target.select()} />
            <button
              className="btn"
              type="button"
              onClick={async () => {
                await navigator.clipboard?.writeText(link).catch(() => {});
                setCopied(true);
              }}
            >
              {copied ? 'Copied' : 'Copy link'}
            </button>
          </div>
        </div>
      )}
      {invites.length > 0 && (
        <ul className="list" data-testid="invites">
          {invites.map(i => {
            const state = inviteState(i, now);
            return (
              <li key={i.id} className="list-row">
                <div className="grow">
                  <div className="row-title">{i.email}</div>
                  <div className="row-meta">
                    {ROLE_LABEL[i.role]} · invited by {i.inviter?.name ?? 'an owner'} {ago(i.created_at, now)}
                  </div>
                </div>
                <span className="badge badge-neutral">{state}</span>
                {state === 'pending' && (
                  <button type="button" className="btn btn-small" onClick={() => void run(mutators.invite.revoke({inviteId: i.id}))}>
                    Revoke
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
