package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lujing.read.FileOutcome;

/** A file refused as FILE_UNSAFE is told why in the partner's report: XML entities, a read limit, or a zip bomb. */
class ErrorReportTests {

    @Test
    void anXmlEntityAttackIsReportedAsWhatItIsNotAsAZipBomb() {
        ErrorReport.Advice xxe = ErrorReport.advice(
                FileOutcome.FILE_UNSAFE,
                "x.xlsx 含有 XML 实体声明（DOCTYPE），Excel 不会写出这种内容，已拒绝 / declares XML entities (DOCTYPE)");
        assertThat(xxe.zhProblem()).contains("XML 实体声明", "XXE").doesNotContain("压缩炸弹");
        assertThat(xxe.enFix()).contains("XXE");

        ErrorReport.Advice bound = ErrorReport.advice(
                FileOutcome.FILE_UNSAFE, "第 2 行起一个单元格的长度（字符）超过读取上限 65536，已拒收 / … beyond the read limit of 65536");
        assertThat(bound.zhProblem()).contains("超过读取上限").doesNotContain("压缩炸弹");

        ErrorReport.Advice bomb = ErrorReport.advice(
                FileOutcome.FILE_UNSAFE, "x.xlsx 解压后远大于文件本身（疑似压缩炸弹），已拒绝 / unpacks to far more (a zip bomb)");
        assertThat(bomb.zhProblem()).contains("压缩炸弹");
    }

    @Test
    void anEmptyFileIsNotSentLookingForAHeaderRow() {
        // the detail PartnerFileReaders gives a 0-byte file of any format
        ErrorReport.Advice empty = ErrorReport.advice(
                FileOutcome.NO_TABLE_FOUND,
                "空的.csv 是空文件（0 字节），没有可读取的内容；请重新导出或保存后再发送 / 空的.csv is empty (0 bytes): export or"
                        + " save it again and send it again");
        assertThat(empty.zhProblem()).contains("空的").contains("0 字节").doesNotContain("表头");
        assertThat(empty.zhFix()).doesNotContain("表头");
        assertThat(empty.enFix()).contains("0 bytes");

        ErrorReport.Advice noHeader =
                ErrorReport.advice(FileOutcome.NO_TABLE_FOUND, "前 20 行内没有找到表头 / no header in the first 20 rows");
        assertThat(noHeader.zhProblem()).contains("表头");
    }

    @Test
    void aJsonOfAnotherShapeIsNotToldToBeSavedAsAWorkbook() {
        ErrorReport.Advice json = ErrorReport.advice(
                FileOutcome.FILE_UNSUPPORTED,
                "jobs.json 的记录放在 data.list 下，不是可读的结构 / holds its records under 'data.list'");
        assertThat(json.zhFix()).contains("对象数组").doesNotContain(".xlsx");

        ErrorReport.Advice workbook =
                ErrorReport.advice(FileOutcome.FILE_UNSUPPORTED, "x.xlsb 是 Excel 二进制工作簿 (.xlsb)；请另存为 .xlsx");
        assertThat(workbook.zhFix()).contains(".xlsx");
    }
}
