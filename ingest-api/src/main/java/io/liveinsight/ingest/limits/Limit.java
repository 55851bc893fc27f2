package io.liveinsight.ingest.limits;

/** The limits of docs/contract/sites.md#limits, by the name the 429 body and the reject reason use. */
public enum Limit {
    /** One anonymised client address within a site, per edge instance. */
    CLIENT("client"),
    /** One {@code session_id} within a site, per edge instance. */
    SESSION("session"),
    /** The site, shared by every edge instance. */
    SITE("site"),
    /** Every site together, shared by every edge instance. */
    DEPLOYMENT("deployment");

    private final String label;

    Limit(String label) {
        this.label = label;
    }

    /** {@code client}, {@code session}, {@code site} or {@code deployment}. */
    public String label() {
        return label;
    }
}
