-- The audit log leaves what zero-cache replicates (issue #17). Only the
-- owner's audit page reads it, and it now does so over HTTP (GET /api/audit,
-- server/http/audit.ts); replicated, every audit row (one per recorded step,
-- claim, lane change …) went past every connected client group. The server
-- keeps writing the same rows in the same transactions.
--
-- An existing zero-cache replica copes by itself: its change source sees the
-- publication change in the replication stream (zero's DDL event trigger)
-- and drops the table from its replica (test/integration/restart.test.ts).
alter publication tandem_sync drop table audit_log;
