package org.lujing.reconcile;

import java.sql.Date;
import java.time.LocalDate;
import org.lujing.normalise.Masking;

/** How findings name a person and read dates: name and masked ID number, run through masking once more. */
final class PersonDisplay {

    private PersonDisplay() {}

    /** "赵一 4301************14"; a partner may type an ID number into a name cell, so the whole text is masked. */
    static String of(String name, String idMasked) {
        String text = ((name == null ? "" : name) + " " + (idMasked == null ? "" : idMasked)).strip();
        return text.isEmpty() ? null : Masking.value(text);
    }

    static LocalDate date(Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
