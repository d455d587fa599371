package org.lujing.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A CSV reader bounds one cell, one row, the cells of a row and the rows of a file, and refuses beyond as FILE_UNSAFE. */
class CsvReadLimitsTests {

    static final ReadLimits SMALL = new ReadLimits(10, 40, 5, 4);

    @Test
    void a150MegabyteLineIsRefusedAfterReadingOnlyTheBound() throws IOException {
        // given: 150 MB of one line, produced as it is read (never held), counting what the parser pulls
        long size = 150L * 1024 * 1024;
        CountingLine line = new CountingLine(size);

        // when
        assertThatThrownBy(() -> drain(new BoundedCsvReader(line, ',', ReadLimits.DEFAULT)))
                // then
                .isInstanceOfSatisfying(UnreadableFileException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_UNSAFE);
                    assertThat(e.getMessage()).contains(ReadLimits.MARK).contains("读取上限");
                });
        assertThat(line.served)
                .as("characters taken from the 150 MB line before the refusal")
                .isLessThanOrEqualTo(ReadLimits.DEFAULT.maxCellChars() + 8192L);
    }

    @Test
    void a150MegabyteSingleLineFileOnDiskIsRefusedAsUnsafe() throws IOException {
        Path file = Files.createDirectories(Path.of("target", "read-limits")).resolve("one-line-150mb.csv");
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write("姓名,身份证号,日期,活动类型,".getBytes(StandardCharsets.UTF_8));
            byte[] block = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 150 * 16; i++) {
                out.write(block);
            }
        }
        try (CsvRawSheets csv = new CsvRawSheets(file, null, null)) {
            RawSheets.RawSheet sheet = csv.nextSheet();
            assertThatThrownBy(sheet::nextRow)
                    .isInstanceOfSatisfying(
                            UnreadableFileException.class,
                            e -> assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_UNSAFE));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void eachBoundIsNamedInItsRefusal() {
        assertRefused("a,b\n" + "c".repeat(11) + ",d\n", "单元格的长度", "row 2");
        assertRefused("a,b\n" + "c,".repeat(5) + "c\n", "单元格数", "row 2");
        // a newline inside a quoted cell does not end the row: four 10-character cells and their delimiters pass 40
        assertRefused("a,b,c,d\n" + "\"1234\n678\",".repeat(4) + "x\n", "一行的长度", "row 2");
        assertRefused("a\nb\nc\nd\ne\n", "行数", "row 5");
    }

    @Test
    void withinTheBoundsQuotedLinesAndStrayQuotesReadAsBefore() throws IOException {
        // a newline inside a quoted cell stays in its row; a quote inside an unquoted cell is an ordinary character
        String csv = "a,b\n\"x\ny\",2\nab\"c,3\n\"d\"\"e\",4\n";
        assertThat(drain(new BoundedCsvReader(new StringReader(csv), ',', new ReadLimits(10, 40, 5, 5))))
                .isEqualTo(csv);
    }

    private static void assertRefused(String csv, String zh, String en) {
        assertThatThrownBy(() -> drain(new BoundedCsvReader(new StringReader(csv), ',', SMALL)))
                .isInstanceOfSatisfying(UnreadableFileException.class, e -> {
                    assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_UNSAFE);
                    assertThat(e.getMessage()).contains(zh).contains(en);
                });
    }

    private static String drain(Reader reader) throws IOException {
        StringBuilder b = new StringBuilder();
        char[] buffer = new char[4096];
        for (int n; (n = reader.read(buffer)) >= 0; ) {
            b.append(buffer, 0, n);
            if (b.length() > 1_000_000) {
                b.setLength(0);
            }
        }
        return b.toString();
    }

    /** One line of 'x' characters of a given length, made as it is read. */
    static final class CountingLine extends Reader {
        private final long size;
        long served;

        CountingLine(long size) {
            this.size = size;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (served >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - served);
            java.util.Arrays.fill(buffer, offset, offset + n, 'x');
            served += n;
            return n;
        }

        @Override
        public void close() {}
    }
}
