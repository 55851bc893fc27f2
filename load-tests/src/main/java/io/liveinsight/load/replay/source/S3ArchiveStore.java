package io.liveinsight.load.replay.source;

import io.liveinsight.event.archive.ArchiveLayout;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An archive under an S3 prefix (the Firehose archive: docs/contract/archive.md#layout), read with ListObjectsV2 and
 * GetObject only (the read-only policy a load tester needs: {@code s3:ListBucket} on the bucket with the prefix,
 * {@code s3:GetObject} under it). SDK errors become {@link IOException}s with the S3 error code, in {@link #failure}.
 */
public final class S3ArchiveStore implements ArchiveStore {

    private final S3Client s3;
    private final String bucket;
    private final String root;

    /** {@code root} is the key prefix of the archive ("" or ending in {@code /}). */
    public S3ArchiveStore(S3Client s3, String bucket, String root) {
        this.s3 = s3;
        this.bucket = bucket;
        this.root = root.isEmpty() || root.endsWith("/") ? root : root + "/";
    }

    /** {@code s3://bucket/prefix} as bucket and prefix; null when it is no such URL. */
    public static String[] parse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!"s3".equals(uri.getScheme())
                || uri.getHost() == null
                || uri.getHost().isEmpty()) {
            return null;
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        return new String[] {uri.getHost(), path.startsWith("/") ? path.substring(1) : path};
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + root;
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> names = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(
                            r -> r.bucket(bucket).prefix(root + prefix))
                    .contents()) {
                String name = object.key().substring(root.length());
                if (name.endsWith(ArchiveLayout.FILE_SUFFIX)) {
                    names.add(name);
                }
            }
        } catch (SdkException e) {
            throw failure("listing " + describe() + prefix, e);
        }
        names.sort(null);
        return names;
    }

    @Override
    public InputStream open(String name) throws IOException {
        try {
            return s3.getObject(r -> r.bucket(bucket).key(root + name));
        } catch (SdkException e) {
            throw failure("reading " + describe() + name, e);
        }
    }

    /** The one place S3 errors are translated: what was done, and S3's own short reason. */
    static IOException failure(String what, SdkException e) {
        String reason = e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service
                        && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + ")"
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new IOException(what + " failed: " + reason, e);
    }
}
