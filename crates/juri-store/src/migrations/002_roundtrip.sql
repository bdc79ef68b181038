-- The offline round trip: juror keys, issued packages, imported bundles, merged conflicts and the
-- journal that `juri rebuild` replays. Never edit a migration that has shipped; add a new one.
-- The chair's own keys are kept in meta under 'chair_secret'.

-- Every key a juror has had. The newest one without `retired_at` is current; earlier keys stay so
-- that bundles signed with them still verify.
CREATE TABLE juror_keys (
    id            INTEGER PRIMARY KEY,
    juror_id      INTEGER NOT NULL REFERENCES jurors(id),
    public_key    BLOB NOT NULL,
    sealed_secret BLOB NOT NULL,
    created_at    TEXT NOT NULL,
    retired_at    TEXT
);
CREATE INDEX juror_keys_by_juror ON juror_keys(juror_id);

-- Every package issued to a juror.
CREATE TABLE packages (
    juror_id    INTEGER NOT NULL REFERENCES jurors(id),
    version     INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    key_id      INTEGER NOT NULL REFERENCES juror_keys(id),
    issued_at   TEXT NOT NULL,
    PRIMARY KEY (juror_id, version)
) WITHOUT ROWID;

-- What changed the merged records, in order: bundle merges, paper imports and the chair's rulings
-- on conflicts. Replaying it in order rebuilds the scores, notes and submissions. Append-only.
CREATE TABLE journal (
    id   INTEGER PRIMARY KEY,
    at   TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('merge', 'paper', 'resolve')),
    body TEXT NOT NULL
);
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

-- Every score bundle ever imported, byte for byte, keyed by the SHA-256 of the file. Immutable.
CREATE TABLE bundles (
    fingerprint     TEXT PRIMARY KEY,
    juror_id        INTEGER NOT NULL REFERENCES jurors(id),
    sequence        INTEGER NOT NULL,
    package_version INTEGER NOT NULL,
    exported_at     TEXT NOT NULL,
    cells           INTEGER NOT NULL,
    file_name       TEXT NOT NULL,
    journal_id      INTEGER NOT NULL REFERENCES journal(id),
    bytes           BLOB NOT NULL
);
CREATE INDEX bundles_by_journal ON bundles(journal_id);
CREATE TRIGGER bundles_no_update BEFORE UPDATE ON bundles BEGIN SELECT RAISE(ABORT, 'imported bundles are immutable'); END;
CREATE TRIGGER bundles_no_delete BEFORE DELETE ON bundles BEGIN SELECT RAISE(ABORT, 'imported bundles are immutable'); END;

-- Records (score cells, notes, submission states) of which other contents were seen at the record's
-- revision. `rivals` is a JSON list of {content, updated_at, dismissed}; the version in force is the
-- row of `scores`, `notes` or `submissions`. A row whose revision is below the record's is stale
-- (a later revision closed the conflict) and is ignored. criterion_id is 0 for notes and submissions.
CREATE TABLE record_conflicts (
    kind            TEXT NOT NULL CHECK (kind IN ('score', 'note', 'submission')),
    stage_id        INTEGER NOT NULL,
    entry_id        INTEGER NOT NULL,
    juror_id        INTEGER NOT NULL,
    criterion_id    INTEGER NOT NULL,
    revision        INTEGER NOT NULL,
    chosen_by_chair INTEGER NOT NULL,
    rivals          TEXT NOT NULL,
    PRIMARY KEY (kind, stage_id, entry_id, juror_id, criterion_id)
) WITHOUT ROWID;
