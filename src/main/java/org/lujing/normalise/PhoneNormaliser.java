package org.lujing.normalise;

import java.math.BigDecimal;

/** Normalises a mainland mobile number to its 11 digits. */
public final class PhoneNormaliser {

    private PhoneNormaliser() {}

    /**
     * The 11-digit mobile, without +86/0086/86, spaces, hyphens or brackets. A blank cell gives
     * {@code ok(null)}: a phone is optional, so absence is not a rejection.
     */
    public static Normalised<String> normalise(String raw, CellKind kind) {
        if (kind == CellKind.BLANK || TextFolding.isBlank(raw)) {
            return Normalised.ok(null);
        }
        String digits = (kind == CellKind.NUMBER) ? numberDigits(raw) : clean(raw);
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("0086") && digits.length() == 15) {
            digits = digits.substring(4);
        } else if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        if (digits.length() != 11 || digits.charAt(0) != '1' || !digits.chars().allMatch(Character::isDigit)) {
            return Normalised.rejected(
                    ReasonCode.VALUE_INVALID,
                    "手机号应为11位、以1开头：" + Masking.phone(digits) + " / A mobile number must be 11 digits starting with 1");
        }
        return Normalised.ok(digits);
    }

    private static String numberDigits(String raw) {
        String folded = TextFolding.fold(raw);
        try {
            BigDecimal number = new BigDecimal(folded).stripTrailingZeros();
            return (number.scale() <= 0) ? number.toPlainString() : folded;
        } catch (NumberFormatException ex) {
            return clean(raw);
        }
    }

    private static String clean(String raw) {
        String folded = TextFolding.fold(raw);
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c == '-' || c == '(' || c == ')' || c == '\'' || (c >= '\u2010' && c <= '\u2015')) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }
}
