package org.lujing.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lujing.ledger.Bilingual;
import org.lujing.ledger.Category;

/**
 * Each rule's details sentence, in both languages from one set of parameters: the rules write
 * {@code 中文 ‖ English} through it, and {@link #render} shows a stored sentence in the reader's language. A finding
 * stored by a version that wrote English only is read back into its rule's parameters (the English sentences have
 * not changed) and said again in Chinese, so an old finding reads in Chinese before any run sees it again.
 */
public final class FindingDetails {

    /** The separator between the Chinese and the English of a stored sentence (as {@code ReportLanguage}). */
    static final String BILINGUAL = Bilingual.SEPARATOR;

    private static final String DATE = "(\\d{4}-\\d{2}-\\d{2})";

    private FindingDetails() {}

    /**
     * A stored details sentence in one language: the matching half of a bilingual one; an English-only one in
     * Chinese when its rule's sentence is recognised, else as stored.
     */
    public static String render(String rule, String stored, boolean chinese) {
        if (stored == null) {
            return "";
        }
        int at = stored.indexOf(BILINGUAL);
        if (at >= 0) {
            return chinese ? stored.substring(0, at) : stored.substring(at + BILINGUAL.length());
        }
        if (!chinese || rule == null) {
            return stored;
        }
        String zh = LEGACY.stream()
                .filter(l -> l.rule().equals(rule))
                .map(l -> l.zh(stored))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
        return zh != null ? zh : stored;
    }

    static String outsideSupervision(String category, String date, String agency, String start, String end) {
        return text(
                date + " " + agency + " 的" + categoryZh(category) + "不在矫正期 " + start + " … " + end + " 内",
                category + " on " + date + " by " + agency + " lies outside supervision " + start + " … " + end);
    }

    /** {@code written}: the name the row gave, masked; {@code roster}: the roster's name for the record's ID number. */
    static String nameMismatch(String category, String date, String agency, String written, String roster) {
        return text(
                date + " " + agency + " 的" + categoryZh(category) + "：表中姓名为「" + written + "」，名册中该身份证号的姓名为「" + roster
                        + "」",
                category + " on " + date + " by " + agency + ": the row names " + written
                        + ", the roster names its ID number's person " + roster);
    }

    static String unmatchedSubject(
            int records, String first, String last, String keyKind, String arrived, int graceDays) {
        return text(
                records + " 条记录（" + first + " … " + last + "，按" + keyKindZh(keyKind) + "匹配）仍找不到名册中的人员；首次收到于 " + arrived
                        + "，宽限 " + graceDays + " 天",
                records + " record(s) dated " + first + " … " + last + " (matched by " + keyKind
                        + ") still have no person on the roster; first arrived " + arrived + ", grace " + graceDays
                        + " days");
    }

    static String missingFeed(
            String sourceId, String agency, String cadence, String label, String from, String to, String due) {
        return text(
                agency + "（" + ("weekly".equalsIgnoreCase(cadence) ? "每周" : "每月") + "报送）" + label + " 没有成功载入的文件（报送期 "
                        + from + " … " + to + "，截止 " + due + "）",
                sourceId + " (" + agency + ", " + cadence.toLowerCase(java.util.Locale.ROOT)
                        + ") delivered no loaded file for " + label + " (window " + from + " … " + to + ", due " + due
                        + ")");
    }

    /** {@code where}: the total rows as {@code 「sheet」 row 12, row 30}. */
    static String controlTotalMismatch(String fileName, String where, int declared, int rows, int read, int skipped) {
        return text(
                fileName + " 的合计行（" + where.replace("row ", "第 ").replaceAll("第 (\\d+)", "第 $1 行") + "）声明 " + declared
                        + " 条，明细实际 " + rows + " 条（读取 " + read + " 行 − 跳过 " + skipped + " 行）",
                fileName + " declares " + declared + " data rows (total row at " + where + ") but has " + rows
                        + " (rows read " + read + " − skipped " + skipped + ")");
    }

    /** {@code conflicts}: {@code 时长 hours: community 2, university 3; …}, already in both languages. */
    /**
     * @param conflictsZh {@code 时长：麓景社区居委会 2，湖南工商大学 3}, the sources by their agencies' names
     * @param conflictsEn {@code hours: community 2, university 3}, the sources by their ids
     */
    static String crossSourceConflict(
            String category, String date, String agency, String conflictsZh, String conflictsEn) {
        return text(
                date + " " + agency + " 的" + categoryZh(category) + "：不同来源的记录不一致 — " + conflictsZh,
                category + " on " + date + " by " + agency + ": sources disagree on " + conflictsEn);
    }

    /** A compared field in Chinese: hours 时长, quantity 数量, outcome 结果. */
    static String fieldZh(String field) {
        return switch (field) {
            case "hours" -> "时长";
            case "quantity" -> "数量";
            case "outcome" -> "结果";
            default -> field;
        };
    }

    /**
     * An English conflicts list as stored before ({@code hours: community 2, university 3}, or the older
     * {@code 时长 hours: …}) in Chinese words; the sources stay as their ids, which is all such a sentence kept.
     */
    static String conflictsZh(String en) {
        List<String> parts = new ArrayList<>();
        for (String part : en.split("; ")) {
            Matcher m = CONFLICT.matcher(part.strip());
            parts.add(m.matches() ? fieldZh(m.group(1)) + "：" + m.group(2).replace(", ", "，") : part);
        }
        return String.join("；", parts);
    }

    private static final Pattern CONFLICT = Pattern.compile("(?:\\S+ )?(hours|quantity|outcome): (.*)");

    /** One reason a person has no recent support; {@link #noRecentSupport} joins them. */
    record Reason(String zh, String en) {

        /** {@code last} null: nothing since supervision began on {@code start}. */
        static Reason noRecord(String last, String start, String windowStart, String asOf) {
            return new Reason(
                    (last == null ? "自 " + start + " 矫正开始以来" : "自 " + last + " 以来") + "没有帮扶记录（" + windowStart + " … "
                            + asOf + " 无记录）",
                    "no support record since " + (last == null ? "supervision began " + start : last) + " (none "
                            + windowStart + " … " + asOf + ")");
        }

        static Reason missedLessons(String from, String to) {
            return new Reason(
                    "缺席 " + from + " … " + to + " 的每周一微课", "missed the weekly micro-lessons of " + from + " … " + to);
        }
    }

    static String noRecentSupport(List<Reason> reasons) {
        return text(
                String.join("；", reasons.stream().map(Reason::zh).toList()),
                String.join("; ", reasons.stream().map(Reason::en).toList()));
    }

    static String text(String zh, String en) {
        return zh + BILINGUAL + en;
    }

    /** A category code in Chinese (调查评估), or the code itself when it is none. */
    static String categoryZh(String code) {
        try {
            return Category.valueOf(code).zh();
        } catch (IllegalArgumentException | NullPointerException e) {
            return String.valueOf(code);
        }
    }

    static String keyKindZh(String kind) {
        return switch (String.valueOf(kind).strip()) {
            case "ID_NUMBER" -> "身份证号";
            case "NAME_PHONE" -> "姓名和电话";
            case "NAME_BIRTH_DATE" -> "姓名和出生日期";
            case "NAME_TYPED_ID" -> "姓名和有误的身份证号";
            default -> String.valueOf(kind);
        };
    }

    /** An English-only sentence of a rule, read back into its parameters and said again through the builder. */
    private record Legacy(String rule, Pattern english, Function<Matcher, String> both) {

        String zh(String stored) {
            Matcher m = english.matcher(stored.strip());
            if (!m.matches()) {
                return null;
            }
            String text = both.apply(m);
            return text == null ? null : text.substring(0, text.indexOf(BILINGUAL));
        }
    }

    private static final List<Legacy> LEGACY = List.of(
            new Legacy(
                    "OUTSIDE_SUPERVISION",
                    Pattern.compile("(\\w+) on " + DATE + " by (.+) lies outside supervision (\\S+) … (\\S+)"),
                    m -> outsideSupervision(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5))),
            new Legacy(
                    "UNMATCHED_SUBJECT",
                    Pattern.compile("(\\d+) record\\(s\\) dated " + DATE + " … " + DATE
                            + " \\(matched by (\\w+)\\) still have no person on the roster; first arrived " + DATE
                            + ", grace (\\d+) days"),
                    m -> unmatchedSubject(
                            Integer.parseInt(m.group(1)),
                            m.group(2),
                            m.group(3),
                            m.group(4),
                            m.group(5),
                            Integer.parseInt(m.group(6)))),
            new Legacy(
                    "MISSING_FEED",
                    Pattern.compile("(\\S+) \\((.+), (weekly|monthly)\\) delivered no loaded file for (\\S+) \\(window "
                            + DATE + " … " + DATE + ", due " + DATE + "\\)"),
                    m -> missingFeed(
                            m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7))),
            new Legacy(
                    "CONTROL_TOTAL_MISMATCH",
                    Pattern.compile("(.*) declares (\\d+) data rows \\(total row at (.*)\\) but has (\\d+) \\(rows read"
                            + " (\\d+) − skipped (\\d+)\\)"),
                    m -> controlTotalMismatch(
                            m.group(1),
                            m.group(3),
                            Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(4)),
                            Integer.parseInt(m.group(5)),
                            Integer.parseInt(m.group(6)))),
            new Legacy(
                    "CROSS_SOURCE_CONFLICT",
                    Pattern.compile("(\\w+) on " + DATE + " by (.+?): sources disagree on (.*)"),
                    m -> crossSourceConflict(m.group(1), m.group(2), m.group(3), conflictsZh(m.group(4)), m.group(4))),
            new Legacy("NO_RECENT_SUPPORT", Pattern.compile(".+"), FindingDetails::noRecentSupportBack));

    private static final Pattern NO_RECORD = Pattern.compile("no support record since (?:supervision began " + DATE
            + "|" + DATE + ") \\(none " + DATE + " … " + DATE + "\\)");
    private static final Pattern MISSED = Pattern.compile("missed the weekly micro-lessons of " + DATE + " … " + DATE);

    private static String noRecentSupportBack(Matcher whole) {
        List<Reason> reasons = new ArrayList<>();
        for (String part : whole.group().split("; ")) {
            Matcher m = NO_RECORD.matcher(part);
            Matcher l = MISSED.matcher(part);
            if (m.matches()) {
                reasons.add(Reason.noRecord(m.group(2), m.group(1), m.group(3), m.group(4)));
            } else if (l.matches()) {
                reasons.add(Reason.missedLessons(l.group(1), l.group(2)));
            } else {
                return null;
            }
        }
        return noRecentSupport(reasons);
    }
}
