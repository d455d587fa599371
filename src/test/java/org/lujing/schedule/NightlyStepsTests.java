package org.lujing.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import org.junit.jupiter.api.Test;
import org.lujing.feed.PullResult;
import org.lujing.ingest.IngestedFile;

/** The night's detail as workers read it: a feed pull's status and its reason in Chinese, codes beside them. */
class NightlyStepsTests {

    @Test
    void anUnreachableFeedSaysWhyInChinese() {
        PullResult r = new PullResult(
                "micro-lesson",
                PullResult.Status.UNREACHABLE,
                0,
                0,
                0,
                null,
                "HTTP 503 Service Unavailable from http://feed.example/lessons (after 3 retries)",
                "接口返回 HTTP 503（http://feed.example/lessons），重试 3 次后仍未成功");

        assertThat(NightlySteps.pullZh(r))
                .isEqualTo("未能取得数据，下一夜重试（UNREACHABLE）：接口返回 HTTP 503（http://feed.example/lessons），重试 3 次后仍未成功")
                .doesNotContain("after", "retries", "from");
    }

    @Test
    void aFailedIngestOfPulledRecordsNamesTheFileOutcomeInChinese() {
        IngestedFile file = new IngestedFile(
                7,
                "micro-lesson",
                "20261129-0200.json",
                "quarantine/micro-lesson/20261129-0200.json",
                "ab",
                10,
                "json",
                new Timestamp(0),
                new Timestamp(0),
                "FILE_CORRUPT",
                0,
                0,
                0,
                0,
                0,
                0,
                null,
                3L,
                null);
        PullResult r = new PullResult(
                "micro-lesson",
                PullResult.Status.INGEST_FAILED,
                1,
                5,
                5,
                file,
                "the ingest of the pulled records ended FILE_CORRUPT (job FAILED); ...",
                "拉取的 5 条新记录未标记为已取，下次拉取会再取；文件保存在 quarantine/micro-lesson/20261129-0200.json");

        assertThat(NightlySteps.pullZh(r))
                .startsWith("新记录入库失败，下次拉取重试（INGEST_FAILED）：入库结果：文件损坏，已隔离（FILE_CORRUPT），拉取的 5 条新记录")
                .doesNotContain("ingest of", "job FAILED");
    }

    @Test
    void pulledRecordsRefusedByTheIngestAreNotSaidToBeInTheLedger() {
        IngestedFile file = new IngestedFile(
                8,
                "micro-lesson",
                "20261130-0200.json",
                null,
                "cd",
                10,
                "json",
                new Timestamp(0),
                new Timestamp(0),
                "LOADED_WITH_REJECTS",
                3,
                0,
                0,
                3,
                0,
                0,
                null,
                4L,
                null);
        PullResult r = new PullResult("micro-lesson", PullResult.Status.INGESTED, 1, 3, 3, file, null, null);

        assertThat(NightlySteps.pullZh(r)).isEqualTo("已取得 3 条新记录（INGESTED）：入库结果：已载入，部分行拒收（LOADED_WITH_REJECTS）");
    }

    @Test
    void aPullWithNothingToAddSaysOnlyItsStatus() {
        PullResult r = new PullResult("micro-lesson", PullResult.Status.NOTHING_NEW, 2, 40, 0, null, null, null);

        assertThat(NightlySteps.pullZh(r)).isEqualTo("没有新记录（NOTHING_NEW）");
    }

    @Test
    void aFileInTheInboxItselfIsTakenTooWithNoSource() throws Exception {
        // given a partner's file in its folder, one dropped beside the folders, and files the route leaves alone
        java.nio.file.Path inbox = org.lujing.TestHomes.fresh("nightly-waiting").resolve("inbox");
        java.nio.file.Path hospital = java.nio.file.Files.createDirectories(inbox.resolve("hospital"));
        java.nio.file.Files.writeString(hospital.resolve("测评.csv"), "x");
        java.nio.file.Files.writeString(inbox.resolve("迷路.csv"), "x");
        java.nio.file.Files.writeString(inbox.resolve(".hidden.csv"), "x");
        java.nio.file.Files.writeString(hospital.resolve("写入中.csv.part"), "x");
        java.nio.file.Path month = java.nio.file.Files.createDirectories(hospital.resolve("2025年11月"));
        java.nio.file.Files.writeString(month.resolve("团辅.csv"), "x");
        java.nio.file.Files.createDirectories(hospital.resolve(".failed"));
        java.nio.file.Files.writeString(hospital.resolve(".failed/old.csv"), "x");

        // when the night lists what waits
        java.util.List<java.nio.file.Path> waiting = NightlySteps.waiting(inbox);

        // then both partner files, the loose one without a source (quarantined saying where it belongs)
        assertThat(waiting)
                .containsExactly(inbox.resolve("迷路.csv"), hospital.resolve("测评.csv"), month.resolve("团辅.csv"));
        // a file in a folder of the source's folder is the source's
        assertThat(org.lujing.ingest.FileIngestService.sourceOf(inbox, waiting.get(2)))
                .isEqualTo("hospital");
        assertThat(org.lujing.ingest.FileIngestService.sourceOf(inbox, waiting.get(0)))
                .isEmpty();
        assertThat(org.lujing.ingest.FileIngestService.sourceOf(inbox, waiting.get(1)))
                .isEqualTo("hospital");
    }
}
