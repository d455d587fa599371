package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a non-admin reads of a text that names server paths. */
class ReaderPathsTests {

    private static final Path HOME = Path.of("/srv/lujing home");

    @Test
    void aFileInTheHomeIsNamedWhereItLiesThereEvenWhenTheHomeHasASpace() {
        assertThat(ReaderPaths.hidden(
                        "java.nio.file.NoSuchFileException: /srv/lujing home/archive/community/2025-04/名单.xlsx", HOME))
                .isEqualTo("java.nio.file.NoSuchFileException: archive/community/2025-04/名单.xlsx");
        assertThat(ReaderPaths.hidden("file=/srv/lujing home/archive/a.csv, source=community, name=a.csv", HOME))
                .isEqualTo("file=archive/a.csv, source=community, name=a.csv");
    }

    @Test
    void aFileOutsideTheHomeIsNamedByItsNameOnly() {
        assertThat(ReaderPaths.hidden("无法读取文件 /home/zhang/桌面/台账.xlsx：没有读写权限", HOME))
                .isEqualTo("无法读取文件 台账.xlsx：没有读写权限");
        assertThat(ReaderPaths.hidden("cannot read (/data/x/y.csv).", HOME)).isEqualTo("cannot read (y.csv).");
        assertThat(ReaderPaths.hidden("拒绝访问 C:\\Users\\zhang\\Desktop\\台账.xlsx", HOME))
                .isEqualTo("拒绝访问 台账.xlsx");
        assertThat(ReaderPaths.hidden("a folder: /var/tmp/", HOME)).isEqualTo("a folder: …");
        // as a URL of the file system, Spring's "URL [file:/…]", a drive written with a slash, glued to a colon
        assertThat(ReaderPaths.hidden("URL [file:/data/x/y.yaml]", HOME)).isEqualTo("URL [file:y.yaml]");
        assertThat(ReaderPaths.hidden("拒绝访问 C:/Users/zhang/台账.xlsx", HOME)).isEqualTo("拒绝访问 台账.xlsx");
        assertThat(ReaderPaths.hidden("无法读取：/data/x/台账.xlsx：没有权限", HOME)).isEqualTo("无法读取：台账.xlsx：没有权限");
    }

    @Test
    void wordsThatAreNoPathsStayAsTheyAre() {
        for (String text : new String[] {
            "https://feed.example.org/api/records?page=2 answered 503",
            "日期 2025/04/01 不是有效日期",
            "记录和/或出勤",
            "1/2 of the rows",
            "km/h",
            "湖南航天医院 ‖ Hunan Aerospace Hospital",
            ""
        }) {
            assertThat(ReaderPaths.hidden(text, HOME)).as(text).isEqualTo(text);
        }
        assertThat(ReaderPaths.hidden(null, HOME)).isNull();
    }

    @Test
    void aSentenceIsChineseByItsWordsNotByTheFileItNames() {
        assertThat(ReaderPaths.saidInChinese("java.nio.file.NoSuchFileException: /srv/h/archive/名单.xlsx"))
                .isFalse();
        assertThat(ReaderPaths.saidInChinese("归档副本已不存在：/srv/h/archive/a.xlsx")).isTrue();
        assertThat(ReaderPaths.saidInChinese(null)).isFalse();
    }
}
