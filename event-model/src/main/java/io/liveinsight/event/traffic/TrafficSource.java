package io.liveinsight.event.traffic;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a visit came from: a source name ({@code google}, {@code facebook}, {@code direct}, {@code internal}, or the
 * referring host), its {@link Channel}, and the page URL's {@link Campaign}. A campaign, when the page URL carries
 * one, decides; otherwise the referrer's host. Pure; never throws, whatever the strings.
 */
public record TrafficSource(String source, Channel channel, Campaign campaign) {

    public static final String DIRECT = "direct";
    public static final String INTERNAL = "internal";

    /** Search engines by brand label (any country domain), and the name each is counted under. */
    private static final Map<String, String> SEARCH_BRANDS = Map.of(
            "google", "google",
            "bing", "bing",
            "yahoo", "yahoo",
            "yandex", "yandex",
            "baidu", "baidu",
            "naver", "naver",
            "duckduckgo", "duckduckgo",
            "ecosia", "ecosia",
            "qwant", "qwant",
            "startpage", "startpage");

    /** Search sites that are not a brand's own domain. */
    private static final Map<String, String> SEARCH_HOSTS =
            Map.of("search.brave.com", "brave", "search.daum.net", "daum", "kagi.com", "kagi");

    /** Social networks by domain (and their link shorteners), and the name each is counted under. */
    private static final Map<String, String> SOCIAL_DOMAINS = Map.ofEntries(
            Map.entry("facebook.com", "facebook"),
            Map.entry("fb.me", "facebook"),
            Map.entry("instagram.com", "instagram"),
            Map.entry("twitter.com", "twitter"),
            Map.entry("x.com", "twitter"),
            Map.entry("t.co", "twitter"),
            Map.entry("linkedin.com", "linkedin"),
            Map.entry("lnkd.in", "linkedin"),
            Map.entry("reddit.com", "reddit"),
            Map.entry("youtube.com", "youtube"),
            Map.entry("youtu.be", "youtube"),
            Map.entry("tiktok.com", "tiktok"),
            Map.entry("pinterest.com", "pinterest"),
            Map.entry("threads.net", "threads"),
            Map.entry("kakao.com", "kakao"),
            Map.entry("band.us", "band"),
            Map.entry("line.me", "line"),
            Map.entry("vk.com", "vk"),
            Map.entry("weibo.com", "weibo"),
            Map.entry("mastodon.social", "mastodon"),
            Map.entry("bsky.app", "bluesky"));

    /** Web mail: a link followed from an e-mail. */
    private static final List<String> MAIL_HOSTS =
            List.of("mail.google.com", "outlook.live.com", "outlook.office.com", "mail.yahoo.com", "mail.naver.com");

    private static final Pattern DISPLAY_MEDIUM =
            Pattern.compile("display|banner|expandable|interstitial|cpm|affiliate");
    private static final Pattern PAID_MEDIUM = Pattern.compile(".*cp.*|ppc|retargeting|paid.*");
    private static final Pattern EMAIL_MEDIUM = Pattern.compile("e[-_ ]?mail|newsletter");
    private static final Pattern SOCIAL_MEDIUM =
            Pattern.compile("social|social[-_ ]?(network|media)|sm|organic[-_ ]?social");

    private static final Set<String> SEARCH_NAMES = Set.copyOf(SEARCH_BRANDS.values());
    private static final Set<String> SOCIAL_NAMES = Set.copyOf(SOCIAL_DOMAINS.values());

    /** The source of a page view reached from {@code referrer} at {@code pageUrl} (either may be null or garbage). */
    public static TrafficSource of(String referrer, String pageUrl) {
        Campaign campaign = Campaign.of(pageUrl);
        String referrerHost = Hosts.of(referrer);
        String referred = referrerHost == null ? null : named(referrerHost);
        if (campaign.source() != null || campaign.medium() != null) {
            String source = campaign.source() != null ? campaign.source() : referred != null ? referred : DIRECT;
            return new TrafficSource(source, byMedium(campaign.medium(), source), campaign);
        }
        if (campaign.clickIdParameter() != null) {
            String network = campaign.clickIdNetwork().orElseThrow();
            Channel channel = network.equals("facebook")
                    ? Channel.ORGANIC_SOCIAL // Facebook adds fbclid to every outbound link, not only ads
                    : SOCIAL_NAMES.contains(network) ? Channel.PAID_SOCIAL : Channel.PAID_SEARCH;
            return new TrafficSource(network, channel, campaign);
        }
        if (referrerHost == null) {
            return new TrafficSource(DIRECT, Channel.DIRECT, campaign);
        }
        String pageHost = Hosts.of(pageUrl);
        if (pageHost != null && Hosts.bare(pageHost).equals(Hosts.bare(referrerHost))) {
            return new TrafficSource(INTERNAL, Channel.INTERNAL, campaign);
        }
        return new TrafficSource(referred, byReferrer(referrerHost, referred), campaign);
    }

    /**
     * The original dashboard's five buckets ({@code Google}, {@code Facebook}, {@code Twitter}, {@code Direct},
     * {@code Other}); internal navigation counts as direct there.
     */
    public String originalBucket() {
        return switch (source) {
            case "google" -> "Google";
            case "facebook" -> "Facebook";
            case "twitter" -> "Twitter";
            case DIRECT, INTERNAL -> "Direct";
            default -> "Other";
        };
    }

    /** A known site's name ({@code www.google.co.uk} -> {@code google}), else the host without {@code www.}. */
    private static String named(String host) {
        for (Map.Entry<String, String> search : SEARCH_HOSTS.entrySet()) {
            if (Hosts.within(host, search.getKey())) {
                return search.getValue();
            }
        }
        for (Map.Entry<String, String> social : SOCIAL_DOMAINS.entrySet()) {
            if (Hosts.within(host, social.getKey())) {
                return social.getValue();
            }
        }
        if (MAIL_HOSTS.contains(host)) {
            return Hosts.bare(host);
        }
        for (Map.Entry<String, String> search : SEARCH_BRANDS.entrySet()) {
            if (Hosts.brand(host, search.getKey())) {
                return search.getValue();
            }
        }
        return Hosts.bare(host);
    }

    private static Channel byReferrer(String host, String name) {
        if (MAIL_HOSTS.contains(host)) {
            return Channel.EMAIL;
        }
        if (SEARCH_NAMES.contains(name) || SEARCH_HOSTS.containsValue(name)) {
            return Channel.ORGANIC_SEARCH;
        }
        if (SOCIAL_NAMES.contains(name)) {
            return Channel.ORGANIC_SOCIAL;
        }
        return Channel.REFERRAL;
    }

    /** The channel a campaign's medium names (the default channel groups of the common analytics tools). */
    private static Channel byMedium(String medium, String source) {
        String m = medium == null ? "" : medium.toLowerCase(Locale.ROOT);
        boolean social = SOCIAL_NAMES.contains(source);
        if (DISPLAY_MEDIUM.matcher(m).matches()) {
            return Channel.DISPLAY;
        }
        if (PAID_MEDIUM.matcher(m).matches()) {
            return social ? Channel.PAID_SOCIAL : Channel.PAID_SEARCH;
        }
        if (EMAIL_MEDIUM.matcher(m).matches()) {
            return Channel.EMAIL;
        }
        if (SOCIAL_MEDIUM.matcher(m).matches()) {
            return Channel.ORGANIC_SOCIAL;
        }
        if (m.equals("organic")) {
            return SEARCH_NAMES.contains(source) ? Channel.ORGANIC_SEARCH : Channel.REFERRAL;
        }
        if (m.equals("referral")) {
            return social ? Channel.ORGANIC_SOCIAL : Channel.REFERRAL;
        }
        return m.isEmpty() && social ? Channel.ORGANIC_SOCIAL : Channel.OTHER_CAMPAIGN;
    }
}
