-- Job executions, job instances and step executions are numbered from 1, as on PostgreSQL (whose sequences start at
-- 1) and as files are: HSQLDB's identity columns start at 0, so the first ingest of a home was "任务执行 #0", which an
-- admin reads as no execution at all. Inserting 0 explicitly moves a counter still at 0 on to 1, and leaves one
-- already past it alone, so a home with executions keeps its numbers; the row is taken away again, and a row 0 the
-- incrementer kept is not needed by it (it inserts a new row for every number).
MERGE INTO BATCH_JOB_EXECUTION_SEQ USING (VALUES (CAST(0 AS BIGINT))) AS V (ID) ON BATCH_JOB_EXECUTION_SEQ.ID = V.ID
  WHEN NOT MATCHED THEN INSERT VALUES (V.ID);
DELETE FROM BATCH_JOB_EXECUTION_SEQ WHERE ID = 0;
MERGE INTO BATCH_JOB_INSTANCE_SEQ USING (VALUES (CAST(0 AS BIGINT))) AS V (ID) ON BATCH_JOB_INSTANCE_SEQ.ID = V.ID
  WHEN NOT MATCHED THEN INSERT VALUES (V.ID);
DELETE FROM BATCH_JOB_INSTANCE_SEQ WHERE ID = 0;
MERGE INTO BATCH_STEP_EXECUTION_SEQ USING (VALUES (CAST(0 AS BIGINT))) AS V (ID) ON BATCH_STEP_EXECUTION_SEQ.ID = V.ID
  WHEN NOT MATCHED THEN INSERT VALUES (V.ID);
DELETE FROM BATCH_STEP_EXECUTION_SEQ WHERE ID = 0;
