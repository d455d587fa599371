package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.lujing.operations.JobQueries;
import org.lujing.schedule.NightlyChain;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console in Debian's Chromium, driven by Selenium: an admin signs in, sees a failed ingest, restarts it with a
 * reason and sees it COMPLETED; a viewer sees no restart button, and a restart forged from the viewer's own session
 * (with a valid CSRF token) is refused. Screenshots of the dashboard and the jobs page go to target/screenshots/.
 *
 * <p>Needs /usr/bin/chromium and /usr/bin/chromedriver ({@code .ci/run} installs them). On a developer machine
 * without them the test is skipped; in CI (CI=true) it fails instead, so it can never be silently lost there.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "camel.main.auto-startup=false",
            "server.address=127.0.0.1",
            // small commits, so a generated file's ingest takes long enough to watch its progress move
            "lujing.ingest.chunk-size=1000",
            "lujing.ingest.publish-slice-rows=1000"
        })
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIntegrationTests {

    static final Path HOME = TestHomes.fresh("console-browser");
    static final UsersFile USERS = new UsersFile(HOME.resolve("config/users.yaml"));
    static final Path SHOTS = Path.of(System.getProperty("lujing.screenshots", "target/screenshots"));
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static String adminPassword;
    static String viewerPassword;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
    }

    @BeforeAll
    static void usersAndBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(
                    present, "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        }
        assertThat(present)
                .as("CI must install chromium and chromium-driver (.ci/run)")
                .isTrue();
        adminPassword = USERS.put("admin", ConsoleRole.ADMIN);
        viewerPassword = USERS.put("supervisor", ConsoleRole.VIEWER);
    }

    @LocalServerPort
    int port;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    @Qualifier("fileIngestJob")
    Job fileIngestJob;

    @Autowired
    JobQueries jobs;

    @Autowired
    org.lujing.ingest.FileIngestService ingest;

    @Autowired
    org.lujing.reconcile.ReconcileRunner reconcile;

    @Autowired
    org.lujing.ingest.FileRegistry ingestedFiles;

    @Autowired
    NightlyChain nightly;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    WebDriver browser;

    @BeforeEach
    void openBrowser() throws IOException {
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,1000",
                "--lang=zh-CN",
                "--user-data-dir=" + Files.createTempDirectory(HOME, "chromium-profile-"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void anAdminRestartsAFailedIngestAndAViewerCannot() throws Exception {
        // given the roster, and an ingest that failed because its file was not there, and the file put back
        try (var roster = Files.list(Path.of("sample-data/roster"))) {
            Path first = roster.filter(p -> p.toString().endsWith(".xlsx"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
            assertThat(ingest.ingest(first, "roster").jobStatus()).isEqualTo(BatchStatus.COMPLETED);
        }
        Path file = HOME.resolve("archive/community/restore/社区活动台账.xlsx");
        long failedId = jobOperator
                .start(
                        fileIngestJob,
                        new JobParametersBuilder()
                                .addString("file", file.toString())
                                .addString("source", "community")
                                .addString("name", "社区活动台账.xlsx")
                                .toJobParameters())
                .getId();
        assertThat(jobs.find(failedId))
                .get()
                .extracting(JobQueries.Execution::status)
                .isEqualTo("FAILED");
        Files.createDirectories(file.getParent());
        Files.copy(sampleCommunityFile(), file, StandardCopyOption.REPLACE_EXISTING);

        // when a viewer signs in: the failed job shows, with no restart button
        signIn("supervisor", viewerPassword);
        open("/jobs/" + failedId);
        assertThat(browser.findElement(By.id("job-status")).getAttribute("data-status"))
                .isEqualTo("FAILED");
        assertThat(browser.findElement(By.id("job-status")).getText()).isEqualTo("失败");
        assertThat(browser.findElement(By.id("job-explain")).getText()).contains("出了什么问题", "怎么办");
        // the dashboard says why in words, not with the first line of a stack trace
        open("/");
        assertThat(browser.findElement(By.xpath("//section[h2='失败的任务']//td[@class='clip']"))
                        .getText())
                .startsWith(org.lujing.report.ReportLanguage.ZH.jobName("fileIngestJob") + "失败：")
                .doesNotContain("Exception", "\tat ");
        open("/jobs/" + failedId);
        assertThat(browser.findElements(By.id("restart")))
                .as("no restart button for a viewer")
                .isEmpty();
        // and a restart forged from the viewer's session, with the page's valid CSRF token, is refused
        Object forged = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('input[name=_csrf]').value;
                fetch('/jobs/%d/restart', {method: 'POST', redirect: 'manual',
                    headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                    body: '_csrf=' + encodeURIComponent(token) + '&reason=forged'})
                  .then(r => done(r.status)).catch(e => done('error ' + e));""".formatted(failedId));
        assertThat(forged).isEqualTo(403L);
        assertThat(jobs.search("fileIngestJob", null, null, null, 100))
                .as("nothing was restarted")
                .extracting(JobQueries.Execution::status)
                .containsExactly("FAILED", "COMPLETED");
        signOut();

        // when the admin signs in, finds the failed job and restarts it with a reason
        signIn("admin", adminPassword);
        dashboard("2025-11");
        assertThat(browser.findElement(By.id("failed-jobs")).getText()).isEqualTo("1");
        screenshot("dashboard-failed-job.png");
        open("/jobs?status=FAILED");
        screenshot("jobs-failed.png");
        browser.findElement(By.cssSelector("tr[data-id='" + failedId + "'] a")).click();
        browser.findElement(By.id("restart-reason")).sendKeys("file restored from the partner's e-mail");
        browser.findElement(By.id("restart")).click();
        browser.switchTo().alert().accept();

        // then the restart, a new execution of the same job, completes and the file is loaded
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    browser.navigate().refresh();
                    return browser.findElements(By.cssSelector("#instance-executions tr[data-status='COMPLETED']"))
                                    .size()
                            == 1;
                });
        assertThat(browser.findElements(By.cssSelector("#instance-executions tr[data-status]")).stream()
                        .map(r -> r.getAttribute("data-status"))
                        .toList())
                .containsExactly("FAILED", "COMPLETED");
        open("/jobs");
        screenshot("jobs-restarted.png");
        List<String> statuses = browser.findElements(By.cssSelector("#jobs tr[data-status]")).stream()
                .map(r -> r.getAttribute("data-status"))
                .toList();
        assertThat(statuses)
                .as("newest first: the restart, the failed run, the roster")
                .containsExactly("COMPLETED", "FAILED", "COMPLETED");
        open("/files");
        assertThat(browser.findElement(By.id("files")).getText()).contains("社区活动台账.xlsx", "已载入");
        // and the audit log says who restarted it and why
        open("/audit");
        assertThat(browser.findElement(By.id("audit")).getText())
                .contains("admin", "重新运行任务", "任务执行 #" + failedId, "file restored from the partner's e-mail")
                .doesNotContain("job execution");
        dashboard("2025-11");
        screenshot("dashboard.png");
        assertThat(browser.findElement(By.id("failed-jobs")).getText()).isEqualTo("0");
        assertThat(Integer.parseInt(browser.findElement(By.id("chart-total")).getText()))
                .isPositive();

        // and every page a worker reads is in Chinese: no outcome, rule, severity, status, job or step code in its text
        reconcile.run(java.time.LocalDate.of(2025, 12, 31));
        NightlyChain.Result night = nightly.run(java.time.LocalDate.of(2025, 12, 31), "COMMAND", false);
        assertThat(night.completed()).isTrue();
        long reportsStep = night.steps().get(night.steps().size() - 1).jobExecutionId();
        long roster = ingestedFiles.all().get(0).id();
        for (String page : List.of(
                "/",
                "/jobs",
                "/jobs/" + failedId,
                "/jobs/" + reportsStep,
                "/files",
                "/files/" + roster,
                "/findings",
                "/audit",
                "/sources")) {
            open(page);
            String text = browser.findElement(By.tagName("main")).getText();
            assertThat(ENGLISH_CODE
                            .matcher(text)
                            .results()
                            .map(m -> m.group())
                            .distinct()
                            .toList())
                    .as("English codes on %s", page)
                    .isEmpty();
        }
        open("/findings");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("近期无帮扶记录", "待处理");
        screenshot("findings.png");
    }

    /** Every code a page must show as a word: file outcomes, rules, severities, statuses, job and step names. */
    static final java.util.regex.Pattern ENGLISH_CODE = java.util.regex.Pattern.compile("\\b("
            + String.join(
                    "|",
                    java.util.stream.Stream.of(
                                    java.util.Arrays.stream(org.lujing.read.FileOutcome.values())
                                            .map(Enum::name),
                                    java.util.Arrays.stream(org.lujing.normalise.ReasonCode.values())
                                            .map(Enum::name),
                                    java.util.stream.Stream.of(
                                            "UNMATCHED_SUBJECT",
                                            "OUTSIDE_SUPERVISION",
                                            "MISSING_FEED",
                                            "CONTROL_TOTAL_MISMATCH",
                                            "CROSS_SOURCE_CONFLICT",
                                            "NO_RECENT_SUPPORT",
                                            "HIGH",
                                            "MEDIUM",
                                            "LOW",
                                            "OPEN",
                                            "ACKNOWLEDGED",
                                            "RESOLVED",
                                            "COMPLETED",
                                            "FAILED",
                                            "STARTED",
                                            "STOPPED",
                                            "ABANDONED",
                                            "JOB_RESTART",
                                            "JOB_RESTART_ALL",
                                            "job execution",
                                            "runNightlyStep",
                                            "pull-feeds",
                                            "ingest-inbox",
                                            "MONTHLY",
                                            "WEEKLY",
                                            "fileIngestJob",
                                            "nightlyStepJob",
                                            "reconcileJob",
                                            "inspectFileStep",
                                            "stageRowsStep",
                                            "publishRowsStep",
                                            "completeFileStep",
                                            "reconcileStep"))
                            .flatMap(x -> x)
                            .toList())
            + ")\\b");

    @Test
    @org.junit.jupiter.api.Order(2)
    void anAdminRestartsEveryFailedIngestAtOnceWithOneReason() throws Exception {
        // given two ingests that failed because their files were not there yet, and the files put back
        List<Long> failed = new java.util.ArrayList<>();
        for (String source : List.of("hospital", "university")) {
            Path sample;
            try (var files = Files.list(Path.of("sample-data", source))) {
                sample = files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
            }
            Path file = HOME.resolve("archive/" + source + "/restore/" + sample.getFileName());
            failed.add(jobOperator
                    .start(
                            fileIngestJob,
                            new JobParametersBuilder()
                                    .addString("file", file.toString())
                                    .addString("source", source)
                                    .addString("name", sample.getFileName().toString())
                                    .toJobParameters())
                    .getId());
            Files.createDirectories(file.getParent());
            Files.copy(sample, file, StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(failed)
                .allSatisfy(
                        id -> assertThat(jobs.find(id).orElseThrow().status()).isEqualTo("FAILED"));

        // when the admin restarts every failed file ingest from the jobs page, with one reason
        signIn("admin", adminPassword);
        open("/jobs");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("restart-failed-job")))
                .selectByValue("fileIngestJob");
        browser.findElement(By.id("restart-failed-reason")).sendKeys("partners re-sent both files");
        browser.findElement(By.id("restart-failed-button")).click();
        browser.switchTo().alert().accept();

        // then both complete as new executions, and the audit log holds one entry naming both
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(jobs.failedAwaitingRestart(100)).isEmpty());
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(jobs.search("fileIngestJob", "STARTED", null, null, 10))
                        .isEmpty());
        for (long id : failed) {
            assertThat(jobs.instanceExecutions(id))
                    .extracting(JobQueries.Execution::status)
                    .containsExactly("FAILED", "COMPLETED");
        }
        open("/audit");
        String audit = browser.findElement(By.id("audit")).getText();
        assertThat(audit).contains("批量重新运行任务", "partners re-sent both files", "#" + failed.get(0), "#" + failed.get(1));
        open("/jobs");
        screenshot("jobs-bulk-restarted.png");
        assertThat(browser.findElements(By.id("restart-failed")))
                .as("nothing left to restart")
                .isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void aRunningIngestShowsRowsDonePercentageAndTimeLeftLive() throws Exception {
        // given a generated file of 60,000 rows (valid ID numbers, not on the roster: kept as pending)
        Path csv = HOME.resolve("2025年普法活动-大批量.csv");
        try (var out = Files.newBufferedWriter(csv)) {
            out.write("姓名,身份证号,日期,活动类型,活动名称\n");
            for (int i = 0; i < 60_000; i++) {
                String body = "43010419" + (70 + i % 30) + String.format("%02d%02d", 1 + i % 12, 1 + i % 28)
                        + String.format("%03d", i % 1000);
                out.write("对象" + i + "," + body + checkDigit(body) + ",2025-" + String.format("%02d", 1 + i % 12) + "-"
                        + String.format("%02d", 1 + (i / 12) % 28) + ",普法活动,第" + i + "期\n");
            }
        }
        signIn("admin", adminPassword);

        // when it is ingested while the admin watches
        var running =
                java.util.concurrent.Executors.newSingleThreadExecutor().submit(() -> ingest.ingest(csv, "university"));
        long id = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> jobs.search("fileIngestJob", "STARTED", null, null, 10).stream()
                                .map(JobQueries.Execution::id)
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        open("/");

        // then the dashboard's figure moves without a reload: rows done grow, and a percentage with the time left shows
        java.util.Set<Long> done = new java.util.TreeSet<>();
        java.util.Set<String> texts = new java.util.LinkedHashSet<>();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    var items = browser.findElements(By.cssSelector("#running .progress"));
                    if (items.isEmpty()) {
                        return false;
                    }
                    String d = items.get(0).getAttribute("data-done");
                    if (d != null) {
                        done.add(Long.parseLong(d));
                    }
                    texts.add(items.get(0)
                            .findElement(By.className("progress-text"))
                            .getText());
                    // publication's figure (reading a CSV shows a percentage too, of its line count)
                    return done.size() >= 3
                            && texts.stream()
                                    .anyMatch(t -> t.contains("写入台账") && t.contains("%") && t.contains("预计还需"));
                });
        screenshot("dashboard-during-ingest.png");
        assertThat(texts).anyMatch(t -> t.matches(".*写入台账：\\d+ / 60000 行（\\d+%）.*"));
        // and the job page carries the same live figure while the ingest runs
        open("/jobs/" + id);
        if (jobs.find(id).orElseThrow().status().equals("STARTED")) {
            assertThat(browser.findElements(By.id("job-progress"))).hasSize(1);
            screenshot("job-during-ingest.png");
        }
        assertThat(running.get(5, java.util.concurrent.TimeUnit.MINUTES).outcome())
                .startsWith("LOADED");
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void anAdminRerunsEverythingThatFailedInOneNightWithOneReason() throws Exception {
        // given a night whose inbox step ran while two ingests failed (their files were not there yet), files put back
        java.time.LocalDate night = java.time.LocalDate.of(2025, 12, 30);
        java.sql.Timestamp from =
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1));
        List<Long> failed = new java.util.ArrayList<>();
        for (String source : List.of("employer", "micro-lesson")) {
            Path sample;
            try (var files = Files.list(Path.of("sample-data", source))) {
                sample = files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
            }
            Path file = HOME.resolve("archive/" + source + "/night/" + sample.getFileName());
            failed.add(jobOperator
                    .start(
                            fileIngestJob,
                            new JobParametersBuilder()
                                    .addString("file", file.toString())
                                    .addString("source", source)
                                    .addString("name", sample.getFileName().toString())
                                    .toJobParameters())
                    .getId());
            Files.createDirectories(file.getParent());
            Files.copy(sample, file, StandardCopyOption.REPLACE_EXISTING);
        }
        jdbc.sql("""
                        INSERT INTO nightly_run (run_date, attempt, step, position, status, trigger_kind, started_at,
                          finished_at, steps_total)
                        VALUES (?, 1, 'ingest-inbox', 1, 'COMPLETED', 'SCHEDULE', ?, ?, 5)""")
                .params(
                        java.sql.Date.valueOf(night),
                        from,
                        java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(1)))
                .update();

        // when the admin picks the night on the jobs page and reruns it with one reason
        signIn("admin", adminPassword);
        open("/jobs");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("restart-night-date")))
                .selectByValue(night.toString());
        browser.findElement(By.id("restart-night-reason")).sendKeys("the archive disk was back");
        browser.findElement(By.id("restart-night-button")).click();
        browser.switchTo().alert().accept();

        // then both ingests complete as new executions, and one audit entry names the night and both
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    for (long id : failed) {
                        assertThat(jobs.instanceExecutions(id))
                                .extracting(JobQueries.Execution::status)
                                .containsExactly("FAILED", "COMPLETED");
                    }
                });
        open("/audit");
        assertThat(browser.findElement(By.id("audit")).getText())
                .contains(
                        "批量重新运行任务",
                        "2025-12-30 夜间：#" + failed.get(0) + ", #" + failed.get(1),
                        "the archive disk was back");
        open("/jobs");
        assertThat(browser.findElements(By.id("restart-night")))
                .as("nothing left to rerun")
                .isEmpty();
        screenshot("jobs-night-rerun.png");
    }

    /** GB 11643's check character for the first 17 characters of an ID number. */
    private static char checkDigit(String body) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    private void signIn(String user, String password) {
        open("/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.getCurrentUrl().contains("/login"));
    }

    private void signOut() {
        browser.findElement(By.cssSelector("form[action$='/logout'] button")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.getCurrentUrl().contains("/login"));
    }

    /** The dashboard for a month, once ECharts has drawn the chart. */
    private void dashboard(String month) {
        open("/?month=" + month);
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        "true".equals(browser.findElement(By.id("month-chart")).getAttribute("data-rendered")));
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
    }

    private void screenshot(String name) throws IOException {
        Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path sampleCommunityFile() throws IOException {
        try (var files = Files.list(Path.of("sample-data/community"))) {
            return files.filter(p -> p.toString().endsWith(".xlsx"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
    }
}
