-- Where the journal stood when a stage snapshot was written: the id of the last journal entry then
-- (0 before any). The verification archive replays the journal and checks each snapshot's sheets
-- against the records at exactly that point, even when a merge or a correction came in the same
-- second as the finalisation. NULL for snapshots written before this column existed (the archive
-- then orders by time).
ALTER TABLE stage_snapshots ADD COLUMN journal_id INTEGER;
