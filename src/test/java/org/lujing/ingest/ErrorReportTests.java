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
