package org.lujing.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The ingest benchmark's roster of 5,000 people again, as a {@code .csv}, with the supervision period given:
 * {@code RosterPeriods FILE START END}. The findings benchmark loads one that ended before the ledger's year (every
 * record is then outside its person's supervision) and later the right one (every such finding clears).
 */
public final class RosterPeriods {

    private RosterPeriods() {}

    public static void main(String[] args) throws IOException {
        List<String> ids = IngestBenchData.ids();
        try (Writer w = Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8)) {
            w.write("姓名,身份证号码,联系电话,矫正类别,矫正起始日期,矫正终止日期\n");
            for (int i = 0; i < ids.size(); i++) {
                w.write("对象" + i + "," + ids.get(i) + "," + String.format("139%08d", i) + ",缓刑," + args[1] + ","
                        + args[2] + "\n");
            }
        }
    }
}
