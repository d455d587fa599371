-- When the process that ran a job execution saw it end (JobExecutionListener.afterJob), whatever its status. A stop
-- asked from another node marks the execution and its step STOPPED at once, while the node running it finishes the
-- chunk it is in, or hangs in it: the step's end time says nothing about whether anyone still runs it, this does. A
-- restart is refused while it is empty and the node that runs the execution still beats in the same process.
ALTER TABLE job_node ADD COLUMN ended_at TIMESTAMP;
