-- What zero-cache replicates: exactly the tables of the Zero schema
-- (schema/index.ts), named here, instead of every table in `public`.
-- Server-only tables stay out, so their writes never reach zero-cache: e.g.
-- notification_delivery, where each escalation queues a row per engineer and
-- the dispatcher then updates each row after sending (every one of those
-- transactions used to be replicated and run past every connected client).
-- zero-cache reads it through ZERO_APP_PUBLICATIONS=tandem_sync. A new synced
-- table must be added here too (test/integration/sync-publication.test.ts).
create publication tandem_sync for table
  account, member, audit_log, flow, flow_proposal, ticket, walk, walk_step,
  handoff, handoff_read, invite, task_lane_item, walk_presence, generated_text;
