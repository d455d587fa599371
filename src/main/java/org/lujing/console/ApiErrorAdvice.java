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
        return ResponseEntity.unprocessableContent()
                .body(Map.of(
                        "error",
                        "refused",
                        "message",
                        // a refusal thrown in both languages ("中文 ‖ English") answers in the request's
                        ReportLanguage.of(LocaleContextHolder.getLocale()).oneLanguage(String.valueOf(e.getMessage())),
                        "at",
                        Instant.now().toString()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Map.of("error", "not found", "message", e.getMessage()));
    }
}
