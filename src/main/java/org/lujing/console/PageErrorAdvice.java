package org.lujing.console;

import jakarta.servlet.http.HttpServletRequest;
import org.lujing.report.ReportLanguage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The console's pages answer a request they refuse (a month of 0000-01, a page number of abc, a status nobody has)
 * with the error page and the reason in the reader's language: the reason the page's code gave, which Boot's error
 * page leaves out ({@code server.error.include-message=never}, so that no exception's text reaches a page). The API
 * has its own answers ({@link ApiErrorAdvice}), in JSON; a request to it is left to them.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class PageErrorAdvice {

    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView status(ResponseStatusException e, HttpServletRequest request) {
        if (UploadLimitAdvice.isApi(request)) {
            throw e;
        }
        return page(HttpStatus.valueOf(e.getStatusCode().value()), e.getReason());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView wrongForm(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        if (UploadLimitAdvice.isApi(request)) {
            throw e;
        }
        String value = ApiErrorAdvice.shownValue(e.getValue());
        return page(
                HttpStatus.BAD_REQUEST,
                "地址中的参数 " + e.getName() + " 的值“" + value + "”写法不对" + org.lujing.ledger.Bilingual.SEPARATOR
                        + "the address's parameter " + e.getName() + " has a value that is not understood: '" + value
                        + "'");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ModelAndView missing(MissingServletRequestParameterException e, HttpServletRequest request) throws Exception {
        if (UploadLimitAdvice.isApi(request)) {
            throw e;
        }
        return page(
                HttpStatus.BAD_REQUEST,
                "地址中缺少参数 " + e.getParameterName() + org.lujing.ledger.Bilingual.SEPARATOR
                        + "the address lacks the parameter " + e.getParameterName());
    }

    private static ModelAndView page(HttpStatus status, String reason) {
        ModelAndView page = new ModelAndView("error");
        page.setStatus(status);
        page.addObject("status", status.value());
        if (reason != null && !reason.isBlank()) {
            page.addObject(
                    "reason", ReportLanguage.of(LocaleContextHolder.getLocale()).oneLanguage(reason));
        }
        return page;
    }
}
