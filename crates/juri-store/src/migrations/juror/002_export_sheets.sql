-- Which version of each sheet an export carried. A sheet's version is the sum of the revisions
-- of its score cells, note and submission state; it grows with every change. A sheet printed
-- while its version equals the one recorded for the latest export is exactly what that signed
-- bundle holds, so the printout can name the bundle's fingerprint.
CREATE TABLE export_sheets (
    sequence INTEGER NOT NULL REFERENCES exports(sequence),
    stage    TEXT NOT NULL,
    entry    TEXT NOT NULL,
    version  INTEGER NOT NULL,
    PRIMARY KEY (sequence, stage, entry)
) WITHOUT ROWID;
