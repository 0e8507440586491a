import type {Account, Member} from '../../../schema/index.ts';

function Seat({label, current, limit}: {label: string; current: number; limit: number | null}) {
  const over = limit !== null && current > limit;
  const full = limit !== null && current >= limit;
  return (
    <div className={over ? 'seat seat-over' : full ? 'seat seat-full' : 'seat'} data-testid={`seats-${label}`}>
      <span className="seat-label">{label}</span>
      <span className="seat-count">
        {current}/{limit ?? '∞'}
      </span>
      {over && <span className="seat-note">over the limit: no new {label} seats</span>}
    </div>
  );
}

/** engineer n/limit and L1 n/limit over active members; highlighted when over. */
export function SeatCounter({account, members}: {account: Account | undefined; members: readonly Member[]}) {
  const count = (role: Member['role']) => members.filter(m => m.active && m.role === role).length;
  return (
    <div className="seats" role="group" aria-label="Seats in use">
      <Seat label="engineer" current={count('engineer')} limit={account?.engineer_seat_limit ?? null} />
      <Seat label="L1" current={count('l1_tech')} limit={account?.l1_seat_limit ?? null} />
    </div>
  );
}
