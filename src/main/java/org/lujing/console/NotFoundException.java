package org.lujing.console;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A page or API call about something that does not exist: 404, with what was asked for, in both languages. */
@ResponseStatus(HttpStatus.NOT_FOUND)
class NotFoundException extends RuntimeException {
    NotFoundException(String zhWhat, String enWhat) {
        super("没有找到" + zhWhat + org.lujing.ledger.Bilingual.SEPARATOR + "there is no " + enWhat);
    }

    static NotFoundException execution(long id) {
        return new NotFoundException("编号为 #" + id + " 的任务执行", "job execution #" + id);
    }

    static NotFoundException file(long id) {
        return new NotFoundException("编号为 #" + id + " 的文件", "file #" + id);
    }

    static NotFoundException errorReport(long id) {
        return new NotFoundException("编号为 #" + id + " 的错误报告", "error report #" + id);
    }

    static NotFoundException report(String path) {
        return new NotFoundException("报表 " + path, "report " + path);
    }

    static NotFoundException action(String word) {
        return new NotFoundException("操作“" + word + "”", "action " + word);
    }
}
