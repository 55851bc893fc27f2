package io.liveinsight.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The chaos run's short size, in the build: the whole pipeline (edge and two workers in child JVMs, both engines behind
 * fault proxies) under hostile session ids, a session of 5,000 events, every fault in turn, a shard split under
 * traffic, resends of events acknowledged a minute before, and then all together; the tables compared with every
 * acknowledgement. About five minutes; the full size is {@code -Pchaos} (see the README).
 */
class ChaosRunTest {

    private static final Path JAR = Path.of("../local/app/target/liveinsight-local.jar");

    @Test
    void everyAcknowledgedEventIsStoredOnceAndEverySessionIsRightAfterEveryFault() throws Exception {
        assertThat(JAR)
                .as("the local stack's jar, built before this module by the reactor")
                .isRegularFile();
        Path logs = Files.createDirectories(Path.of("target/chaos-test"));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

        ChaosResult result = new ChaosRun(ChaosSettings.ci(JAR, logs), out).run();
        out.println(ChaosReport.markdown(result, "ChaosRunTest"));

        assertThat(result.faults())
                .extracting(FaultRecord::name)
                .containsExactly(
                        "hostile session ids",
                        "session of 5,000 events",
                        "Kinesis throttling",
                        "Kinesis unreachable",
                        "DynamoDB throttling",
                        "DynamoDB down",
                        "consumer killed mid-batch",
                        "lease handover",
                        "resharding",
                        "poison records",
                        "duplicate submissions",
                        "resends minutes later",
                        "all of them together");
        assertThat(result.faults())
                .allSatisfy(f -> assertThat(f.ran()).as(f.name() + " ran").isTrue())
                .allSatisfy(f ->
                        assertThat(f.recovered()).as(f.name() + " recovered").isTrue());
        // The faults did bite: clients were told to resend while Kinesis was unreachable.
        assertThat(fault(result, "Kinesis unreachable").clients().unavailable()).isPositive();
        assertThat(fault(result, "resharding").injected())
                .contains("SplitShard of shardId-")
                .contains("SHARD_END");
        assertThat(fault(result, "session of 5,000 events").injected()).contains("expected as 2 segments");
        assertThat(result.resends()).isPositive();
        assertThat(result.workerRestarts()).isEqualTo(3);
        assertThat(result.duplicateEvents()).isPositive();
        assertThat(result.poisonPut())
                .isEqualTo(2L * ChaosSettings.ci(JAR, logs).poisonRecords());
        assertThat(result.poisonMissing()).isZero();
        assertThat(result.unacknowledged()).isZero();
        assertThat(result.eventsAccepted()).isGreaterThan(1_000);
        assertThat(result.check().examples()).isEmpty();
        assertThat(result.check().missing()).isZero();
        assertThat(result.check().duplicated()).isZero();
        assertThat(result.check().unexpected()).isZero();
        assertThat(result.check().sessionsMismatched()).isZero();
        assertThat(result.check().unexpectedSessionItems()).isZero();
        // Hostile ids, the attacks and the long session were stored as several segments each, under derived ids.
        assertThat(result.check().segmentsChecked() - result.check().sessionsChecked())
                .isGreaterThanOrEqualTo(HostileIds.punctuationAndUnicodeIds().size() + 3);
        assertThat(result.check().activeStale()).isZero();
        assertThat(result.check().storedEvents()).isEqualTo(result.check().expectedEvents());
        assertThat(result.passed()).isTrue();
    }

    private static FaultRecord fault(ChaosResult result, String name) {
        return result.faults().stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
