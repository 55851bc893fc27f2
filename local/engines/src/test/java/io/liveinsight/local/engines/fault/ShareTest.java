package io.liveinsight.local.engines.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShareTest {

    @Test
    void everyNth_whenPicking_hitsTheNthAndItsMultiplesOnly() {
        Picker picker = Picker.of(Share.everyNth(3));

        List<Integer> hits =
                IntStream.rangeClosed(1, 10).filter(i -> picker.next()).boxed().toList();

        assertThat(hits).containsExactly(3, 6, 9);
    }

    @Test
    void of_whenProbabilityIsZeroOrOne_neverOrAlwaysHits() {
        Picker never = Picker.of(Share.of(0));
        Picker always = Picker.of(Share.of(1));

        assertThat(IntStream.range(0, 100).filter(i -> never.next()).count()).isZero();
        assertThat(IntStream.range(0, 100).filter(i -> always.next()).count()).isEqualTo(100);
    }

    @Test
    void of_whenSeeded_eachPickerStartsTheSameSequence() {
        Share share = Share.of(0.5, 3L);
        Picker first = Picker.of(share);
        Picker second = Picker.of(share);

        List<Boolean> a = IntStream.range(0, 50).mapToObj(i -> first.next()).toList();
        List<Boolean> b = IntStream.range(0, 50).mapToObj(i -> second.next()).toList();

        assertThat(a).isEqualTo(b).contains(true, false);
    }

    @Test
    void shares_whenOutOfRange_areRejected() {
        assertThatThrownBy(() -> Share.of(1.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Share.of(-0.1, 1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Share.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Share.everyNth(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
