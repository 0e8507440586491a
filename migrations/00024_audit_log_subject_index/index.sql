-- The owner's audit page can show one subject's history (a ticket, a walk,
-- a member …: GET /api/audit?subjectId=…, server/audit/audit-page.ts). The
-- only index on the log was (account_id, at desc), so that filter read the
-- account's whole log newest first until it had a page, or to the end for a
-- subject with few entries. This one serves it as asked: one account, one
-- subject, newest first by (at, id), from the `before` cursor on. The id is
-- a uuid, so the kind (subject_type), when also given, only confirms it.
create index audit_log_account_subject_at_idx on audit_log(account_id, subject_id, at desc, id desc);
