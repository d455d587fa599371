package org.lujing.cluster;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/** Every job records, as it starts, which node runs its execution: recovery goes by that node's heartbeat. */
@Component
class JobNodeRecorder implements BeanPostProcessor {

    private final ObjectProvider<ClusterNode> node;

    JobNodeRecorder(ObjectProvider<ClusterNode> node) {
        this.node = node;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(new JobExecutionListener() {
                @Override
                public void beforeJob(JobExecution execution) {
                    node.getObject().runs(execution.getId());
                }

                @Override
                public void afterJob(JobExecution execution) {
                    node.getObject().ended(execution.getId());
                }
            });
        }
        return bean;
    }
}
