package io.liveinsight.sites;

import java.util.List;
import java.util.Set;

/**
 * A change to a site's settings ({@code bin/site set}, and the settings of {@code bin/site add} over the defaults): a
 * null field is left as it is. Checked when applied ({@link SiteSettings#with}).
 */
public record SiteChange(
        String name, List<String> hostnames, LimitsChange limits, Set<String> conversions, String timeZone) {

    public static final SiteChange NONE = new SiteChange(null, null, LimitsChange.NONE, null, null);

    public SiteChange {
        hostnames = hostnames == null ? null : List.copyOf(hostnames);
        limits = limits == null ? LimitsChange.NONE : limits;
        conversions = conversions == null ? null : Set.copyOf(conversions);
    }

    public boolean isEmpty() {
        return name == null && hostnames == null && limits.isEmpty() && conversions == null && timeZone == null;
    }
}
