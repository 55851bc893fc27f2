package io.liveinsight.event.site;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One website on the deployment, as its registry item holds it (docs/contract/sites.md#registry). The secret keys are
 * held only as their SHA-256.
 *
 * @param hostnames lower-case host names, or {@code *.example.com} for its subdomains
 * @param writeKey the public write key (in the page's snippet)
 */
public record Site(
        String id,
        String name,
        List<String> hostnames,
        String writeKey,
        String serverKeySha256,
        String readTokenSha256,
        boolean active,
        SiteLimits limits,
        Set<String> conversions,
        String timeZone) {

    public Site {
        SiteId.require(id);
        Objects.requireNonNull(name);
        hostnames = hostnames.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        Objects.requireNonNull(limits);
        conversions = Set.copyOf(conversions);
        Objects.requireNonNull(timeZone);
    }

    /** Whether a page on {@code host} may send with this site's write key (a port, if any, is ignored). */
    public boolean allowsHost(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String bare = host.toLowerCase(Locale.ROOT);
        int colon = bare.lastIndexOf(':');
        if (colon > 0 && bare.indexOf(']') < colon) {
            bare = bare.substring(0, colon);
        }
        for (String allowed : hostnames) {
            if (allowed.startsWith("*.")
                    ? bare.endsWith(allowed.substring(1)) && bare.length() > allowed.length() - 1
                    : bare.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    public Site withActive(boolean isActive) {
        return new Site(
                id,
                name,
                hostnames,
                writeKey,
                serverKeySha256,
                readTokenSha256,
                isActive,
                limits,
                conversions,
                timeZone);
    }
}
