package org.lujing.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.lujing.ledger.Bilingual;
import org.lujing.normalise.Masking;
import org.lujing.read.FileOutcome;

/** The readable report written beside a quarantined file: what is wrong and what to do, in Chinese with English below. */
final class ErrorReport {

    /** What an outcome means to the partner and what to do about it. */
    record Advice(String zhProblem, String zhFix, String enFix) {}

    private ErrorReport() {}

    /**
     * The advice for an outcome, told apart by the reader's detail where one outcome covers several causes: a file
     * is {@code FILE_UNSAFE} for a zip bomb, for XML entity declarations (an XXE or entity-expansion attack) or for a
     * line, cell or row count beyond the readers' bounds, and the partner must be told which.
     */
    static Advice advice(FileOutcome outcome, String detail) {
        String d = detail == null ? "" : detail.toLowerCase(java.util.Locale.ROOT);
        if (outcome == FileOutcome.FILE_UNSAFE && (d.contains("doctype") || d.contains("entit"))) {
            return new Advice(
                    "文件含有 XML 实体声明（DOCTYPE），可被用于 XML 外部实体（XXE）或实体膨胀攻击；正常导出的 Excel 文件不会含有这种内容，为安全起见拒收。",
                    "请用 Excel 打开后重新另存为 .xlsx，或让对方从原系统重新导出；如来源可疑，请告知管理员。",
                    "The file declares XML entities (DOCTYPE), as an XXE or entity-expansion attack does; Excel never writes"
                            + " them. Save it again from Excel as .xlsx, or ask the partner to export it again; report a"
                            + " suspicious source to the administrator.");
        }
        if (outcome == FileOutcome.FILE_UNSAFE && d.contains(READ_LIMIT_MARK)) {
            return new Advice(
                    "文件中有一行、一个单元格或行数超过读取上限（常见于缺少换行的导出或非表格数据），为防止拖垮服务而拒收。",
                    "请确认导出的是表格数据（每条记录一行）；数据确实很大时请按月拆分后分别放入。",
                    "A line, a cell or the number of rows is beyond the readers' bounds (often an export without line"
                            + " breaks, or not a table at all). Check that the export has one record a line; split a"
                            + " genuinely large file by month.");
        }
        if (outcome == FileOutcome.NO_TABLE_FOUND && d.contains("(0 bytes)")) {
            // the file holds nothing at all: advice about header rows sent the partner looking for a header
            return new Advice(
                    "文件是空的（0 字节），没有任何内容，常见于导出或复制中断。",
                    "请从原系统重新导出或在 Excel 中重新保存，确认文件大小不为 0 后再放入收件箱。",
                    "The file is empty (0 bytes), as an interrupted export or copy leaves it. Export or save it again,"
                            + " check that it is not 0 bytes, and drop it again.");
        }
        if (outcome == FileOutcome.FILE_UNSUPPORTED && d.contains(".json")) {
            return new Advice(
                    "JSON 文件的结构不是可读的几种之一（记录放得太深，或有两组记录）。",
                    "请让对方把记录导出为对象数组、直接放在 records、data 或 items 下的数组，或每行一个对象；每个文件只放一组记录。",
                    "The JSON is not in a shape read here (its records nested too deep, or two arrays of them). Ask"
                            + " the partner to export an array of objects, one directly under 'records', 'data' or"
                            + " 'items', or one object a line; one set of records a file.");
        }
        return advice(outcome);
    }

    private static final String READ_LIMIT_MARK = org.lujing.read.ReadLimits.MARK;

    static Advice advice(FileOutcome outcome) {
        return switch (outcome) {
            case FILE_CORRUPT ->
                new Advice(
                        "文件已损坏或不完整，无法读取。",
                        "请重新从原系统导出或重新保存后再次放入收件箱。",
                        "Export or save the file again and drop the new copy into the inbox.");
            case FILE_ENCRYPTED ->
                new Advice(
                        "文件设置了打开密码，无法读取。",
                        "请去掉密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存为 .xlsx 再放入。",
                        "Remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it), save as .xlsx and drop it again.");
            case FILE_UNSAFE ->
                new Advice(
                        "文件解压后远大于其自身大小（疑似压缩炸弹），为安全起见拒收。",
                        "请确认文件来源；如为正常数据，请按月拆分或另存为 CSV 后再放入。",
                        "Check where the file came from; if it is genuine, split it by month or save it as CSV and drop it again.");
            case FILE_TOO_LARGE ->
                new Advice(
                        "文件超过允许的最大大小。",
                        "请按月拆分后分别放入，或请管理员调整 lujing.ingest.max-file-bytes。",
                        "Split the file by month, or ask the administrator to raise lujing.ingest.max-file-bytes.");
            case FILE_UNSUPPORTED ->
                new Advice(
                        "不支持的文件格式。",
                        "请在 Excel 中“另存为”Excel 工作簿（.xlsx），或导出为 CSV（UTF-8）后再放入。",
                        "Save it as an Excel workbook (.xlsx), or export CSV (UTF-8), and drop it again.");
            case NO_TABLE_FOUND ->
                new Advice(
                        "在任何工作表的前 20 行内都没有找到写明必填字段的表头（该来源需要哪些字段，见“详情”）。",
                        "请确认表头行写明“详情”中列出的列名（如姓名、身份证号码、日期），且位于前 20 行内。",
                        "Make sure a header row within the first 20 rows names the columns the details list (such as"
                                + " 姓名, 身份证号码, 日期).");
            default -> new Advice("文件未能入库。", "请联系管理员。", "Contact the administrator.");
        };
    }

    /**
     * Writes the report. {@code agency} is the source's agency (null for a file of no configured source); {@code
     * detail} may be stored in both languages ({@code 中文 ‖ English}): each half of the report shows its own.
     */
    static Path write(
            Path file,
            String sourceId,
            String agency,
            String name,
            String outcome,
            String zhProblem,
            String detail,
            String zhFix,
            String enFix) {
        Path report = file.resolveSibling(file.getFileName() + ".error.txt");
        String safeDetail = Masking.value(detail == null ? "" : detail);
        String zhDetail = Bilingual.half(safeDetail, false);
        String enDetail = Bilingual.half(safeDetail, true);
        String zhOutcome = outcome;
        String enOutcome = outcome;
        try {
            FileOutcome o = FileOutcome.valueOf(outcome);
            zhOutcome = o.zh() + "（" + outcome + "）";
            enOutcome = o.en() + " (" + outcome + ")";
        } catch (IllegalArgumentException | NullPointerException e) {
            if (FileIngestService.UNKNOWN_SOURCE.equals(outcome)) {
                zhOutcome = FileIngestService.UNKNOWN_SOURCE_ZH + "（" + outcome + "）";
                enOutcome = FileIngestService.UNKNOWN_SOURCE_EN + " (" + outcome + ")";
            }
            // an outcome of no other known name is written as it is
        }
        String zhSource = agency == null || agency.isBlank() ? sourceId : agency + "（" + sourceId + "）";
        String text = """
                Lujing 文件拒收报告 / file refused
                ==================================
                文件：%s
                来源：%s
                结果：%s
                时间：%s

                问题：%s
                详情：%s
                处理：%s
                原文件已原样保存在本报告旁，未写入任何台账数据。

                ----------------------------------
                File:    %s
                Source:  %s
                Outcome: %s
                Problem: %s
                What to do: %s
                The file is kept as received beside this report; nothing of it was written to the ledger.
                """.formatted(
                        name,
                        zhSource,
                        zhOutcome,
                        ZonedDateTime.now(FileIngestService.SHANGHAI)
                                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss（北京时间）")),
                        zhProblem,
                        zhDetail,
                        zhFix,
                        name,
                        sourceId,
                        enOutcome,
                        enDetail,
                        enFix);
        try {
            Files.writeString(report, text, StandardCharsets.UTF_8);
            // it names the file, its partner and why, beside the partner's file (0600): as private (it was 0644)
            org.lujing.home.PrivateFolders.restrictFile(report);
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the error report for " + name, e);
        }
    }
}
