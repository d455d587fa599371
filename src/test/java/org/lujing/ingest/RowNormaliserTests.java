package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lujing.identity.IdentityCipher;
import org.lujing.ledger.Category;
import org.lujing.normalise.CellKind;
import org.lujing.normalise.ReasonCode;
import org.lujing.read.Cell;
import org.lujing.read.Field;
import org.lujing.read.ReadingNote;
import org.lujing.read.SourceRow;
import org.lujing.source.AgencyDirectory;
import org.lujing.source.SourceCatalog;

/** One row at a time through domain.md's reading rules, with the shipped source definitions. */
class RowNormaliserTests {

    static final String ID = "11010519491231002X";
    static final SourceCatalog SOURCES = new SourceCatalog(Path.of("jobs/sources"));
    static final AgencyDirectory AGENCIES = new AgencyDirectory(Path.of("jobs/agencies.yaml"));
    static final IdentityCipher CIPHER = new IdentityCipher(new SecureRandom().generateSeed(32));

    final RowNormaliser community = new RowNormaliser(SOURCES.get("community"), AGENCIES, CIPHER);

    @Test
    void aGoodRowBecomesARecordWithItsIdentityProtected() {
        RowResult r = community.process(row(
                Field.NAME,
                "张 三",
                Field.ID_NUMBER,
                "110105 19491231 002x",
                Field.DATE,
                "2025/3/7",
                Field.CATEGORY,
                "社区公益",
                Field.AGENCY,
                "工商大学",
                Field.HOURS,
                "2.50",
                Field.NOTES,
                "补录，原号110105194912310021"));

        assertThat(r).isInstanceOf(RowResult.NewRecord.class);
        var d = ((RowResult.NewRecord) r).draft();
        assertThat(d.personName()).isEqualTo("张三");
        assertThat(d.category()).isEqualTo(Category.PUBLIC_WELFARE);
        assertThat(d.date()).isEqualTo(LocalDate.of(2025, 3, 7));
        assertThat(d.agency()).isEqualTo("湖南工商大学");
        assertThat(d.hours()).isEqualByComparingTo("2.5");
        assertThat(d.quantity()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(d.subjectKey()).isEqualTo(CIPHER.blindIndex("id_number", ID)).doesNotContain("1101");
        assertThat(d.idMasked()).isEqualTo("1101************2X");
        assertThat(d.notes()).doesNotContain("110105194912310021").contains("补录");
    }

    @Test
    void withoutAnAgencyColumnTheSourceDelivers() {
        RowResult r = community.process(
                row(Field.NAME, "张三", Field.ID_NUMBER, ID, Field.DATE, "2025-03-07", Field.CATEGORY, "矫正方案"));

        assertThat(((RowResult.NewRecord) r).draft().agency()).isEqualTo("麓景社区居委会");
    }

    @Test
    void anAgencyOutsideTheDirectoryIsKeptAsWritten() {
        RowResult r = community.process(row(
                Field.NAME,
                "张三",
                Field.ID_NUMBER,
                ID,
                Field.DATE,
                "2025-03-07",
                Field.CATEGORY,
                "公益活动",
                Field.AGENCY,
                " 岳麓山志愿者协会 "));

        assertThat(((RowResult.NewRecord) r).draft().agency()).isEqualTo("岳麓山志愿者协会");
    }

    @Test
    void blankTotalAndSignOffRowsAreSkipped() {
        assertThat(skip(rowOfCells("", " ", "")))
                .extracting(RowResult.Skipped::why)
                .isEqualTo("blank");
        assertThat(skip(rowOfCells("合计：25人次", "", ""))).satisfies(s -> {
            assertThat(s.why()).isEqualTo("total");
            assertThat(s.declaredCount()).isEqualTo(25);
        });
        assertThat(skip(rowOfCells("總計", "", "共 37 条")))
                .satisfies(s -> assertThat(s.declaredCount()).isEqualTo(37));
        assertThat(skip(rowOfCells("填表人：李四", "审核人：王五", "")))
                .extracting(RowResult.Skipped::why)
                .isEqualTo("sign-off");
    }

    @Test
    void aPersonsRowIsDataWhateverWordsItsCellsBeginWith() {
        // a row without an ID number but with a name and a phone, matched on the roster later: never a total row
        for (String[] words : new String[][] {
            {Field.NOTES.name(), "合计服务2小时"},
            {Field.ACTIVITY_NAME.name(), "小计算器使用与防诈骗"},
            {Field.ACTIVITY_NAME.name(), "审核人员讲解"},
            {Field.NOTES.name(), "合计：2小时"}
        }) {
            SourceRow row =
                    rowWith(null, "3", Field.NAME, "张三", Field.PHONE, "13700000001", Field.valueOf(words[0]), words[1]);
            assertThat(RowNormaliser.skipReason(row)).as(words[1]).isEmpty();
        }
    }

    @Test
    void aTotalOrSignOffMergedAcrossTheRowIsSkippedThoughItFillsTheIdColumn() {
        // a 合计 merged over A:G writes its text into the name and ID columns too
        String total = "合计：5人次";
        RowResult.Skipped merged = skip(rowWith(null, total, Field.NAME, total, Field.ID_NUMBER, total, null, total));
        assertThat(merged.why()).isEqualTo("total");
        assertThat(merged.declaredCount()).isEqualTo(5);
        // 审核人 written in the ID column of a sign-off line
        assertThat(skip(rowWith(null, "填表人：李四", Field.ID_NUMBER, "审核人：王五")).why())
                .isEqualTo("sign-off");
        // a 小计 opening the row, its count under 姓名
        assertThat(skip(rowWith(null, "小计", Field.NAME, "4人次")).declaredCount()).isEqualTo(4);
    }

    @Test
    void aPrintedPagesFootIsSkippedAndDeclaresNoTotal() {
        // merged across the row (its text in the ID column too), or in one cell
        String printed = "打印日期：2026年1月5日";
        assertThat(skip(rowWith(null, printed, Field.NAME, printed, Field.ID_NUMBER, printed, null, printed)))
                .satisfies(s -> {
                    assertThat(s.why()).isEqualTo("sign-off");
                    assertThat(s.declaredCount()).isNull();
                });
        for (String foot : new String[] {"第 1 页，共 2 页", "第1页/共3页", "本页小计：2人次", "打印人：王五"}) {
            assertThat(skip(rowOfCells(foot, "", ""))).as(foot).satisfies(s -> {
                assertThat(s.why()).isEqualTo("sign-off");
                assertThat(s.declaredCount()).isNull();
            });
        }
        // a person's row whose remark opens with such words stays a person's row
        SourceRow row = rowWith(null, "3", Field.NAME, "张三", Field.PHONE, "13700000001", Field.NOTES, "第1页有误");
        assertThat(RowNormaliser.skipReason(row)).isEmpty();
    }

    @Test
    void totalAndSignOffLinesAsLedgersWriteThemAreSkipped() {
        // each of these was rejected as data by a rule that wanted a colon or a number right after the word
        assertThat(skip(rowOfCells("合计人数：25", "", "")).declaredCount()).isEqualTo(25);
        assertThat(skip(rowOfCells("合计人次", "", "31")).declaredCount()).isEqualTo(31);
        assertThat(skip(rowOfCells("总计人数", "", "")).why()).isEqualTo("total");
        assertThat(skip(rowOfCells("合计—25人", "", "")).declaredCount()).isEqualTo(25);
        assertThat(skip(rowOfCells("共计 12 人次", "", "")).declaredCount()).isEqualTo(12);
        for (String signOff : new String[] {"填表人 王五", "填表人签字：", "审核人签名：", "填报单位（盖章）：麓景社区"}) {
            assertThat(skip(rowOfCells(signOff, "", "")).why()).as(signOff).isEqualTo("sign-off");
        }
        // a sign-off line whose 姓名 column holds the unit's stamp line
        assertThat(skip(rowWith(null, "", Field.NAME, "单位（盖章）：麓谷街道司法所", null, "填表人：王五"))
                        .why())
                .isEqualTo("sign-off");
    }

    @Test
    void aTotalRowDeclaresItsLikeliestCount() {
        // person-times before sessions, and a date in brackets is no count
        assertThat(skip(rowOfCells("合计：开展活动3场，参加45人次", "", "")).declaredCount()).isEqualTo(45);
        assertThat(skip(rowWith(null, "合计（截至3月31日）", null, "25")).declaredCount())
                .isEqualTo(25);
    }

    @Test
    void aTemplatesPreNumberedRowIsBlankButANumberInARecordsColumnIsNot() {
        assertThat(skip(rowWith(null, "7", Field.NAME, "", Field.ID_NUMBER, "")).why())
                .isEqualTo("blank");
        assertThat(community.process(rowWith(null, "7", Field.NAME, "", Field.HOURS, "2")))
                .isInstanceOf(RowResult.Rejected.class);
        // a lone number past the first column (a total's count without its word) is a row to look at, not blank
        assertThat(community.process(rowWith(null, "", Field.NAME, "", null, "25")))
                .isInstanceOf(RowResult.Rejected.class);
    }

    @Test
    void aTotalRowsSumOfHoursIsNotACountOfRows() {
        assertThat(skip(rowWith(null, "合计", Field.NAME, "", Field.HOURS, "10")).declaredCount())
                .isNull();
        assertThat(skip(rowWith(null, "合计", Field.HOURS, "14.5", Field.QUANTITY, "30"))
                        .declaredCount())
                .isNull();
        // a count in a column of its own, or with its unit beside the hours, is the count
        assertThat(skip(rowWith(null, "合计", null, "6", Field.HOURS, "10")).declaredCount())
                .isEqualTo(6);
        assertThat(skip(rowWith(null, "合计", Field.HOURS, "10", Field.NOTES, "共5人次"))
                        .declaredCount())
                .isEqualTo(5);
    }

    /** A row of cells in order, each under the field given before it (null: a column no field maps). */
    static SourceRow rowWith(Object... fieldsAndTexts) {
        Map<Field, Cell> fields = new EnumMap<>(Field.class);
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < fieldsAndTexts.length; i += 2) {
            Cell c = Cell.text((String) fieldsAndTexts[i + 1]);
            cells.add(c);
            if (fieldsAndTexts[i] != null) {
                fields.put((Field) fieldsAndTexts[i], c);
            }
        }
        return new SourceRow("台账", 12, fields, cells, false, Map.of());
    }

    @Test
    void eachBrokenRuleRejectsTheRowWithItsReasonAndColumn() {
        assertReject(
                row(Field.ID_NUMBER, ID, Field.DATE, "2025-03-07", Field.CATEGORY, "普法"),
                ReasonCode.MISSING_FIELD,
                "name");
        assertReject(
                row(
                        Field.NAME,
                        "张三",
                        Field.ID_NUMBER,
                        "110105194912310022",
                        Field.DATE,
                        "2025-03-07",
                        Field.CATEGORY,
                        "普法"),
                ReasonCode.ID_CHECKSUM,
                "idNumber");
        assertReject(
                row(Field.NAME, "张三", Field.ID_NUMBER, "1101051949", Field.DATE, "2025-03-07", Field.CATEGORY, "普法"),
                ReasonCode.ID_INVALID,
                "idNumber");
        assertReject(
                row(Field.NAME, "张三", Field.ID_NUMBER, ID, Field.DATE, "03/07/2025", Field.CATEGORY, "普法"),
                ReasonCode.DATE_AMBIGUOUS,
                "date");
        assertReject(
                row(Field.NAME, "张三", Field.ID_NUMBER, ID, Field.DATE, "2025-02-30", Field.CATEGORY, "普法"),
                ReasonCode.DATE_INVALID,
                "date");
        SourceRow unknownWord =
                row(Field.NAME, "张三", Field.ID_NUMBER, ID, Field.DATE, "2025-03-07", Field.CATEGORY, "棋艺比赛");
        assertReject(unknownWord, ReasonCode.UNKNOWN_CATEGORY, "category");
        // the Chinese half names the source as the workbooks replace it with its agency (ReportWords.rejectMessage)
        assertThat(((RowResult.Rejected) community.process(unknownWord)).message())
                .startsWith("活动类型“棋艺比赛”不在来源 community 的词表中 / ");
        // an ID number typed into the category column is shown masked and offered to nobody as a word to map
        RowResult.Rejected idAsWord = (RowResult.Rejected) community.process(
                row(Field.NAME, "张三", Field.ID_NUMBER, ID, Field.DATE, "2025-03-07", Field.CATEGORY, ID));
        assertThat(idAsWord.reason()).isEqualTo(ReasonCode.UNKNOWN_CATEGORY);
        assertThat(idAsWord.message()).doesNotContain(ID).contains("1101");
        assertThat(idAsWord.unmappedWord()).isNull();
        assertReject(
                row(
                        Field.NAME,
                        "张三",
                        Field.ID_NUMBER,
                        ID,
                        Field.DATE,
                        "2025-03-07",
                        Field.CATEGORY,
                        "普法",
                        Field.QUANTITY,
                        "-3"),
                ReasonCode.VALUE_INVALID,
                "quantity");
        assertReject(
                row(
                        Field.NAME,
                        "张三",
                        Field.ID_NUMBER,
                        ID,
                        Field.DATE,
                        "2025-03-07",
                        Field.CATEGORY,
                        "普法",
                        Field.HOURS,
                        "两小时"),
                ReasonCode.VALUE_INVALID,
                "hours");
    }

    @Test
    void anActivityDateNoRecordCanHaveIsAnInvalidDate() {
        for (String date : List.of("0000-01-01", "9999-12-31", "2205-03-07")) {
            RowResult r = community.process(
                    row(Field.NAME, "张三", Field.ID_NUMBER, ID, Field.DATE, date, Field.CATEGORY, "普法"));
            assertThat(r).as(date).isInstanceOfSatisfying(RowResult.Rejected.class, rej -> {
                assertThat(rej.reason()).isEqualTo(ReasonCode.DATE_INVALID);
                assertThat(rej.message()).contains("不在 1950–2099 年之间");
            });
        }
        assertThat(community.process(
                        row(Field.NAME, "张三", Field.ID_NUMBER, ID, Field.DATE, "2099-12-31", Field.CATEGORY, "普法")))
                .isInstanceOf(RowResult.NewRecord.class);
    }

    @Test
    void aRequiredValueThatIsAFormulaErrorSaysSo() {
        Map<Field, Cell> cells = new EnumMap<>(Field.class);
        cells.put(Field.NAME, Cell.text("张三"));
        cells.put(Field.ID_NUMBER, Cell.text(ID));
        cells.put(Field.DATE, Cell.error("#DIV/0!"));
        cells.put(Field.CATEGORY, Cell.text("普法"));
        RowResult.Rejected r = (RowResult.Rejected) community.process(
                new SourceRow("台账", 7, cells, new ArrayList<>(cells.values()), false, Map.of(Field.DATE, "日期")));

        assertThat(r.reason()).isEqualTo(ReasonCode.MISSING_FIELD);
        assertThat(r.message()).startsWith("日期是公式错误 #DIV/0!，没有值");
    }

    @Test
    void aQuantityOrHoursThatIsAFormulaErrorRejectsTheRowInsteadOfCountingOne() {
        for (Field field : List.of(Field.QUANTITY, Field.HOURS)) {
            for (Cell noValue : List.of(Cell.error("#VALUE!"), Cell.noResult())) {
                Map<Field, Cell> cells = new EnumMap<>(Field.class);
                cells.put(Field.NAME, Cell.text("张三"));
                cells.put(Field.ID_NUMBER, Cell.text(ID));
                cells.put(Field.DATE, Cell.text("2025-03-07"));
                cells.put(Field.CATEGORY, Cell.text("普法"));
                cells.put(field, noValue);
                String column = field == Field.QUANTITY ? "数量" : "时长";
                RowResult r = community.process(
                        new SourceRow("台账", 7, cells, new ArrayList<>(cells.values()), false, Map.of(field, column)));

                assertThat(r).as(field + " " + noValue).isInstanceOfSatisfying(RowResult.Rejected.class, rej -> {
                    assertThat(rej.reason()).isEqualTo(ReasonCode.VALUE_INVALID);
                    assertThat(rej.column()).isEqualTo(column);
                    assertThat(rej.message())
                            .startsWith("“" + column + "”是")
                            .contains(noValue.errorCode().equals(Cell.NO_RESULT) ? "没有保存计算结果的公式" : "公式错误 #VALUE!");
                });
            }
        }
    }

    @Test
    void aQuantityIsAWholeNumberOfThings() {
        RowResult half = community.process(row(
                Field.NAME,
                "张三",
                Field.ID_NUMBER,
                ID,
                Field.DATE,
                "2025-03-07",
                Field.CATEGORY,
                "发放普法读物",
                Field.QUANTITY,
                "3.5"));
        assertThat(half).isInstanceOfSatisfying(RowResult.Rejected.class, rej -> {
            assertThat(rej.reason()).isEqualTo(ReasonCode.VALUE_INVALID);
            assertThat(rej.message()).startsWith("“3.5”不是整数：数量是件数");
        });
        // a whole number as a spreadsheet keeps it (3.0) is one
        RowResult whole = community.process(row(
                Field.NAME,
                "张三",
                Field.ID_NUMBER,
                ID,
                Field.DATE,
                "2025-03-07",
                Field.CATEGORY,
                "发放普法读物",
                Field.QUANTITY,
                "3.0"));
        assertThat(whole)
                .isInstanceOfSatisfying(
                        RowResult.NewRecord.class,
                        r -> assertThat(r.draft().quantity()).isEqualByComparingTo(new BigDecimal(3)));
    }

    @Test
    void aValueWhoseBytesTheEncodingCouldNotDecodeRejectsTheRow() {
        RowResult r = community.process(row(
                Field.NAME, "张三", Field.ID_NUMBER, ID, Field.DATE, "2025-03-07", Field.CATEGORY, "\uFFFD\uFFFD\uFFFD"));

        assertThat(r).isInstanceOfSatisfying(RowResult.Rejected.class, rej -> {
            assertThat(rej.reason()).isEqualTo(ReasonCode.VALUE_INVALID);
            assertThat(rej.message()).contains("含有无法识别的字符").contains("另存为 UTF-8");
        });
    }

    @Test
    void anIdNumberStoredAsANumberHasLostDigits() {
        Map<Field, Cell> cells = new EnumMap<>(Field.class);
        cells.put(Field.NAME, Cell.text("张三"));
        cells.put(Field.ID_NUMBER, new Cell("4.30104199003071E17", CellKind.NUMBER));
        cells.put(Field.DATE, Cell.text("2025-03-07"));
        cells.put(Field.CATEGORY, Cell.text("普法"));

        RowResult r =
                community.process(new SourceRow("台账", 9, cells, new ArrayList<>(cells.values()), false, Map.of()));

        assertThat(r)
                .isInstanceOfSatisfying(
                        RowResult.Rejected.class,
                        rej -> assertThat(rej.reason()).isEqualTo(ReasonCode.ID_PRECISION_LOST));
    }

    @Test
    void aRejectedRowKeepsOnlyMaskedValuesAndNamesTheUnmappedWord() {
        RowResult.Rejected r = (RowResult.Rejected) community.process(row(
                Field.NAME,
                "张三",
                Field.ID_NUMBER,
                ID,
                Field.DATE,
                "2025-03-07",
                Field.CATEGORY,
                "棋艺比赛",
                Field.NOTES,
                "电话13812345678"));

        assertThat(r.maskedValues())
                .doesNotContain(ID)
                .doesNotContain("13812345678")
                .contains("1101************2X", "棋艺比赛");
        assertThat(r.unmappedWord()).isEqualTo("棋艺比赛");
        assertThat(r.message()).contains("jobs/sources/community.yaml");
    }

    @Test
    void aSourceWithOneKindOfActivityNeedsNoCategoryColumn() {
        RowNormaliser microLesson = new RowNormaliser(SOURCES.get("micro-lesson"), AGENCIES, CIPHER);

        RowResult r = microLesson.process(row(
                Field.NAME,
                "张三",
                Field.ID_NUMBER,
                ID,
                Field.DATE,
                "2025-03-03T20:30:00+08:00",
                Field.ACTIVITY_NAME,
                "第1课"));

        var d = ((RowResult.NewRecord) r).draft();
        assertThat(d.category()).isEqualTo(Category.MICRO_LESSON);
        assertThat(d.agency()).isEqualTo("智慧矫正在线教育平台");
    }

    @Test
    void aRosterRowIsAnEncryptedSubject() {
        RowNormaliser roster = new RowNormaliser(SOURCES.get("roster"), AGENCIES, CIPHER);

        RowResult r = roster.process(row(
                Field.NAME,
                "张三",
                Field.ID_NUMBER,
                ID,
                Field.PHONE,
                "+86 138-1234-5678",
                Field.CORRECTION_TYPE,
                "缓刑",
                Field.SUPERVISION_START,
                "2025-01-01",
                Field.SUPERVISION_END,
                "2026年6月30日"));

        var s = ((RowResult.RosterEntry) r).draft();
        assertThat(CIPHER.decrypt("id_number", s.idCipher())).isEqualTo(ID);
        assertThat(CIPHER.decrypt("phone", s.phoneCipher())).isEqualTo("13812345678");
        assertThat(s.phoneIndex()).isEqualTo(CIPHER.blindIndex("phone", "13812345678"));
        assertThat(s.supervisionEnd()).isEqualTo(LocalDate.of(2026, 6, 30));
    }

    @Test
    void aRosterRowWithALandlineRegistersThePersonWithoutItAndSaysSo() {
        // a landline (or a slip) in the optional phone column: the person is on the roster all the same — rejected,
        // every record of theirs would wait unmatched — and a note names the rows
        ReadingNotes notes = new ReadingNotes();
        RowNormaliser roster = new RowNormaliser(SOURCES.get("roster"), AGENCIES, CIPHER, notes);

        RowResult r = roster.process(row(Field.NAME, "张三", Field.ID_NUMBER, ID, Field.PHONE, "0731-8888"));

        assertThat(r).isInstanceOfSatisfying(RowResult.RosterEntry.class, e -> {
            assertThat(e.draft().idCipher()).isNotNull();
            assertThat(e.draft().phoneIndex()).isNull();
            assertThat(e.draft().phoneCipher()).isNull();
            assertThat(e.draft().namePhoneIndex()).isNull();
        });
        assertThat(notes.notes()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(ReadingNote.PHONE_NOT_KEPT);
            assertThat(n.zh()).endsWith("不是 11 位手机号，未保存；人员照常登记");
            assertThat(n.rows()).isEqualTo(1);
        });
    }

    @Test
    void aRosterRowNamesOneOfTheFourKindsOfCommunityCorrection() {
        RowNormaliser roster = new RowNormaliser(SOURCES.get("roster"), AGENCIES, CIPHER);
        Map<String, String> read = new LinkedHashMap<>();
        read.put("缓刑", "缓刑");
        read.put(" 緩 刑 ", "缓刑");
        read.put("假釋", "假释");
        read.put("管制", "管制");
        read.put("暂予监外执行", "暂予监外执行");
        read.put("暂监外", "暂予监外执行");
        read.put("监外执行", "暂予监外执行");
        read.forEach((written, kind) -> assertThat(
                        roster.process(row(Field.NAME, "张三", Field.ID_NUMBER, ID, Field.CORRECTION_TYPE, written)))
                .as(written)
                .isInstanceOfSatisfying(
                        RowResult.RosterEntry.class,
                        e -> assertThat(e.draft().correctionType()).isEqualTo(kind)));
        assertThat(((RowResult.RosterEntry)
                                roster.process(row(Field.NAME, "张三", Field.ID_NUMBER, ID, Field.CORRECTION_TYPE, " ")))
                        .draft()
                        .correctionType())
                .isNull();

        for (String odd : List.of("死刑", "缓刑（已解矫）", "撤销缓刑", ID)) {
            assertThat(roster.process(row(Field.NAME, "张三", Field.ID_NUMBER, ID, Field.CORRECTION_TYPE, odd)))
                    .as(odd)
                    .isInstanceOfSatisfying(RowResult.Rejected.class, rej -> {
                        assertThat(rej.reason()).isEqualTo(ReasonCode.VALUE_INVALID);
                        assertThat(rej.column()).isEqualTo("correctionType");
                        assertThat(rej.message())
                                .startsWith("矫正类别“")
                                .contains("不是社区矫正的类别（管制、缓刑、假释、暂予监外执行）")
                                .doesNotContain(ID);
                    });
        }
    }

    @Test
    void aSupervisionThatEndsBeforeItStartsRejectsTheRosterRow() {
        RowNormaliser roster = new RowNormaliser(SOURCES.get("roster"), AGENCIES, CIPHER);

        assertThat(supervised(roster, "2025-06-30", "2025-01-01"))
                .isInstanceOfSatisfying(RowResult.Rejected.class, rej -> {
                    assertThat(rej.reason()).isEqualTo(ReasonCode.DATE_INVALID);
                    assertThat(rej.column()).isEqualTo("supervisionEnd");
                    assertThat(rej.message()).contains("矫正终止日期 2025-01-01 早于起始日期 2025-06-30");
                });
        assertThat(supervised(roster, "2025-01-01", "9999-12-31"))
                .isInstanceOfSatisfying(RowResult.Rejected.class, rej -> {
                    assertThat(rej.reason()).isEqualTo(ReasonCode.DATE_INVALID);
                    assertThat(rej.column()).isEqualTo("supervisionEnd");
                    assertThat(rej.message()).contains("不在 1950–2099 年之间");
                });
        // a supervision of one day, and one with only a start, are periods
        assertThat(supervised(roster, "2025-03-01", "2025-03-01")).isInstanceOf(RowResult.RosterEntry.class);
        assertThat(roster.process(row(Field.NAME, "张三", Field.ID_NUMBER, ID, Field.SUPERVISION_START, "2025-03-01")))
                .isInstanceOfSatisfying(
                        RowResult.RosterEntry.class,
                        e -> assertThat(e.draft().supervisionEnd()).isNull());
    }

    /** A roster row of 张三 supervised from {@code start} to {@code end}. */
    private static RowResult supervised(RowNormaliser roster, String start, String end) {
        return roster.process(
                row(Field.NAME, "张三", Field.ID_NUMBER, ID, Field.SUPERVISION_START, start, Field.SUPERVISION_END, end));
    }

    private void assertReject(SourceRow row, ReasonCode code, String column) {
        assertThat(community.process(row)).as(code.name()).isInstanceOfSatisfying(RowResult.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(code);
            assertThat(r.column()).isEqualTo(column);
            assertThat(r.message()).isNotBlank();
            assertThat(r.row()).isEqualTo(7);
        });
    }

    private RowResult.Skipped skip(SourceRow row) {
        return (RowResult.Skipped) community.process(row);
    }

    static SourceRow row(Object... fieldsAndValues) {
        Map<Field, Cell> cells = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            cells.put((Field) fieldsAndValues[i], Cell.text((String) fieldsAndValues[i + 1]));
        }
        return new SourceRow("台账", 7, new EnumMap<>(cells), new ArrayList<>(cells.values()), false, Map.of());
    }

    static SourceRow rowOfCells(String... texts) {
        List<Cell> cells = new ArrayList<>();
        for (String t : texts) {
            cells.add(Cell.text(t));
        }
        return new SourceRow("台账", 30, Map.of(), cells, false, Map.of());
    }
}
