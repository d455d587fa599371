-- Each month's and category's distinct persons as bit sets over subject ids (issue 11: a year's statistics at 10M
-- records within a second). stat_subject_month keeps one row per person, month and category with its records; a
-- year of it is over a million rows at province scale, too many to stream for every `stats`. Here the same persons
-- are one bit each, 4,096 subject ids to a row (block = subject_id / 4096, bit = subject_id mod 4096, in
-- java.util.BitSet's byte order, trailing zero bytes left out): a year of 50,000 persons in 19 categories is about
-- 3,000 rows. org.lujing.ledger.PersonBits keeps it with stat_subject_month — a bit is set when a person's row of the
-- month and category is created and cleared when it is deleted — and a block with no bit left is deleted. The rows of
-- a ledger that existed before this table are written by the Java migration V21 (PersonBitsMigration).
CREATE TABLE stat_person_bits (
  month INTEGER NOT NULL,
  category VARCHAR(32) NOT NULL,
  block INTEGER NOT NULL,
  persons VARBINARY(512) NOT NULL,
  PRIMARY KEY (month, category, block)
);
