package io.liveinsight.dashboard.domain;

import io.liveinsight.event.site.SiteId;

/**
 * Which sites a request may read (docs/contract/sites.md#dashboard): every site (the deployment's
 * {@code DASHBOARD_TOKEN}, or a dashboard without one), or one site (that site's read token).
 *
 * @param site the one site readable, or null for every site
 */
public record SiteAccess(String site) {

    public static final SiteAccess EVERY_SITE = new SiteAccess(null);

    public SiteAccess {
        if (site != null) {
            SiteId.require(site);
        }
    }

    public static SiteAccess only(String site) {
        return new SiteAccess(site);
    }

    public boolean everySite() {
        return site == null;
    }

    public boolean reads(String asked) {
        return site == null || site.equals(asked);
    }

    /** The answer's error when {@code asked} is not readable. */
    public String refusal() {
        return "this token reads site " + site + " only";
    }
}
