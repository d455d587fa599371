package org.lujing.schedule;

import java.time.LocalDate;
import java.util.List;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job each nightly step runs as: one tasklet that calls the {@link NightlyStep} named by the job parameters.
 * One job instance per night, attempt and step, so a failed step is restarted, not started again.
 */
@Configuration(proxyBeanMethods = false)
class NightlyStepJobConfiguration {

    static final String JOB_NAME = "nightlyStepJob";

    @Bean
    Job nightlyStepJob(JobRepository jobRepository, Step runNightlyStep, NightlyProgressRecorder recorder) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(new org.springframework.batch.core.listener.JobExecutionListener() {
                    @Override
                    public void beforeJob(org.springframework.batch.core.job.JobExecution execution) {
                        var parameters = execution.getJobParameters();
                        String night = parameters.getString("night");
                        Long attempt = parameters.getLong("attempt");
                        if (night != null && attempt != null) {
                            recorder.begun(
                                    LocalDate.parse(night), attempt, parameters.getString("step"), execution.getId());
                        }
                    }
                })
                .start(runNightlyStep)
                .build();
    }

    @Bean
    Step runNightlyStep(JobRepository jobRepository, Tasklet nightlyStepTasklet) {
        // no transaction around the step's work: it starts jobs of its own (an inbox file's ingest), which the job
        // repository refuses inside a transaction, and each of them commits chunk by chunk anyway
        return new StepBuilder("runNightlyStep", jobRepository)
                .tasklet(nightlyStepTasklet, new ResourcelessTransactionManager())
                .build();
    }

    @Bean
    @StepScope
    Tasklet nightlyStepTasklet(
            List<NightlyStep> steps,
            NightlyProgressRecorder recorder,
            @Value("#{jobParameters['step']}") String name,
            @Value("#{jobParameters['night']}") String night,
            @Value("#{jobParameters['attempt']}") Long attempt) {
        NightlyStep step = steps.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no nightly step named '" + name + "'"));
        return (contribution, chunkContext) -> {
            // a step may start jobs of its own (each inbox file's ingest), which the job repository refuses on a
            // thread with a transaction — and a tasklet always runs in one: the step's work gets a thread of its own
            java.util.concurrent.FutureTask<String> work = new java.util.concurrent.FutureTask<>(() -> step.run(
                    LocalDate.parse(night),
                    attempt == null ? NightlyStep.Progress.NONE : recorder.of(LocalDate.parse(night), attempt, name)));
            Thread worker = new Thread(work, "nightly-" + name);
            worker.start();
            String summary;
            try {
                summary = work.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
            }
            contribution.setExitStatus(contribution.getExitStatus().addExitDescription(summary));
            return RepeatStatus.FINISHED;
        };
    }
}
