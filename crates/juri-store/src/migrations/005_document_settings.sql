-- The chair's document settings (version 4): what the paperwork prints that the definition, which
-- travels to every juror, does not carry. One row; each text is empty when not set.
CREATE TABLE document_settings (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    -- The organiser's kop: institution lines, then address lines, each separated by a newline.
    kop_lines     TEXT NOT NULL DEFAULT '',
    address_lines TEXT NOT NULL DEFAULT '',
    -- The logo printed left of the kop (PNG or JPEG bytes, checked by the application).
    logo          BLOB,
    -- The decree (SK) that appointed the panel; the date as YYYY-MM-DD.
    decree_issuer TEXT NOT NULL DEFAULT '',
    decree_number TEXT NOT NULL DEFAULT '',
    decree_date   TEXT NOT NULL DEFAULT '',
    -- The "Mengetahui" signer of the minutes (e.g. the Kepala Biro).
    witness_title TEXT NOT NULL DEFAULT '',
    witness_name  TEXT NOT NULL DEFAULT '',
    witness_nip   TEXT NOT NULL DEFAULT ''
);

-- The NIP (civil-servant number) printed under a panel member's name.
CREATE TABLE juror_nips (
    juror_id INTEGER PRIMARY KEY REFERENCES jurors(id),
    nip      TEXT NOT NULL
) WITHOUT ROWID;
