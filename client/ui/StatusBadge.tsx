const TONE: Record<string, string> = {
  open: 'neutral',
  walking: 'info',
  active: 'info',
  resolved: 'ok',
  escalated: 'warn',
  abandoned: 'muted',
};

export function StatusBadge({status}: {status: string}) {
  return <span className={`badge badge-${TONE[status] ?? 'neutral'}`}>{status}</span>;
}
