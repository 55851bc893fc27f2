package io.liveinsight.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChaosMainTest {

    @Test
    void chaosArgs_leavesOutWhatTheBuildPassesAndKeepsTheRest() {
        String[] argv = {"--jar", "a.jar", "--results", "r", "--logs", "l", "--short", "--in-flight", "64"};

        assertThat(ChaosMain.chaosArgs(argv)).isEqualTo("--short --in-flight 64");
        assertThat(ChaosMain.chaosArgs(new String[] {"--jar", "a.jar"})).isEmpty();
    }

    @Test
    void settings_whenOptionsGiven_overrideTheSizesDefaults() {
        ChaosSettings settings = ChaosSettings.from(io.liveinsight.load.cli.Args.parse(
                new String[] {"--short", "--in-flight", "64", "--no-reshard", "--renumbering", "--long-session", "800"
                }));

        assertThat(settings.label()).isEqualTo("short");
        assertThat(settings.clientsInFlight()).isEqualTo(64);
        assertThat(settings.reshard()).isFalse();
        assertThat(settings.renumbering()).isTrue();
        assertThat(settings.bigSessionEvents()).isEqualTo(800);
        assertThat(ChaosSettings.from(io.liveinsight.load.cli.Args.parse(new String[0]))
                        .bigSessionEvents())
                .isEqualTo(50_000);
    }
}
