-- The fingerprint of a bundle's signed content (SHA-256 of the signed envelope inside the
-- encryption, docs/formats.md section 5): the same for every encryption of one content, and what
-- score sheets and the merge preview show. NULL for bundles imported before this column existed
-- (their sheets keep naming the file's fingerprint, so earlier snapshots re-derive identically).
-- A content imported once is not imported again in another encryption.
ALTER TABLE bundles ADD COLUMN content_fingerprint TEXT;
CREATE UNIQUE INDEX bundles_by_content ON bundles(content_fingerprint)
    WHERE content_fingerprint IS NOT NULL;
