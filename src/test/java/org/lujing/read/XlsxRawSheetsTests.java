package org.lujing.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lujing.ledger.FileOutcome;

/** Cell forms other writers than Excel put into .xlsx sheets (found by comparing with POI's usermodel on its corpus). */
class XlsxRawSheetsTests {

    @TempDir
    Path dir;

    @Test
    void inlineStringsInValueElementsEscapesAndEmptySharedStringCellsAreRead() throws IOException {
        Path file = dir.resolve("other-writers.xlsx");
        XlsxSafetyTests.writeXlsx(file, out -> out.write(("<row r=\"2\">"
                + "<c r=\"A2\" t=\"inlineStr\"><v t=\"inlineStr\">张三</v></c>" // LibreOffice, for a formula's text
                + "<c r=\"B2\" t=\"inlineStr\"><is><t>11010519491231002X</t></is></c>"
                + "<c r=\"C2\" t=\"inlineStr\"><is><t>2025-03-07</t></is></c>"
                + "<c r=\"D2\" t=\"inlineStr\"><is><t>第一行_x000d_\n第二行 _x005F_x</t></is></c>" // OOXML escapes
                + "<c r=\"E2\" t=\"s\"><v></v></c>" // a shared-string cell left empty
                + "</row>").getBytes(StandardCharsets.UTF_8)));

        List<SourceRow> rows = XlsRawSheetsTests.readAll(file);

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).cell(Field.NAME).text()).isEqualTo("张三");
        assertThat(rows.get(0).cells().get(3).text()).isEqualTo("第一行\r\n第二行 _x");
        assertThat(rows.get(0).cells().get(4).isBlank()).isTrue();
    }

    @Test
    void aRowNumberBeyondExcelsLastRowIsCorrupt() throws IOException {
        Path file = dir.resolve("row-overflow.xlsx");
        XlsxSafetyTests.writeXlsx(file, out -> out.write(
                "<row r=\"2147483647\"><c><v>1</v></c></row>".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> XlsRawSheetsTests.readAll(file)).isInstanceOfSatisfying(UnreadableFileException.class, e -> {
            assertThat(e.outcome()).isEqualTo(FileOutcome.FILE_CORRUPT);
            assertThat(e.getMessage()).contains("row-overflow.xlsx");
        });
    }
}
