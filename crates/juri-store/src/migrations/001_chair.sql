-- The chair's database, version 1. Never edit a migration that has shipped; add a new one.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Every version of the competition definition, as the chair wrote it.
CREATE TABLE definitions (
    version    INTEGER PRIMARY KEY,
    toml       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Interned stage and criterion identifiers, so score rows are small integers.
CREATE TABLE stages (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE
);

CREATE TABLE criteria (
    id       INTEGER PRIMARY KEY,
    stage_id INTEGER NOT NULL REFERENCES stages(id),
    code     TEXT NOT NULL,
    UNIQUE (stage_id, code)
);

CREATE TABLE entries (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    institution TEXT NOT NULL,
    category    TEXT NOT NULL,
    rintisan    INTEGER NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT '',
    withdrawn   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE jurors (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    affiliation TEXT NOT NULL DEFAULT '',
    role        TEXT NOT NULL DEFAULT 'anggota',
    assignments TEXT NOT NULL DEFAULT '{}',
    conflicts   TEXT NOT NULL DEFAULT '[]',
    active      INTEGER NOT NULL DEFAULT 1
);

-- One score cell per (stage, entry, juror, criterion). `value` is in thousandths; NULL = cleared.
-- `revision` increases with every edit by the juror; `source` is 'paper' or a bundle fingerprint.
CREATE TABLE scores (
    stage_id     INTEGER NOT NULL,
    entry_id     INTEGER NOT NULL,
    juror_id     INTEGER NOT NULL,
    criterion_id INTEGER NOT NULL,
    value        INTEGER,
    comment      TEXT NOT NULL DEFAULT '',
    revision     INTEGER NOT NULL,
    updated_at   TEXT NOT NULL,
    source       TEXT NOT NULL,
    PRIMARY KEY (stage_id, entry_id, juror_id, criterion_id)
) WITHOUT ROWID;

-- Field-visit and general notes of a juror on an entry in a stage.
CREATE TABLE notes (
    stage_id   INTEGER NOT NULL,
    entry_id   INTEGER NOT NULL,
    juror_id   INTEGER NOT NULL,
    note       TEXT NOT NULL,
    revision   INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (stage_id, entry_id, juror_id)
) WITHOUT ROWID;

CREATE TABLE submissions (
    stage_id   INTEGER NOT NULL,
    entry_id   INTEGER NOT NULL,
    juror_id   INTEGER NOT NULL,
    submitted  INTEGER NOT NULL,
    revision   INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (stage_id, entry_id, juror_id)
) WITHOUT ROWID;

CREATE TABLE screening (
    stage_id   INTEGER NOT NULL,
    entry_id   INTEGER NOT NULL,
    passed     INTEGER NOT NULL,
    reasons    TEXT NOT NULL DEFAULT '[]',
    note       TEXT NOT NULL DEFAULT '',
    decided_at TEXT NOT NULL,
    PRIMARY KEY (stage_id, entry_id)
) WITHOUT ROWID;

-- Chair decisions (tie orders, exceptions, disqualifications), in the order they were made.
CREATE TABLE decisions (
    id   INTEGER PRIMARY KEY,
    at   TEXT NOT NULL,
    body TEXT NOT NULL
);

-- Frozen results of finalised stages.
CREATE TABLE finalized (
    stage_id INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    results  TEXT NOT NULL
);

-- Append-only audit log. The triggers refuse edits and deletions.
CREATE TABLE audit (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
