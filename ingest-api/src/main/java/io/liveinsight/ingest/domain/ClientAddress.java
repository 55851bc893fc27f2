package io.liveinsight.ingest.domain;

/** The client's address: the first hop of X-Forwarded-For (set by API Gateway and CloudFront), else the source IP. */
final class ClientAddress {

    private ClientAddress() {}

    static String of(IngestRequest request) {
        String forwarded = request.header("x-forwarded-for");
        if (forwarded != null && !forwarded.isBlank()) {
            int comma = forwarded.indexOf(',');
            return (comma >= 0 ? forwarded.substring(0, comma) : forwarded).strip();
        }
        return request.sourceIp();
    }
}
