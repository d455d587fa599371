package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.operations.JobControl;
import org.lujing.operations.JobQueries;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An ingest whose inspection fails (its file is not there) stops at the inspection, and its restart, once the file
 * is back, inspects and loads it in full. Before the fix the failure fell through to loadRows, and the restart
 * failed again for want of a file id.
 */
class FileIngestRestartIntegrationTests extends SharedLedgerContext {

    @Autowired
    JobOperator jobOperator;

    @Autowired
    @Qualifier("fileIngestJob")
    Job fileIngestJob;

    @Autowired
    JobQueries jobs;

    @Autowired
    JobControl control;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFailedInspectionEndsTheJobAndItsRestartLoadsTheFile() throws Exception {
        // given an ingest of a file that is missing
        Path file = HOME.resolve("archive/employer/2025-01-06/招聘会.csv");
        JobExecution failed = jobOperator.start(
                fileIngestJob,
                new JobParametersBuilder()
                        .addString("file", file.toString())
                        .addString("source", "employer")
                        .addString("name", "招聘会.csv")
                        .toJobParameters());

        // then it failed at the inspection and went no further
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jobs.steps(failed.getId())).extracting(JobQueries.Step::name).containsExactly("inspectFileStep");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ingest_file")
                        .query(Long.class)
                        .single())
                .isZero();

        // when the file is back and the execution is restarted
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                日期,姓名,身份证号,活动类型,活动名称,提供单位
                2025-01-06,张三,430102198001011234,招聘会,新春招聘会,拓维信息
                2025-01-06,李四,430102198502021238,招聘会,新春招聘会,拓维信息
                """);
        JobExecution restarted = control.restart(failed.getId());

        // then the restart inspected and loaded the whole file, its accounting balanced
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jobs.steps(restarted.getId()))
                .extracting(JobQueries.Step::name)
                .containsExactly("inspectFileStep", "stageRowsStep", "publishRowsStep", "completeFileStep");
        IngestedFile loaded =
                jdbc.sql("SELECT * FROM ingest_file").query(IngestedFile.class).single();
        assertThat(loaded.rowsRead()).isEqualTo(2);
        assertThat(loaded.balances()).isTrue();
        assertThat(loaded.jobExecutionId()).isEqualTo(restarted.getId());
    }

    @Test
    void theDatabaseFolderIsPrivate() throws Exception {
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(HOME.resolve("data"))))
                .as("HSQLDB would leave data/ readable by every local user")
                .isEqualTo("rwx------");
    }

    @Autowired
    FileIngestService ingest;

    @Test
    void aPartnersFileIsArchivedPrivateWhateverItsOwnMode(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // given a partner's file readable by everyone, as a download or a mail attachment lands
        Path file = Files.writeString(dir.resolve("招聘会-私密.csv"), """
                日期,姓名,身份证号,活动类型,活动名称,提供单位
                2025-01-07,张三,430102198001011234,招聘会,新春招聘会,拓维信息
                """);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

        FileIngestService.Result r = ingest.ingest(file, "employer");

        // then its archived copy, which holds names and ID numbers, is the owner's alone
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(r.storedAt())))
                .isEqualTo("rw-------");
    }
}
