package io.liveinsight.processor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import io.liveinsight.event.EventLimits;
import io.liveinsight.event.EventValidator;
import io.liveinsight.event.SessionIds;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Derived session ids never meet an id a client may send, whatever characters the client used. */
class SessionIdsProperties {

    /** Any id the validator accepts: 1-128 code points, hostile separators and astral characters included. */
    @Provide
    Arbitrary<String> clientIds() {
        Arbitrary<Integer> hostile = Arbitraries.of(
                (int) '~', (int) '#', (int) '|', (int) ':', 0, 0x7f, 0x2028, 0xfeff, 0x1f600, 0x10ffff, (int) '9');
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 0x10ffff).filter(cp -> cp < 0xd800 || cp > 0xdfff);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, hostile), net.jqwik.api.Tuple.of(1, any))
                .list()
                .ofMinSize(1)
                .ofMaxSize(EventLimits.MAX_SESSION_ID_CHARS)
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
    }

    @Property(tries = 2000)
    void derivedId_isNeverAnIdTheValidatorAccepts(
            @ForAll("clientIds") String clientId, @ForAll @IntRange(min = 1, max = 100_000) int ordinal) {
        String derived = SessionIds.segmentId(clientId, ordinal);

        assertThat(EventValidator.validate(withSession(clientId))).isEmpty();
        assertThat(EventValidator.validate(withSession(derived)))
                .anySatisfy(error -> assertThat(error.field()).isEqualTo("session_id"));
        assertThat(SessionIds.isDerived(derived)).isTrue();
        assertThat(SessionIds.isDerived(clientId)).isFalse();
    }

    @Property(tries = 2000)
    void derivedId_givesBackItsClientIdAndOrdinal(
            @ForAll("clientIds") String clientId, @ForAll @IntRange(min = 0, max = 100_000) int ordinal) {
        String id = SessionIds.segmentId(clientId, ordinal);

        assertThat(SessionIds.clientSessionId(id)).isEqualTo(clientId);
        assertThat(SessionIds.ordinal(id)).isEqualTo(ordinal);
    }

    @Property(tries = 2000)
    void twoDifferentSegments_neverShareAnId(
            @ForAll("clientIds") String a,
            @ForAll @IntRange(min = 0, max = 50) int ordinalA,
            @ForAll("clientIds") String suffix,
            @ForAll @IntRange(min = 0, max = 50) int ordinalB) {
        // b is a's id with something appended: the hardest case for a separator-based scheme.
        String b = (a + suffix).codePointCount(0, (a + suffix).length()) <= EventLimits.MAX_SESSION_ID_CHARS
                ? a + suffix
                : suffix;

        boolean same = a.equals(b) && ordinalA == ordinalB;
        assertThat(SessionIds.segmentId(a, ordinalA).equals(SessionIds.segmentId(b, ordinalB)))
                .isEqualTo(same);
    }

    private static Event withSession(String sessionId) {
        return new Event(
                "e1",
                "u1",
                sessionId,
                "page_view",
                1_000,
                "/",
                null,
                null,
                Map.of(),
                null,
                null,
                null,
                null,
                1_000,
                null,
                false,
                false);
    }
}
