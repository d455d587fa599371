package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** The files list pages (newest first, 100 a page); the Sources page names files relative to the installation. */
class ConsolePagesIntegrationTests extends SharedLedgerContext {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theFilesListPagesNewestFirst() throws Exception {
        // given 150 files received
        for (int i = 1; i <= 150; i++) {
            jdbc.sql("""
                            INSERT INTO ingest_file (source_id, file_name, sha256, size_bytes, received_at, outcome)
                            VALUES ('community', ?, ?, 1, ?, 'LOADED')""")
                    .params("file-" + i + ".xlsx", String.format("%064d", i), Timestamp.from(Instant.now()))
                    .update();
        }

        // then page 1 holds the newest 100, page 2 the oldest 50
        String first = page("/files");
        assertThat(first)
                .contains("file-150.xlsx", "file-51.xlsx", "第 1 页，共 2 页")
                .doesNotContain("file-50.xlsx<");
        String second = page("/files?page=2");
        assertThat(second)
                .contains("file-50.xlsx", "file-1.xlsx", "第 2 页，共 2 页")
                .doesNotContain("file-51.xlsx");
        // and the dashboard lists today's newest 100, counts them all and sends the worker to the list for the rest
        // (it listed every file of the day, oldest first)
        long today = jdbc.sql("SELECT COUNT(*) FROM ingest_file WHERE received_at >= ?")
                .param(Timestamp.from(java.time.LocalDate.now(ConsoleQueries.SHANGHAI)
                        .atStartOfDay(ConsoleQueries.SHANGHAI)
                        .toInstant()))
                .query(Long.class)
                .single();
        String dashboard = page("/");
        assertThat(dashboard)
                .contains("file-150.xlsx", "file-51.xlsx")
                .doesNotContain("file-50.xlsx<")
                .contains("id=\"today-files\">" + today + "<")
                .contains("以上是最新的 100 个；另有 " + (today - 100) + " 个较早收到的文件，见文件列表");
        assertThat(dashboard.indexOf("file-150.xlsx")).isLessThan(dashboard.indexOf("file-149.xlsx"));
        // and the API lists every one, oldest first, written as it is read
        List<?> api =
                tools.jackson.databind.json.JsonMapper.builder().build().readValue(page("/api/files"), List.class);
        assertThat(api).hasSize(150);
        assertThat(((java.util.Map<?, ?>) api.get(149)).get("name")).isEqualTo("file-150.xlsx");
    }

    @Test
    void whileAFileIsLoadedTheDashboardAndTheApiSayTheFiguresAreNotFinal() throws Exception {
        // given nothing being loaded: the figures are final, and nothing says otherwise
        assertThat(page("/")).doesNotContain("id=\"chart-loading\"");
        assertThat(api("/api/stats?period=2025", user("viewer").roles("VIEWER")))
                .contains("\"loadingFiles\":0");

        // when a file is being loaded (its slices count as they commit)
        jdbc.sql("""
                        INSERT INTO ingest_file (source_id, file_name, stored_path, sha256, size_bytes, format,
                          received_at, outcome)
                        VALUES ('community', '大台账.xlsx', 'archive/community/大台账.xlsx', ?, 1, 'xlsx', ?, 'IN_PROGRESS')""")
                .params("f".repeat(64), java.sql.Timestamp.from(Instant.now()))
                .update();

        // then the dashboard says so beside the chart, and the API counts it
        assertThat(page("/")).contains("id=\"chart-loading\"", "正在入库 1 个文件", "全部完成后才是定数");
        assertThat(api("/api/stats?period=2025", user("viewer").roles("VIEWER")))
                .contains("\"loadingFiles\":1");
    }

    @Test
    void theFindingsListPagesInTheOrderFound() throws Exception {
        // given 205 open findings (a wrong supervision period is one a record) and one cleared
        for (int i = 1; i <= 206; i++) {
            jdbc.sql("""
                            INSERT INTO finding (rule, finding_key, severity, details, first_seen, last_seen, cleared_on)
                            VALUES ('OUTSIDE_SUPERVISION', ?, 'MEDIUM', ?, DATE '2025-06-01', DATE '2025-06-30', ?)""")
                    .params("record:" + i, "记录-" + i + "-在矫正期外", i == 206 ? java.sql.Date.valueOf("2025-07-01") : null)
                    .update();
        }

        // then a page holds 200 of the open ones, the next the other five, and a page past the last is the last
        assertThat(page("/findings"))
                .contains("记录-1-在矫正期外", "记录-200-在矫正期外", "第 1 页，共 2 页")
                .doesNotContain("记录-201-在矫正期外");
        assertThat(page("/findings?rule=OUTSIDE_SUPERVISION&page=2"))
                .contains("记录-201-在矫正期外", "记录-205-在矫正期外", "第 2 页，共 2 页")
                .doesNotContain("记录-206-", "记录-200-在矫正期外");
        assertThat(page("/findings?page=9")).contains("第 2 页，共 2 页");
    }

    @Test
    void theAuditPageShowsTheNewestThousandAndTheApiListsThemAll() throws Exception {
        // given 1,234 entries on a day of their own (2099-01-01, Changsha), more than the page shows
        Timestamp at = Timestamp.from(java.time.LocalDate.of(2099, 1, 1)
                .atTime(12, 0)
                .atZone(ConsoleQueries.SHANGHAI)
                .toInstant());
        for (int i = 1; i <= 1_234; i++) {
            jdbc.sql("""
                            INSERT INTO audit_log (occurred_at, actor, action, target, reason)
                            VALUES (?, 'admin', 'JOB_RESTART', ?, ?)""").params(at, "job #" + i, "第-" + i + "-次").update();
        }

        // then the page shows the newest 1,000, newest first, and says how many there are
        String shown = mvc.perform(MockMvcRequestBuilders.get("/audit?since=2099-01-01")
                        .with(user("admin").roles("ADMIN", "OPERATOR", "VIEWER")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(shown)
                .contains("只列出最近的 1,000 条，共 1,234 条", "第-1234-次", "第-235-次")
                .doesNotContain("第-234-次<");
        assertThat(shown.indexOf("第-1234-次")).isLessThan(shown.indexOf("第-235-次"));
        // the API lists every one, oldest first
        List<?> api = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readValue(
                        mvc.perform(MockMvcRequestBuilders.get("/api/audit?since=2099-01-01")
                                        .with(user("admin").roles("ADMIN", "OPERATOR", "VIEWER")))
                                .andReturn()
                                .getResponse()
                                .getContentAsString(),
                        List.class);
        assertThat(api).hasSize(1_234);
        assertThat(((java.util.Map<?, ?>) api.get(0)).get("reason")).isEqualTo("第-1-次");
        assertThat(((java.util.Map<?, ?>) api.get(1_233)).get("reason")).isEqualTo("第-1234-次");
    }

    @Autowired
    org.lujing.home.LujingProperties properties;

    @Test
    void theQuarantineShowsTheNewestHundredAndTheApiListsThemAll() throws Exception {
        // given 605 broken files quarantined (more than a page of error reports), the newest five since moved away
        Path folder = properties.quarantine().resolve("community/pages-test");
        java.nio.file.Files.createDirectories(folder);
        int broken = 605;
        for (int i = 1; i <= broken; i++) {
            Path stored = folder.resolve("broken-" + i + ".xlsx");
            if (i <= broken - 5) {
                java.nio.file.Files.writeString(stored, "not a workbook " + i);
            } else {
                java.nio.file.Files.deleteIfExists(stored);
            }
            jdbc.sql("""
                            INSERT INTO error_report (source_id, file_name, outcome, stored_path, report_path, report_sha256, written_at)
                            VALUES ('community', ?, 'FILE_CORRUPT', ?, ?, ?, ?)""")
                    .params(
                            "broken-" + i + ".xlsx",
                            stored.toString(),
                            stored + ".error.txt",
                            String.format("%064d", i),
                            Timestamp.from(Instant.now()))
                    .update();
        }

        // then the files page shows the newest 100 still there and says so
        String files = page("/files");
        assertThat(files)
                .contains("pages-test/broken-600.xlsx", "pages-test/broken-501.xlsx", "文件损坏，已隔离", "只列出最近的 100 个")
                .doesNotContain("pages-test/broken-500.xlsx", "pages-test/broken-601.xlsx");
        // and the API every one still there, newest first, written as it is read
        List<?> api = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readValue(page("/api/files/quarantine"), List.class);
        assertThat(api).hasSize(broken - 5);
        assertThat(((java.util.Map<?, ?>) api.get(0)).get("path")).isEqualTo("community/pages-test/broken-600.xlsx");
        assertThat(((java.util.Map<?, ?>) api.get(broken - 6)).get("path"))
                .isEqualTo("community/pages-test/broken-1.xlsx");
    }

    @Test
    void theSourcesPageNamesTheJobsFolderRelativeToTheInstallation() throws Exception {
        String sources = page("/sources");
        assertThat(sources)
                .contains("jobs/sources/")
                .doesNotContain(Path.of("jobs").toAbsolutePath().toString());
    }

    @Autowired
    org.springframework.batch.core.launch.JobOperator jobOperator;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("fileIngestJob")
    org.springframework.batch.core.job.Job fileIngestJob;

    @Test
    void aRestartIsNotOfferedWhereItCannotHelp() throws Exception {
        // given an ingest that failed because its archived copy is not there
        Path file = HOME.resolve("archive/community/gone/台账.xlsx");
        long id = org.lujing.TestJobs.failedIngest(jobOperator, fileIngestJob, file);

        // then its page says what to do instead, and offers no restart
        String failed = adminPage("/jobs/" + id);
        assertThat(failed).contains("重新运行无济于事").doesNotContain("id=\"restart\"");

        // once the file is back, the restart is offered again
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, "x");
        assertThat(adminPage("/jobs/" + id)).contains("id=\"restart\"").doesNotContain("重新运行无济于事");
    }

    @Test
    void aFailedJobNamesItsFileByItsServerPathToAdminsOnly() throws Exception {
        // given an ingest that failed on its archived copy, whose exception names the copy's server path
        Path file = HOME.resolve("archive/community/gone/路径.xlsx");
        long id = org.lujing.TestJobs.failedIngest(jobOperator, fileIngestJob, file);
        String serverPath = "/archive/community/gone/路径.xlsx";

        // then a viewer reads the file's name and the cause in words, on the page, the jobs list and the dashboard
        assertThat(page("/jobs/" + id)).contains("找不到文件（系统原文：", "路径.xlsx").doesNotContain(serverPath);
        for (String path : List.of("/jobs", "/")) {
            assertThat(page(path)).as(path).doesNotContain(serverPath);
        }
        // and in the API, the execution's message and its steps'
        assertThat(api("/api/jobs/" + id, user("viewer").roles("VIEWER")))
                .contains("NoSuchFileException", "路径.xlsx")
                .doesNotContain(serverPath);
        assertThat(api("/api/jobs?limit=5", user("viewer").roles("VIEWER"))).doesNotContain(serverPath);
        // while an admin reads the server's path, as the trace and the job's record keep it
        assertThat(adminPage("/jobs/" + id)).contains(serverPath);
        assertThat(api("/api/jobs/" + id, user("admin").roles("ADMIN", "OPERATOR", "VIEWER")))
                .contains(serverPath);
    }

    @Test
    void twoRestartsOfOneExecutionAtOnceRunOneAndAuditOne() throws Exception {
        // given a failed ingest (its archived copy is not there, so a restart fails again: a new execution all the
        // same)
        Path file = HOME.resolve("archive/community/gone/两次.xlsx");
        long id = org.lujing.TestJobs.failedIngest(jobOperator, fileIngestJob, file);

        // when two admins ask for its restart at the same moment
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<Integer> statuses;
        try {
            List<java.util.concurrent.Future<Integer>> asked = new java.util.ArrayList<>();
            for (String reason : List.of("a", "b")) {
                asked.add(two.submit(() -> {
                    together.await();
                    return mvc.perform(MockMvcRequestBuilders.post("/api/jobs/" + id + "/restart?reason=" + reason)
                                    .with(user("admin").roles("ADMIN", "OPERATOR", "VIEWER")))
                            .andReturn()
                            .getResponse()
                            .getStatus();
                }));
            }
            statuses = new java.util.ArrayList<>();
            for (var f : asked) {
                statuses.add(f.get());
            }
        } finally {
            two.shutdownNow();
        }

        // then one is taken and one refused, and only the one taken is in the audit log
        assertThat(statuses).containsExactlyInAnyOrder(202, 422);
        assertThat(restartsAudited(id)).isEqualTo(1);

        // and once it has run, a further restart is refused, not audited, and the page sends the reader to the new one
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> jdbc.sql(
                                        "SELECT COUNT(*) FROM batch_job_execution WHERE job_instance_id = (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?) AND job_execution_id > ? AND end_time IS NOT NULL")
                                .params(id, id)
                                .query(Long.class)
                                .single()
                        == 1);
        long later = jdbc.sql("SELECT MAX(job_execution_id) FROM batch_job_execution WHERE job_instance_id ="
                        + " (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)")
                .param(id)
                .query(Long.class)
                .single();
        String again = mvc.perform(MockMvcRequestBuilders.post("/api/jobs/" + id + "/restart?reason=c")
                        .with(user("admin").roles("ADMIN", "OPERATOR", "VIEWER")))
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(again).contains("已被重新运行为 #" + later);
        assertThat(restartsAudited(id)).isEqualTo(1);
        assertThat(adminPage("/jobs/" + id))
                .contains("已重新运行为 #" + later)
                .doesNotContain("id=\"restart\"")
                .doesNotContain("id=\"abandon\"");
        assertThat(adminPage("/jobs/" + later)).contains("id=\"abandon\"");
        // giving up the first behind its successor's back is refused, and not audited
        String abandon = mvc.perform(MockMvcRequestBuilders.post("/api/jobs/" + id + "/abandon?reason=x")
                        .with(user("admin").roles("ADMIN", "OPERATOR", "VIEWER")))
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(abandon).contains("不能单独放弃").contains("请对 #" + later + " 操作");
        // the technical details (a stack trace, server paths) are for admins
        assertThat(adminPage("/jobs/" + later)).contains("class=\"trace\"");
        assertThat(page("/jobs/" + later)).doesNotContain("class=\"trace\"");
        // and in the API: an admin reads the whole exit message, anyone else its first line
        String adminJson = api("/api/jobs/" + later, user("admin").roles("ADMIN", "OPERATOR", "VIEWER"));
        String viewerJson = api("/api/jobs/" + later, user("viewer").roles("VIEWER"));
        assertThat(adminJson).contains("\\tat org.");
        assertThat(viewerJson).doesNotContain("\\tat ").contains("\"exitMessage\"");
        assertThat(api("/api/jobs?limit=5", user("viewer").roles("VIEWER"))).doesNotContain("\\tat ");
    }

    @Autowired
    org.lujing.ingest.FileIngestService ingest;

    @Test
    void anAdminWithdrawsALoadedFileFromItsPageAndNoOneElseIsOfferedTo(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        // given the roster and a community ledger, loaded
        Path roster = java.nio.file.Files.writeString(
                dir.resolve("roster.csv"),
                "姓名,身份证号码,联系电话,矫正类别,矫正起始日期,矫正终止日期\n赵一,430104198001010014,13800000001,缓刑,2025-01-01,2025-12-31\n");
        Path ledger = java.nio.file.Files.writeString(
                dir.resolve("ledger.csv"), "日期,姓名,身份证号,活动类型,合作单位\n2025-04-01,赵一,430104198001010014,公益活动,湘江英烈纪念馆\n");
        long rosterId = ingest.ingest(roster, "roster").file().orElseThrow().id();
        long fileId = ingest.ingest(ledger, "community").file().orElseThrow().id();

        // then only an admin is offered to withdraw it, and never a roster
        assertThat(adminPage("/files/" + fileId)).contains("id=\"withdraw\"", "撤回此文件");
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/files/" + fileId)
                                .with(user("op").roles("OPERATOR", "VIEWER")))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .doesNotContain("id=\"withdraw\"");
        assertThat(adminPage("/files/" + rosterId)).doesNotContain("id=\"withdraw\"");

        // when the admin withdraws it without a reason, nothing is done; with one, it is withdrawn
        var none = mvc.perform(
                        MockMvcRequestBuilders.post("/files/" + fileId + "/withdraw")
                                .with(user("admin").roles("ADMIN", "OPERATOR", "VIEWER"))
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andReturn();
        assertThat(none.getFlashMap().get("refused").toString()).contains("需要 --reason");
        var done = mvc.perform(
                        MockMvcRequestBuilders.post("/files/" + fileId + "/withdraw")
                                .param("reason", "测试文件")
                                .with(user("admin").roles("ADMIN", "OPERATOR", "VIEWER"))
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andReturn();
        assertThat(done.getFlashMap().get("doneText").toString()).startsWith("已撤回：删除 1 条记录");
        assertThat(adminPage("/files/" + fileId)).contains("已撤回").doesNotContain("id=\"withdraw\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM support_record")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private String api(String path, org.springframework.test.web.servlet.request.RequestPostProcessor who)
            throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).with(who))
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theReportsPageShowsWhenEachWasWrittenInBeijingTime() throws Exception {
        Path report = HOME.resolve("reports/quality/quality-times.xlsx");
        java.nio.file.Files.createDirectories(report.getParent());
        java.nio.file.Files.writeString(report, "x");
        java.nio.file.Files.setLastModifiedTime(
                report, java.nio.file.attribute.FileTime.from(Instant.parse("2026-03-01T16:30:00Z")));

        // an instant the server's zone does not change: the JVM runs in Asia/Shanghai
        assertThat(page("/reports")).contains("2026-03-02 00:30:00").doesNotContain("2026-03-01T16:30:00Z");
    }

    private long restartsAudited(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'JOB_RESTART' AND target = ?")
                .param("job execution #" + id)
                .query(Long.class)
                .single();
    }

    private String adminPage(String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).with(user("admin").roles("ADMIN", "OPERATOR", "VIEWER")))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private String page(String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).with(user("viewer").roles("VIEWER")))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
