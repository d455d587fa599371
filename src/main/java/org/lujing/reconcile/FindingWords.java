package org.lujing.reconcile;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The words of the reconciliation's rules and of a finding's statuses, in Chinese and English, beside their codes:
 * what reports and the command line show, and what a filter may be given instead of a code ({@code findings --rule
 * 近期无帮扶记录 --status 待处理}).
 */
public final class FindingWords {

    private FindingWords() {}

    /** Each rule's code → {Chinese, English}, in the order the reconciliation runs them. */
    private static final Map<String, String[]> RULES = new LinkedHashMap<>();

    static {
        RULES.put(UnmatchedSubjectRule.NAME, new String[] {"人员不在名册", "Person not on the roster"});
        RULES.put(OutsideSupervisionRule.NAME, new String[] {"矫正期外的活动", "Activity outside supervision"});
        RULES.put(NameMismatchRule.NAME, new String[] {"姓名与名册不符", "Name differs from the roster"});
        RULES.put(MissingFeedRule.NAME, new String[] {"数据未按期报送", "Delivery missing"});
        RULES.put(ControlTotalMismatchRule.NAME, new String[] {"合计数与明细不符", "Control total mismatch"});
        RULES.put(CrossSourceConflictRule.NAME, new String[] {"多来源数据不一致", "Sources disagree"});
        RULES.put(NoRecentSupportRule.NAME, new String[] {"近期无帮扶记录", "No recent support"});
    }

    /** Every rule's code, in the order the reconciliation runs them. */
    public static java.util.List<String> codes() {
        return java.util.List.copyOf(RULES.keySet());
    }

    /** A rule's name in Chinese ({@code zh}) or English, or null for a code no rule has. */
    public static String rule(String code, boolean zh) {
        String[] words = code == null ? null : RULES.get(code);
        return words == null ? null : words[zh ? 0 : 1];
    }

    /** A finding status's word in Chinese ({@code zh}) or English. */
    public static String status(FindingStatus status, boolean zh) {
        return switch (status) {
            case OPEN -> zh ? "待处理" : "Open";
            case ACKNOWLEDGED -> zh ? "已知悉" : "Acknowledged";
            case RESOLVED -> zh ? "已解决" : "Resolved";
        };
    }

    /**
     * The rule a filter names by its code (any case) or by its name in either language; an unknown one is refused,
     * naming every rule by its name and code.
     */
    public static String ruleCode(String typed) {
        String wanted = typed.strip();
        for (Map.Entry<String, String[]> rule : RULES.entrySet()) {
            if (rule.getKey().equalsIgnoreCase(wanted)
                    || rule.getValue()[0].equals(wanted)
                    || rule.getValue()[1].equalsIgnoreCase(wanted)) {
                return rule.getKey();
            }
        }
        StringBuilder zh = new StringBuilder();
        RULES.forEach((code, words) -> zh.append(zh.length() == 0 ? "" : "、")
                .append(words[0])
                .append(' ')
                .append(code));
        throw new IllegalArgumentException("没有规则 " + wanted + "；规则有 " + zh + org.lujing.ledger.Bilingual.SEPARATOR
                + "there is no rule " + wanted + "; the rules are " + String.join(", ", RULES.keySet()));
    }

    /** The status a filter names by its code (any case) or its word in either language. */
    static FindingStatus statusOf(String typed) {
        String wanted = typed.strip();
        for (FindingStatus s : FindingStatus.values()) {
            if (s.name().equals(wanted.toUpperCase(Locale.ROOT))
                    || status(s, true).equals(wanted)
                    || status(s, false).equalsIgnoreCase(wanted)) {
                return s;
            }
        }
        throw new IllegalArgumentException("没有状态 " + wanted + "；状态有 待处理 OPEN、已知悉 ACKNOWLEDGED、已解决 RESOLVED"
                + org.lujing.ledger.Bilingual.SEPARATOR + "there is no status " + wanted
                + "; the statuses are OPEN, ACKNOWLEDGED, RESOLVED");
    }
}
