package org.lujing.console;

import java.time.Instant;
import java.util.Map;
import org.lujing.report.ReportLanguage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The JSON API's answers to what goes wrong, for every {@link ApiResource}: 422 with a {@code message} when an action
 * is refused (a restart of a COMPLETED execution, an upload of the wrong format, a bad argument), 404 for what does not
 * exist.
 */
@RestControllerAdvice(assignableTypes = ApiResource.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiErrorAdvice {

    @ExceptionHandler({
        JobActions.ActionRefusedException.class,
        InboxUpload.UploadRefusedException.class,
        IllegalArgumentException.class
    })
    ResponseEntity<Map<String, Object>> refused(RuntimeException e) {
        // a refusal thrown in both languages ("中文 ‖ English") answers in the request's
        return answer(HttpStatus.UNPROCESSABLE_CONTENT, "refused", String.valueOf(e.getMessage()));
    }

    /** The answer's body: what kind of error, why in the request's language (one of "中文 ‖ English"), and when. */
    private static ResponseEntity<Map<String, Object>> answer(
            org.springframework.http.HttpStatusCode status, String error, String message) {
        return ResponseEntity.status(status)
                .body(Map.of(
                        "error",
                        error,
                        "message",
                        ReportLanguage.of(LocaleContextHolder.getLocale()).oneLanguage(message),
                        "at",
                        Instant.now().toString()));
    }

    /**
     * A parameter of the wrong form (a date of 2025-13-01, a number of abc): 422 naming the parameter and the value,
     * not the converter's words about Java types.
     */
    @ExceptionHandler(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> wrongForm(
            org.springframework.web.method.annotation.MethodArgumentTypeMismatchException e) {
        String value = shownValue(e.getValue());
        Class<?> type = e.getRequiredType() == null
                ? Object.class
                : org.springframework.util.ClassUtils.resolvePrimitiveIfNecessary(e.getRequiredType());
        boolean date = type == java.time.LocalDate.class;
        boolean number = Number.class.isAssignableFrom(type);
        String zhForm = date ? "日期，写作 2025-03-07" : number ? "数字" : "有效的值";
        String enForm = date ? "a date written 2025-03-07" : number ? "a number" : "a valid value";
        return refused(new IllegalArgumentException("参数 " + e.getName() + " 的值“" + value + "”不是" + zhForm
                + org.lujing.ledger.Bilingual.SEPARATOR + "parameter " + e.getName() + ": '" + value + "' is not "
                + enForm));
    }

    /**
     * A request the API answers with a status of its own (a {@code limit} out of range): that status, with its reason
     * in the request's language — Boot's error page would answer the status alone.
     */
    @ExceptionHandler(org.springframework.web.server.ResponseStatusException.class)
    ResponseEntity<Map<String, Object>> status(org.springframework.web.server.ResponseStatusException e) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        String reason = e.getReason() == null
                ? (status == null ? String.valueOf(e.getStatusCode().value()) : status.getReasonPhrase())
                : e.getReason();
        return answer(
                e.getStatusCode(),
                status == null ? "error" : status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT),
                reason);
    }

    /** A value typed into an address, as an answer may repeat it: masked (an ID number in it) and cut at 100. */
    static String shownValue(Object typed) {
        String value = org.lujing.normalise.Masking.fileName(String.valueOf(typed));
        return value.length() > 100 ? value.substring(0, 99) + "…" : value;
    }

    /** An upload whose file name no file could have (a control character in it): the request is malformed. */
    @ExceptionHandler(InboxUpload.UploadNameRefusedException.class)
    ResponseEntity<Map<String, Object>> badName(InboxUpload.UploadNameRefusedException e) {
        return answer(HttpStatus.BAD_REQUEST, "bad request", String.valueOf(e.getMessage()));
    }

    /** A parameter or a form's part the request lacks (a period for {@code /api/stats}, the file of an upload). */
    @ExceptionHandler({
        org.springframework.web.bind.MissingServletRequestParameterException.class,
        org.springframework.web.multipart.support.MissingServletRequestPartException.class
    })
    ResponseEntity<Map<String, Object>> missing(Exception e) {
        String name = e instanceof org.springframework.web.bind.MissingServletRequestParameterException p
                ? p.getParameterName()
                : ((org.springframework.web.multipart.support.MissingServletRequestPartException) e)
                        .getRequestPartName();
        return answer(
                HttpStatus.BAD_REQUEST,
                "bad request",
                "请求缺少参数 " + name + org.lujing.ledger.Bilingual.SEPARATOR + "the request lacks the parameter " + name);
    }

    /** A finding that does not exist is not there (404), as the manual says of anything that does not exist. */
    @ExceptionHandler(org.lujing.reconcile.FindingNotFoundException.class)
    ResponseEntity<Map<String, Object>> noSuchFinding(org.lujing.reconcile.FindingNotFoundException e) {
        return answer(HttpStatus.NOT_FOUND, "not found", e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(NotFoundException e) {
        // the API's one shape, `at` included (it was left out here alone)
        return answer(HttpStatus.NOT_FOUND, "not found", e.getMessage());
    }
}
