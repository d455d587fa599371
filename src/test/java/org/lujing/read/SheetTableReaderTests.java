package org.lujing.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lujing.ledger.Category;
import org.lujing.normalise.Vocabulary;

/** What a sheet gives its rows beyond their cells, for a CSV file too (one table, no sheet name). */
class SheetTableReaderTests {

    static final ReadSettings ACTIVITIES = new ReadSettings(
            HeaderSynonyms.common(),
            EnumSet.of(Field.NAME, Field.ID_NUMBER, Field.DATE),
            null,
            null,
            Vocabulary.of(Map.of()),
            null);

    @TempDir
    Path dir;

    @Test
    void aCsvTakesItsYearFromItsTitleLineElseFromTheNameThePartnerGaveIt() throws IOException {
        Path archived = write("a1b2c3.csv", "姓名,身份证号,日期,活动类型\n张三,11010519491231002X,3月7日,公益活动\n");

        List<SourceRow> rows;
        try (TableReader reader = PartnerFileReaders.open(archived, "2025年3月台账.csv", ACTIVITIES)) {
            rows = XlsRawSheetsTests.drain(reader);
        }

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.context().year()).isEqualTo(2025);
            assertThat(r.context().yearFrom()).isEqualTo("文件名");
            assertThat(r.context().category()).isNull(); // the row names its own category
        });
    }

    @Test
    void aCsvWithoutACategoryColumnTakesItFromItsTitleOrIsPassedOverSayingSo() throws IOException {
        Path titled = write("titled.csv", "心理疏导记录\n姓名,身份证号,日期\n张三,11010519491231002X,2025-03-07\n");
        Path bare = write("bare.csv", "姓名,身份证号,日期\n张三,11010519491231002X,2025-03-07\n");

        try (TableReader reader = PartnerFileReaders.open(titled, ACTIVITIES)) {
            assertThat(reader.next().context().category()).isEqualTo(Category.PSYCH_COUNSELLING);
        }
        try (TableReader reader = PartnerFileReaders.open(bare, ACTIVITIES)) {
            assertThat(reader.next()).isNull();
            assertThat(reader.sheetsRead()).isZero();
            assertThat(reader.notes()).singleElement().satisfies(n -> {
                assertThat(n.kind()).isEqualTo(ReadingNote.SHEET_PASSED_OVER);
                assertThat(n.zh()).startsWith("表格没有类别列");
            });
        }
    }

    @Test
    void anActivityLedgerSentAsTheRosterIsPassedOverNotTakenForPeopleUnderCorrection() throws IOException {
        ReadSettings roster = new ReadSettings(
                HeaderSynonyms.common(), EnumSet.of(Field.NAME, Field.ID_NUMBER), null, null, null, null, true);
        Path ledger = write("3月台账.csv", "姓名,身份证号,日期,活动类型\n钟晓峰,11010519491231002X,2025-03-07,公益活动\n");
        Path realRoster = write("名册.csv", "姓名,身份证号码,矫正类别,矫正起始日期,日期\n张三,11010519491231002X,缓刑,2025-01-01,2025-03-07\n");
        Path bareRoster = write("名单.csv", "姓名,身份证号码,联系电话\n张三,11010519491231002X,13800000000\n");

        try (TableReader reader = PartnerFileReaders.open(ledger, roster)) {
            assertThat(reader.next()).isNull();
            assertThat(reader.notes()).singleElement().satisfies(n -> {
                assertThat(n.kind()).isEqualTo(ReadingNote.SHEET_PASSED_OVER);
                assertThat(n.zh()).contains("是活动台账而不是名册，未读取");
            });
        }
        // a roster with its own columns is read even with a date beside them, and a bare one as before
        for (Path p : List.of(realRoster, bareRoster)) {
            try (TableReader reader = PartnerFileReaders.open(p, roster)) {
                assertThat(reader.next()).as(p.toString()).isNotNull();
            }
        }
        // and an activity source's ledger is read as ever
        try (TableReader reader = PartnerFileReaders.open(ledger, ACTIVITIES)) {
            assertThat(reader.next()).isNotNull();
        }
    }

    @Test
    void aSheetWithoutAHeaderIsPassedOverNamingTheFieldsInWordsNotCodes() throws IOException {
        Path none = write("none.csv", "说明\n请按月填写\n");

        try (TableReader reader = PartnerFileReaders.open(none, ACTIVITIES)) {
            assertThat(reader.next()).isNull();
            assertThat(reader.notes()).singleElement().satisfies(n -> {
                assertThat(n.zh()).contains("需含姓名、身份证号");
                assertThat(n.message()).contains("姓名 (name), 身份证号").doesNotContain("ID_NUMBER");
            });
        }
    }

    @Test
    void theUpperRowOfATwoRowHeaderIsNoTitle() throws IOException {
        // 心理测评 here names a group of columns (姓名 and 身份证号 merged down over both header rows), not what the
        // sheet records
        Path file = write("grouped.csv", "麓景社区台账\n姓名,身份证号,心理测评\n,,日期\n张三,11010519491231002X,2025-03-07\n");
        ReadSettings withDefault = new ReadSettings(
                HeaderSynonyms.common(),
                EnumSet.of(Field.NAME, Field.ID_NUMBER, Field.DATE),
                null,
                null,
                Vocabulary.of(Map.of()),
                Category.PUBLIC_WELFARE);

        try (TableReader reader = PartnerFileReaders.open(file, withDefault)) {
            SourceRow row = reader.next();
            assertThat(row.rowNumber()).isEqualTo(4);
            assertThat(row.context().category()).isEqualTo(Category.PUBLIC_WELFARE);
            assertThat(row.context().categoryFrom()).isNull();
        }
    }

    @Test
    void aJsonFeedsYearlessDatesCanOnlyTakeTheYearOfTheFilesName() throws IOException {
        Path archived =
                write("feed-1.json", "[{\"name\":\"张三\",\"idNumber\":\"11010519491231002X\",\"date\":\"3月7日\"}]");

        try (TableReader dated = PartnerFileReaders.open(archived, "2025年3月微课.json", ACTIVITIES);
                TableReader undated = PartnerFileReaders.open(archived, "微课.json", ACTIVITIES)) {
            SourceRow row = dated.next();
            assertThat(row.context().yearFor(3)).hasValue(2025);
            assertThat(row.context().yearFrom()).isEqualTo("文件名");
            assertThat(undated.next().context().yearFor(3)).isEmpty();
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
