package org.lujing.cli;

/** A person's number on the roster as an operator types it: {@code 3} or {@code #3}, as {@code subjects} lists it. */
final class PersonNumber {

    private PersonNumber() {}

    /** The number, or null without one; anything else is refused naming the option. */
    static Long parse(String option, String value) {
        if (value == null) {
            return null;
        }
        String t = value.strip();
        t = t.startsWith("#") || t.startsWith("＃") ? t.substring(1) : t;
        try {
            long n = Long.parseLong(t);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " 应为名册上的编号（如 3 或 #3，见 subjects），不是“" + value + "” ‖ " + option
                + " takes a person's number on the roster (3 or #3, see subjects), not '" + value + "'");
    }
}
