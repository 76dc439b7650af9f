package io.breakwater.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.synth.internal.HazardEngine;
import io.breakwater.synth.internal.StreetGrid;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads back the truth of a city written by {@link SyntheticCity}: every pipe's attributes as generated (true material
 * even where the inventory says UNK), the monthly climate drivers, and month by month the true hazard (expected
 * breaks) and the drawn break count of every pipe. The hazard is recomputed from the compact truth files with the
 * generator's own engine, bit for bit, and checked against the hazard written beside every break.
 *
 * <pre>{@code
 * CityTruth truth = CityTruth.open(dir);
 * truth.forEachMonth((month, hazard, breaks) -> { ... });   // arrays indexed by pipe index, reused between months
 * }</pre>
 */
public final class CityTruth {
    private final Path dir;
    private final long seed;
    private final HazardParameters hazard;
    private final StreetGrid grid;
    private final List<Pipe> pipes;
    private final List<Month> months;
    private final double[] weight;
    private final int[] installYear;
    private final double[] predecessorWeight;
    private final int[] predecessorInstallYear;

    /**
     * One pipe as generated. {@code index} is its position in every per-pipe array. A pipe laid during the simulated
     * years in place of an older main has that main's material code, install year and weight as its predecessor
     * (null, 0 and 0 otherwise); before {@code installYear} the hazard is the predecessor's.
     */
    public record Pipe(int index, String pipeId, String materialCode, String material, String materialWritten,
            int diameterInches, int installYear, double lengthM, String status, String areaCode, String soilZoneId,
            double corrosivity, double shrinkSwellIndex, double weight, String predecessorMaterialCode,
            int predecessorInstallYear, double predecessorWeight) {

        /** The material code of the main in the ground in {@code year}. */
        public String materialCodeIn(int year) {
            return year < installYear && predecessorMaterialCode != null ? predecessorMaterialCode : materialCode;
        }

        /** The age in {@code year} of the main in the ground then (negative when none was). */
        public int ageIn(int year) {
            return year < installYear && predecessorMaterialCode != null ? year - predecessorInstallYear
                    : year - installYear;
        }
    }

    /** One month's climate drivers and the factor they put on every pipe's hazard. */
    public record Month(int index, YearMonth month, double meanTempC, double freezingIndex, double tempDropC,
            int sharpDropDays, double climateFactor) {
    }

    /** Receives each month in order; the arrays are indexed by pipe index and reused for the next month. */
    @FunctionalInterface
    public interface MonthVisitor {
        void visit(Month month, double[] hazard, int[] breaks);
    }

    /** Expected and drawn breaks of every pipe summed over a window of months. */
    public record Window(YearMonth from, YearMonth to, double[] expected, int[] breaks) {
    }

    private CityTruth(Path dir) throws IOException {
        this.dir = dir;
        ObjectMapper mapper = new ObjectMapper();
        JsonNode manifest = mapper.readTree(Files.readAllBytes(dir.resolve(CityFiles.MANIFEST)));
        this.seed = manifest.get("seed").asLong();
        this.hazard = mapper.treeToValue(manifest.get("hazard"), HazardParameters.class);
        JsonNode layout = manifest.get("layout");
        int n = manifest.get("pipes").asInt();
        this.grid = StreetGrid.of(seed, n, layout.get("centreX").asDouble(), layout.get("centreY").asDouble());
        this.pipes = new ArrayList<>(n);
        this.weight = new double[n];
        this.installYear = new int[n];
        this.predecessorWeight = new double[n];
        this.predecessorInstallYear = new int[n];
        Path pipesFile = dir.resolve(CityFiles.TRUTH_PIPES);
        try (BufferedReader in = gzip(pipesFile)) {
            in.readLine();
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String[] f = line.split(",", -1);
                if (f.length != 17) {
                    throw bad(pipesFile, lineNo, line, "17 fields");
                }
                boolean replaced = !f[14].isEmpty();
                Pipe p = new Pipe(Integer.parseInt(f[0]), f[1], f[2], f[3], f[4], Integer.parseInt(f[5]),
                        Integer.parseInt(f[6]), Double.parseDouble(f[7]), f[8], f[9], f[10], Double.parseDouble(f[11]),
                        Double.parseDouble(f[12]), Double.parseDouble(f[13]), replaced ? f[14] : null,
                        replaced ? Integer.parseInt(f[15]) : 0, replaced ? Double.parseDouble(f[16]) : 0.0);
                if (p.index() != pipes.size()) {
                    throw bad(pipesFile, lineNo, f[0], "pipe index " + pipes.size());
                }
                weight[p.index()] = p.weight();
                installYear[p.index()] = p.installYear();
                predecessorWeight[p.index()] = p.predecessorWeight();
                predecessorInstallYear[p.index()] = p.predecessorInstallYear();
                pipes.add(p);
            }
        }
        if (pipes.size() != n) {
            throw bad(pipesFile, pipes.size() + 1, "end of file", n + " pipes as city.json says");
        }
        this.months = new ArrayList<>();
        Path monthsFile = dir.resolve(CityFiles.TRUTH_MONTHS);
        List<String> lines = Files.readAllLines(monthsFile, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            months.add(new Month(Integer.parseInt(f[0]), YearMonth.of(Integer.parseInt(f[1]), Integer.parseInt(f[2])),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                    Integer.parseInt(f[6]), Double.parseDouble(f[7])));
        }
    }

    /** Opens the truth of the city in {@code dir}. */
    public static CityTruth open(Path dir) {
        try {
            return new CityTruth(dir);
        } catch (NoSuchFileException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT,
                    "synthetic city truth: " + e.getFile() + " does not exist; expected the folder of a city "
                            + "written by SyntheticCity");
        } catch (IOException | RuntimeException e) {
            if (e instanceof BreakwaterException be) {
                throw be;
            }
            throw new BreakwaterException(ErrorCode.INVALID_INPUT,
                    "synthetic city truth: cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    public long seed() {
        return seed;
    }

    public HazardParameters hazard() {
        return hazard;
    }

    public int pipeCount() {
        return pipes.size();
    }

    /** Every pipe, in index order (an unmodifiable view). */
    public List<Pipe> pipes() {
        return Collections.unmodifiableList(pipes);
    }

    public Pipe pipe(int index) {
        return pipes.get(index);
    }

    /** Every simulated month, in order (an unmodifiable view). */
    public List<Month> months() {
        return Collections.unmodifiableList(months);
    }

    /**
     * Pipes sharing a junction with the given pipe: the neighbours that self-excitation reaches (midpoints 60 to
     * 170 m apart).
     */
    public int[] neighbours(int pipeIndex) {
        int[] out = new int[6];
        return Arrays.copyOf(out, grid.neighbours(pipeIndex, out));
    }

    /** Replays every month in order: the true hazard and the drawn breaks of every pipe. */
    public void forEachMonth(MonthVisitor visitor) {
        Path file = dir.resolve(CityFiles.TRUTH_BREAKS);
        HazardEngine engine = new HazardEngine(hazard, grid, weight, installYear, predecessorWeight,
                predecessorInstallYear);
        int n = pipes.size();
        double[] hz = new double[n];
        int[] breaks = new int[n];
        int[] broke = new int[256];
        int[] counts = new int[256];
        try (BufferedReader in = gzip(file)) {
            in.readLine();
            String line = in.readLine();
            long lineNo = 2;
            for (Month m : months) {
                engine.hazards(m.month().getYear(), m.climateFactor(), hz);
                int nb = 0;
                while (line != null) {
                    String[] f = line.split(",", -1);
                    int year = Integer.parseInt(f[0]);
                    int month = Integer.parseInt(f[1]);
                    if (year != m.month().getYear() || month != m.month().getMonthValue()) {
                        break;
                    }
                    int pipe = Integer.parseInt(f[2]);
                    double written = Double.parseDouble(f[4]);
                    if (pipe < 0 || pipe >= n || written != hz[pipe]) {
                        throw bad(file, lineNo, line, "a pipe whose recomputed hazard is "
                                + (pipe >= 0 && pipe < n ? hz[pipe] : "undefined"));
                    }
                    if (nb == broke.length) {
                        broke = Arrays.copyOf(broke, nb * 2);
                        counts = Arrays.copyOf(counts, nb * 2);
                    }
                    broke[nb] = pipe;
                    counts[nb++] = Integer.parseInt(f[5]);
                    breaks[pipe] = counts[nb - 1];
                    line = in.readLine();
                    lineNo++;
                }
                visitor.visit(m, hz, breaks);
                for (int j = 0; j < nb; j++) {
                    breaks[broke[j]] = 0;
                }
                engine.advance(broke, counts, nb);
            }
            if (line != null) {
                throw bad(file, lineNo, line, "no row after the last month " + months.get(months.size() - 1).month());
            }
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "synthetic city truth: cannot read " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** Sums every pipe's true hazard and drawn breaks over the months {@code from} to {@code to}, both included. */
    public Window window(YearMonth from, YearMonth to) {
        double[] expected = new double[pipes.size()];
        int[] drawn = new int[pipes.size()];
        forEachMonth((m, hz, breaks) -> {
            if (!m.month().isBefore(from) && !m.month().isAfter(to)) {
                for (int i = 0; i < hz.length; i++) {
                    expected[i] += hz[i];
                    drawn[i] += breaks[i];
                }
            }
        });
        return new Window(from, to, expected, drawn);
    }

    /**
     * Every pipe's expected breaks in the {@code months} months from {@code from}, as known at the start of
     * {@code from}: the true static hazard and climate of those months, the true excitation state left by the breaks
     * before {@code from}, and the excitation that the expected breaks inside the window would add (the
     * conditional expectation of the self-exciting process, exact but for the excitation cap and floor, which it
     * ignores while projecting). This is the oracle a forecast at cut-off {@code from} can be held to. Summing the
     * realised hazard of the window ({@link #window}) is not: that hazard already carries the excitation of the
     * window's own breaks, so it knows part of the outcome.
     */
    public double[] expectedBreaks(YearMonth from, int months) {
        int first = -1;
        for (Month m : this.months) {
            if (m.month().equals(from)) {
                first = m.index();
            }
        }
        if (first < 0 || months < 1 || first + months > this.months.size()) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "synthetic city truth: " + months + " months from "
                    + from + " are not all simulated (" + this.months.get(0).month() + " .. "
                    + this.months.get(this.months.size() - 1).month() + ")");
        }
        int n = pipes.size();
        HazardEngine unexcited = new HazardEngine(hazard, grid, weight, installYear, predecessorWeight,
                predecessorInstallYear);
        double[] base = new double[n];
        double[] excitation = new double[n];
        Month start = this.months.get(first);
        forEachMonth((m, hz, breaks) -> {
            if (m.index() == start.index()) {
                unexcited.hazards(m.month().getYear(), m.climateFactor(), base);
                for (int i = 0; i < n; i++) {
                    excitation[i] = base[i] > 0 ? Math.max(0, hz[i] / base[i] - 1) : 0;
                }
            }
        });
        double[] expected = new double[n];
        double[] h = new double[n];
        int[] nb = new int[6];
        for (int k = 0; k < months; k++) {
            Month m = this.months.get(first + k);
            unexcited.hazards(m.month().getYear(), m.climateFactor(), base);
            for (int i = 0; i < n; i++) {
                h[i] = base[i] * (1 + excitation[i]);
                expected[i] += h[i];
                excitation[i] *= hazard.excitationDecay();
            }
            for (int i = 0; i < n; i++) {
                if (h[i] > 0) {
                    excitation[i] += hazard.selfExcitation() * h[i];
                    int c = grid.neighbours(i, nb);
                    for (int j = 0; j < c; j++) {
                        excitation[nb[j]] += hazard.neighbourExcitation() * h[i];
                    }
                }
            }
        }
        return expected;
    }

    private static BufferedReader gzip(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16),
                StandardCharsets.UTF_8), 1 << 16);
    }

    private static BreakwaterException bad(Path file, long line, String value, String expected) {
        return new BreakwaterException(ErrorCode.INVALID_INPUT,
                "synthetic city truth: " + file + " line " + line + ": '" + value + "', expected " + expected);
    }
}
