package io.liveinsight.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardKeysTest {

    private static final BigInteger MAX = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);
    private static final BigInteger HALF = BigInteger.TWO.pow(127);

    @Test
    void hashIsTheUnsignedMd5OfTheKey() {
        // MD5("a") = 0cc175b9c0f1b6a831c399e269772661
        assertThat(ShardKeys.hash("a")).isEqualTo(new BigInteger("0cc175b9c0f1b6a831c399e269772661", 16));
        assertThat(ShardKeys.hash("")).isEqualTo(new BigInteger("d41d8cd98f00b204e9800998ecf8427e", 16));
    }

    @Test
    void findsOneKeyInEachRangeInOrder() {
        List<ShardKeys.HashRange> ranges = List.of(
                new ShardKeys.HashRange(BigInteger.ZERO, HALF.subtract(BigInteger.ONE)),
                new ShardKeys.HashRange(HALF, MAX));

        List<String> keys = ShardKeys.onePerShard("probe-", ranges);

        assertThat(keys).hasSize(2).allMatch(k -> k.startsWith("probe-"));
        assertThat(ranges.get(0).contains(ShardKeys.hash(keys.get(0)))).isTrue();
        assertThat(ranges.get(1).contains(ShardKeys.hash(keys.get(1)))).isTrue();
    }
}
