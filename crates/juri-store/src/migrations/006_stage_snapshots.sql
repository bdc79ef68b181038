-- Stage snapshots: what a finalised stage's documents are printed from, so that every later print
-- of them reproduces the stage as it was decided, whatever changed since. Never edit a migration
-- that has shipped; add a new one.
--
-- One row per stage and snapshot version (the `version` of `finalized`, and of
-- `superseded_results` once the stage is re-opened), written in the same transaction as that
-- version's frozen results. The results themselves stay in `finalized` / `superseded_results`.
-- `finalized_at` is when that version was finalised. `reconstructed` is 1 for a snapshot built
-- from the data as it stood when a database from an earlier Juri (schema 5 or before), whose
-- stage was already finalised, was first opened, and 0 for one written when the stage was
-- finalised. `content` is the canonical JSON of the frozen row type `StageSnapshotV1`
-- (juri-store's `snapshot.rs`): the definition version, the panel as it sat, the entries and
-- their data, every score sheet of the stage with its source, and the decisions in force.
-- Immutable.
CREATE TABLE stage_snapshots (
    stage_id      INTEGER NOT NULL REFERENCES stages(id),
    version       INTEGER NOT NULL CHECK (version >= 1),
    finalized_at  TEXT NOT NULL,
    reconstructed INTEGER NOT NULL DEFAULT 0 CHECK (reconstructed IN (0, 1)),
    content       TEXT NOT NULL,
    PRIMARY KEY (stage_id, version)
);
CREATE TRIGGER stage_snapshots_no_update BEFORE UPDATE ON stage_snapshots BEGIN SELECT RAISE(ABORT, 'stage snapshots are immutable'); END;
CREATE TRIGGER stage_snapshots_no_delete BEFORE DELETE ON stage_snapshots BEGIN SELECT RAISE(ABORT, 'stage snapshots are immutable'); END;
