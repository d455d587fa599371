-- The executions of one job instance, looked up by Spring Batch at every restart (its last execution) and by `jobs`
-- for each failed or stopped execution listed (the restart that took it on). PostgreSQL does not index a foreign key
-- by itself: without this, each lookup read every execution — one per file ever ingested.
CREATE INDEX batch_job_execution_instance ON batch_job_execution (job_instance_id);
