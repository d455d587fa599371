package org.lujing.console;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lujing.home.LujingProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Server paths are admins': what an operator or viewer reads of a job's failure, its parameters or a file's message
 * names a file where it lies in Lujing's home ({@code archive/community/2025-04/名单.xlsx}), and a file outside the
 * home by its name only, as the quarantine's listing and a file's {@code storedAt} do. An admin reads the text as
 * stored.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ReaderPaths {

    /**
     * An absolute path in running text: a {@code /} that begins a word (not a URL's {@code //} or {@code host/}, not
     * a date's {@code 2025/04}) followed by a folder named in ASCII ({@code /srv/}, {@code /home/}: not the
     * {@code 和/或} of a sentence; {@code file:/srv/…} too), or a drive's {@code C:\} or {@code C:/}, up to the next
     * space, quote, bracket, colon or punctuation.
     */
    private static final Pattern ABSOLUTE = Pattern.compile(
            "(?<![\\w.~/\\\\-])(?:/[A-Za-z0-9._-]+/|[A-Za-z]:[\\\\/])[^\\s\"'“”‘’()（）<>\\[\\],，;；:：。、|]*");

    private final Path home;

    ReaderPaths(LujingProperties properties) {
        this.home = properties.home().toAbsolutePath().normalize();
    }

    /** The text as the signed-in user may read it: as stored for an admin, with server paths hidden for anyone else. */
    public String forReader(String text) {
        return ConsoleRole.isAdmin(SecurityContextHolder.getContext().getAuthentication()) ? text : hidden(text, home);
    }

    /** The text as a non-admin reads it, whoever asks. */
    String hide(String text) {
        return hidden(text, home);
    }

    /** A stored file's path as a non-admin reads it: within the home, or its name only. */
    String place(String stored) {
        try {
            Path at = Path.of(stored).toAbsolutePath().normalize();
            return at.startsWith(home)
                    ? home.relativize(at).toString().replace('\\', '/')
                    : at.getFileName() == null ? "" : at.getFileName().toString();
        } catch (InvalidPathException e) {
            return hidden(stored, home);
        }
    }

    /**
     * Whether a sentence is in Chinese (one Lujing wrote, not an exception's English): Han characters outside the
     * paths it names, so {@code NoSuchFileException: /srv/…/名单.xlsx} is English.
     */
    static boolean saidInChinese(String text) {
        return text != null
                && ABSOLUTE.matcher(text)
                        .replaceAll("")
                        .codePoints()
                        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    /**
     * Every absolute path in the text as a non-admin reads it. The home's own prefix goes first, so a home whose path
     * has a space in it is not half left.
     */
    static String hidden(String text, Path home) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String h = home.toString();
        String out = text;
        if (h.length() > 1) {
            String sep = h.contains("\\") ? "\\" : "/";
            out = out.replace(h + sep, "");
        }
        Matcher m = ABSOLUTE.matcher(out);
        StringBuilder sb = new StringBuilder(out.length());
        while (m.find()) {
            String path = m.group();
            int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
            String name = path.substring(cut + 1);
            m.appendReplacement(sb, Matcher.quoteReplacement(name.isEmpty() ? "…" : name));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
