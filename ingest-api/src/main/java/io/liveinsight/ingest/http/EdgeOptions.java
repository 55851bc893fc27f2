package io.liveinsight.ingest.http;

/**
 * How the edge treats clients, from the module's config.
 *
 * @param anonymizeIp keep only the network of the client address (IPv4 /24, IPv6 /48)
 * @param trustedProxyHops proxies in front of API Gateway whose X-Forwarded-For entry is believed (CloudFront: 1)
 * @param retryAfterSeconds the Retry-After of a 503
 */
public record EdgeOptions(boolean anonymizeIp, int trustedProxyHops, int retryAfterSeconds) {

    public static final EdgeOptions DEFAULTS = new EdgeOptions(true, 0, 1);

    public EdgeOptions {
        if (trustedProxyHops < 0 || retryAfterSeconds < 1) {
            throw new IllegalArgumentException("trustedProxyHops >= 0 and retryAfterSeconds >= 1");
        }
    }
}
