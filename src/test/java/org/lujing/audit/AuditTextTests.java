package org.lujing.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The audit log's targets and details, stored as English phrases, read in Chinese; English readers see them as stored. */
class AuditTextTests {

    static final Function<String, String> JOBS = code -> switch (code) {
        case "fileIngestJob" -> "文件入库";
        case "nightlyStepJob" -> "夜间任务步骤";
        default -> code;
    };

    static String zh(String stored) {
        return AuditText.render(stored, true, JOBS);
    }

    @Test
    void everyPhraseTheProgramWritesReadsInChinese() {
        assertThat(zh("job execution #12")).isEqualTo("任务执行 #12");
        assertThat(zh("night 2025-04-30: #7, #9")).isEqualTo("2025-04-30 夜间：#7, #9");
        assertThat(zh("night 2025-04-30 fileIngestJob: #7")).isEqualTo("2025-04-30 夜间的文件入库：#7");
        assertThat(zh("all jobs: #3, #4")).isEqualTo("全部任务：#3, #4");
        assertThat(zh("fileIngestJob: #3, #4")).isEqualTo("文件入库：#3, #4");
        assertThat(zh("console: 2 execution(s)")).isEqualTo("控制台：2 个执行");
        assertThat(zh("command line")).isEqualTo("命令行");
        assertThat(zh("file #5")).isEqualTo("文件 #5");
        assertThat(zh("file #10 2025年11月法学院普法记录.csv")).isEqualTo("文件 #10 2025年11月法学院普法记录.csv");
        assertThat(zh("3 row(s)")).isEqualTo("3 行");
        assertThat(zh("row 7")).isEqualTo("第 7 行");
        assertThat(zh("resumed")).isEqualTo("接着完成中断的撤回");
        assertThat(zh("finding #8")).isEqualTo("核查发现 #8");
        assertThat(zh("address 127.0.0.1")).isEqualTo("地址 127.0.0.1");
        assertThat(zh("failure 3 for this name")).isEqualTo("此用户名第 3 次失败");
        assertThat(zh("19 sources")).isEqualTo("19 个数据来源");
        assertThat(zh("4096 bytes")).isEqualTo("4096 字节");
        assertThat(zh("subjects (12 people)")).isEqualTo("名册人员（12 人）");
        assertThat(zh("key 1a2b3c4d → 5e6f7a8b")).isEqualTo("密钥 1a2b3c4d → 5e6f7a8b");
        assertThat(zh("key 1a2b3c4d5e6f → person #3")).isEqualTo("记录键 1a2b3c4d5e6f → 人员 #3");
        assertThat(zh("key 1a2b3c4d5e6f → person #3 (review #7)")).isEqualTo("记录键 1a2b3c4d5e6f → 人员 #3（复核条目 #7）");
        assertThat(zh("accepted 3, merged 1, still rejected 0")).isEqualTo("接收 3 行，合并 1 行，仍拒收 0 行");
        assertThat(zh("3 accepted, 1 merged, 0 still rejected")).isEqualTo("接收 3 行，合并 1 行，仍拒收 0 行");
        assertThat(zh("12 people, 340 records, 2 decisions re-keyed; old key dropped: true"))
                .isEqualTo("重新加密 12 人、340 条记录、2 项决定；旧密钥已删除");
    }

    @Test
    void englishReadersAndUnknownPhrasesSeeWhatWasStored() {
        assertThat(AuditText.render("job execution #12", false, JOBS)).isEqualTo("job execution #12");
        assertThat(zh("inbox/hospital/2025年11月.xlsx")).isEqualTo("inbox/hospital/2025年11月.xlsx");
        assertThat(zh(null)).isEmpty();
    }
}
