package org.lujing.ledger;

/** What a record's subject key is the blind index of: the ID number, or a fallback pair when the row had no usable one. */
public enum KeyKind {
    ID_NUMBER,
    NAME_PHONE,
    NAME_BIRTH_DATE
}
