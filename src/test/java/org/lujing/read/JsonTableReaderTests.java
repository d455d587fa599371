package org.lujing.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lujing.normalise.CellKind;

/** JSON feeds in domain.md's three shapes, keyed by English field names or header synonyms. */
class JsonTableReaderTests {

    static final ReadSettings SETTINGS = new ReadSettings(HeaderSynonyms.common(), EnumSet.of(Field.NAME), null, null);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[{\"name\":\"张三\",\"idNumber\":\"11010519491231002X\",\"date\":\"2025-03-03\"},{\"姓名\":\"李四\",\"身份证号\":\"11010519491231002X\",\"日期\":\"2025-03-10\"}]",
                "{\"platform\":\"智慧矫正\",\"records\":[{\"name\":\"张三\",\"idNumber\":\"11010519491231002X\",\"date\":\"2025-03-03\"},{\"姓名\":\"李四\",\"身份证号\":\"11010519491231002X\",\"日期\":\"2025-03-10\"}],\"page\":1}",
                "{\"data\":[{\"name\":\"张三\",\"idNumber\":\"11010519491231002X\",\"date\":\"2025-03-03\"},{\"姓名\":\"李四\",\"身份证号\":\"11010519491231002X\",\"日期\":\"2025-03-10\"}]}",
                "{\"name\":\"张三\",\"idNumber\":\"11010519491231002X\",\"date\":\"2025-03-03\"}\n{\"姓名\":\"李四\",\"身份证号\":\"11010519491231002X\",\"日期\":\"2025-03-10\"}\n"
            })
    void everyShapeGivesTheSameRows(String json) throws IOException {
        Path file = Files.writeString(dir.resolve("feed.json"), json, StandardCharsets.UTF_8);

        List<SourceRow> rows = HeaderDetectionTests.readAll(file, SETTINGS);

        assertThat(rows).extracting(r -> r.cell(Field.NAME).text()).containsExactly("张三", "李四");
        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(1, 2);
        assertThat(rows.get(1).cell(Field.DATE).text()).isEqualTo("2025-03-10");
        assertThat(rows.get(1).header(Field.ID_NUMBER)).isEqualTo("身份证号");
    }

    @Test
    void anIntegralIdNumberIsExactButAFractionalNumberIsANumber() throws IOException {
        Path file = Files.writeString(
                dir.resolve("n.json"), "[{\"name\":\"张三\",\"idNumber\":110105194912310021,\"hours\":1.5}]");

        SourceRow row = HeaderDetectionTests.readAll(file, SETTINGS).get(0);

        assertThat(row.cell(Field.ID_NUMBER)).isEqualTo(new Cell("110105194912310021", CellKind.TEXT));
        assertThat(row.cell(Field.HOURS)).isEqualTo(new Cell("1.5", CellKind.NUMBER));
    }

    @Test
    void aStrayValueAmongRecordsIsStillARow() throws IOException {
        Path file = Files.writeString(dir.resolve("stray.json"), "[{\"name\":\"张三\"}, 42, {\"name\":\"李四\"}]");

        assertThat(HeaderDetectionTests.readAll(file, SETTINGS)).hasSize(3);
    }

    @Test
    void brokenJsonIsACorruptFile() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.json"), "[{\"name\":\"张三\"}, {\"name\":");

        assertThatThrownBy(() -> HeaderDetectionTests.readAll(file, SETTINGS))
                .isInstanceOfSatisfying(
                        UnreadableFileException.class,
                        e -> assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_CORRUPT))
                .hasMessageContaining("broken.json");
    }

    @Test
    void jsonWithoutRecordsHasNoTable() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.json"), "{\"records\": []}");

        assertThatThrownBy(() -> HeaderDetectionTests.readAll(file, SETTINGS))
                .isInstanceOfSatisfying(
                        UnreadableFileException.class,
                        e -> assertThat(e.outcome()).isEqualTo(FileOutcome.NO_TABLE_FOUND));
    }

    @Test
    void twoArraysOfRecordsAreRefusedWholeNotHalfRead() throws IOException {
        // the second array's records were passed over without a word
        Path file = Files.writeString(
                dir.resolve("two.json"), "{\"records\": [{\"name\":\"张三\"}], \"data\": [{\"name\":\"李四\"}]}");

        assertThatThrownBy(() -> HeaderDetectionTests.readAll(file, SETTINGS))
                .isInstanceOfSatisfying(
                        UnreadableFileException.class,
                        e -> assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_UNSUPPORTED))
                .hasMessageContaining("含两组记录（'records' 与 'data'）")
                .hasMessageContaining("two.json");
    }

    @Test
    void recordsNestedDeeperInAnEnvelopeAreRefusedNotReadAsOneEmptyRow() throws IOException {
        // read as one record, this was loaded with one row rejected as 姓名为空, its two records never read
        Path file = Files.writeString(
                dir.resolve("envelope.json"),
                "{\"code\": 0, \"data\": {\"list\": [{\"name\":\"张三\"}, {\"name\":\"李四\"}], \"total\": 2}}");

        assertThatThrownBy(() -> HeaderDetectionTests.readAll(file, SETTINGS))
                .isInstanceOfSatisfying(
                        UnreadableFileException.class,
                        e -> assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_UNSUPPORTED))
                .hasMessageStartingWith("envelope.json 的记录放在 data.list 下");
    }

    @Test
    void aRecordCarryingAnArrayOfItsOwnIsStillARecord() throws IOException {
        // one object a line: the second record has attachments beside its fields
        Path file = Files.writeString(
                dir.resolve("lines.json"),
                "{\"name\":\"张三\", \"date\":\"2025-03-07\"}\n"
                        + "{\"name\":\"李四\", \"date\":\"2025-03-08\", \"attachments\": [{\"file\":\"a.jpg\"}]}\n");

        assertThat(HeaderDetectionTests.readAll(file, SETTINGS)).hasSize(2);
    }

    @Test
    void anEmptySecondArrayOrOtherPropertiesAfterTheRecordsAreFine() throws IOException {
        Path file = Files.writeString(
                dir.resolve("meta.json"),
                "{\"records\": [{\"name\":\"张三\"}], \"items\": [], \"page\": {\"next\": null}}");

        assertThat(HeaderDetectionTests.readAll(file, SETTINGS)).hasSize(1);
    }

    @Test
    void refusalsSayWhyInChineseFirst() throws IOException {
        Path empty = Files.writeString(dir.resolve("none.json"), "[]");
        Path broken = Files.writeString(dir.resolve("nan.json"), "[{\"hours\": NaN}]");

        assertThatThrownBy(() -> HeaderDetectionTests.readAll(empty, SETTINGS))
                .hasMessageStartingWith("none.json 中没有记录");
        assertThatThrownBy(() -> HeaderDetectionTests.readAll(broken, SETTINGS))
                .hasMessageStartingWith("nan.json 不是有效的 JSON");
    }

    @Test
    void aFeedInGbkIsToldByItsEncodingNotAsBrokenJson() throws Exception {
        Path gbk = dir.resolve("feed.json");
        Files.write(
                gbk,
                "[{\"name\": \"张三\", \"idNumber\": \"11010519491231002X\"}]"
                        .getBytes(java.nio.charset.Charset.forName("GBK")));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                    try (TableReader reader = new JsonTableReader(gbk, SETTINGS)) {
                        while (reader.next() != null) {
                            // read to the end
                        }
                    }
                })
                .isInstanceOfSatisfying(UnreadableFileException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_CORRUPT);
                    assertThat(e.getMessage()).contains("不是 UTF-8 编码（可能是 GBK），第 1 条记录处无法解码");
                });
    }
}
