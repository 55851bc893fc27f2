package io.liveinsight.sites;

import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteLimits;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an operator sets on a site (docs/contract/sites.md#registry): everything but its id, keys and status. Checked
 * here, once, with {@link SiteRules}: an {@link IllegalArgumentException} names the first value that breaks a rule.
 *
 * @param hostnames lower-cased, without repeats, in the order given
 * @param conversions event types, sorted
 */
public record SiteSettings(
        String name, List<String> hostnames, SiteLimits limits, Set<String> conversions, String timeZone) {

    public static final String DEFAULT_TIME_ZONE = "UTC";

    public SiteSettings {
        check(SiteRules.nameError(name));
        Objects.requireNonNull(hostnames, "hostnames");
        if (hostnames.size() > SiteRules.MAX_HOSTNAMES) {
            throw new IllegalArgumentException("at most " + SiteRules.MAX_HOSTNAMES + " hostnames");
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (String hostname : hostnames) {
            String host = SiteRules.normalizeHostname(hostname);
            check(SiteRules.hostnameError(host));
            hosts.add(host);
        }
        hostnames = List.copyOf(new ArrayList<>(hosts));
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(conversions, "conversions");
        if (conversions.size() > SiteRules.MAX_CONVERSIONS) {
            throw new IllegalArgumentException("at most " + SiteRules.MAX_CONVERSIONS + " conversions");
        }
        conversions.forEach(type -> check(SiteRules.conversionError(type)));
        conversions = java.util.Collections.unmodifiableSet(new TreeSet<>(conversions));
        check(SiteRules.timeZoneError(timeZone));
    }

    /** A site's settings as it holds them now. */
    public static SiteSettings of(Site site) {
        return new SiteSettings(site.name(), site.hostnames(), site.limits(), site.conversions(), site.timeZone());
    }

    /** These settings with {@code change} applied: a field the change leaves null stays as it is. */
    public SiteSettings with(SiteChange change) {
        return new SiteSettings(
                change.name() != null ? change.name() : name,
                change.hostnames() != null ? change.hostnames() : hostnames,
                change.limits().applyTo(limits),
                change.conversions() != null ? change.conversions() : conversions,
                change.timeZone() != null ? change.timeZone() : timeZone);
    }

    private static void check(String error) {
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
    }
}
