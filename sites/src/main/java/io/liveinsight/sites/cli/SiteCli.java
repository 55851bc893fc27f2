package io.liveinsight.sites.cli;

import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.sites.SiteSettings;
import io.liveinsight.sites.dynamodb.SiteAdmin;
import io.liveinsight.sites.dynamodb.SiteAdminException;
import io.liveinsight.sites.dynamodb.StoredSite;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * {@code bin/site}: the registry's admin command (docs/contract/sites.md#registry). {@link #run} is the whole command
 * in-process. Exit codes: 0 done; 1 the registry refused or failed (no such site, an id taken, DynamoDB unreachable);
 * 2 bad arguments or settings, nothing written.
 */
public final class SiteCli {

    /**
     * The local engines' dummy credentials ({@code io.liveinsight.local.engines.LocalCredentials}, which this module
     * does not ship with: a parity test holds them equal). DynamoDB Local keeps tables per access key unless shared.
     */
    static final String LOCAL_ACCESS_KEY_ID = "000000000000";

    static final String LOCAL_SECRET_ACCESS_KEY = "dummy";
    static final Region LOCAL_REGION = Region.US_EAST_1;
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    private SiteCli() {}

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    /** Runs one command; what it prints goes to {@code out}, errors and warnings to {@code err}. */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        SiteArgs args;
        try {
            args = SiteArgs.parse(argv);
        } catch (IllegalArgumentException e) {
            err.println("bin/site: " + e.getMessage());
            err.println("(bin/site --help shows every command and option)");
            return 2;
        }
        if (args.help()) {
            out.print(Usage.TEXT);
            return 0;
        }
        String where = args.connection().aws()
                ? "AWS"
                        + (args.connection().region() == null
                                ? ""
                                : " " + args.connection().region())
                : args.connection().endpoint().toString();
        String table = args.connection().sitesTable();
        try (DynamoDbClient dynamoDb = client(args.connection())) {
            return execute(args, new SiteAdmin(dynamoDb, table), out, err);
        } catch (IllegalArgumentException e) {
            err.println("bin/site: " + e.getMessage() + " (nothing was written)");
            return 2;
        } catch (SiteAdminException e) {
            err.println("bin/site: " + e.getMessage());
            return 1;
        } catch (ResourceNotFoundException e) {
            err.println("bin/site: no table " + table + " at " + where + ": "
                    + (args.connection().aws()
                            ? "is the stage deployed in this account and region (--stage, --region)?"
                            : "is the local stack running (bin/run-local), and the prefix right (--table-prefix)?"));
            return 1;
        } catch (SdkClientException e) {
            err.println("bin/site: cannot reach DynamoDB at " + where + ": " + e.getMessage()
                    + (args.connection().aws() ? "" : " (is the local stack running? bin/run-local)"));
            return 1;
        } catch (SdkException e) {
            err.println("bin/site: DynamoDB at " + where + " refused: " + e.getMessage());
            return 1;
        }
    }

    static int execute(SiteArgs args, SiteAdmin admin, PrintStream out, PrintStream err) {
        String id = args.siteId();
        switch (args.command()) {
            case ADD -> {
                SiteSettings settings = defaults(id).with(args.change());
                SiteAdmin.Minted added = admin.add(id, settings);
                out.println("added site " + id + ", active");
                out.print(SiteText.site(admin.find(id).orElseThrow()));
                if (settings.hostnames().isEmpty()) {
                    err.println("bin/site: note: no --host given: browsers cannot send with its write key until "
                            + "bin/site set " + id + " --host <hostname>");
                }
                out.print(SiteText.keys(id, added.keys()));
            }
            case LIST -> out.print(SiteText.list(admin.list()));
            case SHOW -> out.print(SiteText.site(require(admin, id)));
            case ROTATE -> {
                SiteAdmin.Minted rotated = admin.rotate(id, args.kinds());
                out.println("rotated " + kinds(args) + " of site " + id + ": the old "
                        + (args.kinds().size() == 1 ? "one is" : "ones are")
                        + " refused from now on (at an edge within its cache age, 30 s)");
                out.print(SiteText.keys(id, rotated.keys()));
            }
            case DISABLE -> {
                admin.setActive(id, false);
                out.println("disabled site " + id + ": its keys are refused with 403 (at an edge within 30 s)");
            }
            case ENABLE -> {
                admin.setActive(id, true);
                out.println("enabled site " + id);
            }
            case SET -> {
                admin.change(id, args.change());
                out.println("changed site " + id);
                out.print(SiteText.site(require(admin, id)));
            }
            case SNIPPET -> {
                StoredSite stored = require(admin, id);
                if (!stored.site().active()) {
                    err.println("bin/site: warning: site " + id + " is disabled: the edge refuses its key until "
                            + "bin/site enable " + id);
                }
                if (stored.site().hostnames().isEmpty()) {
                    err.println("bin/site: warning: site " + id + " has no hostnames: browsers cannot send with "
                            + "its write key until bin/site set " + id + " --host <hostname>");
                }
                out.print(SiteText.snippet(stored.site(), args.edgeUrl(), args.scriptUrl()));
            }
            default -> throw new IllegalStateException("unhandled command " + args.command());
        }
        return 0;
    }

    /** A new site's settings before the options: named after its id, no hostnames, default limits, UTC. */
    static SiteSettings defaults(String id) {
        return new SiteSettings(id, List.of(), SiteLimits.DEFAULTS, Set.of(), SiteSettings.DEFAULT_TIME_ZONE);
    }

    private static StoredSite require(SiteAdmin admin, String id) {
        return admin.find(id)
                .orElseThrow(() -> new SiteAdminException(SiteAdminException.Reason.NOT_FOUND, "no site " + id));
    }

    private static String kinds(SiteArgs args) {
        return String.join(
                ", ",
                args.kinds().stream()
                        .map(kind -> switch (kind) {
                            case WRITE -> "the write key";
                            case SERVER -> "the server key";
                            case READ -> "the read token";
                        })
                        .toList());
    }

    static DynamoDbClient client(SiteArgs.Connection connection) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.apiCallTimeout(CALL_TIMEOUT));
        if (connection.aws()) {
            if (connection.region() != null) {
                builder.region(Region.of(connection.region()));
            }
            return builder.build(); // the default credential chain
        }
        return builder.endpointOverride(connection.endpoint())
                .region(LOCAL_REGION)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCAL_ACCESS_KEY_ID, LOCAL_SECRET_ACCESS_KEY)))
                .build();
    }
}
