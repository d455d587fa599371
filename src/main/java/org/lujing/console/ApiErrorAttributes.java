package org.lujing.console;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lujing.ledger.Bilingual;
import org.lujing.report.ReportLanguage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;

/**
 * What the JSON API answers for a request Spring refuses before any of its controllers runs — an address that is
 * none, a method an address does not take, a body of a type it does not read, a failure inside: Boot's body said
 * {@code "error": "Not Found"} and nothing a reader could act on. Under {@code /api/} it is now the API's own shape,
 * {@code error} (the status, a code), {@code message} (what happened, in the request's language) and {@code at}, as
 * {@link ApiErrorAdvice} answers. Pages keep Boot's attributes, which the console's error page renders in words, and
 * gain a {@code message} in the request's language for a page asked for as JSON.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest webRequest, ErrorAttributeOptions options) {
        Map<String, Object> boot = super.getErrorAttributes(webRequest, options);
        Object path = boot.get("path");
        int status = boot.get("status") instanceof Integer s ? s : 500;
        String method = webRequest instanceof ServletWebRequest servlet
                ? servlet.getRequest().getMethod()
                : "?";
        String contentType = webRequest.getHeader("Content-Type");
        if (!(path instanceof String p) || !(p.equals("/api") || p.startsWith("/api/"))) {
            // a page asked for as JSON (a script's wrong address) got Boot's "Not Found" alone: Boot's keys stay for
            // whoever reads them, with what happened in words beside them
            Map<String, Object> page = new LinkedHashMap<>(boot);
            page.put(
                    "message",
                    ReportLanguage.of(LocaleContextHolder.getLocale())
                            .oneLanguage(pageWords(
                                    status,
                                    method,
                                    path instanceof String p ? ApiErrorAdvice.shownValue(p) : "?",
                                    contentType)));
            return page;
        }
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", known == null ? "error" : known.getReasonPhrase().toLowerCase(java.util.Locale.ROOT));
        answer.put(
                "message",
                ReportLanguage.of(LocaleContextHolder.getLocale())
                        .oneLanguage(words(status, method, ApiErrorAdvice.shownValue(p), contentType)));
        answer.put("at", Instant.now().toString());
        return answer;
    }

    /** Why a request for a page was refused, in both languages: an address that is none is a page, not an API. */
    static String pageWords(int status, String method, String path, String contentType) {
        if (status == 404) {
            return "没有这个页面：" + method + " " + path + "；控制台从 / 开始，接口见 /api/openapi" + Bilingual.SEPARATOR
                    + "there is no page " + method + " " + path + "; the console starts at /, the API is described at"
                    + " /api/openapi";
        }
        return words(status, method, path, contentType);
    }

    /** Why a request was refused, in both languages ({@code 中文 ‖ English}), for the statuses Spring answers itself. */
    static String words(int status, String method, String path, String contentType) {
        String zh;
        String en;
        switch (status) {
            case 400 -> {
                zh = "请求的格式不对";
                en = "the request is malformed";
            }
            case 404 -> {
                zh = "没有这个接口：" + method + " " + path + "；接口见 /api/openapi";
                en = "there is no " + method + " " + path + "; the API is described at /api/openapi";
            }
            case 405 -> {
                zh = path + " 不接受 " + method + " 请求";
                en = path + " does not take " + method;
            }
            case 406 -> {
                zh = "无法按请求要的格式回答：接口只回答 JSON";
                en = "cannot answer in the format asked for: the API answers JSON";
            }
            case 415 -> {
                String type = contentType == null ? "（未写明）" : ApiErrorAdvice.shownValue(contentType);
                zh = "不接受内容类型为 " + type + " 的请求";
                en = "a request body of type " + (contentType == null ? "(none given)" : type)
                        + " is not accepted here";
            }
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                if (status >= 500) {
                    zh = "服务器内部出错，原因已记入服务日志；请稍后再试或联系管理员";
                    en = "something failed inside the server; the cause is in the service log";
                } else {
                    zh = "请求未被受理（" + status + "）";
                    en = "the request was not accepted (" + status
                            + (known == null ? "" : " " + known.getReasonPhrase()) + ")";
                }
            }
        }
        return zh + Bilingual.SEPARATOR + en;
    }
}
