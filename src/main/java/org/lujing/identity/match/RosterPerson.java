package org.lujing.identity.match;

import java.time.LocalDate;

/** A person on the roster as matching sees it, decrypted in memory only: never stored or printed in this form. */
public record RosterPerson(long id, String name, String idNumber, String phone, NameKey nameKey, LocalDate birth) {

    public static RosterPerson of(long id, String name, String idNumber, String phone) {
        return new RosterPerson(id, name, idNumber, phone, NameKey.of(name), birthOf(idNumber));
    }

    static LocalDate birthOf(String id) {
        if (id == null || id.length() < 14) {
            return null;
        }
        try {
            return LocalDate.of(
                    Integer.parseInt(id.substring(6, 10)),
                    Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (RuntimeException notADate) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "RosterPerson#" + id;
    }
}
