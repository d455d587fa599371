package org.lujing.console;

import java.util.Locale;
import org.springframework.security.core.Authentication;

/** The roles of domain.md's "People and roles" that sign in to the console: each includes what the one below may do. */
public enum ConsoleRole {
    /** Reads dashboards, jobs, files, findings, reports and sources. */
    VIEWER,
    /** A viewer who also uploads files, retries rejected rows and acknowledges or resolves findings. */
    OPERATOR,
    /** An operator who also restarts, stops and abandons jobs, reloads source mappings and reads the audit log. */
    ADMIN;

    /** Spring Security authorities: a role and every role it includes. */
    String[] authorities() {
        return switch (this) {
            case VIEWER -> new String[] {"ROLE_VIEWER"};
            case OPERATOR -> new String[] {"ROLE_VIEWER", "ROLE_OPERATOR"};
            case ADMIN -> new String[] {"ROLE_VIEWER", "ROLE_OPERATOR", "ROLE_ADMIN"};
        };
    }

    /** Whether a signed-in user holds the admin role (an admin sees server paths other roles see relative to the home). */
    static boolean isAdmin(Authentication user) {
        return user != null && user.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role in Chinese: 管理员, 操作员, 查看者. */
    public String zh() {
        return switch (this) {
            case VIEWER -> "查看者";
            case OPERATOR -> "操作员";
            case ADMIN -> "管理员";
        };
    }

    public static ConsoleRole parse(String word) {
        try {
            return valueOf(word.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("没有角色“" + word + "”：可选 admin（管理员）、operator（操作员）或 viewer（查看者） ‖ unknown"
                    + " role '" + word + "': use admin, operator or viewer");
        }
    }
}
