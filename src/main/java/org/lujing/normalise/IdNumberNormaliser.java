package org.lujing.normalise;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;

/** Normalises resident ID numbers (GB 11643) to their 18-character upper-case form. */
public final class IdNumberNormaliser {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private static final char[] CHECK_CHARS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    // A CSV saved by Excel keeps what the cell displayed: 4.30104E+17.
    private static final Pattern EXPONENT_TEXT = Pattern.compile("[0-9](\\.[0-9]+)?[Ee]\\+?[0-9]+");

    private static final Pattern DIGITS_15 = Pattern.compile("[0-9]{15}");

    private static final Pattern ID_18 = Pattern.compile("[0-9]{17}[0-9X]");

    /** Doubles carry 15 significant decimal digits safely; Excel keeps no more. */
    private static final int DOUBLE_SAFE_DIGITS = 15;

    private IdNumberNormaliser() {}

    /**
     * The 18-character upper-case ID number, upgrading a 15-digit legacy number; a blank cell is
     * rejected as {@link ReasonCode#MISSING_FIELD} (the caller may still match the row by name).
     */
    public static Normalised<String> normalise(String raw, CellKind kind) {
        if (kind == CellKind.BLANK || TextFolding.isBlank(raw)) {
            return Normalised.rejected(ReasonCode.MISSING_FIELD, "身份证号为空 / The ID number is empty");
        }
        String candidate;
        if (kind == CellKind.NUMBER) {
            Normalised<String> digits = numberCellDigits(raw);
            if (!digits.isOk()) {
                return digits;
            }
            candidate = digits.value();
        } else {
            candidate = clean(raw);
            if (EXPONENT_TEXT.matcher(candidate).matches()) {
                return precisionLost(candidate);
            }
        }
        if (DIGITS_15.matcher(candidate).matches()) {
            return upgradeLegacy(candidate);
        }
        if (!ID_18.matcher(candidate).matches()) {
            return Normalised.rejected(
                    ReasonCode.ID_INVALID,
                    "身份证号应为18位（末位可为X），实为" + candidate.length() + "位：" + Masking.idNumber(candidate)
                            + " / The ID number must be 17 digits and a digit or X");
        }
        if (birthDateOrNull(candidate) == null) {
            return Normalised.rejected(
                    ReasonCode.ID_INVALID,
                    "身份证号中的出生日期不存在：" + Masking.idNumber(candidate)
                            + " / The birth date in the ID number is impossible");
        }
        if (checkChar(candidate.substring(0, 17)) != candidate.charAt(17)) {
            return Normalised.rejected(
                    ReasonCode.ID_CHECKSUM,
                    "身份证号校验位不符：" + Masking.idNumber(candidate) + " / The check character does not match");
        }
        return Normalised.ok(candidate);
    }

    /** The ISO 7064 MOD 11-2 check character for the first 17 digits of an ID number. */
    public static char checkChar(String first17) {
        if (first17 == null || first17.length() != 17) {
            throw new IllegalArgumentException(
                    "Expected 17 digits, got " + ((first17 != null) ? first17.length() + " characters" : "null"));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = first17.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("Expected 17 digits, found a non-digit at position " + (i + 1));
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS[sum % 11];
    }

    /**
     * The birth date held by an 18-character ID number.
     * @throws DateTimeException if that part is not a calendar date
     */
    public static LocalDate birthDate(String id18) {
        if (id18 == null || id18.length() != 18) {
            throw new IllegalArgumentException("Expected an 18-character ID number");
        }
        return LocalDate.of(parse(id18, 6, 10), parse(id18, 10, 12), parse(id18, 12, 14));
    }

    private static Normalised<String> numberCellDigits(String raw) {
        BigDecimal number;
        String text = TextFolding.fold(raw);
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException ex) {
            return Normalised.rejected(
                    ReasonCode.ID_INVALID,
                    "身份证号不是有效数字：" + Masking.value(text) + " / The ID number cell is not a number");
        }
        number = number.stripTrailingZeros();
        String integerDigits = number.toBigInteger().abs().toString();
        // An 18-digit value has lost digits whether the reader saw 4.3010419900307123E17 or ...071000.
        if (number.precision() > DOUBLE_SAFE_DIGITS || integerDigits.length() > DOUBLE_SAFE_DIGITS) {
            return precisionLost(integerDigits);
        }
        if (number.signum() <= 0 || number.scale() > 0) {
            return Normalised.rejected(
                    ReasonCode.ID_INVALID,
                    "身份证号不是整数：" + Masking.value(text) + " / The ID number cell is not a whole number");
        }
        return Normalised.ok(integerDigits);
    }

    private static Normalised<String> precisionLost(String seen) {
        return Normalised.rejected(
                ReasonCode.ID_PRECISION_LOST,
                "身份证号以数字存储，超过15位有效数字，末几位已丢失（" + Masking.idNumber(seen)
                        + "） / The ID number was stored as a number and lost its last digits");
    }

    private static Normalised<String> upgradeLegacy(String id15) {
        String first17 = id15.substring(0, 6) + "19" + id15.substring(6);
        String id18 = first17 + checkChar(first17);
        if (birthDateOrNull(id18) == null) {
            return Normalised.rejected(
                    ReasonCode.ID_INVALID,
                    "15位身份证号中的出生日期不存在：" + Masking.idNumber(id15)
                            + " / The birth date in the 15-digit ID number is impossible");
        }
        return Normalised.ok(id18);
    }

    private static String clean(String raw) {
        String folded = TextFolding.fold(raw);
        // ="430104196804120314": how Excel and many systems export a number to CSV so that it stays text
        if (folded.length() > 3 && folded.startsWith("=\"") && folded.endsWith("\"")) {
            folded = folded.substring(2, folded.length() - 1);
        }
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            // Excel's text prefix (') and every kind of dash are typing aids, not part of the number.
            if (c == '-' || c == '\'' || (c >= '\u2010' && c <= '\u2015') || c == '\u2212') {
                continue;
            }
            out.append(c);
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    private static LocalDate birthDateOrNull(String id18) {
        LocalDate birth;
        try {
            birth = birthDate(id18);
        } catch (DateTimeException ex) {
            return null;
        }
        if (birth.getYear() < 1900 || birth.isAfter(LocalDate.now(SHANGHAI))) {
            return null;
        }
        return birth;
    }

    private static int parse(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new DateTimeException("Not a digit in the birth date part");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
