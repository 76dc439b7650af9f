package io.breakwater.etl.climate;

import static io.breakwater.db.schema.Tables.CLIMATE_DAILY;
import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;
import static io.breakwater.db.schema.Tables.REJECTED_ROWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.testing.TestStores;
import io.breakwater.etl.Ingest;
import io.breakwater.etl.IngestReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Physically impossible climate values and dates are rejected with their reason in every format, never loaded. */
class ClimateRangesIntegrationTests {
    static final Path ECCC_1994 = Path.of("../sample-data/toronto/eccc-daily-6158350/eng-daily-01011994-12311994.csv");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Path mapping(String format) throws Exception {
        return write(format + ".yaml", "source: s-" + format + "\nkind: climate\nformat: { type: " + format + " }\n");
    }

    private static List<String> rules(BreakwaterStore store, IngestReport run) {
        return store.dsl().select(REJECTED_ROWS.RULE).from(REJECTED_ROWS).where(REJECTED_ROWS.RUN_ID.eq(run.runId()))
                .orderBy(REJECTED_ROWS.LINE_NUMBER).fetch(REJECTED_ROWS.RULE);
    }

    @Test
    void anEcccFileWithImpossibleValuesLoadsItsGoodDaysAndRejectsTheOthers() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(ECCC_1994, StandardCharsets.UTF_8));
        lines.set(26, lines.get(26).replace("\"3.6\"", "\"335.0\""));             // 1994-01-01: Max Temp 335
        lines.set(27, lines.get(27).replace("\"-9.9\"", "\"-273.5\""));           // 1994-01-02: Min Temp -273.5
        lines.set(28, lines.get(28).replace("\"-11.9\"", "\"1e308\""));           // 1994-01-03: a mean of 1e308
        lines.set(29, lines.get(29).replace("\"0.4\",\"\",\"7\"", "\"-5.0\",\"\",\"7\""));  // 1994-01-04: precip -5
        lines.set(30, lines.get(30).replace("\"1994-01-05\"", "\"0000-01-05\""));  // year 0
        lines.set(31, lines.get(31).replace("\"-6.", "\"-6.0f\",\"x").replace("\"x", "\"")); // Java syntax
        Path file = write("eccc-bad.csv", String.join("\n", lines) + "\n");
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            var report = Ingest.into(store).withClock(CLOCK).climate(mapping("eccc-daily"), file);
            IngestReport run = report.runs().get(0);
            assertThat(run.rowsRead()).isEqualTo(run.rowsLoaded() + run.rowsRejected());
            assertThat(rules(store, run)).startsWith("value_range", "value_range", "value_range", "value_range",
                    "value_range");
            assertThat(store.dsl().select(REJECTED_ROWS.MESSAGE).from(REJECTED_ROWS).orderBy(REJECTED_ROWS.LINE_NUMBER)
                    .limit(1).fetchOne(REJECTED_ROWS.MESSAGE)).contains("line 27", "maximum temperature 335.0 degC",
                            "outside -90..60");
            assertThat(run.rowsLoaded()).isBetween(355L, 360L);
            // nothing impossible reached the monthly table, and no month outside 1994 appeared
            assertThat(store.dsl().select(DSL.max(CLIMATE_MONTHLY.T_MEAN), DSL.min(CLIMATE_MONTHLY.T_MIN))
                    .from(CLIMATE_MONTHLY).fetchOne()).satisfies(r -> {
                        assertThat((Double) r.get(0)).isLessThan(40);
                        assertThat((Double) r.get(1)).isGreaterThan(-40);
                    });
            assertThat(store.dsl().fetchCount(CLIMATE_MONTHLY)).isLessThanOrEqualTo(14);
            assertThat(store.dsl().fetchCount(CLIMATE_DAILY, CLIMATE_DAILY.PRECIP_MM.lt(0.0))).isZero();
        }
    }

    @Test
    void ghcnTenthsOutOfRangeAndGsomInStandardUnitsAreRejectedLoudly() throws Exception {
        Path ghcn = write("ghcn.csv", "\"STATION\",\"DATE\",\"PRCP\",\"SNOW\",\"TMAX\",\"TMIN\"\n"
                + "\"X1\",\"2020-01-01\",\"0\",\"0\",\"9999\",\"-50\"\n"
                + "\"X1\",\"2020-01-02\",\"-30\",\"0\",\"10\",\"-50\"\n"
                + "\"X1\",\"2020-01-03\",\"12\",\"0\",\"10\",\"-50\"\n");
        StringBuilder gsom = new StringBuilder("\"STATION\",\"DATE\",\"PRCP\",\"SNOW\",\"TAVG\",\"TMAX\",\"TMIN\"\n");
        for (int m = 1; m <= 12; m++) { // a Texas station in degF and inches: summer highs of 95 "degC"
            gsom.append(String.format("\"US1\",\"2021-%02d\",\"3.1\",\"0.0\",\"%d\",\"%d\",\"%d\"%n", m, 50 + 3 * m,
                    60 + 3 * m, 40 + 3 * m));
        }
        Path gsomFile = write("gsom.csv", gsom.toString());
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.SQLITE, dir)) {
            Ingest ingest = Ingest.into(store).withClock(CLOCK);
            IngestReport g = ingest.climate(mapping("ghcn-daily"), ghcn).runs().get(0);
            assertThat(g.rowsRead()).isEqualTo(3);
            assertThat(g.rowsRejected()).isEqualTo(2);
            assertThat(rules(store, g)).containsExactly("value_range", "value_range");
            // read as metric, the file is refused whole: its cold months would otherwise load as plausible degC
            Path metric = mapping("gsom");
            assertThatThrownBy(() -> ingest.climate(metric, gsomFile))
                    .isInstanceOfSatisfying(BreakwaterException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(ErrorCode.INVALID_INPUT))
                    .hasMessageContaining("line 2: TMAX 63 in 2021-01 is above 50")
                    .hasMessageContaining("Set format.units: standard");
            assertThat(store.dsl().fetchCount(CLIMATE_MONTHLY, CLIMATE_MONTHLY.SERIES_ID.eq("US1"))).isZero();

            // declared standard, it is converted: 63 degF is 17.2 degC, 3.1 inches 78.7 mm
            Path standard = write("gsom-standard.yaml", "source: s-gsom\nkind: climate\n"
                    + "format: { type: gsom, units: standard }\n");
            IngestReport s = ingest.climate(standard, gsomFile).runs().get(0);
            assertThat(s.rowsLoaded()).isEqualTo(12);
            var january = store.dsl().selectFrom(CLIMATE_MONTHLY).where(CLIMATE_MONTHLY.SERIES_ID.eq("US1"))
                    .orderBy(CLIMATE_MONTHLY.MONTH_START).limit(1).fetchOne();
            assertThat(january.getTMax()).isCloseTo(17.2, org.assertj.core.api.Assertions.within(0.05)); // 63 degF
            assertThat(january.getTMin()).isCloseTo(6.1, org.assertj.core.api.Assertions.within(0.05)); // 43 degF
            assertThat(january.getPrecipMm()).isCloseTo(78.7, org.assertj.core.api.Assertions.within(0.05));

            Path wrong = write("ghcn-standard.yaml", "source: s-g\nkind: climate\n"
                    + "format: { type: ghcn-daily, units: standard }\n");
            assertThatThrownBy(() -> ingest.climate(wrong, ghcn)).hasMessageContaining("format.units")
                    .hasMessageContaining("applies to gsom only");
        }
    }
}
