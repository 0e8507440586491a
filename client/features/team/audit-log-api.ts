import type {AuditFilter, AuditPageAnswer} from '../../../rules/audit-log.ts';

/** Why the log could not be read, in words (the server's own sentence when it gave one). */
export class AuditLogUnavailable extends Error {}

/**
 * One page of the audit log from GET /api/audit (server/http/audit.ts):
 * the filters, the cursor of the page before (`before`) and how many.
 */
export async function fetchAuditPage(filter: AuditFilter, page: {before?: string; limit?: number}, signal?: AbortSignal): Promise<AuditPageAnswer> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({...filter, ...page})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  let res: Response;
  try {
    res = await fetch(`/api/audit?${params}`, {credentials: 'include', signal});
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new AuditLogUnavailable('The audit log could not be reached. Check the connection and refresh.');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {message?: string} | null;
    throw new AuditLogUnavailable(body?.message ?? `The audit log could not be loaded (${res.status}).`);
  }
  return (await res.json()) as AuditPageAnswer;
}
