package org.lujing.ledger;

import org.springframework.stereotype.Component;

/** Placeholder until the statistics rollups land. */
@Component
public class StatisticsRollup {

    public void add(String recordPredicate, Object... params) {}

    public void remove(String recordPredicate, Object... params) {}
}
