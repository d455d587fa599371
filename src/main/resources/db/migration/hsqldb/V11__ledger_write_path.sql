-- HSQLDB gives every foreign key an index on its referencing column (support_record_subject on subject_id,
-- record_source_record on record_id), so the two explicit indexes V4 created on the same columns were copies: each
-- cost every published record one more walk through a tree on disk, and no query gained from them.
DROP INDEX support_record_subject_id;
DROP INDEX record_source_record_id;

-- HSQLDB maps its .data file into memory (outside the Java heap) only up to hsqldb.nio_max_size, 256 MB by default,
-- and reads it through a RandomAccessFile beyond: a ledger of some 250,000 records crossed that line and every
-- publication slice got slower with the ledger's size. 4 GB of address space is nothing on a 64-bit JVM. A URL
-- property would only apply to a new database; this setting is kept in the database's own properties.
SET FILES NIO SIZE 4096;
