package org.lujing.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The ingest benchmark's data, generated deterministically (fixed seed) into {@code <dir>/ingest-<rows>/} and kept
 * for reruns: a roster of 5,000 people ({@code roster.xlsx}, the {@code roster} source's shape), a community ledger
 * of N rows whose ID numbers all belong to the roster ({@code community.xlsx}: a title row, a header row, shared
 * strings, date cells) and the same rows as {@code community.csv} (UTF-8; the {@code community} source takes only
 * xlsx/xls, so the csv is ingested as the {@code university} source). About 1% of the rows repeat the identity
 * (person, category, date, agency) of a recent row; every other identity is unique, so the expected accounting is
 * exact: accepted = rows - repeats, merged = repeats. {@code expected.properties} records it.
 */
public final class IngestBenchData {

    static final int PEOPLE = 5_000;
    static final long SEED = 20251231L;
    /** Activity words every source understands (domain.md), each mapping to one category. */
    static final String[] CATEGORIES = {"公益活动", "普法", "团体辅导", "心理测评", "结构式访谈", "教育帮扶", "微课"};

    static final String[] AGENCIES = {"湖南工商大学", "湖南航天医院", "湘江英烈纪念馆", "长沙高新区总工会", "麓谷革命历史纪念馆", "长沙高新区社会事业局", "拓维信息"};
    static final String[] HEADERS = {"序号", "日期", "姓名", "身份证号", "活动类型", "活动名称", "合作单位", "时长（小时）"};
    private static final String[] TYPES = {"管制", "缓刑", "假释", "暂予监外执行"};

    private IngestBenchData() {}

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = ensure(rows, Path.of(args.length > 1 ? args[1] : "target/bench"));
        System.out.println(dir);
    }

    /** The folder holding the files for N rows, generated first if it is not complete. */
    static Path ensure(int rows, Path work) throws IOException {
        Path dir = work.resolve("ingest-" + rows);
        if (Files.exists(dir.resolve("expected.properties"))) {
            return dir;
        }
        Files.createDirectories(dir);
        long t = System.nanoTime();
        // written beside and moved into place, so an interrupted run never leaves a half file to be reused
        Path roster = dir.resolve("roster.xlsx.partial");
        writeRoster(roster);
        Path xlsx = dir.resolve("community.xlsx.partial");
        Path csv = dir.resolve("community.csv.partial");
        int repeats = writeLedger(xlsx, csv, rows);
        Files.move(roster, dir.resolve("roster.xlsx"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(xlsx, dir.resolve("community.xlsx"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(csv, dir.resolve("community.csv"), StandardCopyOption.REPLACE_EXISTING);
        Properties p = new Properties();
        p.setProperty("rows", Integer.toString(rows));
        p.setProperty("repeats", Integer.toString(repeats));
        p.setProperty("distinct", Integer.toString(rows - repeats));
        p.setProperty("people", Integer.toString(PEOPLE));
        try (Writer w = Files.newBufferedWriter(dir.resolve("expected.properties"))) {
            p.store(w, "ingest benchmark data, seed " + SEED);
        }
        System.out.printf(
                "generated %s: %,d rows (%,d repeated identities), xlsx %.1f MB, csv %.1f MB, in %.1f s%n",
                dir,
                rows,
                repeats,
                Files.size(dir.resolve("community.xlsx")) / 1e6,
                Files.size(dir.resolve("community.csv")) / 1e6,
                (System.nanoTime() - t) / 1e9);
        return dir;
    }

    static List<String> ids() {
        List<String> ids = new ArrayList<>(PEOPLE);
        for (int i = 0; i < PEOPLE; i++) {
            String first17 = "430104" + (1960 + i % 40) + String.format("%02d%02d", 1 + i % 12, 1 + i % 28)
                    + String.format("%03d", i % 1000);
            ids.add(first17 + check(first17));
        }
        return ids;
    }

    static char check(String first17) {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * w[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    static void writeRoster(Path file) throws IOException {
        List<String> ids = ids();
        try (SXSSFWorkbook wb = new SXSSFWorkbook(null, 200, true, true);
                OutputStream out = Files.newOutputStream(file)) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            Sheet sheet = wb.createSheet("名册");
            sheet.createRow(0).createCell(0).setCellValue("社区矫正对象名册（性能测试）");
            Row header = sheet.createRow(1);
            String[] titles = {"序号", "姓名", "性别", "身份证号码", "联系电话", "所属社区", "矫正类别", "矫正起始日期", "矫正终止日期"};
            for (int i = 0; i < titles.length; i++) {
                header.createCell(i).setCellValue(titles[i]);
            }
            for (int i = 0; i < PEOPLE; i++) {
                Row row = sheet.createRow(i + 2);
                row.createCell(0).setCellValue(i + 1);
                row.createCell(1).setCellValue("对象" + i);
                row.createCell(2).setCellValue(i % 2 == 0 ? "男" : "女");
                row.createCell(3).setCellValue(ids.get(i));
                row.createCell(4).setCellValue(String.format("139%08d", i));
                row.createCell(5).setCellValue("麓景社区");
                row.createCell(6).setCellValue(TYPES[i % TYPES.length]);
                var start = row.createCell(7);
                start.setCellValue(LocalDate.of(2024, 6, 1));
                start.setCellStyle(date);
                var end = row.createCell(8);
                end.setCellValue(LocalDate.of(2026, 12, 31));
                end.setCellStyle(date);
            }
            wb.write(out);
        }
    }

    /** Writes the ledger as xlsx and csv in one pass; returns how many rows repeat an earlier row's identity. */
    static int writeLedger(Path xlsxFile, Path csvFile, int rows) throws IOException {
        Random random = new Random(SEED);
        List<String> ids = ids();
        Set<Long> seen = new HashSet<>(rows * 2);
        long[] recent = new long[1024];
        int repeats = 0;
        LocalDate jan1 = LocalDate.of(2025, 1, 1);
        try (SXSSFWorkbook wb = new SXSSFWorkbook(null, 200, true, true);
                OutputStream out = Files.newOutputStream(xlsxFile);
                BufferedWriter csv = Files.newBufferedWriter(csvFile, StandardCharsets.UTF_8)) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            Sheet sheet = wb.createSheet("台账");
            sheet.createRow(0).createCell(0).setCellValue("麓景社区工作台账（性能测试）");
            Row header = sheet.createRow(1);
            for (int i = 0; i < HEADERS.length; i++) {
                header.createCell(i).setCellValue(HEADERS[i]);
            }
            csv.write(String.join(",", HEADERS));
            csv.write('\n');
            for (int r = 0; r < rows; r++) {
                long identity;
                if (r >= recent.length && random.nextInt(100) == 0) {
                    identity = recent[random.nextInt(recent.length)];
                    repeats++;
                } else {
                    do {
                        identity = ((random.nextInt(PEOPLE) * 365L + random.nextInt(365)) * CATEGORIES.length
                                                + random.nextInt(CATEGORIES.length))
                                        * AGENCIES.length
                                + random.nextInt(AGENCIES.length);
                    } while (!seen.add(identity));
                }
                recent[r % recent.length] = identity;
                int agency = (int) (identity % AGENCIES.length);
                int category = (int) (identity / AGENCIES.length % CATEGORIES.length);
                int day = (int) (identity / AGENCIES.length / CATEGORIES.length % 365);
                int person = (int) (identity / AGENCIES.length / CATEGORIES.length / 365);
                LocalDate when = jan1.plusDays(day);
                String activity = CATEGORIES[category] + "第" + (1 + random.nextInt(50)) + "期";
                double hours = 1 + random.nextInt(4) * 0.5;

                Row row = sheet.createRow(r + 2);
                row.createCell(0).setCellValue(r + 1);
                var d = row.createCell(1);
                d.setCellValue(when);
                d.setCellStyle(date);
                row.createCell(2).setCellValue("对象" + person);
                row.createCell(3).setCellValue(ids.get(person));
                row.createCell(4).setCellValue(CATEGORIES[category]);
                row.createCell(5).setCellValue(activity);
                row.createCell(6).setCellValue(AGENCIES[agency]);
                row.createCell(7).setCellValue(hours);

                csv.write(Integer.toString(r + 1));
                csv.write(',');
                csv.write(when.toString());
                csv.write(",对象");
                csv.write(Integer.toString(person));
                csv.write(',');
                csv.write(ids.get(person));
                csv.write(',');
                csv.write(CATEGORIES[category]);
                csv.write(',');
                csv.write(activity);
                csv.write(',');
                csv.write(AGENCIES[agency]);
                csv.write(',');
                csv.write(Double.toString(hours));
                csv.write('\n');
            }
            wb.write(out);
        }
        return repeats;
    }
}
