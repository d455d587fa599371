package org.lujing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lujing.console.JobProgress;

/** The terminal's progress line: a bar and a percentage once the total is known, the words alone before. */
class ProgressLineTests {

    @Test
    void aBarOnceTheTotalIsKnownAndTheWordsAloneBefore() {
        var publishing = new JobProgress.Progress(
                8,
                "STARTED",
                "publishRowsStep",
                28_000,
                60_000L,
                46,
                12L,
                "写入台账：28000 / 60000 行（46%），预计还需 12 秒",
                3,
                4,
                30L);
        assertThat(ProgressLine.render(publishing, 10))
                .isEqualTo("[████░░░░░░]  46%  写入台账：28000 / 60000 行（46%），预计还需 12 秒");

        var staging = new JobProgress.Progress(
                8, "STARTED", "stageRowsStep", 5_000, null, null, null, "读取并暂存各行：已读取 5000 行", 2, 4, 5L);
        assertThat(ProgressLine.render(staging, 10)).isEqualTo("读取并暂存各行：已读取 5000 行", 2, 4, 5L);

        var done =
                new JobProgress.Progress(8, "STARTED", "publishRowsStep", 60_000, 60_000L, 100, null, "t", 3, 4, 60L);
        assertThat(ProgressLine.render(done, 4)).startsWith("[████] 100%");
    }

    @Test
    void aNoticeWhileTheBarIsDrawnStandsOnALineOfItsOwn() {
        java.io.PrintStream err = System.err;
        var terminal = new java.io.ByteArrayOutputStream();
        var out = new java.io.PrintStream(terminal, true, java.nio.charset.StandardCharsets.UTF_8);
        System.setErr(out);
        org.lujing.home.OperatorNotice.onTerminal(true);
        try {
            try (ProgressLine line = ProgressLine.drawingOn(null, null, "fileIngestJob", () -> 0, out)) {
                line.draw("[██░░] 50%  写入台账");
                org.lujing.home.OperatorNotice.say(org.slf4j.LoggerFactory.getLogger(getClass()), "正在停止：请稍候");
            }
            org.lujing.home.OperatorNotice.say(org.slf4j.LoggerFactory.getLogger(getClass()), "已停下");
        } finally {
            System.setErr(err);
            org.lujing.home.OperatorNotice.onTerminal(false);
        }
        // the bar cleared (its 20 columns: 写入台账 takes two each) before the notice (not 写入台账正在停止…), and nothing drawn
        // around a notice once it is gone
        assertThat(terminal.toString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("\r[██░░] 50%  写入台账" + "\r" + " ".repeat(20) + "\r" + "正在停止：请稍候\n" + "已停下\n");
    }
}
