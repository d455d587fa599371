package org.lujing.normalise;

import java.util.List;
import java.util.Map;

/**
 * The roster's 矫正类别: one of the four kinds of community correction the law knows (管制, 缓刑, 假释, 暂予监外执行).
 * Spellings fold as headers do (spaces, full-width, traditional forms), and the short forms offices write for the
 * fourth (暂监外, 暂予监外, 监外执行) are read as it. Anything else — a remark in brackets, a sentence that is no
 * community correction — rejects the roster row, so the person's entry is never built on a word nobody can count.
 */
public final class CorrectionTypeNormaliser {

    /** The four kinds, in the order the law names them. */
    public static final List<String> KINDS = List.of("管制", "缓刑", "假释", "暂予监外执行");

    private static final Map<String, String> SHORT_FORMS =
            Map.of("暂监外", "暂予监外执行", "暂予监外", "暂予监外执行", "监外执行", "暂予监外执行", "暂监外执行", "暂予监外执行");

    private CorrectionTypeNormaliser() {}

    /** The kind as the law names it; a blank cell gives {@code ok(null)} (the column is optional). */
    public static Normalised<String> normalise(String raw) {
        if (TextFolding.isBlank(raw)) {
            return Normalised.ok(null);
        }
        String folded = TextFolding.fold(raw);
        if (KINDS.contains(folded)) {
            return Normalised.ok(folded);
        }
        String kind = SHORT_FORMS.get(folded);
        if (kind != null) {
            return Normalised.ok(kind);
        }
        String shown = folded.length() > 40 ? folded.substring(0, 39) + "…" : folded;
        return Normalised.rejected(
                ReasonCode.VALUE_INVALID,
                "矫正类别“" + shown + "”不是社区矫正的类别（" + String.join("、", KINDS) + "），请在名册中改正 / the correction type '"
                        + shown + "' is none of the four kinds of community correction (管制 control, 缓刑 probation,"
                        + " 假释 parole, 暂予监外执行 temporary service outside prison): correct it in the roster");
    }
}
