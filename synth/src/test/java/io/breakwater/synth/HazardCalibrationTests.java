package io.breakwater.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A medium city (20,000 pipes, 15 years): the drawn breaks match the documented hazard within sampling error, and
 * the hazard is the documented formula. Observed counts O against the summed true hazard E per group are compared
 * with z = (O - E) / sqrt(E): the drawn counts are Poisson given the past, so O - E is a martingale with variance E
 * and z is about standard normal even with self-excitation. |z| < 4 keeps the chance of a false alarm over the 26
 * groups below 0.2%.
 */
class HazardCalibrationTests {
    private static final double Z_LIMIT = 4.0;

    @TempDir
    static Path dir;
    static CityResult city;
    static CityTruth truth;

    @BeforeAll
    static void writeCity() {
        city = SyntheticCity.builder().pipes(20_000).years(15).seed(2024).fullTruthLimit(0).build()
                .writeTo(dir.resolve("medium"));
        truth = CityTruth.open(city.directory());
    }

    @Test
    void breakCountsByMaterialAgeBandAndCalendarMonthMatchTheTrueHazard() {
        Map<String, double[]> groups = new LinkedHashMap<>(); // group -> {observed, expected}
        truth.forEachMonth((month, hazard, breaks) -> {
            int year = month.month().getYear();
            for (int i = 0; i < hazard.length; i++) {
                if (hazard[i] == 0) {
                    continue;
                }
                CityTruth.Pipe p = truth.pipe(i);
                add(groups, "material " + p.materialCodeIn(year), breaks[i], hazard[i]);
                add(groups, "age " + ageBand(p.ageIn(year)), breaks[i], hazard[i]);
                add(groups, "month " + month.month().getMonthValue(), breaks[i], hazard[i]);
            }
        });
        List<String> report = new ArrayList<>();
        int tested = 0;
        for (Map.Entry<String, double[]> g : groups.entrySet()) {
            double o = g.getValue()[0];
            double e = g.getValue()[1];
            double z = (o - e) / Math.sqrt(e);
            report.add(String.format("%-14s O=%6.0f E=%8.1f z=%+.2f", g.getKey(), o, e, z));
            if (e >= 30) {
                tested++;
                assertThat(Math.abs(z)).as(g.getKey() + ": observed %s, expected %s", o, e).isLessThan(Z_LIMIT);
            }
        }
        System.out.println("synthetic city, observed vs true hazard:\n  " + String.join("\n  ", report));
        assertThat(tested).as("groups with enough expected breaks to test").isGreaterThanOrEqualTo(22);
        assertThat(groups.keySet()).contains("material CI", "material PVC", "age 100+", "age 0-19");
        // the seasonal cycle the freezing index puts into the hazard is in the counts
        double winter = groups.get("month 1")[0] + groups.get("month 2")[0];
        double summer = groups.get("month 7")[0] + groups.get("month 8")[0];
        assertThat(winter).isGreaterThan(1.5 * summer);
        assertThat(city.breaksPer100KmYear()).isBetween(10.0, 30.0);
    }

    @Test
    void breaksOnAMainThatWasReplacedLaterAreDatedBeforeTheRecordedInstallYear() throws IOException {
        assertThat(city.pipesReplacedInPeriod()).isGreaterThan(100);
        assertThat(city.rowsDatedBeforeInstall()).isGreaterThan(10);
        Map<String, String[]> inventory = new LinkedHashMap<>();
        for (String row : Files.readAllLines(city.files().pipesCsv()).subList(1, 20_001)) {
            String[] f = row.split(",");
            inventory.put(f[0], f);
        }
        long before = 0;
        long found = 0;
        for (String row : Files.readAllLines(city.files().breaksCsv()).subList(1, (int) city.breakRows() + 1)) {
            String[] f = row.split(",", -1);
            if (f[1].isEmpty()) {
                continue;
            }
            int year = Integer.parseInt(f[1].substring(f[1].lastIndexOf('/') + 1));
            // rows without asset id count too, so find the pipe through the truth of the drawn break
            if (!f[2].isEmpty() && year < Integer.parseInt(inventory.get(f[2])[3])) {
                found++;
                assertThat(f[3]).as("the crew records the old main's material").isNotEqualTo(inventory.get(f[2])[1]);
            }
        }
        for (CityTruth.Pipe p : truth.pipes()) {
            if (p.predecessorMaterialCode() != null) {
                before++;
                assertThat(p.predecessorInstallYear()).isLessThan(p.installYear());
                assertThat(p.installYear()).isGreaterThan(city.firstYear());
            }
        }
        assertThat(before).isEqualTo(city.pipesReplacedInPeriod());
        assertThat(found).isPositive().isLessThanOrEqualTo(city.rowsDatedBeforeInstall());
    }

    @Test
    void theTrueHazardIsTheDocumentedFormulaAndTheClimateComesFromTheEcccFiles() throws IOException {
        CityResult plain = SyntheticCity.builder().pipes(3_000).years(5).seed(99).fullTruthLimit(0)
                .hazard(HazardParameters.defaults().withExcitation(0, 0)).build().writeTo(dir.resolve("plain"));
        CityTruth t = CityTruth.open(plain.directory());
        HazardParameters p = t.hazard();
        double base = new ObjectMapper().readTree(Files.readAllBytes(plain.files().manifest()))
                .get("baseRatePerKmMonth").asDouble();
        Map<String, Double> exposure = Map.of("CI", 1.0, "DI", 1.0, "STL", 1.0, "CU", 1.0, "AC", 0.5, "CPP", 0.5,
                "HDPE", 0.2, "PVC", 0.2);
        double[] maxRelativeError = new double[1];
        long[] compared = new long[1];
        t.forEachMonth((month, hazard, breaks) -> {
            double fi = month.freezingIndex();
            double climate = Math.exp(0.5 * fi / 100 + 0.06 * month.tempDropC() + 0.04 * month.sharpDropDays());
            for (int i = 0; i < hazard.length; i++) {
                CityTruth.Pipe pipe = t.pipe(i);
                int year = month.month().getYear();
                int age = pipe.ageIn(year);
                String material = pipe.materialCodeIn(year);
                double expected = 0;
                if (age >= 0 && pipe.status().equals("ACT")) {
                    expected = base * pipe.lengthM() / 1000 * p.materialFactors().get(material)
                            * Math.pow(8.0 / pipe.diameterInches(), 0.8)
                            * Math.exp(1.2 * exposure.get(material) * (pipe.corrosivity() - 0.5)
                                    + 0.4 * (pipe.shrinkSwellIndex() - 0.5))
                            * Math.pow(2, (Math.min(age, 120) - 50) / 25.0) * climate;
                }
                if (expected == 0) {
                    assertThat(hazard[i]).isZero();
                } else {
                    maxRelativeError[0] = Math.max(maxRelativeError[0], Math.abs(hazard[i] / expected - 1));
                    compared[0]++;
                }
            }
        });
        assertThat(compared[0]).isGreaterThan(100_000);
        assertThat(plain.pipesReplacedInPeriod()).isPositive();
        assertThat(maxRelativeError[0]).isLessThan(1e-9);

        // freezing index and sharp drops recomputed from the Mean Temp column of the ECCC files
        List<Integer> meanTenths = new ArrayList<>();
        List<String> dates = new ArrayList<>();
        for (Path file : plain.files().ecccFiles()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String row : lines.subList(26, lines.size())) {
                String[] f = row.replace("\"", "").split(",", -1);
                dates.add(f[0].substring(0, 7));
                meanTenths.add((int) Math.round(Double.parseDouble(f[9]) * 10));
            }
        }
        for (CityTruth.Month m : t.months()) {
            double freezing = 0;
            int sharp = 0;
            for (int d = 0; d < dates.size(); d++) {
                if (dates.get(d).equals(m.month().toString())) {
                    freezing += Math.max(0, -meanTenths.get(d)) / 10.0;
                    if (d > 0 && meanTenths.get(d - 1) - meanTenths.get(d) >= 80) {
                        sharp++;
                    }
                }
            }
            assertThat(m.freezingIndex()).as(m.month().toString()).isCloseTo(freezing, within(1e-6));
            if (m.index() > 0) { // the first day of the first month compares with the unwritten spin-up year
                assertThat(m.sharpDropDays()).as(m.month().toString()).isEqualTo(sharp);
            }
        }
        assertThat(t.months().stream().filter(m -> m.month().getMonthValue() == 1).mapToDouble(CityTruth.Month::climateFactor)
                .min().orElseThrow()).isGreaterThan(1.3);
    }

    @Test
    void aBreakRaisesTheHazardOfItsPipeAndOfItsNeighbours() {
        int n = truth.pipeCount();
        int[] lastBreak = new int[n];
        int[] lastNeighbourBreak = new int[n];
        Arrays.fill(lastBreak, -1000);
        Arrays.fill(lastNeighbourBreak, -1000);
        double[] self = new double[3]; // observed, true expected, expected without excitation
        double[] neighbour = new double[3];
        HazardParameters p = truth.hazard();
        truth.forEachMonth((month, hazard, breaks) -> {
            int t = month.index();
            int year = month.month().getYear();
            for (int i = 0; i < n; i++) {
                if (hazard[i] == 0) {
                    continue;
                }
                CityTruth.Pipe pipe = truth.pipe(i);
                boolean predecessor = year < pipe.installYear();
                double withoutExcitation = (predecessor ? pipe.predecessorWeight() : pipe.weight())
                        * p.ageFactor(pipe.ageIn(year)) * month.climateFactor();
                double[] target = t - lastBreak[i] <= 12 ? self : t - lastNeighbourBreak[i] <= 12 ? neighbour : null;
                if (target != null) {
                    target[0] += breaks[i];
                    target[1] += hazard[i];
                    target[2] += withoutExcitation;
                }
            }
            for (int i = 0; i < n; i++) {
                if (breaks[i] > 0) {
                    lastBreak[i] = t;
                    for (int nb : truth.neighbours(i)) {
                        lastNeighbourBreak[nb] = t;
                    }
                }
            }
        });
        System.out.printf("after a break, 12 months: own pipe O=%.0f E=%.1f E0=%.1f; neighbours O=%.0f E=%.1f E0=%.1f%n",
                self[0], self[1], self[2], neighbour[0], neighbour[1], neighbour[2]);
        assertThat(self[0] / self[2]).as("own pipe, observed over hazard without excitation").isGreaterThan(2.0);
        assertThat(neighbour[0] / neighbour[2]).as("neighbours, observed over hazard without excitation").isGreaterThan(1.15);
        assertThat(Math.abs(self[0] - self[1]) / Math.sqrt(self[1])).isLessThan(Z_LIMIT);
        assertThat(Math.abs(neighbour[0] - neighbour[1]) / Math.sqrt(neighbour[1])).isLessThan(Z_LIMIT);
    }

    @Test
    void theOracleRanksTheLastYearWellAboveChance() {
        CityTruth.Window year = truth.window(java.time.YearMonth.of(city.lastYear(), 1),
                java.time.YearMonth.of(city.lastYear(), 12));
        Integer[] order = new Integer[truth.pipeCount()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(year.expected()[a], year.expected()[b]));
        double rankSumPositives = 0;
        long positives = 0;
        long totalBreaks = 0;
        for (int r = 0; r < order.length; r++) {
            if (year.breaks()[order[r]] > 0) {
                rankSumPositives += r + 1;
                positives++;
            }
            totalBreaks += year.breaks()[order[r]];
        }
        long negatives = order.length - positives;
        double auc = (rankSumPositives - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
        long top = 0;
        for (int r = order.length - order.length / 10; r < order.length; r++) {
            top += year.breaks()[order[r]];
        }
        double capture = top / (double) totalBreaks;
        System.out.printf("oracle, year %d: ROC AUC %.3f, share of breaks in the top 10%% of pipes %.3f (%d breaks)%n",
                city.lastYear(), auc, capture, totalBreaks);
        assertThat(auc).isGreaterThan(0.70);
        assertThat(capture).isGreaterThan(0.25);
    }

    private static void add(Map<String, double[]> groups, String key, int observed, double expected) {
        double[] g = groups.computeIfAbsent(key, k -> new double[2]);
        g[0] += observed;
        g[1] += expected;
    }

    private static String ageBand(int age) {
        return age >= 100 ? "100+" : (age / 20 * 20) + "-" + (age / 20 * 20 + 19);
    }
}
