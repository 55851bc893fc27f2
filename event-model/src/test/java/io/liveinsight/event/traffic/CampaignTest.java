package io.liveinsight.event.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CampaignTest {

    @Test
    void of_whenUtmParameters_readsThemDecodedLowerCasedAndTrimmed() {
        Campaign campaign = Campaign.of("https://shop.example.com/?UTM_Source=News%20Letter&utm_medium=+Email+"
                + "&utm_campaign=Winter%2FSale&utm_term=boots&utm_content=hero#section");

        assertThat(campaign).isEqualTo(new Campaign("news letter", "email", "winter/sale", "boots", "hero", null));
    }

    @Test
    void of_whenAParameterRepeats_keepsTheFirst_andIgnoresEmptyValues() {
        Campaign campaign = Campaign.of("https://a.example/?utm_source=&utm_source=first&utm_source=second");

        assertThat(campaign.source()).isEqualTo("first");
    }

    @Test
    void of_whenValuesAreHuge_cutsThemToTheLabelLimit() {
        Campaign campaign = Campaign.of("https://a.example/?utm_campaign=" + "x".repeat(5_000));

        assertThat(campaign.name()).hasSize(Campaign.MAX_VALUE);
    }

    @Test
    void of_whenAClickIdIsPresent_namesItsParameterButNeverKeepsItsValue() {
        Campaign campaign = Campaign.of("https://a.example/?gclid=Cj0KCQ-secret-click-id");

        assertThat(campaign.clickIdParameter()).isEqualTo("gclid");
        assertThat(campaign.clickIdNetwork()).contains("google");
        assertThat(campaign.toString()).doesNotContain("secret");
    }

    @Test
    void of_whenNoQueryOrBrokenEncoding_isNone() {
        assertThat(Campaign.of(null)).isEqualTo(Campaign.NONE);
        assertThat(Campaign.of("https://a.example/p")).isEqualTo(Campaign.NONE);
        assertThat(Campaign.of("https://a.example/p?%zz=1&q=2")).isEqualTo(Campaign.NONE);
        assertThat(Campaign.of("https://a.example/p?utm_source=%E0%A4%A")).isNotNull();
    }
}
