package org.lujing.identity.match;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scored matching's evidence ({@link ScoredCandidate#evidenceJson}) in words for people: the score and each field's
 * level and weight, 评分 14.2：身份证号 一位不同 +17.6；姓名 同音 +5.5…, or in English. Codes stay in --json.
 */
public final class EvidenceWords {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EvidenceWords() {}

    /** The evidence in Chinese ({@code zh}) or English; an unreadable text is returned as it is. */
    public static String of(String evidenceJson, boolean zh) {
        if (evidenceJson == null || evidenceJson.isBlank()) {
            return "";
        }
        JsonNode node;
        try {
            node = JSON.readTree(evidenceJson);
        } catch (RuntimeException unreadable) {
            return evidenceJson;
        }
        StringBuilder out = new StringBuilder(zh ? "评分 " : "score ")
                .append(node.path("score").asString(""));
        out.append(zh ? "（先验 " : " (prior ")
                .append(node.path("prior").asString(""))
                .append(zh ? "）：" : "): ");
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray()) {
                continue;
            }
            Level level;
            try {
                level = Level.valueOf(e.getKey() + "_" + e.getValue().get(0).asString());
            } catch (IllegalArgumentException unknown) {
                continue;
            }
            if (!first) {
                out.append(zh ? "；" : "; ");
            }
            first = false;
            double w = e.getValue().get(1).asDouble();
            out.append(field(level.field(), zh))
                    .append(' ')
                    .append(level(level, zh))
                    .append(' ')
                    .append(w > 0 ? "+" : "")
                    .append(ScoredCandidate.round(w));
        }
        if (node.has("veto")) {
            out.append(zh ? "；不自动关联：" : "; never linked automatically: ")
                    .append(veto(node.path("veto").asString(""), zh));
        }
        return out.toString();
    }

    public static String field(Level.Field field, boolean zh) {
        return switch (field) {
            case ID -> zh ? "身份证号" : "ID";
            case NAME -> zh ? "姓名" : "name";
            case PHONE -> zh ? "电话" : "phone";
            case BIRTH -> zh ? "出生日期" : "birth date";
        };
    }

    /** A level's words. */
    public static String level(Level level, boolean zh) {
        return switch (level) {
            case ID_EQUAL, NAME_EQUAL, PHONE_EQUAL, BIRTH_EQUAL -> zh ? "相同" : "equal";
            case ID_ONE_SUBSTITUTION -> zh ? "一位不同" : "one digit off";
            case ID_TRANSPOSITION -> zh ? "相邻两位颠倒" : "two digits swapped";
            case ID_LEGACY_15 -> zh ? "15位旧号相同" : "same 15-digit number";
            case ID_ROUNDED_PREFIX -> zh ? "Excel舍入后相同" : "equal as Excel rounded it";
            case NAME_SIMPLIFIED -> zh ? "繁简相同" : "equal in simplified form";
            case NAME_PINYIN -> zh ? "同音" : "same pinyin";
            case NAME_ONE_CHARACTER -> zh ? "一字不同" : "one character different";
            case PHONE_ONE_SLIP -> zh ? "一位之差" : "one slip";
            case BIRTH_ONE_PART -> zh ? "年月日一项不同" : "one part different";
            case ID_DIFFERENT, NAME_DIFFERENT, PHONE_DIFFERENT, BIRTH_DIFFERENT -> zh ? "不同" : "different";
            case ID_UNKNOWN, NAME_UNKNOWN, PHONE_UNKNOWN, BIRTH_UNKNOWN -> zh ? "无从比较" : "not known";
        };
    }

    static String veto(String code, boolean zh) {
        return switch (code) {
            case "NAME_DIFFERENT" -> zh ? "姓名不同" : "the names differ";
            case "BIRTH_DIFFERENT" -> zh ? "出生日期不同" : "the birth dates differ";
            case "ID_DIFFERENT" -> zh ? "身份证号不同" : "the ID numbers differ";
            case "POSSIBLE_RELATIVE" ->
                zh
                        ? "姓名一字之差且无证件或生日佐证，可能是共用电话的亲属"
                        : "one character apart with nothing to confirm: maybe a relative sharing the phone";
            default -> code;
        };
    }
}
