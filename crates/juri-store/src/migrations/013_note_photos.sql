-- Photos on jurors' field notes (bundle format version 3). A note's photos are what its merged
-- version names, as JSON (empty for none): the store keeps it as text, the merge reads it. The
-- bytes are kept once per photo, by SHA-256, checked against the juror's signed bundle when merged.
ALTER TABLE notes ADD COLUMN photos TEXT NOT NULL DEFAULT '';

CREATE TABLE photos (
    sha256 TEXT PRIMARY KEY,
    size   INTEGER NOT NULL,
    bytes  BLOB NOT NULL
);
