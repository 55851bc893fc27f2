package io.liveinsight.local.engines;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The one set of dummy credentials used everywhere locally. DynamoDB Local keeps tables per access key and
 * region, so every client of the local stack must use exactly these.
 */
public final class LocalCredentials {

    public static final String ACCESS_KEY_ID = "000000000000";
    public static final String SECRET_ACCESS_KEY = "dummy";
    public static final Region REGION = Region.US_EAST_1;

    private LocalCredentials() {}

    public static StaticCredentialsProvider provider() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }
}
