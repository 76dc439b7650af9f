package io.breakwater.synth.tables;

import static io.breakwater.db.schema.Tables.FEATURE_ASSETS;
import static io.breakwater.db.schema.Tables.FEATURE_SETS;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.BulkRows;
import io.breakwater.db.schema.tables.records.FeatureAssetsRecord;
import io.breakwater.db.schema.tables.records.FeatureSetsRecord;
import io.breakwater.db.schema.tables.records.PipeFeaturesMonthlyRecord;
import io.breakwater.synth.internal.Rng;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A small pipe network with a known monthly break hazard, written straight into {@code feature_sets},
 * {@code feature_assets} and {@code pipe_features_monthly} (the feature builder's output contract), so that the
 * models can be tested on a panel whose truth is known without running ingest and the feature build.
 *
 * <p>Hazard of pipe i in month t: {@code base x km x material x exp(0.035 (age - 50)) x exp(1.2 corrosivity)
 * [metallic] x winter x frailty_i}, frailty a hidden Gamma(shape 2) draw. Breaks are Poisson. The oracle knows the
 * hazard, frailty included; models see the attributes and the break history (which reveals frailty slowly).
 * Temperatures are missing from mid-2006 on, as in Toronto's station data. The same arguments give the same panel.
 */
public final class SyntheticPanel {
    /** The panel's label horizon in months. */
    public static final int HORIZON = 12;
    private static final int BURN_IN_MONTHS = 36;
    private static final String[] MATERIALS = {"cast_iron", "ductile_iron", "pvc", "asbestos_cement"};
    private static final double[] MATERIAL_FACTOR = {3.0, 0.9, 0.4, 1.5};

    private final int pipes;
    private final YearMonth first;
    private final int months;
    private final Pipe[] pipe;
    private final double[][] hazard; // pipe x (burn-in + months)
    private final int[][] breaks;
    private final double[] tMean;    // per month (NaN when missing)

    private SyntheticPanel(int pipes, YearMonth first, int months, long seed) {
        this.pipes = pipes;
        this.first = first;
        this.months = months;
        SplittableRandom random = new SplittableRandom(seed);
        pipe = new Pipe[pipes];
        int total = BURN_IN_MONTHS + months;
        hazard = new double[pipes][total];
        breaks = new int[pipes][total];
        tMean = new double[total];
        for (int t = 0; t < total; t++) {
            double seasonal = 8 - 12 * Math.cos(2 * Math.PI * (month(t).getMonthValue() - 1) / 12.0);
            tMean[t] = seasonal + random.nextGaussian() * 2;
        }
        for (int i = 0; i < pipes; i++) {
            int material = Rng.pick(random, new double[] {0.35, 0.25, 0.25, 0.15});
            double diameter = new double[] {100, 150, 200, 300}[Rng.pick(random, new double[] {0.3, 0.4, 0.2, 0.1})];
            int install = material == 2 ? 1970 + random.nextInt(35) : 1900 + random.nextInt(80);
            double lengthM = 40 + random.nextDouble() * 460;
            Pipe p = new Pipe(String.format("P%05d", i), material, diameter, install, lengthM, random.nextDouble());
            pipe[i] = p;
            double frailty = Draws.gamma(random, 2) / 2.0;
            for (int t = 0; t < total; t++) {
                double h = 0.0045 * p.km() * MATERIAL_FACTOR[material] * Math.exp(0.035 * (p.age(month(t)) - 50))
                        * (material <= 1 ? Math.exp(1.2 * p.corrosivity()) : 1.0)
                        * Math.exp(-0.05 * (tMean[t] - 8)) * frailty;
                hazard[i][t] = Math.max(0, h);
                breaks[i][t] = Draws.poisson(random, hazard[i][t]);
            }
        }
        for (int t = 0; t < total; t++) {
            if (!month(t).isBefore(YearMonth.of(2006, 6))) {
                tMean[t] = Double.NaN;
            }
        }
    }

    /** A pipe's attributes, as the feature builder would have them; material indexes {@link #MATERIALS}. */
    private record Pipe(String id, int material, double diameter, int install, double lengthM, double corrosivity) {
        double km() {
            return lengthM / 1000;
        }

        double age(YearMonth m) {
            return m.getYear() + (m.getMonthValue() - 1) / 12.0 - install;
        }
    }

    /** A network of {@code pipes} pipes observed monthly from {@code first} for {@code years} years. */
    public static SyntheticPanel generate(int pipes, YearMonth first, int years, long seed) {
        return new SyntheticPanel(pipes, first, years * 12, seed);
    }

    public int pipes() {
        return pipes;
    }

    public YearMonth first() {
        return first;
    }

    /** The panel's last month. */
    public YearMonth last() {
        return first.plusMonths(months - 1L);
    }

    /** The oracle: P(at least one break in months {@code from .. from+H-1}) for every pipe, by asset id. */
    public Map<String, Double> oracle(YearMonth from) {
        Map<String, Double> p = new HashMap<>();
        for (int i = 0; i < pipes; i++) {
            double sum = 0;
            for (int k = 0; k < HORIZON; k++) {
                sum += hazard[i][t(from) + k];
            }
            p.put(pipe[i].id(), 1 - Math.exp(-sum));
        }
        return p;
    }

    /** Breaks of a pipe in months {@code from .. from+H-1}. */
    public int breaks(String assetId, YearMonth from) {
        int i = index(assetId);
        int sum = 0;
        for (int k = 0; k < HORIZON; k++) {
            sum += breaks[i][t(from) + k];
        }
        return sum;
    }

    public double lengthKm(String assetId) {
        return pipe[index(assetId)].km();
    }

    /** Writes the feature set {@code featureSetId} (pipe grain, H = 12) in one transaction. */
    public void writeTo(BreakwaterStore store, String featureSetId) {
        store.dsl().transaction(cfg -> write(DSL.using(cfg), featureSetId));
    }

    private void write(DSLContext dsl, String featureSetId) {
        LocalDateTime built = LocalDateTime.of(2024, 1, 1, 0, 0);
        FeatureSetsRecord fs = dsl.newRecord(FEATURE_SETS);
        fs.setFeatureSetId(featureSetId);
        fs.setName(featureSetId.split("@")[0]);
        fs.setVersion(featureSetId.contains("@") ? featureSetId.split("@")[1] : "1");
        fs.setDefinitionHash("sim-" + pipes + "-" + months);
        fs.setDefinitionJson("{\"simulated\":true}");
        fs.setGrain("pipe");
        fs.setHorizonMonths(HORIZON);
        fs.setFirstMonth(first.atDay(1));
        fs.setLastMonth(last().atDay(1));
        fs.setAssetCount((long) pipes);
        fs.setRowCount((long) pipes * months);
        fs.setAsOf(built);
        fs.setBuiltAt(built);
        fs.insert();
        List<FeatureAssetsRecord> assets = new ArrayList<>();
        for (Pipe p : pipe) {
            FeatureAssetsRecord a = new FeatureAssetsRecord();
            a.setFeatureSetId(featureSetId);
            a.setAssetId(p.id());
            a.setGrain("pipe");
            a.setMaterial(MATERIALS[p.material()]);
            a.setDiameterMm(p.diameter());
            a.setInstallYear(p.install());
            a.setLengthM(p.lengthM());
            assets.add(a);
        }
        BulkRows.insert(dsl, FEATURE_ASSETS, assets);
        List<PipeFeaturesMonthlyRecord> rows = new ArrayList<>(pipes * Math.min(months, 120));
        for (int m = 0; m < months; m++) {
            for (int i = 0; i < pipes; i++) {
                rows.add(row(featureSetId, i, first.plusMonths(m)));
            }
            if (rows.size() >= 50_000) {
                BulkRows.insert(dsl, PIPE_FEATURES_MONTHLY, rows);
                rows.clear();
            }
        }
        BulkRows.insert(dsl, PIPE_FEATURES_MONTHLY, rows);
    }

    private YearMonth month(int t) {
        return first.minusMonths(BURN_IN_MONTHS).plusMonths(t);
    }

    private int t(YearMonth m) {
        return (int) first.minusMonths(BURN_IN_MONTHS).until(m, ChronoUnit.MONTHS);
    }

    private static int index(String assetId) {
        return Integer.parseInt(assetId.substring(1));
    }

    private int sum(int i, int t, int len) {
        int s = 0;
        for (int k = 0; k < len; k++) {
            s += breaks[i][t - k];
        }
        return s;
    }

    private Integer monthsSinceLastBreak(int i, int t) {
        for (int k = 0; k <= t; k++) {
            if (breaks[i][t - k] > 0) {
                return k;
            }
        }
        return null;
    }

    private PipeFeaturesMonthlyRecord row(String featureSetId, int i, YearMonth m) {
        int t = t(m);
        Pipe p = pipe[i];
        double km = p.km();
        PipeFeaturesMonthlyRecord r = new PipeFeaturesMonthlyRecord();
        r.setFeatureSetId(featureSetId);
        r.setAssetId(p.id());
        r.setMonthStart(m.atDay(1));
        r.setYear(m.getYear());
        r.setMonthOfYear(m.getMonthValue());
        r.setBreaksInMonth(breaks[i][t]);
        r.setBreaksLag_1(breaks[i][t - 1]);
        r.setBreaksLag_2(breaks[i][t - 2]);
        r.setBreaksLag_3(breaks[i][t - 3]);
        r.setBreaks_3m(sum(i, t, 3));
        r.setBreaks_6m(sum(i, t, 6));
        r.setBreaks_12m(sum(i, t, 12));
        r.setBreaks_36m(sum(i, t, 36));
        r.setBreaksCumulative(sum(i, t, t + 1));
        r.setMonthsSinceLastBreak(monthsSinceLastBreak(i, t));
        r.setBreaksPerKm_12m(sum(i, t, 12) / km);
        r.setBreaksPerKm_36m(sum(i, t, 36) / km);
        Double temp = Double.isNaN(tMean[t]) ? null : tMean[t];
        r.setTMean(temp);
        r.setTMin(temp == null ? null : temp - 6);
        r.setFreezingIndex(temp == null ? null : Math.max(0, -temp) * 30);
        r.setTMeanChange(temp == null || Double.isNaN(tMean[t - 1]) ? null : temp - tMean[t - 1]);
        r.setPrecipMm(60.0 + (m.getMonthValue() % 5) * 7);
        r.setSoilCorrosivity(p.corrosivity());
        r.setPipeAgeYears(p.age(m));
        r.setMaterial(MATERIALS[p.material()]);
        r.setDiameterMm(p.diameter());
        r.setLengthM(p.lengthM());
        r.setLogLength(Math.log(p.lengthM()));
        r.setExposureKm(km);
        r.setMonthSin(Math.sin(2 * Math.PI * (m.getMonthValue() - 1) / 12));
        r.setMonthCos(Math.cos(2 * Math.PI * (m.getMonthValue() - 1) / 12));
        if (!m.plusMonths(HORIZON).isAfter(last())) {
            int label = 0;
            for (int k = 1; k <= HORIZON; k++) {
                label += breaks[i][t + k];
            }
            r.setLabelBreaks(label);
            r.setLabelAny(label > 0);
        }
        return r;
    }
}
