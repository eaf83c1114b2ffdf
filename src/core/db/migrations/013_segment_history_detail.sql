-- What a join or a split needs to be undone exactly, kept on its own history entry (JSON):
-- for a join, where the two sources met, the second segment's target and status, which
-- history entries and TM units came with it, and the alignment beads the join changed beyond
-- what a split gives back. A split at that same place, before anything else changed, then
-- puts both segments back as they were (see src/core/editor/join-split.server.ts). An added
-- column (NULL for the changes made before it), not a rebuilt table.
ALTER TABLE segment_history ADD COLUMN detail TEXT;
