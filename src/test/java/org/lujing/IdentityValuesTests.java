package org.lujing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The confidentiality scans are only as good as what they can see: they must see inside compressed workbooks. */
class IdentityValuesTests {

    @TempDir
    Path dir;

    @Test
    void aClearIdInsideAWorkbookThatPoiCannotOpenIsStillFound() throws IOException {
        // a zip that is not a valid workbook, its only part deflated: the clear ID is nowhere in the raw bytes
        Path broken = dir.resolve("ledger.xlsx");
        try (OutputStream out = Files.newOutputStream(broken);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
            zip.write(("<sst><si><t>张三 430104198001010014 </t></si>" + "<si><t>filler</t></si>".repeat(50) + "</sst>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        IdentityValues needles = IdentityValues.of("430104198001010014");
        assertThat(needles.foundIn(new String(Files.readAllBytes(broken), StandardCharsets.ISO_8859_1)))
                .as("the compressed bytes hide it")
                .isEmpty();

        assertThat(IdentityValues.rawTexts(broken).stream().flatMap(t -> needles.foundIn(t).stream()))
                .contains("43010419800101001");
    }
}
