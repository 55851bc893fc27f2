package io.liveinsight.sites.dynamodb;

/** An admin operation the registry refused, with the reason an operator can act on. */
public final class SiteAdminException extends RuntimeException {

    public enum Reason {
        /** {@code add} of an id the registry has. */
        EXISTS,
        /** No site has this id. */
        NOT_FOUND,
        /** Others changed the site meanwhile, again and again: nothing was written; try again. */
        CHANGED
    }

    private final Reason reason;

    public SiteAdminException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
