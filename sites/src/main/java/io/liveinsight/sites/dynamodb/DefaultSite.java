package io.liveinsight.sites.dynamodb;

import io.liveinsight.event.site.SiteId;
import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.sites.SiteSettings;
import java.util.List;
import java.util.Set;

/**
 * The default site (docs/contract/sites.md#the-default-site): the site of requests that name none, when the edge's
 * {@code DEFAULT_SITE} is on. {@link #ensure} gives the registry its item, so it is listed, shown in the dashboard's
 * site picker and given limits like any other; its keys are minted and not shown (rotate them to get one).
 */
public final class DefaultSite {

    public static final String NAME = "Default site";

    /** What {@link #ensure} found. */
    public enum State {
        /** There was none: it was added, active, with no hostnames and the default limits. */
        CREATED,
        /** It was there and active. */
        ACTIVE,
        /** It was there and disabled: an operator's choice, left as it is; requests naming no site are refused. */
        DISABLED
    }

    private DefaultSite() {}

    /** Adds the default site, with the contract's default limits, if the registry has none. */
    public static State ensure(SiteAdmin admin) {
        return ensure(admin, SiteLimits.DEFAULTS);
    }

    /** Adds the default site with {@code limits} if the registry has none; never changes one that exists. */
    public static State ensure(SiteAdmin admin, SiteLimits limits) {
        for (int attempt = 0; attempt < 2; attempt++) {
            var existing = admin.find(SiteId.DEFAULT);
            if (existing.isPresent()) {
                return existing.get().site().active() ? State.ACTIVE : State.DISABLED;
            }
            try {
                admin.add(SiteId.DEFAULT, settings(limits));
                return State.CREATED;
            } catch (SiteAdminException e) {
                if (e.reason() != SiteAdminException.Reason.EXISTS) {
                    throw e;
                }
                // another process added it between the read and the write: read what it wrote
            }
        }
        throw new IllegalStateException("the default site could not be read nor added");
    }

    /** No hostnames (requests naming no site carry no key to check a host against), default limits, UTC. */
    public static SiteSettings settings() {
        return settings(SiteLimits.DEFAULTS);
    }

    public static SiteSettings settings(SiteLimits limits) {
        return new SiteSettings(NAME, List.of(), limits, Set.of(), SiteSettings.DEFAULT_TIME_ZONE);
    }
}
