package org.lujing.ledger;

/** How the records of one category become the number a report shows. */
public enum CountingRule {

    /** Person-times (人次): every record counts once. */
    RECORDS,

    /** Persons (名, 个): distinct subjects. */
    SUBJECTS,

    /** Distinct events: (category, activity date, delivering agency, activity name). */
    EVENTS,

    /** The sum of the records' quantity. */
    QUANTITY
}
