-- The documents and links the newest package names for the juror's assigned entries, and the
-- documents' bytes once installed from the chair's documents file, each checked against the
-- SHA-256 the signed package names.
CREATE TABLE entry_documents (
    entry    TEXT NOT NULL,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    size     INTEGER NOT NULL,
    sha256   TEXT NOT NULL,
    PRIMARY KEY (entry, position)
) WITHOUT ROWID;

CREATE TABLE entry_links (
    entry    TEXT NOT NULL,
    position INTEGER NOT NULL,
    url      TEXT NOT NULL,
    PRIMARY KEY (entry, position)
) WITHOUT ROWID;

CREATE TABLE documents (
    sha256       TEXT PRIMARY KEY,
    size         INTEGER NOT NULL,
    installed_at TEXT NOT NULL,
    bytes        BLOB NOT NULL
);
