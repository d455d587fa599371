-- PostgreSQL does not index a foreign key's referencing column by itself: support_record_subject_id and
-- record_source_record_id are the only indexes on those columns here and stay (HSQLDB's V11 drops its copies).
COMMENT ON INDEX support_record_subject_id IS 'per-person ledger and identity rematch';
COMMENT ON INDEX record_source_record_id IS 'provenance of a record';
