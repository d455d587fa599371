package org.lujing.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CSV as partners save it: UTF-8 with or without BOM, UTF-16 with BOM, GBK; comma, tab or semicolon. */
class CsvEncodingTests {

    static final String TEXT =
            "单位：湖南工商大学{d}{d}{d}\n姓名{d}身份证号{d}日期{d}活动类型\n张三{d}11010519491231002X{d}2025-03-07{d}\"普法，趣味\"\n";
    static final ReadSettings DETECT = settings(null, null);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"UTF-8,','", "UTF-8-BOM,';'", "UTF-16LE-BOM,TAB", "UTF-16BE-BOM,','", "GBK,','", "GB18030,TAB"})
    void encodingAndDelimiterAreDetected(String encoding, String delimiter) throws IOException {
        Path file = write(encoding, delimiter.equals("TAB") ? "\t" : delimiter);

        List<SourceRow> rows = HeaderDetectionTests.readAll(file, DETECT);

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).cell(Field.NAME).text()).isEqualTo("张三");
        assertThat(rows.get(0).cell(Field.CATEGORY).text()).isEqualTo("普法，趣味");
        assertThat(rows.get(0).rowNumber()).isEqualTo(3);
    }

    @Test
    void aUtf8FileWithOneRowPastedFromAGbkSystemIsReadAsUtf8AndOnlyThatRowIsDamaged() throws IOException {
        // a small file (the whole of it within the sniffed 64 KiB): before, its one GBK row made it all GB18030
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("姓名,身份证号,日期,活动类型\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 10; i++) {
            out.write(("张三" + i + ",11010519491231002X,2025-03-07,普法讲座\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write("李四,11010519491231002X,2025-03-08,心理辅导\n".getBytes(Charset.forName("GBK")));
        out.write("王五,11010519491231002X,2025-03-09,普法讲座\n".getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(dir.resolve("mixed.csv"), out.toByteArray());

        List<SourceRow> rows = HeaderDetectionTests.readAll(file, DETECT);

        assertThat(rows).hasSize(12);
        assertThat(rows.get(0).cell(Field.NAME).text()).isEqualTo("张三0");
        assertThat(rows.get(10).cell(Field.NAME).text()).contains("\uFFFD");
        assertThat(rows.get(11).cell(Field.NAME).text()).isEqualTo("王五");
        assertThat(rows.get(11).cell(Field.CATEGORY).text()).isEqualTo("普法讲座");
    }

    @Test
    void utf16SavedWithoutItsByteOrderMarkIsRecognisedByItsZeroBytes() throws IOException {
        String text = TEXT.replace("{d}", ",");
        for (Charset utf16 : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            Path file = Files.write(dir.resolve(utf16.name() + "-nobom.csv"), text.getBytes(utf16));

            List<SourceRow> rows = HeaderDetectionTests.readAll(file, DETECT);

            assertThat(rows).as(utf16.name()).hasSize(1);
            assertThat(rows.get(0).cell(Field.NAME).text()).isEqualTo("张三");
        }
    }

    @Test
    void aDeclaredEncodingAndDelimiterWinOverDetection() throws IOException {
        // Latin-1 bytes that also happen to be valid GB18030: detection would guess wrong, the declaration does not
        Path file = dir.resolve("latin1.csv");
        Files.write(
                file,
                "name|idNumber|date|category\nJosé|11010519491231002X|2025-03-07|普法\n"
                        .replace("普法", "law")
                        .getBytes(StandardCharsets.ISO_8859_1));

        List<SourceRow> rows = HeaderDetectionTests.readAll(file, settings("ISO-8859-1", "|"));

        assertThat(rows.get(0).cell(Field.NAME).text()).isEqualTo("José");
    }

    @Test
    void aQuotedFieldMayHoldNewlines() throws IOException {
        Path file = Files.writeString(
                dir.resolve("multi.csv"),
                "姓名,身份证号,日期,活动类型,备注\r\n张三,11010519491231002X,2025-03-07,普法,\"第一行\r\n第二行\"\r\n李四,11010519491231002X,2025-03-08,普法,\r\n");

        List<SourceRow> rows = HeaderDetectionTests.readAll(file, DETECT);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).cell(Field.NOTES).text()).isEqualTo("第一行\r\n第二行");
        assertThat(rows.get(1).cell(Field.NAME).text()).isEqualTo("李四");
    }

    private Path write(String encoding, String delimiter) throws IOException {
        String text = TEXT.replace("{d}", delimiter);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (encoding) {
            case "UTF-8-BOM" -> {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            case "UTF-16LE-BOM" -> {
                out.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
                out.write(text.getBytes(StandardCharsets.UTF_16LE));
            }
            case "UTF-16BE-BOM" -> {
                out.write(new byte[] {(byte) 0xFE, (byte) 0xFF});
                out.write(text.getBytes(StandardCharsets.UTF_16BE));
            }
            default -> out.write(text.getBytes(Charset.forName(encoding)));
        }
        return Files.write(dir.resolve(encoding + ".csv"), out.toByteArray());
    }

    private static ReadSettings settings(String encoding, String delimiter) {
        return new ReadSettings(
                HeaderSynonyms.common(),
                EnumSet.of(Field.NAME, Field.ID_NUMBER, Field.DATE, Field.CATEGORY),
                encoding,
                delimiter);
    }
}
