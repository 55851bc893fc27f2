package io.liveinsight.sites.cli;

import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.sites.dynamodb.NewKeys;
import io.liveinsight.sites.dynamodb.StoredSite;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code bin/site} prints. Names come from operators and may hold anything the rules allow (astral characters,
 * {@code <script>}): they are printed as they are, but for control and bidirectional-override characters, shown as
 * {@code ?} so they cannot rewrite the terminal; and they never reach the HTML snippet.
 */
final class SiteText {

    /** The line above keys shown once (docs/contract/sites.md#keys). */
    static final String KEYS_WARNING =
            "WARNING: the keys below are shown only now. The registry keeps the server key and"
                    + " the read token as SHA-256 only: copy them now; lost, they can only be replaced (bin/site rotate).";

    private SiteText() {}

    static String site(StoredSite stored) {
        Site site = stored.site();
        StringBuilder out = new StringBuilder();
        out.append("site ")
                .append(site.id())
                .append(": ")
                .append(clean(site.name()))
                .append('\n');
        row(out, "status", site.active() ? "active" : "disabled (its keys are refused with 403)");
        row(
                out,
                "hostnames",
                site.hostnames().isEmpty()
                        ? "none: browsers cannot send with its write key (its server key works)"
                        : String.join(", ", site.hostnames()));
        row(out, "write key", site.writeKey() == null ? "none" : site.writeKey());
        row(out, "server key", secret(site.serverKeySha256(), site.id(), "--server"));
        row(out, "read token", secret(site.readTokenSha256(), site.id(), "--read"));
        row(out, "limits", limits(site.limits()));
        row(
                out,
                "conversions",
                site.conversions().isEmpty()
                        ? "none"
                        : String.join(", ", site.conversions().stream().sorted().toList()));
        row(out, "time zone", site.timeZone());
        if (stored.createdAt() > 0) {
            row(out, "created", Instant.ofEpochMilli(stored.createdAt()).toString());
        }
        if (stored.updatedAt() > 0) {
            row(out, "updated", Instant.ofEpochMilli(stored.updatedAt()).toString());
        }
        return out.toString();
    }

    static String list(List<StoredSite> sites) {
        if (sites.isEmpty()) {
            return "no sites (bin/site add <id> --name N --host shop.example adds one)\n";
        }
        StringBuilder out = new StringBuilder(String.format("%-32s  %-8s  %s%n", "id", "status", "name, hostnames"));
        for (StoredSite stored : sites) {
            Site site = stored.site();
            out.append(String.format(
                    "%-32s  %-8s  %s%s%n",
                    site.id(),
                    site.active() ? "active" : "disabled",
                    clean(site.name()),
                    site.hostnames().isEmpty() ? "" : " (" + String.join(", ", site.hostnames()) + ")"));
        }
        return out.toString();
    }

    /** The keys just minted, under the warning that they are shown only now. */
    static String keys(String siteId, NewKeys keys) {
        StringBuilder out = new StringBuilder(KEYS_WARNING).append('\n');
        for (Map.Entry<SiteKeys.Kind, String> key : keys.all().entrySet()) {
            String use =
                    switch (key.getKey()) {
                        case WRITE -> "public: the page's snippet (bin/site snippet " + siteId + ")";
                        case SERVER -> "secret: your servers send it as the X-LiveInsight-Key header";
                        case READ -> "secret: the dashboard's bearer token for this site only";
                    };
            out.append(String.format("  %-11s %s   %s%n", label(key.getKey()), key.getValue(), use));
        }
        return out.toString();
    }

    /**
     * The HTML to paste on the site's pages: the tracker's loader (tracker/README.md) with {@code init({ site,
     * endpoint })}. Only the id, the hostnames (both of a narrow charset), the write key and the checked addresses go
     * into it.
     */
    static String snippet(Site site, URI edgeUrl, URI scriptUrl) {
        String edge = SiteArgs.trimSlash(edgeUrl);
        return """
                <!-- LiveInsight, site %s: paste on every page of %s, before </head> -->
                <script>
                (function (w, d, n) {
                  var l = (w[n] = w[n] || { q: [] });
                  'init track identify optOut optIn flush'.split(' ').forEach(function (m) {
                    l[m] = l[m] || function () { l.q.push([m, arguments, Date.now()]); };
                  });
                  var s = d.createElement('script'); s.async = true; s.src = '%s'; d.head.appendChild(s);
                })(window, document, 'LiveInsight');
                LiveInsight.init({ site: '%s', endpoint: '%s/events' });
                </script>
                """.formatted(
                        site.id(),
                        site.hostnames().isEmpty()
                                ? "(no hostnames yet: bin/site set " + site.id() + " --host ...)"
                                : String.join(", ", site.hostnames()),
                        scriptUrl,
                        site.writeKey(),
                        edge);
    }

    static String limits(SiteLimits limits) {
        return "site %d/s (burst %d), client %d/s (burst %d), session %d/s (burst %d)"
                .formatted(
                        limits.siteEventsPerSecond(),
                        limits.siteBurst(),
                        limits.clientEventsPerSecond(),
                        limits.clientBurst(),
                        limits.sessionEventsPerSecond(),
                        limits.sessionBurst());
    }

    /** Control and bidirectional-override characters as {@code ?}; everything else as it is. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            boolean bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
            out.appendCodePoint(Character.isISOControl(c) || bidi ? '?' : c);
        });
        return out.toString();
    }

    private static String secret(String digest, String siteId, String option) {
        return digest == null
                ? "none (bin/site rotate " + siteId + " " + option + " makes one)"
                : "set, shown once when made (bin/site rotate " + siteId + " " + option + " replaces it)";
    }

    private static String label(SiteKeys.Kind kind) {
        return switch (kind) {
            case WRITE -> "write key";
            case SERVER -> "server key";
            case READ -> "read token";
        };
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append(String.format("  %-12s %s%n", label, value));
    }
}
