package org.lujing.identity;

import java.time.LocalDate;

/**
 * The labels under which identity values are encrypted and indexed, and how the fallback pairs are spelled, so
 * that every writer and the key rotation compute the same blind index for the same person.
 */
public final class IdentityKeys {

    public static final String ID_NUMBER = "id_number";
    public static final String PHONE = "phone";
    public static final String NAME_PHONE = "name_phone";
    public static final String NAME_BIRTH = "name_birth";
    public static final String NAME_TYPED_ID = "name_typed_id";

    /**
     * Separates, in a record's encrypted reference, the value behind its key from what the row said for scored
     * matching (the ID as typed, the phone, the birth date): the key is rebuilt from the first part only.
     */
    public static final char TRAITS = '\u001e';

    private IdentityKeys() {}

    public static String namePhone(String name, String phone) {
        return name + '\u001f' + phone;
    }

    public static String nameTypedId(String name, String typedId) {
        return name + '\u001f' + typedId;
    }

    /** The value behind a record's key: its encrypted reference up to the traits, if any. */
    public static String behindKey(String reference) {
        int at = reference.indexOf(TRAITS);
        return at < 0 ? reference : reference.substring(0, at);
    }

    /** What the row said for scored matching, or {@code null} when its reference holds none. */
    public static String traits(String reference) {
        int at = reference.indexOf(TRAITS);
        return at < 0 ? null : reference.substring(at + 1);
    }

    public static String nameBirth(String name, LocalDate birthDate) {
        return name + '\u001f' + birthDate;
    }
}
