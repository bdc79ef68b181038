-- The fingerprint of each export's signed content (SHA-256 of the signed envelope), which the
-- juror's filled sheets print, as the chair's do. NULL for exports made before.
ALTER TABLE exports ADD COLUMN content_fingerprint TEXT;
