-- A record's source rows are its record_source links (one per row that made or merged into it), which every reader
-- counts already; support_record.source_count repeated that number and cost every merging row a rewrite of its
-- record (four indexes in HSQLDB) even when the row brought nothing new. A merge now writes its record only to fill
-- a value the record lacks.
ALTER TABLE support_record DROP COLUMN source_count;
