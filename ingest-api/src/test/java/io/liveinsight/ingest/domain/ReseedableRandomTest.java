package io.liveinsight.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ReseedableRandomTest {

    @Test
    void reseed_whenCalled_startsANewSequenceOnEveryThread() {
        ReseedableRandom random = new ReseedableRandom();
        long before = random.nextLong();

        random.reseed();

        Set<Long> after = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            after.add(random.nextLong());
        }
        assertThat(after).hasSize(1_000).doesNotContain(before);
    }

    @Test
    void nextLong_whenManyThreads_neverRepeatsAcrossThem() throws Exception {
        ReseedableRandom random = new ReseedableRandom();
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        try (var executor = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                executor.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        seen.add(random.nextLong());
                    }
                });
            }
        }

        assertThat(seen).hasSize(80_000);
    }
}
