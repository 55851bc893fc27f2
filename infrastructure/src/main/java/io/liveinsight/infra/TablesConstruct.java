package io.liveinsight.infra;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.EnableScalingProps;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.IScalableTableAttribute;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.dynamodb.UtilizationScalingProps;
import software.constructs.Construct;

/**
 * The three tables exactly as docs/contract/tables.md#keys-and-indexes has them. On-demand by default; provisioned
 * tables (and their indexes) scale their read and write units between the configured floor and ceiling at 70%
 * utilisation.
 */
public final class TablesConstruct extends Construct {

    public static final String USER_INDEX = "UserIndex";
    public static final String SESSION_INDEX = "SessionIndex";
    static final int TARGET_UTILIZATION_PERCENT = 70;

    private final InfraConfig config;
    private final Table events;
    private final Table sessions;
    private final Table activeSessions;

    public TablesConstruct(Construct scope, String id, InfraConfig config) {
        super(scope, id);
        this.config = config;
        this.events = table("Events", key("event_id", AttributeType.STRING), key("timestamp", AttributeType.NUMBER));
        index(events, USER_INDEX, "user_id", "timestamp", ProjectionType.ALL);
        index(events, SESSION_INDEX, "session_id", "timestamp", ProjectionType.ALL);
        this.sessions = table("Sessions", key("session_id", AttributeType.STRING), null);
        // Keys only: a session is rewritten on every batch, and an index whose projected attributes do not change
        // costs no write; the dashboard reads a user's sessions by key from the table.
        index(sessions, USER_INDEX, "user_id", "start_time", ProjectionType.KEYS_ONLY);
        this.activeSessions = table("ActiveSessions", key("session_id", AttributeType.STRING), null);
    }

    public Table events() {
        return events;
    }

    public Table sessions() {
        return sessions;
    }

    public Table activeSessions() {
        return activeSessions;
    }

    public List<Table> all() {
        return List.of(events, sessions, activeSessions);
    }

    private Table table(String name, Attribute partitionKey, Attribute sortKey) {
        boolean active = name.equals("ActiveSessions");
        Table.Builder builder = Table.Builder.create(this, name)
                .tableName(config.name(name))
                .partitionKey(partitionKey)
                .encryption(TableEncryption.AWS_MANAGED)
                .deletionProtection(config.isProd())
                .removalPolicy(config.isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                // ActiveSessions is a projection rebuilt from Sessions: no backups needed.
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(!active)
                        .build());
        if (sortKey != null) {
            builder.sortKey(sortKey);
        }
        if (active) {
            builder.timeToLiveAttribute("expires_at");
        }
        if (config.tableBilling() == InfraConfig.TableBilling.PROVISIONED) {
            builder.billingMode(BillingMode.PROVISIONED)
                    .readCapacity(config.tableMinCapacity())
                    .writeCapacity(config.tableMinCapacity());
        } else {
            builder.billingMode(BillingMode.PAY_PER_REQUEST);
        }
        Table table = builder.build();
        if (config.tableBilling() == InfraConfig.TableBilling.PROVISIONED) {
            scale(table.autoScaleReadCapacity(scaling()));
            scale(table.autoScaleWriteCapacity(scaling()));
        }
        return table;
    }

    private void index(Table table, String name, String partitionKey, String sortKey, ProjectionType projection) {
        GlobalSecondaryIndexProps.Builder index = GlobalSecondaryIndexProps.builder()
                .indexName(name)
                .partitionKey(key(partitionKey, AttributeType.STRING))
                .sortKey(key(sortKey, AttributeType.NUMBER))
                .projectionType(projection);
        boolean provisioned = config.tableBilling() == InfraConfig.TableBilling.PROVISIONED;
        if (provisioned) {
            index.readCapacity(config.tableMinCapacity()).writeCapacity(config.tableMinCapacity());
        }
        table.addGlobalSecondaryIndex(index.build());
        if (provisioned) {
            scale(table.autoScaleGlobalSecondaryIndexReadCapacity(name, scaling()));
            scale(table.autoScaleGlobalSecondaryIndexWriteCapacity(name, scaling()));
        }
    }

    private EnableScalingProps scaling() {
        return EnableScalingProps.builder()
                .minCapacity(config.tableMinCapacity())
                .maxCapacity(config.tableMaxCapacity())
                .build();
    }

    private static void scale(IScalableTableAttribute attribute) {
        attribute.scaleOnUtilization(UtilizationScalingProps.builder()
                .targetUtilizationPercent(TARGET_UTILIZATION_PERCENT)
                .build());
    }

    private static Attribute key(String name, AttributeType type) {
        return Attribute.builder().name(name).type(type).build();
    }
}
