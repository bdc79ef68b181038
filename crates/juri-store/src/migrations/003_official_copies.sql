-- Official copies: the PDFs printed for a finalised stage, kept byte for byte, so that printing the
-- same document again returns exactly what was signed, whatever changed since and whatever version
-- of Juri prints it. Never edit a migration that has shipped; add a new one.
--
-- `version` is the stage's snapshot version: 1 for a stage finalised once (a correction that
-- re-finalises a stage will print its documents as version 2, 3 …, beside the earlier copies).
-- `request` is the rest of the request that identifies the document (category, juror, entry, date,
-- number, venue), as canonical JSON written by the application; the store compares it as text.
-- `sha256` is the SHA-256 of `bytes` (64 lowercase hex digits); `printed_at` is when it was first
-- printed and `printed_by` the version of Juri that printed it. Immutable.
CREATE TABLE official_copies (
    id         INTEGER PRIMARY KEY,
    stage_id   INTEGER NOT NULL REFERENCES stages(id),
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    document   TEXT NOT NULL,
    lang       TEXT NOT NULL,
    request    TEXT NOT NULL,
    sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
    printed_at TEXT NOT NULL,
    printed_by TEXT NOT NULL,
    bytes      BLOB NOT NULL,
    UNIQUE (stage_id, version, document, lang, request)
);
CREATE INDEX official_copies_by_sha256 ON official_copies(sha256);
CREATE TRIGGER official_copies_no_update BEFORE UPDATE ON official_copies BEGIN SELECT RAISE(ABORT, 'official copies are immutable'); END;
CREATE TRIGGER official_copies_no_delete BEFORE DELETE ON official_copies BEGIN SELECT RAISE(ABORT, 'official copies are immutable'); END;
