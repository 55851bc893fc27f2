package io.liveinsight.infra;

import io.liveinsight.event.contract.IndexSchema;
import io.liveinsight.event.contract.KeyAttribute;
import io.liveinsight.event.contract.TableSchema;
import io.liveinsight.event.contract.Tables;
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
 * The tables of the shared contract ({@link Tables}, docs/contract/tables.md#keys-and-indexes). On-demand by default;
 * provisioned tables (and their indexes) scale their read and write units between the configured floor and ceiling at
 * 70% utilisation.
 */
public final class TablesConstruct extends Construct {

    static final int TARGET_UTILIZATION_PERCENT = 70;

    private final InfraConfig config;
    private final Table events;
    private final Table sessions;
    private final Table activeSessions;
    private final Table stats;
    private final Table sites;

    public TablesConstruct(Construct scope, String id, InfraConfig config) {
        super(scope, id);
        this.config = config;
        this.events = table(Tables.EVENTS);
        this.sessions = table(Tables.SESSIONS);
        this.activeSessions = table(Tables.ACTIVE_SESSIONS);
        this.stats = table(Tables.STATS);
        this.sites = table(Tables.SITES);
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

    /** The rollups (docs/contract/tables.md#stats). */
    public Table stats() {
        return stats;
    }

    /** The registry of the sites, their key hashes and the shared budgets' leases (docs/contract/sites.md#registry). */
    public Table sites() {
        return sites;
    }

    /** Every table, in the order of {@link Tables#all()}. */
    public List<Table> all() {
        return List.of(events, sessions, activeSessions, stats, sites);
    }

    private Table table(TableSchema schema) {
        Table.Builder builder = Table.Builder.create(this, schema.suffix())
                .tableName(config.name(schema.suffix()))
                .partitionKey(key(schema.partitionKey()))
                .encryption(TableEncryption.AWS_MANAGED)
                .deletionProtection(config.isProd())
                .removalPolicy(config.isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(schema.backedUp())
                        .build());
        schema.sortKey().ifPresent(sortKey -> builder.sortKey(key(sortKey)));
        schema.timeToLiveAttribute().ifPresent(builder::timeToLiveAttribute);
        boolean provisioned = config.tableBilling() == InfraConfig.TableBilling.PROVISIONED;
        if (provisioned) {
            builder.billingMode(BillingMode.PROVISIONED)
                    .readCapacity(config.tableMinCapacity())
                    .writeCapacity(config.tableMinCapacity());
        } else {
            builder.billingMode(BillingMode.PAY_PER_REQUEST);
        }
        Table table = builder.build();
        if (provisioned) {
            scale(table.autoScaleReadCapacity(scaling()));
            scale(table.autoScaleWriteCapacity(scaling()));
        }
        schema.indexes().forEach(index -> index(table, index));
        return table;
    }

    private void index(Table table, IndexSchema schema) {
        GlobalSecondaryIndexProps.Builder index = GlobalSecondaryIndexProps.builder()
                .indexName(schema.name())
                .partitionKey(key(schema.partitionKey()))
                .sortKey(key(schema.sortKey()))
                .projectionType(ProjectionType.valueOf(schema.projection().name()));
        boolean provisioned = config.tableBilling() == InfraConfig.TableBilling.PROVISIONED;
        if (provisioned) {
            index.readCapacity(config.tableMinCapacity()).writeCapacity(config.tableMinCapacity());
        }
        table.addGlobalSecondaryIndex(index.build());
        if (provisioned) {
            scale(table.autoScaleGlobalSecondaryIndexReadCapacity(schema.name(), scaling()));
            scale(table.autoScaleGlobalSecondaryIndexWriteCapacity(schema.name(), scaling()));
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

    private static Attribute key(KeyAttribute key) {
        AttributeType type = key.type() == KeyAttribute.Type.NUMBER ? AttributeType.NUMBER : AttributeType.STRING;
        return Attribute.builder().name(key.name()).type(type).build();
    }
}
