-- The screening checklist per entry: which of the stage's checklist items (ids from the
-- definition's `checklist`) an entry meets. Never edit a migration that has shipped; add a new one.
--
-- `met` is a JSON array of item ids, the items met among those that apply to the entry; NULL when
-- the items were not recorded (a record made by an earlier Juri, or with only pass or fail), which
-- is not the same as '[]' (no item met). A finalised stage's snapshot carries each entry's items
-- as they were (`StageSnapshotV1`'s entries, field `met`).
ALTER TABLE screening ADD COLUMN met TEXT;
