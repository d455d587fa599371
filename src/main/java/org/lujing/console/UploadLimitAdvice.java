package org.lujing.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.lujing.report.ReportLanguage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * An upload over the size limit is cut off by the servlet container before any controller sees it: say so in the
 * page (back on the upload form) or in the API's JSON, with the limit and the setting that holds it.
 */
@ControllerAdvice
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class UploadLimitAdvice {

    private static final tools.jackson.databind.ObjectMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private final long limit;

    UploadLimitAdvice(@Value("${lujing.ingest.max-file-bytes}") long limit) {
        this.limit = limit;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        long length = request.getContentLengthLong();
        boolean nameTooLong = headerTooLarge(e) || (length >= 0 && length <= limit);
        // the container reports a part header over its limit (a file name of hundreds of characters) as a size
        // error too: that is the name's length, not the file's size, and the answer says so
        ReportLanguage lang = ReportLanguage.of(LocaleContextHolder.getLocale());
        String message = MultipartGuard.message(
                nameTooLong ? MultipartGuard.Refusal.NAME : MultipartGuard.Refusal.SIZE, limit, lang);
        return refuse(nameTooLong ? HttpStatus.BAD_REQUEST : HttpStatus.CONTENT_TOO_LARGE, message, request, response);
    }

    /**
     * A multipart request the container could not parse: a file name holding a NUL (which the container refuses, its
     * message carrying the name in clear — so it is neither logged nor echoed), or a malformed body. 400, saying why.
     */
    @ExceptionHandler(MultipartException.class)
    ModelAndView unreadable(MultipartException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        boolean badName = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            badName |= t.getClass().getSimpleName().equals("InvalidFileNameException");
        }
        ReportLanguage lang = ReportLanguage.of(LocaleContextHolder.getLocale());
        String message = MultipartGuard.message(
                badName ? MultipartGuard.Refusal.CONTROL : MultipartGuard.Refusal.FORM, limit, lang);
        return refuse(HttpStatus.BAD_REQUEST, message, request, response);
    }

    private static ModelAndView refuse(
            HttpStatus status, String message, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (isApi(request)) {
            writeRefusal(status, message, response);
            return new ModelAndView();
        }
        RequestContextUtils.getOutputFlashMap(request).put("refused", message);
        return new ModelAndView("redirect:/upload");
    }

    static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    /** The API's answer to an upload it could not take: the status, and {@code {"error":"refused","message":…}}. */
    static void writeRefusal(HttpStatus status, String message, HttpServletResponse response) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(Map.of("error", "refused", "message", message)));
    }

    /** True when the container refused the multipart request for a part header over its limit, not for its size. */
    static boolean headerTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("header")) {
                return true;
            }
        }
        return false;
    }
}
