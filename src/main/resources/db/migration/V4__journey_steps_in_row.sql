-- The steps every message has (RECEIVED, VALIDATED, ROUTED, ACCEPTED) become columns of its row
-- instead of rows of tracking_event: four inserts into an index on a random key per message made
-- the embedded database rewrite thousands of pages per batch of a status file (its file grew by
-- gigabytes per hundred thousand rows). tracking_event keeps the other steps (FLAGGED,
-- DELIVERED per channel, ...). RECEIVED is received_at and channel; ROUTED is validated_at and
-- forbund_id.
alter table tracked_message add column validated_at timestamp with time zone;
alter table tracked_message add column accepted_at timestamp with time zone;

update tracked_message set validated_at = (select min(e.occurred_at) from tracking_event e
    where e.tracking_id = tracked_message.tracking_id and e.step = 'VALIDATED');
update tracked_message set validated_at = received_at where validated_at is null;
update tracked_message set accepted_at = (select min(e.occurred_at) from tracking_event e
    where e.tracking_id = tracked_message.tracking_id and e.step = 'ACCEPTED');
delete from tracking_event where step in ('RECEIVED', 'VALIDATED', 'ROUTED', 'ACCEPTED');

alter table tracked_message alter column validated_at set not null;
