package io.breakwater.ml.internal;

import static io.breakwater.db.schema.Tables.FEATURE_SETS;
import static io.breakwater.db.schema.Tables.PIPE_FEATURES_MONTHLY;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.ml.Algorithm;
import io.breakwater.ml.HyperParameters;
import io.breakwater.ml.MlBenchmarks;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.SplittableRandom;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jooq.Field;

/** Synthetic data for benchmarks only: a matrix with a known logistic hazard and about 8 % missing values. */
public final class SyntheticPanel {
    private SyntheticPanel() {
    }

    static Matrix matrix(int rows, int cols, long seed, float[] y) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] data = new float[Math.multiplyExact(rows, cols)];
        String[] names = new String[cols];
        for (int c = 0; c < cols; c++) {
            names[c] = "f" + c;
        }
        for (int i = 0; i < rows; i++) {
            double z = -2.2;
            for (int c = 0; c < cols; c++) {
                float v = (float) r.nextGaussian();
                if (c > 2 && r.nextDouble() < 0.08) {
                    v = Float.NaN;
                } else if (c < 6) {
                    z += (c % 2 == 0 ? 0.6 : -0.4) * v + (c == 0 ? 0.3 * v * v : 0);
                }
                data[i * cols + c] = v;
            }
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1f : 0f;
        }
        return new Matrix(data, rows, cols, names);
    }

    public static MlBenchmarks.TrainBenchmark benchTrain(long rows, int cols, Algorithm algorithm, HyperParameters hyper,
            long seed) {
        if (rows * cols > Integer.MAX_VALUE - 8) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, rows + " rows x " + cols
                    + " columns exceed one Java array (2^31 values)");
        }
        Algorithm ran = ModelTrainer.resolve(algorithm).getKey();
        long t0 = System.nanoTime();
        float[] y = new float[(int) rows];
        Matrix x = matrix((int) rows, cols, seed, y);
        double build = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        FittedModel model = ModelTrainer.learner(ran).fit(x, y, null, false, hyper, seed);
        double train = (System.nanoTime() - t1) / 1e9;
        Runtime rt = Runtime.getRuntime();
        long used = (rt.totalMemory() - rt.freeMemory()) >> 20;
        x = null;
        float[] vy = new float[200_000];
        Matrix v = matrix(vy.length, cols, seed + 1, vy);
        double[] m = model.margin(v);
        int[] yi = new int[vy.length];
        long pos = 0;
        for (int i = 0; i < yi.length; i++) {
            yi[i] = (int) vy[i];
            pos += yi[i];
        }
        double auc = Metrics.rocAuc(m, yi, pos);
        return new MlBenchmarks.TrainBenchmark(rows, cols, ran.id(), hyper.threads(), hyper.trees(), build, train, used,
                rt.maxMemory() >> 20, auc);
    }

    /**
     * Writes feature set {@code id}: 20,000 labelled history assets over 48 months, then {@code assets} assets in
     * the month after (the month to score). DuckDB only (appender). Returns the month to score.
     */
    public static YearMonth writeScoringFeatureSet(BreakwaterStore store, String id, int assets, long seed) {
        if (!store.isDuckDb()) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "the scoring benchmark needs a DuckDB store");
        }
        YearMonth first = YearMonth.of(2010, 1);
        int historyMonths = 48;
        int historyAssets = 20_000;
        YearMonth scoreMonth = first.plusMonths(historyMonths);
        LocalDateTime now = LocalDateTime.of(2024, 1, 1, 0, 0);
        store.dsl().deleteFrom(PIPE_FEATURES_MONTHLY).where(PIPE_FEATURES_MONTHLY.FEATURE_SET_ID.eq(id)).execute();
        store.dsl().deleteFrom(FEATURE_SETS).where(FEATURE_SETS.FEATURE_SET_ID.eq(id)).execute();
        store.dsl().insertInto(FEATURE_SETS).set(FEATURE_SETS.FEATURE_SET_ID, id).set(FEATURE_SETS.NAME, "bench")
                .set(FEATURE_SETS.VERSION, "1").set(FEATURE_SETS.DEFINITION_HASH, "bench").set(FEATURE_SETS.DEFINITION_JSON, "{}")
                .set(FEATURE_SETS.GRAIN, "pipe").set(FEATURE_SETS.HORIZON_MONTHS, 12).set(FEATURE_SETS.AS_OF, now)
                .set(FEATURE_SETS.BUILT_AT, now).execute();
        Field<?>[] fields = PIPE_FEATURES_MONTHLY.fields();
        SplittableRandom r = new SplittableRandom(seed);
        String[] materials = {"cast_iron", "ductile_iron", "pvc", "asbestos_cement"};
        try (DuckDBAppender a = store.connection().unwrap(DuckDBConnection.class)
                .createAppender(DuckDBConnection.DEFAULT_SCHEMA, PIPE_FEATURES_MONTHLY.getName())) {
            for (int m = 0; m <= historyMonths; m++) {
                YearMonth month = first.plusMonths(m);
                int n = m == historyMonths ? assets : historyAssets;
                for (int i = 0; i < n; i++) {
                    double age = 10 + (i * 7919L % 90);
                    int mat = (int) (i * 31L % 4);
                    double km = 0.05 + (i * 104729L % 500) / 1000.0;
                    double hazard = 0.02 * km * 10 * Math.exp(0.03 * (age - 50)) * (mat == 0 ? 2.5 : 1);
                    int b12 = r.nextDouble() < hazard ? 1 : 0;
                    Boolean any = m + 12 < historyMonths ? r.nextDouble() < hazard : null;
                    a.beginRow();
                    for (Field<?> f : fields) {
                        String name = f.getName();
                        switch (name) {
                            case "feature_set_id" -> a.append(id);
                            case "asset_id" -> a.append("A" + i);
                            case "month_start" -> a.append(month.atDay(1));
                            case "year" -> a.append(month.getYear());
                            case "month_of_year" -> a.append(month.getMonthValue());
                            case "breaks_in_month", "breaks_3m", "breaks_6m", "breaks_cumulative" -> a.append(0);
                            case "breaks_12m", "breaks_36m" -> a.append(b12);
                            case "breaks_per_km_12m" -> a.append(b12 / km);
                            case "pipe_age_years" -> a.append(age);
                            case "material" -> a.append(materials[mat]);
                            case "diameter_mm" -> a.append(100.0 + 50 * (i % 4));
                            case "length_m" -> a.append(km * 1000);
                            case "log_length" -> a.append(Math.log(km * 1000));
                            case "exposure_km" -> a.append(km);
                            case "soil_corrosivity" -> a.append((i % 10) / 10.0);
                            case "t_mean" -> a.append(-5.0 + m % 12);
                            case "month_sin" -> a.append(Math.sin(2 * Math.PI * (month.getMonthValue() - 1) / 12));
                            case "month_cos" -> a.append(Math.cos(2 * Math.PI * (month.getMonthValue() - 1) / 12));
                            case "label_any" -> {
                                if (any == null) {
                                    a.appendNull();
                                } else {
                                    a.append(any.booleanValue());
                                }
                            }
                            case "label_breaks" -> {
                                if (any == null) {
                                    a.appendNull();
                                } else {
                                    a.append(any ? 1 : 0);
                                }
                            }
                            default -> a.appendNull();
                        }
                    }
                    a.endRow();
                }
            }
            a.flush();
        } catch (SQLException e) {
            throw new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE, "cannot write benchmark features: " + e.getMessage(), e);
        }
        return scoreMonth;
    }
}
