package io.liveinsight.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonBudgetTest {

    @Test
    void take_whenItemsFillTheBudget_refusesTheOneThatWouldPassIt() {
        Map<String, String> item = Map.of("k", "😀"); // {"k":"😀"}: 12 bytes of UTF-8, 13 with its comma
        JsonBudget budget = new JsonBudget(2 + 13 * 3 + 3);

        assertThat(JsonBudget.bytes(item)).isEqualTo(12);
        assertThat(budget.take(item)).isTrue();
        assertThat(budget.take(item)).isTrue();
        assertThat(budget.take(item)).isTrue();
        assertThat(budget.take(item)).isFalse();
        assertThat(budget.take(Map.of())).isTrue(); // {} and its comma still fit: the refusal took nothing
        assertThat(budget.take(Map.of())).isFalse();
    }
}
