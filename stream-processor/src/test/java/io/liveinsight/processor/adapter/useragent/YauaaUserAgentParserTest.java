package io.liveinsight.processor.adapter.useragent;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.EventLimits;
import io.liveinsight.processor.port.UserAgentParser.Client;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cites docs/contract/events.md#enrichment: real user agents, and anything else a client may send. */
class YauaaUserAgentParserTest {

    /** The process's parser: its rules load once for every test of the JVM. */
    private static final YauaaUserAgentParser PARSER = YauaaUserAgentParser.shared();

    static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like"
            + " Gecko) Chrome/120.0.0.0 Safari/537.36";

    @ParameterizedTest(name = "{1} / {2} / {3}: {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                CHROME_WINDOWS + "| Chrome | Windows NT | desktop",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                        + " Version/17.1 Mobile/15E148 Safari/604.1 | Safari | iOS | phone",
                "Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1"
                        + " Mobile/15E148 Safari/604.1 | Safari | iOS | tablet",
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/120.0.6099.144 Mobile Safari/537.36 | Chrome | Android | phone",
                "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/120.0.6099.144 Safari/537.36 | Chrome | Android | tablet",
                "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0 | Firefox | Linux | desktop",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91 | Edge | Windows NT | desktop",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                        + " Version/17.1 Safari/605.1.15 | Safari | Mac OS | desktop",
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) | Googlebot | Google Cloud"
                        + " | robot",
                "curl/8.4.0 | Curl | Cloud | robot",
            })
    void parse_whenARealUserAgent_namesBrowserOsAndDeviceClass(
            String userAgent, String browser, String os, String device) {
        assertThat(PARSER.parse(userAgent)).isEqualTo(new Client(browser, os, device));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n"})
    void parse_whenNoUserAgent_isUnknown(String userAgent) {
        assertThat(PARSER.parse(userAgent)).isEqualTo(Client.UNKNOWN);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<script>alert(1)</script>",
                "Mozilla/5.0 (Windows NT 10.0) <script>alert(1)</script>",
                "' OR 1=1 --",
            })
    void parse_whenAnInjectionAttempt_saysWhatYauaaSays(String userAgent) {
        assertThat(PARSER.parse(userAgent)).isEqualTo(new Client("Hacker", "Hacker", "hacker"));
    }

    @Test
    void parse_whenLongerThanTheContractAllows_saysHacker() {
        String longer = CHROME_WINDOWS + " " + "Extension/1.0 ".repeat(40);

        assertThat(longer.length()).isGreaterThan(EventLimits.MAX_USER_AGENT_CHARS);
        assertThat(PARSER.parse(longer)).isEqualTo(new Client("Hacker", "Hacker", "hacker"));
        assertThat(PARSER.parse(longer.substring(0, EventLimits.MAX_USER_AGENT_CHARS)))
                .isEqualTo(new Client("Chrome", "Windows NT", "desktop"));
    }

    @Test
    void parse_whenAnUnknownAgentNamesItself_keepsTheNameCut() {
        Client client = PARSER.parse("MyCrawler" + "a".repeat(400) + "/1.0");

        assertThat(client.browser()).startsWith("MyCrawler").hasSize(YauaaUserAgentParser.MAX_NAME);
        assertThat(client.device()).isEqualTo("robot");
    }

    @Test
    void parse_whenHostileText_neverThrowsAndKeepsNamesShort() {
        List<String> hostile = List.of(
                "x".repeat(10 * 1024),
                "Mozilla/5.0 (" + "a; ".repeat(3_000) + ")",
                "(".repeat(512),
                "Mozilla/5.0 (" + "(".repeat(500),
                "\u0000\u0001\u0002\u00ff\ufffe garbage \u202e",
                "\uD800 unpaired \uDFFF surrogates",
                "\uD83D\uDE00".repeat(256),
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) " + "AppleWebKit/537.36 ".repeat(20),
                "MyCrawler" + "a".repeat(400) + "/1.0",
                "~ # | ~other %00 %s %n {{7*7}} ${jndi:ldap://x}");
        for (String userAgent : hostile) {
            Client client = PARSER.parse(userAgent);

            assertThat(client.browser()).isNotBlank();
            assertThat(client.os()).isNotBlank();
            assertThat(client.device()).isNotBlank().doesNotContain(" ", "-").isLowerCase();
            for (String name : List.of(client.browser(), client.os(), client.device())) {
                assertThat(name.codePointCount(0, name.length())).isLessThanOrEqualTo(YauaaUserAgentParser.MAX_NAME);
            }
        }
    }

    @Test
    void parse_whenManyThreadsAtOnce_answersAsOneThreadDoes() throws Exception {
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            agents.add("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                    + (100 + i % 40) + ".0.0.0 Safari/537.36" + (i % 3 == 0 ? " Edg/" + i + ".0" : ""));
            agents.add("Mozilla/5.0 (Linux; Android " + (8 + i % 7) + "; Pixel " + i
                    + ") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36");
        }
        YauaaUserAgentParser fresh = YauaaUserAgentParser.create(100); // misses and evictions while threads race
        List<Client> expected = agents.stream().map(PARSER::parse).toList();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Client>>> answers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Callable<List<Client>> all =
                        () -> agents.stream().map(fresh::parse).toList();
                answers.add(threads.submit(all));
            }
            for (Future<List<Client>> answer : answers) {
                assertThat(answer.get()).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "null",
            value = {
                "Desktop, desktop",
                "Phone, phone",
                "Robot Mobile, robot_mobile",
                "Set-top box, set_top_box",
                "Virtual Reality, virtual_reality",
                "eReader, ereader",
                "Unknown, unknown",
                "'  ', unknown",
                "null, unknown",
            })
    void deviceClass_isLowerCaseWithUnderscores(String yauaa, String device) {
        assertThat(YauaaUserAgentParser.deviceClass(yauaa)).isEqualTo(device);
    }
}
