package org.lujing.ledger;

/** How a record was tied to a person on the roster; stored on the record. */
public enum MatchMethod {
    ID_NUMBER,
    NAME_PHONE,
    NAME_BIRTH_DATE,
    MANUAL,
    /** Scored matching (issue 13) linked it above the upper threshold; its evidence is in {@code identity_match}. */
    SCORED
}
