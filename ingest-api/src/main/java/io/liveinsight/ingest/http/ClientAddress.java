package io.liveinsight.ingest.http;

/**
 * The client's address. API Gateway appends the address it saw to X-Forwarded-For and reports it as the source IP;
 * whatever stands to the left of it was written by the client or by proxies in front, so only as many entries as
 * there are trusted proxies in front of API Gateway (CloudFront: 1) are believed.
 */
final class ClientAddress {

    private ClientAddress() {}

    static String of(IngestRequest request, int trustedProxyHops) {
        String sourceIp = request.sourceIp();
        if (trustedProxyHops == 0 && sourceIp != null && !sourceIp.isBlank()) {
            return sourceIp.strip();
        }
        String forwarded = request.header("x-forwarded-for");
        if (forwarded == null || forwarded.isBlank()) {
            return sourceIp;
        }
        String[] hops = forwarded.split(",");
        int index = hops.length - 1 - trustedProxyHops;
        return hops[Math.max(index, 0)].strip();
    }
}
