-- Corrections with a reason: a finalised stage re-opened and finalised again, decisions revoked,
-- entries withdrawn, restored or edited, paper scores corrected. Never edit a migration that has
-- shipped; add a new one.

-- The snapshot version of a stage's frozen results in force: 1 for a stage finalised once, N + 1
-- after the stage was re-opened and finalised again. The official copies printed for it are kept
-- under this version (`official_copies.version`).
ALTER TABLE finalized ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Every earlier version of a stage's frozen results, kept when the stage was re-opened: `at` is
-- when that version was finalised, `reopened_at` and `reason` when and why it was re-opened. The
-- history of a stage; never changed or removed.
CREATE TABLE superseded_results (
    stage_id    INTEGER NOT NULL REFERENCES stages(id),
    version     INTEGER NOT NULL CHECK (version >= 1),
    at          TEXT NOT NULL,
    results     TEXT NOT NULL,
    reopened_at TEXT NOT NULL,
    reason      TEXT NOT NULL,
    PRIMARY KEY (stage_id, version)
);
CREATE TRIGGER superseded_results_no_update BEFORE UPDATE ON superseded_results BEGIN SELECT RAISE(ABORT, 'superseded results are history'); END;
CREATE TRIGGER superseded_results_no_delete BEFORE DELETE ON superseded_results BEGIN SELECT RAISE(ABORT, 'superseded results are history'); END;

-- Every correction, beside its line in the audit log: its kind (`reopen`, `review`, `revoke`,
-- `withdraw`, `restore`, `score`, `entry`), the stage and entry it touches (codes, when it touches
-- one), who made it (the role acting), why, and the exact before and after as JSON written by the
-- application. Append-only.
CREATE TABLE corrections (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    kind     TEXT NOT NULL,
    stage    TEXT,
    entry    TEXT,
    by       TEXT NOT NULL,
    reason   TEXT NOT NULL,
    before   TEXT NOT NULL,
    after    TEXT NOT NULL,
    audit_id INTEGER NOT NULL REFERENCES audit(id)
);
CREATE INDEX corrections_by_audit ON corrections(audit_id);
CREATE TRIGGER corrections_no_update BEFORE UPDATE ON corrections BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;
CREATE TRIGGER corrections_no_delete BEFORE DELETE ON corrections BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;

-- Later stages to re-check because an earlier stage whose advancing entries they took was
-- re-opened: such a stage cannot be finalised until the chair acknowledges the review. The row
-- is removed by that acknowledgement (recorded in `corrections` and the audit log).
CREATE TABLE needs_review (
    stage_id INTEGER PRIMARY KEY REFERENCES stages(id),
    because  TEXT NOT NULL,
    since    TEXT NOT NULL
) WITHOUT ROWID;

-- Decisions revoked (or replaced by a later one), with when and why. A revoked decision stays in
-- `decisions` and no longer counts.
CREATE TABLE revoked_decisions (
    decision_id INTEGER PRIMARY KEY REFERENCES decisions(id),
    at          TEXT NOT NULL,
    reason      TEXT NOT NULL,
    replaced_by INTEGER REFERENCES decisions(id)
);
CREATE TRIGGER revoked_decisions_no_update BEFORE UPDATE ON revoked_decisions BEGIN SELECT RAISE(ABORT, 'revocations are append-only'); END;
CREATE TRIGGER revoked_decisions_no_delete BEFORE DELETE ON revoked_decisions BEGIN SELECT RAISE(ABORT, 'revocations are append-only'); END;
