package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.RequestDispatcher;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * A page asked for as JSON (a signed-in script's wrong address outside {@code /api/}) keeps Boot's keys and gains what
 * happened in the request's language: Boot's body said only {@code "error": "Not Found"}.
 */
class ApiErrorAttributesTests {

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void aPageThatIsNoneIsNotFoundInWordsBesideBootsKeys() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);

        Map<String, Object> answer = attributes("GET", "/jobz", 404);

        assertThat(answer)
                .containsEntry("status", 404)
                .containsEntry("path", "/jobz")
                .containsEntry("message", "没有这个页面：GET /jobz；控制台从 / 开始，接口见 /api/openapi");
    }

    @Test
    void inEnglishWhenAskedAndTheApisOwnShapeUnderApi() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(attributes("GET", "/jobz", 404).get("message"))
                .isEqualTo("there is no page GET /jobz; the console starts at /, the API is described at /api/openapi");

        assertThat(attributes("GET", "/api/jobz", 404))
                .containsOnlyKeys("error", "message", "at")
                .containsEntry("message", "there is no GET /api/jobz; the API is described at /api/openapi");
    }

    private static Map<String, Object> attributes(String method, String path, int status) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, path);
        return new ApiErrorAttributes()
                .getErrorAttributes(new ServletWebRequest(request), ErrorAttributeOptions.defaults());
    }
}
