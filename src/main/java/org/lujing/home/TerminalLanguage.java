package org.lujing.home;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operator's language on a terminal, for what a command or {@code serve} prints before anything else is known:
 * {@code LUJING_LANG} (zh or en) when set; else the locale ({@code LC_ALL}, then {@code LC_MESSAGES}, then {@code
 * LANG}): English for an {@code en} locale, Chinese for anything else, including none or {@code C}.
 */
public final class TerminalLanguage {

    private TerminalLanguage() {}

    /** True when the operator reads English; Chinese otherwise. */
    public static boolean english(Map<String, String> env) {
        String configured = env.get("LUJING_LANG");
        if (configured != null && !configured.isBlank()) {
            String l = configured.strip().toLowerCase(Locale.ROOT);
            return l.equals("en") || l.startsWith("en-") || l.startsWith("en_");
        }
        for (String name : List.of("LC_ALL", "LC_MESSAGES", "LANG")) {
            String locale = env.get(name);
            if (locale != null && !locale.isBlank()) {
                return locale.toLowerCase(Locale.ROOT).startsWith("en");
            }
        }
        return false;
    }

    /** The terminal's language from this process's environment. */
    public static boolean english() {
        return english(System.getenv());
    }
}
