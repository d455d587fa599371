package org.lujing.identity.match;

/**
 * The levels of agreement of each compared field, as issue 13 names them; {@code UNKNOWN} when either side has no
 * value, which weighs nothing. The order within a field is from strongest agreement to disagreement.
 */
public enum Level {
    ID_EQUAL(Field.ID),
    ID_ONE_SUBSTITUTION(Field.ID),
    ID_TRANSPOSITION(Field.ID),
    ID_LEGACY_15(Field.ID),
    ID_ROUNDED_PREFIX(Field.ID),
    ID_DIFFERENT(Field.ID),
    ID_UNKNOWN(Field.ID),
    NAME_EQUAL(Field.NAME),
    NAME_SIMPLIFIED(Field.NAME),
    NAME_PINYIN(Field.NAME),
    NAME_ONE_CHARACTER(Field.NAME),
    NAME_DIFFERENT(Field.NAME),
    NAME_UNKNOWN(Field.NAME),
    PHONE_EQUAL(Field.PHONE),
    PHONE_ONE_SLIP(Field.PHONE),
    PHONE_DIFFERENT(Field.PHONE),
    PHONE_UNKNOWN(Field.PHONE),
    BIRTH_EQUAL(Field.BIRTH),
    BIRTH_ONE_PART(Field.BIRTH),
    BIRTH_DIFFERENT(Field.BIRTH),
    BIRTH_UNKNOWN(Field.BIRTH);

    /** The compared fields. */
    public enum Field {
        ID,
        NAME,
        PHONE,
        BIRTH
    }

    private final Field field;

    Level(Field field) {
        this.field = field;
    }

    public Field field() {
        return field;
    }

    public boolean unknown() {
        return name().endsWith("_UNKNOWN");
    }

    public boolean different() {
        return name().endsWith("_DIFFERENT");
    }

    /** The level's name without its field: {@code ONE_SUBSTITUTION}. */
    public String shortName() {
        return name().substring(field.name().length() + 1);
    }
}
