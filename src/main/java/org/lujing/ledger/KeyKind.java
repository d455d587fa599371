package org.lujing.ledger;

/** What a record's subject key is the blind index of: the ID number, or a fallback pair when the row had no usable one. */
public enum KeyKind {
    ID_NUMBER,
    NAME_PHONE,
    NAME_BIRTH_DATE,
    /**
     * The name and the ID number as typed, when the number is damaged (check character, length, Excel rounding) and
     * the row has neither pair: kept for scored matching only when {@code lujing.identity.match.keep-damaged-ids}.
     */
    NAME_TYPED_ID
}
