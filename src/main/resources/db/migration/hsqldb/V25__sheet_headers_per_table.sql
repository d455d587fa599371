-- A sheet holding tables one under the other with different columns keeps each table's header, so a rejected row of
-- the second table is shown under its own titles, not the first table's: the key gains the header's row. A file
-- loaded before keeps its one header per sheet; its retry adds the others.
-- Written in SQL that HSQLDB and PostgreSQL both accept.
ALTER TABLE file_sheet_header DROP CONSTRAINT file_sheet_header_pk;
ALTER TABLE file_sheet_header ADD CONSTRAINT file_sheet_header_pk PRIMARY KEY (file_id, sheet, header_row_no);
