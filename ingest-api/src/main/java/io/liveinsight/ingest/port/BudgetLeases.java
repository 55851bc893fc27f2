package io.liveinsight.ingest.port;

/**
 * The shared budgets' store (docs/contract/sites.md#shared-budgets): each scope's budget is cut into 1-second windows,
 * and edge instances take slices of a window's budget, never more than it holds in total. The DynamoDB adapter keeps
 * one counter item per scope and window on the Sites table.
 */
public interface BudgetLeases {

    /**
     * Takes up to {@code wanted} events of the window's {@code budget}: all of them if they fit, else what is left.
     *
     * @param scope whose budget ({@code site~<id>} or {@code deployment})
     * @param window the window's start, epoch seconds
     */
    Lease take(String scope, long window, int budget, int wanted);

    /**
     * What a take got.
     *
     * @param granted events taken, 0 to {@code wanted}; fewer than wanted: the window has no more
     * @param takenAfter the window's events handed out after this take, every instance's
     * @param takes the takes that got events from the window so far, this one included (how many instances share
     *     it: {@code SharedBucket} divides its slice by them)
     * @param available false when the store did not answer (nothing was taken; the caller decides)
     */
    record Lease(int granted, long takenAfter, long takes, boolean available) {

        public static final Lease UNAVAILABLE = new Lease(0, 0, 0, false);

        public static Lease granted(int granted, long takenAfter, long takes) {
            return new Lease(granted, takenAfter, takes, true);
        }
    }
}
