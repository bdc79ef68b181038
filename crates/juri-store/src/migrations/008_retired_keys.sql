-- Why a juror's key was retired (`juri package --new-code --reason`), and, for a bundle signed by a
-- retired key that the chair accepted one by one, the chair's reason for accepting it. Bundles
-- signed by a retired key are refused by default (docs/formats.md, "How the application keeps
-- them"); the reason is what makes an accepted one auditable.
ALTER TABLE juror_keys ADD COLUMN retired_reason TEXT;
ALTER TABLE bundles ADD COLUMN retired_key_accepted TEXT;
