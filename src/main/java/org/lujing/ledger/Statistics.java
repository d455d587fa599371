package org.lujing.ledger;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The period's figures per category, counted only over people on the roster, with the records still pending
 * identification on a line of their own. Carries no identity at all.
 */
public record Statistics(
        Period period,
        Map<Category, Figures> byCategory,
        long pendingRecords,
        long pendingSubjects,
        long partnerUnits) {

    /**
     * @param records records (person-times)
     * @param subjects distinct persons
     * @param events distinct (date, agency, activity name)
     * @param quantity sum of quantity
     */
    public record Figures(long records, long subjects, long events, BigDecimal quantity) {

        public static final Figures ZERO = new Figures(0, 0, 0, BigDecimal.ZERO);

        /** The figure in the category's own unit (domain.md's counting rule). */
        public BigDecimal value(Category category) {
            return switch (category.countingRule()) {
                case RECORDS -> BigDecimal.valueOf(records);
                case SUBJECTS -> BigDecimal.valueOf(subjects);
                case EVENTS -> BigDecimal.valueOf(events);
                case QUANTITY -> quantity;
            };
        }
    }

    public Figures figures(Category category) {
        return byCategory.getOrDefault(category, Figures.ZERO);
    }
}
