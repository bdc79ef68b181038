-- A juror's database, on the juror's own laptop, version 1. Never edit a migration that has
-- shipped; add a new one. Every change is committed with synchronous=FULL before it is shown as
-- saved.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Every package installed, byte for byte (the newest is in force).
CREATE TABLE packages (
    version      INTEGER PRIMARY KEY,
    fingerprint  TEXT NOT NULL,
    installed_at TEXT NOT NULL,
    bytes        BLOB NOT NULL
);

-- The entries this juror may see, from the newest package, in the chair's order.
CREATE TABLE entries (
    code        TEXT PRIMARY KEY,
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    institution TEXT,
    category    TEXT NOT NULL,
    rintisan    INTEGER NOT NULL,
    description TEXT
) WITHOUT ROWID;

CREATE TABLE assignments (
    stage    TEXT NOT NULL,
    entry    TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (stage, entry)
) WITHOUT ROWID;

-- The juror's own work. `value` is canonical decimal text, NULL when cleared; `revision` increases
-- with every change of the record.
CREATE TABLE scores (
    stage      TEXT NOT NULL,
    entry      TEXT NOT NULL,
    criterion  TEXT NOT NULL,
    value      TEXT,
    comment    TEXT NOT NULL,
    revision   INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (stage, entry, criterion)
) WITHOUT ROWID;

CREATE TABLE notes (
    stage      TEXT NOT NULL,
    entry      TEXT NOT NULL,
    note       TEXT NOT NULL,
    revision   INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (stage, entry)
) WITHOUT ROWID;

CREATE TABLE submissions (
    stage      TEXT NOT NULL,
    entry      TEXT NOT NULL,
    submitted  INTEGER NOT NULL,
    revision   INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (stage, entry)
) WITHOUT ROWID;

-- Every export, for the juror's own record.
CREATE TABLE exports (
    sequence    INTEGER PRIMARY KEY,
    exported_at TEXT NOT NULL,
    file        TEXT NOT NULL,
    fingerprint TEXT NOT NULL
);
