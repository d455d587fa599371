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

    private IdentityKeys() {}

    public static String namePhone(String name, String phone) {
        return name + '\u001f' + phone;
    }

    public static String nameBirth(String name, LocalDate birthDate) {
        return name + '\u001f' + birthDate;
    }
}
