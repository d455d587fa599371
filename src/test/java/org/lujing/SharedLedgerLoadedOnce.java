package org.lujing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared context for a class whose tests only read one fixture that the class loads once (the pilot year in a
 * {@code @BeforeAll} of its own, which runs after this one): the ledger and the inbox are emptied once, before the
 * class loads it, not before each test. Same configuration as {@link SharedLedgerContext}, so the same cached
 * context. A test here may add to the ledger only what every other test of its class could have added too (a
 * reconciliation run of the same day, say): no test may depend on the order they run in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SharedLedgerLoadedOnce extends SharedLedgerContext {

    @BeforeAll
    void startTheClassFromAnEmptyLedger() {
        emptyTheLedgerAndTheInbox();
    }

    @Override
    final boolean emptiesBeforeEachTest() {
        return false;
    }
}
