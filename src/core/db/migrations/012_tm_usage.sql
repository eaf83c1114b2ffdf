-- TMX usage statistics (`usagecount`, `lastusagedate`), which Trados and memoQ write and a
-- translator expects back when exporting the memory again. Added columns, not a rebuilt table:
-- a TM holds a million rows, and ADD COLUMN only changes the schema (existing rows read NULL).
-- The tu's values, then those a TMX put on the source or the target tuv (rare: a tuv's own
-- values go back on that tuv). Counts are integers ≥ 0, dates ISO 8601 UTC as created_at.
ALTER TABLE tm_units ADD COLUMN usage_count INTEGER;
ALTER TABLE tm_units ADD COLUMN last_used_at TEXT;
ALTER TABLE tm_units ADD COLUMN source_usage_count INTEGER;
ALTER TABLE tm_units ADD COLUMN source_last_used_at TEXT;
ALTER TABLE tm_units ADD COLUMN target_usage_count INTEGER;
ALTER TABLE tm_units ADD COLUMN target_last_used_at TEXT;
