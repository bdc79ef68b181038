-- Photos attached to the juror's field notes, in the juror's order, as Juri prepared them (an
-- upright JPEG at most 1600 pixels on its longer side): what the bundle's signed payload names,
-- and the bytes it carries. Adding or removing one raises the note's revision.
CREATE TABLE note_photos (
    stage    TEXT NOT NULL,
    entry    TEXT NOT NULL,
    position INTEGER NOT NULL,
    sha256   TEXT NOT NULL,
    size     INTEGER NOT NULL,
    width    INTEGER NOT NULL,
    height   INTEGER NOT NULL,
    taken_at TEXT,
    location TEXT,
    added_at TEXT NOT NULL,
    bytes    BLOB NOT NULL,
    PRIMARY KEY (stage, entry, position),
    UNIQUE (stage, entry, sha256)
);
