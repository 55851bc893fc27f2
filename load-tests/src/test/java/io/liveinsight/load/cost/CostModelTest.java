package io.liveinsight.load.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostModelTest {

    private final Prices prices = Prices.load();
    private final CostModel model = new CostModel(prices, 1_000, 0.7);

    @Test
    void prices_carryDateAndSourceForEveryFigure() {
        assertThat(prices.asOf()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(prices.sources().keySet()).isEqualTo(prices.usd().keySet());
        assertThat(prices.sources().values()).allSatisfy(s -> assertThat(s).startsWith("https://aws.amazon.com/"));
    }

    @Test
    void original_landsInThePlannedElevenToNineteenDollars() {
        double total = model.perMillionEvents(Workload.original(), CostModel.Api.REST, CostModel.Tables.ON_DEMAND)
                .get("total");

        assertThat(total).isBetween(11.0, 19.0);
    }

    @Test
    void original_putMetricDataPerEventCostsTenDollarsPerMillion() {
        Map<String, Double> lines =
                model.perMillionEvents(Workload.original(), CostModel.Api.REST, CostModel.Tables.ON_DEMAND);

        assertThat(lines.get("cloudwatch")).isCloseTo(10.0, within(1e-9));
        assertThat(lines.get("api_gateway")).isCloseTo(3.5, within(1e-9));
    }

    @Test
    void batching_dividesRequestPricesByEventsPerRequest() {
        Workload batched = new Workload("b", 5, 3, 0.2, 0.2, 2_000, 25, 512, 0, 0);

        Map<String, Double> http = model.perMillionEvents(batched, CostModel.Api.HTTP, CostModel.Tables.ON_DEMAND);
        Map<String, Double> rest = model.perMillionEvents(batched, CostModel.Api.REST, CostModel.Tables.ON_DEMAND);

        assertThat(http.get("api_gateway")).isCloseTo(0.20, within(1e-9));
        assertThat(rest.get("api_gateway")).isCloseTo(0.70, within(1e-9));
        assertThat(http.get("dynamodb")).isCloseTo(3 * 0.625 + 0.2 * 0.125, within(1e-9));
    }

    @Test
    void provisioned_spreadsHourlyCapacityOverTheHoursEvents() {
        Workload oneUnit = new Workload("w", 1, 1, 0, 0, 0, 0, 512, 0, 0);

        double perMillion = model.perMillionEvents(oneUnit, CostModel.Api.HTTP, CostModel.Tables.PROVISIONED)
                .get("dynamodb");

        // 1,000 WCU / 0.7 for an hour, over 3.6 million events
        assertThat(perMillion).isCloseTo(1_000 / 0.7 * 0.00065 / 3.6, within(1e-9));
    }

    @Test
    void report_listsBothApisBothTableModesAndTheOriginal() {
        Workload batched = new Workload("ours", 5, 3, 0.2, 0.2, 2_000, 25, 512, 0, 400);

        String table = CostReport.markdown(model, CostReport.rows(model, batched));

        assertThat(table)
                .contains(
                        "| ours | HTTP | on-demand |",
                        "| ours | REST | provisioned |",
                        "| original design | REST | on-demand |");
    }

    @Test
    void report_pricesTheHeartbeatMixFromItsMeasuredUnits() {
        Workload mix = Workload.heartbeatMix();
        Workload batched = new Workload("ours", 5, 3, 0.2, 0.2, 2_000, 25, 512, 0, 400);

        List<CostReport.Row> rows = CostReport.rows(model, batched);

        assertThat(CostReport.markdown(model, rows))
                .contains("| " + mix.name() + " | HTTP | on-demand |", "| " + mix.name() + " | HTTP | provisioned |");
        CostReport.Row onDemand = rows.stream()
                .filter(r -> r.design().equals(mix.name()) && r.tables() == CostModel.Tables.ON_DEMAND)
                .findFirst()
                .orElseThrow();
        assertThat(onDemand.usdPerMillion().get("dynamodb"))
                .isCloseTo(
                        Workload.HEARTBEAT_MIX_WRITE_UNITS_PER_EVENT * 0.625
                                + Workload.HEARTBEAT_MIX_READ_UNITS_PER_EVENT * 0.125,
                        within(1e-9));
        assertThat(mix.kinesisRecordsPerEvent() * mix.eventsPerRequest()).isCloseTo(1, within(1e-9));
    }

    @Test
    void report_pricesTheOneBeatPerRequestMixBesideTheTrackersAndItCostsMore() {
        Workload tracker = Workload.heartbeatMix();
        Workload oneBeat = Workload.heartbeatMixOneBeatPerRequest();
        Workload batched = new Workload("ours", 5, 3, 0.2, 0.2, 2_000, 25, 512, 0, 400);

        List<CostReport.Row> rows = CostReport.rows(model, batched);

        assertThat(CostReport.markdown(model, rows))
                .contains(
                        "| " + oneBeat.name() + " | HTTP | on-demand |",
                        "| " + oneBeat.name() + " | HTTP | provisioned |");
        assertThat(oneBeat.kinesisRecordsPerEvent() * oneBeat.eventsPerRequest())
                .isCloseTo(1, within(1e-9));
        for (CostModel.Tables tables : CostModel.Tables.values()) {
            assertThat(total(rows, oneBeat.name(), tables)).isGreaterThan(total(rows, tracker.name(), tables));
        }
    }

    private static double total(List<CostReport.Row> rows, String design, CostModel.Tables tables) {
        return rows.stream()
                .filter(r -> r.design().equals(design) && r.tables() == tables)
                .findFirst()
                .orElseThrow()
                .total();
    }

    @Test
    void report_measuredTrafficStaysTheFirstRowOfEachKind() {
        Workload batched = new Workload("ours", 5, 3, 0.2, 0.2, 2_000, 25, 512, 0, 400);

        List<CostReport.Row> rows = CostReport.rows(model, batched);

        assertThat(rows.get(0).design()).isEqualTo("ours");
        assertThat(rows.stream()
                        .filter(r -> r.api() == CostModel.Api.HTTP && r.tables() == CostModel.Tables.PROVISIONED)
                        .findFirst()
                        .orElseThrow()
                        .design())
                .isEqualTo("ours");
    }
}
