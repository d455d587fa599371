package org.lujing.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.lujing.report.ReportLanguage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads an upload's form before the CSRF check does. That check asks the form for its token, and with that the
 * container parses the whole multipart body: a file over the size limit, a file name too long for a part header or
 * too many parts failed right there, outside every controller and its advice — Tomcat's English error page, two
 * ERROR stack traces in the log. Parsed here first, such a request is answered as {@link UploadLimitAdvice} answers
 * it: back on the upload form with the reason ({@code /upload?refused=…}), or the API's JSON.
 *
 * <p>Nothing is parsed for a caller who may not upload. The console's guard sits inside the console's security chain,
 * after the session's sign-in is restored and before the CSRF check: a multipart POST from someone not signed in, to
 * any address, is sent to the sign-in page, and one from a signed-in user to anything but the upload form, or from a
 * role that may not upload, is refused 403 — in both cases before a byte of its body is read or stored, the
 * connection closed rather than drained. (A guard in front of the whole security chain used to read every anonymous
 * multipart POST, {@code /login} included, to its end: three requests of 150 MB left 191 MB of temporary files.) The
 * API has no CSRF check, so its guard sits after the security filters, once the caller is known and allowed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class MultipartGuard {

    /** Why an upload's form could not be read. */
    enum Refusal {
        NAME,
        CONTROL,
        SIZE,
        PARTS,
        FORM
    }

    /** The one console form that carries a file, and the role that may send it. */
    static final String UPLOAD_PATH = "/upload";

    static final String UPLOAD_ROLE = "ROLE_OPERATOR";

    /**
     * The console's guard, for the console's security chain (before its CSRF filter); not a bean, so that the
     * container does not also run it in front of every chain.
     */
    static OncePerRequestFilter consoleFilter(long limit, org.springframework.web.servlet.LocaleResolver locales) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (isMultipartPost(request) && !UploadLimitAdvice.isApi(request)) {
                    Authentication who = SecurityContextHolder.getContext().getAuthentication();
                    boolean signedIn =
                            who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken);
                    if (!signedIn) {
                        response.setHeader("Connection", "close");
                        response.sendRedirect(request.getContextPath() + "/login");
                        return;
                    }
                    String path = request.getRequestURI()
                            .substring(request.getContextPath().length());
                    boolean mayUpload =
                            who.getAuthorities().stream().anyMatch(a -> UPLOAD_ROLE.equals(a.getAuthority()));
                    if (!UPLOAD_PATH.equals(path) || !mayUpload) {
                        response.setHeader("Connection", "close");
                        response.sendError(HttpStatus.FORBIDDEN.value());
                        return;
                    }
                    if (!readParts(request, response, limit, locales)) {
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        };
    }

    /** The API's uploads: read after the security filters, once the caller is known and allowed. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> apiMultipartGuardFilter(
            @Value("${lujing.ingest.max-file-bytes}") long limit,
            org.springframework.web.servlet.LocaleResolver locales) {
        FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (isMultipartPost(request)
                        && UploadLimitAdvice.isApi(request)
                        && !readParts(request, response, limit, locales)) {
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        bean.setOrder(-90);
        bean.setName("apiMultipartGuard");
        return bean;
    }

    private static boolean isMultipartPost(HttpServletRequest request) {
        String type = request.getContentType();
        return "POST".equals(request.getMethod())
                && type != null
                && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /** Parses the form; false when it could not be, the refusal already answered. */
    private static boolean readParts(
            HttpServletRequest request,
            HttpServletResponse response,
            long limit,
            org.springframework.web.servlet.LocaleResolver locales)
            throws IOException {
        try {
            request.getParts();
            return true;
        } catch (RuntimeException | IOException | ServletException e) {
            refuse(classify(e), limit, locales, request, response);
            return false;
        }
    }

    static Refusal classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.equals("InvalidFileNameException")) {
                return Refusal.CONTROL;
            }
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (name.contains("FileCountLimit") || m.contains("count") && m.contains("exceed")) {
                return Refusal.PARTS;
            }
            if (m.contains("header")) {
                return Refusal.NAME;
            }
            if (name.contains("SizeLimitExceeded") || m.contains("exceeds the configured maximum")) {
                return Refusal.SIZE;
            }
        }
        return Refusal.FORM;
    }

    /** The reason in the reader's language, with the limit and the setting that holds it where there is one. */
    static String message(Refusal refusal, long limit, ReportLanguage lang) {
        return switch (refusal) {
            case NAME ->
                lang.pick(
                        "文件名过长（请不超过 " + InboxUpload.MAX_NAME + " 个字符），请改短后重新上传",
                        "the file name is too long (at most " + InboxUpload.MAX_NAME
                                + " characters): shorten it and upload again");
            case CONTROL ->
                lang.pick(
                        "文件名含有控制字符（如 NUL），请改名后重新上传",
                        "the file name holds a control character (such as NUL): rename the file and upload it again");
            case SIZE ->
                lang.pick(
                        "文件超过大小上限 " + size(limit, "字节") + "（lujing.ingest.max-file-bytes），请按月拆分后上传",
                        "the file is larger than the limit of " + size(limit, "bytes")
                                + " (lujing.ingest.max-file-bytes); split it by month");
            case PARTS -> lang.pick("表单的字段过多，请每次只上传一个文件", "the form holds too many fields: upload one file at a time");
            case FORM ->
                lang.pick(
                        "上传内容无法解析，请重新选择文件上传",
                        "the upload could not be read as a form with a file: choose the file and upload it again");
        };
    }

    /** A size as a worker reads it: 200 MB, 2 KB, or bytes when it is neither. */
    static String size(long bytes, String unit) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KB";
        }
        return bytes + " " + unit;
    }

    private static void refuse(
            Refusal refusal,
            long limit,
            org.springframework.web.servlet.LocaleResolver locales,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        HttpStatus status = refusal == Refusal.SIZE ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
        if (UploadLimitAdvice.isApi(request)) {
            // the console's language (its cookie, else Chinese), as the API's other answers
            UploadLimitAdvice.writeRefusal(
                    status, message(refusal, limit, ReportLanguage.of(locales.resolveLocale(request))), response);
            return;
        }
        // the body is not read to its end: the connection is closed rather than drained
        response.setHeader("Connection", "close");
        response.sendRedirect(
                request.getContextPath() + "/upload?refused=" + refusal.name().toLowerCase(Locale.ROOT));
    }
}
