-- Statistics rollups, kept with the ledger by org.lujing.ledger.StatisticsRollup in the same transaction as every
-- write that changes what counts (records with a person, not merged). They let a year's statistics be read without
-- walking the year's raw records: an in-process HSQLDB builds every DISTINCT/GROUP BY table on the app's heap.
-- A row whose records reach 0 is deleted. Written in SQL that HSQLDB and PostgreSQL both accept.

-- records, quantity and events per day, category and delivering agency (records, quantity, events, partner
-- units); events is the number of stat_event rows of the day, category and agency, kept here because a year can
-- have nearly as many events as records (every record its own activity name), and this table stays small
CREATE TABLE stat_day (
  activity_date DATE NOT NULL,
  category VARCHAR(32) NOT NULL,
  agency VARCHAR(200) NOT NULL,
  records BIGINT NOT NULL,
  quantity DECIMAL(20,2) NOT NULL,
  events BIGINT NOT NULL,
  PRIMARY KEY (activity_date, category, agency)
);

-- one row per event (category, date, agency, activity name; '' for none), with how many counted records it has;
-- an event never spans days, so a period's events are its rows
CREATE TABLE stat_event (
  activity_date DATE NOT NULL,
  category VARCHAR(32) NOT NULL,
  agency VARCHAR(200) NOT NULL,
  activity_name_key VARCHAR(500) NOT NULL,
  records BIGINT NOT NULL,
  PRIMARY KEY (activity_date, category, agency, activity_name_key)
);

-- the persons of each month and category (month as yyyymm); persons over several months are gathered in bit sets
CREATE TABLE stat_subject_month (
  month INTEGER NOT NULL,
  category VARCHAR(32) NOT NULL,
  subject_id BIGINT NOT NULL,
  records BIGINT NOT NULL,
  PRIMARY KEY (month, category, subject_id)
);

-- an existing ledger gets its rollups here (one pass; a very large embedded ledger can instead be migrated with
-- a bigger heap once, or its rollups recomputed month by month with StatisticsRollup.rebuild())
INSERT INTO stat_day (activity_date, category, agency, records, quantity, events)
  SELECT activity_date, category, agency, COUNT(*), SUM(quantity), 0
  FROM support_record WHERE subject_id IS NOT NULL AND merged_into IS NULL
  GROUP BY activity_date, category, agency;

INSERT INTO stat_event (activity_date, category, agency, activity_name_key, records)
  SELECT activity_date, category, agency, activity_name_key, COUNT(*) FROM (
    SELECT activity_date, category, agency, COALESCE(activity_name, '') AS activity_name_key
    FROM support_record WHERE subject_id IS NOT NULL AND merged_into IS NULL) r
  GROUP BY activity_date, category, agency, activity_name_key;

UPDATE stat_day SET events = (
  SELECT COUNT(*) FROM stat_event e
  WHERE e.activity_date = stat_day.activity_date AND e.category = stat_day.category AND e.agency = stat_day.agency);

INSERT INTO stat_subject_month (month, category, subject_id, records)
  SELECT month, category, subject_id, COUNT(*) FROM (
    SELECT CAST(EXTRACT(YEAR FROM activity_date) * 100 + EXTRACT(MONTH FROM activity_date) AS INTEGER) AS month,
      category, subject_id
    FROM support_record WHERE subject_id IS NOT NULL AND merged_into IS NULL) r
  GROUP BY month, category, subject_id;
