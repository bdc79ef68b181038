-- What the entries sheet names for each entry beside its data: documents (a proposal PDF, images,
-- office files), each kept once by its SHA-256 whatever entries share it, and links (a video, a
-- website). An entry's documents and links are in the sheet's order.
CREATE TABLE documents (
    id     INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    size   INTEGER NOT NULL,
    kind   TEXT NOT NULL,
    bytes  BLOB NOT NULL
);

CREATE TABLE entry_documents (
    entry_id    INTEGER NOT NULL REFERENCES entries(id),
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    added_at    TEXT NOT NULL,
    PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;

CREATE TABLE entry_links (
    entry_id INTEGER NOT NULL REFERENCES entries(id),
    position INTEGER NOT NULL,
    url      TEXT NOT NULL,
    PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;
