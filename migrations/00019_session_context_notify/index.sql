-- The API keeps each session's resolved context (who, which account, which
-- role) for a few seconds instead of three queries per request
-- (server/auth/context-cache.ts): at a busy account every open page sends a
-- presence beat and zero-cache revalidates it every 3 s, so the same few
-- hundred sessions were looked up over a hundred times a second. Whatever
-- ends or changes what a session may do tells the API at once, from the
-- database itself (so a change made by any process, or by hand, counts):
-- a session deleted or re-dated, a member deactivated or given another role,
-- an account's session policy changed.
create function tandem_session_context_changed() returns trigger
language plpgsql as $$
begin
  if tg_table_name = 'session' then
    perform pg_notify('tandem_session_context', old."userId");
  elsif tg_table_name = 'member' then
    perform pg_notify('tandem_session_context', old.id);
  else
    perform pg_notify('tandem_session_context', '*');
  end if;
  return null;
end $$;

create trigger session_context_changed
  after delete or update of "userId", token, "createdAt", "expiresAt" on auth.session
  for each row execute function tandem_session_context_changed();

create trigger session_context_changed
  after delete or update of active, role, can_cover_l1, account_id, sessions_ended_at on member
  for each row execute function tandem_session_context_changed();

create trigger session_context_changed
  after update of session_idle_minutes, session_absolute_hours on account
  for each statement execute function tandem_session_context_changed();
