package se.gransnav.delivery;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs something once the current (JMS) transaction has committed, or at once outside a
 * transaction: a delivery whose transaction rolls back was none, so it is recorded only after.
 *
 * <p>The hub's JMS routes run in the listener session's local transaction (see
 * {@code JmsConfiguration}), which Spring's transaction synchronisation does not see: there this
 * runs at once, at the end of the route, a moment before the container commits. If that commit
 * then fails, the record came early and the broker's redelivery records the delivery again.
 */
final class AfterCommit {

    private AfterCommit() {
    }

    static void run(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
