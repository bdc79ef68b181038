-- Which documents each juror's laptop was sent, per juror key (a new key is a new laptop, or a
-- laptop set up again): a re-issued package's documents file carries only the documents not sent
-- before with the same key.
CREATE TABLE documents_sent (
    juror_id        INTEGER NOT NULL REFERENCES jurors(id),
    key_id          INTEGER NOT NULL REFERENCES juror_keys(id),
    sha256          TEXT NOT NULL,
    package_version INTEGER NOT NULL,
    PRIMARY KEY (juror_id, key_id, sha256)
) WITHOUT ROWID;
