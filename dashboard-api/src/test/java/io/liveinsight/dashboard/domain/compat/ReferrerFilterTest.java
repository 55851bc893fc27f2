package io.liveinsight.dashboard.domain.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReferrerFilterTest {

    @Test
    void of_whenABucketInAnyCase_matchesItsSources() {
        ReferrerFilter direct = ReferrerFilter.of("DIRECT");

        assertThat(direct.bucket()).isEqualTo("Direct");
        assertThat(direct.matches("direct")).isTrue();
        assertThat(direct.matches("internal")).isTrue();
        assertThat(direct.matches("google")).isFalse();
        assertThat(ReferrerFilter.of("other").matches("~other")).isTrue();
        assertThat(ReferrerFilter.of("other").matches("bing")).isTrue();
        assertThat(ReferrerFilter.of("Other").matches("facebook")).isFalse();
    }

    @Test
    void of_whenTheOriginalDirectLabel_isDirect() {
        assertThat(ReferrerFilter.of("직접 접속").bucket()).isEqualTo("Direct");
    }

    @Test
    void of_whenNoBucket_matchesThatSourceNameExactly() {
        ReferrerFilter bing = ReferrerFilter.of("bing");

        assertThat(bing.bucket()).isNull();
        assertThat(bing.matches("bing")).isTrue();
        assertThat(bing.matches("Bing")).isFalse();
        assertThat(ReferrerFilter.of("<script>").matches("<script>")).isTrue();
    }
}
