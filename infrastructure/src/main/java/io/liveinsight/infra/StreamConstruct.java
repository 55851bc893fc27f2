package io.liveinsight.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.constructs.Construct;

/** The events stream (on-demand, or provisioned shards) and the dead-letter stream; both encrypted at rest. */
public final class StreamConstruct extends Construct {

    /** Seven days: a week-end outage of the processor loses nothing. */
    static final Duration EVENTS_RETENTION = Duration.days(7);
    /** Poison records wait here for an operator. */
    static final Duration DEAD_LETTER_RETENTION = Duration.days(7);

    private final Stream events;
    private final Stream deadLetters;

    public StreamConstruct(Construct scope, String id, InfraConfig config) {
        super(scope, id);
        RemovalPolicy removal = config.isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
        Stream.Builder events = Stream.Builder.create(this, "Events")
                .streamName(config.name("Events"))
                .encryption(StreamEncryption.MANAGED)
                .retentionPeriod(EVENTS_RETENTION)
                .removalPolicy(removal);
        if (config.streamShards() == 0) {
            events.streamMode(StreamMode.ON_DEMAND);
        } else {
            events.streamMode(StreamMode.PROVISIONED).shardCount(config.streamShards());
        }
        this.events = events.build();
        this.deadLetters = Stream.Builder.create(this, "DeadLetters")
                .streamName(config.name("DeadLetters"))
                .encryption(StreamEncryption.MANAGED)
                .streamMode(StreamMode.ON_DEMAND)
                .retentionPeriod(DEAD_LETTER_RETENTION)
                .removalPolicy(removal)
                .build();
    }

    public Stream events() {
        return events;
    }

    public Stream deadLetters() {
        return deadLetters;
    }
}
