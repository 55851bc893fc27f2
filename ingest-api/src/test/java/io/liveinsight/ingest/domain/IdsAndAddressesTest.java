package io.liveinsight.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdsAndAddressesTest {

    @Test
    void uuidV7_whenMinted_carriesVersionVariantAndTime() {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        Ids ids = new Ids(Clock.fixed(now, ZoneOffset.UTC), new Random(1));

        UUID id = ids.uuidV7();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
        assertThat(ids.uuidV7()).isNotEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource({
        "203.0.113.77, 203.0.113.0",
        "8.8.8.8, 8.8.8.0",
        "2001:db8:85a3:1234::8a2e:370:7334, 2001:db8:85a3::",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8:0::",
        "::1, 0:0:0::",
        "fe80::1%eth0, fe80:0:0::",
        "999.1.1.1, ",
        "not-an-ip, ",
        "1.2.3, ",
    })
    void anonymize_whenAddress_keepsOnlyNetwork(String input, String expected) {
        assertThat(IpAnonymizer.anonymize(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', true",
        "'curl/8.5.0', true",
        "'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0', true",
        "'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1', false",
        "'', true",
    })
    void isBot_whenUserAgent_flagsAutomation(String userAgent, boolean bot) {
        assertThat(BotDetector.isBot(userAgent)).isEqualTo(bot);
    }
}
