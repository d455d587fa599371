package org.lujing.console;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A page or API call about something that does not exist: 404, with what was asked for, in both languages. */
@ResponseStatus(HttpStatus.NOT_FOUND)
class NotFoundException extends RuntimeException {
    NotFoundException(String what) {
        super("没有找到 " + what + org.lujing.ledger.Bilingual.SEPARATOR + "there is no " + what);
    }
}
