package io.breakwater.ml.internal;

import static io.breakwater.db.schema.Tables.PIPE_BREAK_RISK_SCORES;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.schema.tables.records.PipeBreakRiskScoresRecord;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Replaces a model's scores for one month in {@code pipe_break_risk_scores} in one transaction: a jOOQ delete, then
 * DuckDB's appender on DuckDB (the bulk path) or jOOQ batch inserts on SQLite.
 */
public final class ScoreWriter {
    private ScoreWriter() {
    }

    /** One scored asset. Drivers may be null. */
    public record Row(String assetId, double probability, Double expected, int rank, double percentile, String riskClass,
            Double riskPerKm, Integer rankPerKm, String[] drivers, double[] contributions) {
    }

    public static void write(BreakwaterStore store, String modelId, LocalDate month, int horizon, LocalDateTime scoredAt,
            List<Row> rows, ProgressListener progress, String step) {
        store.dsl().transaction(cfg -> {
            var dsl = org.jooq.impl.DSL.using(cfg);
            dsl.deleteFrom(PIPE_BREAK_RISK_SCORES).where(PIPE_BREAK_RISK_SCORES.MODEL_ID.eq(modelId))
                    .and(PIPE_BREAK_RISK_SCORES.SCORE_MONTH.eq(month)).execute();
            if (store.isDuckDb()) {
                dsl.connection(c -> appendDuckDb(c, modelId, month, horizon, scoredAt, rows, progress, step));
                return;
            }
            List<PipeBreakRiskScoresRecord> batch = new ArrayList<>();
            int done = 0;
            for (Row r : rows) {
                PipeBreakRiskScoresRecord rec = new PipeBreakRiskScoresRecord();
                rec.setModelId(modelId);
                rec.setAssetId(r.assetId());
                rec.setScoreMonth(month);
                rec.setHorizonMonths(horizon);
                rec.setProbability(r.probability());
                rec.setExpectedBreaks(r.expected());
                rec.setRiskRank(r.rank());
                rec.setPercentile(r.percentile());
                rec.setRiskClass(r.riskClass());
                rec.setRiskPerKm(r.riskPerKm());
                rec.setRankPerKm(r.rankPerKm());
                rec.setDriver_1(driver(r, 0));
                rec.setDriver_1Contribution(contribution(r, 0));
                rec.setDriver_2(driver(r, 1));
                rec.setDriver_2Contribution(contribution(r, 1));
                rec.setDriver_3(driver(r, 2));
                rec.setDriver_3Contribution(contribution(r, 2));
                rec.setScoredAt(scoredAt);
                batch.add(rec);
                if (batch.size() == 5_000) {
                    dsl.batchInsert(batch).execute();
                    batch.clear();
                }
                if (++done % 50_000 == 0) {
                    progress.progressed(step, done);
                }
            }
            if (!batch.isEmpty()) {
                dsl.batchInsert(batch).execute();
            }
        });
    }

    private static String driver(Row r, int i) {
        return r.drivers() == null || r.drivers().length <= i ? null : r.drivers()[i];
    }

    private static Double contribution(Row r, int i) {
        return r.drivers() == null || r.drivers().length <= i || r.drivers()[i] == null ? null : r.contributions()[i];
    }

    /** Appends on the transaction's own connection, so the delete and the new rows commit together or not at all. */
    private static void appendDuckDb(java.sql.Connection connection, String modelId, LocalDate month, int horizon,
            LocalDateTime scoredAt, List<Row> rows, ProgressListener progress, String step) {
        try {
            DuckDBConnection c = connection.unwrap(DuckDBConnection.class);
            try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, PIPE_BREAK_RISK_SCORES.getName())) {
                int done = 0;
                for (Row r : rows) {
                    a.beginRow();
                    a.append(modelId).append(r.assetId()).append(month).append(horizon).append(r.probability());
                    nullable(a, r.expected());
                    a.append(r.rank()).append(r.percentile()).append(r.riskClass());
                    nullable(a, r.riskPerKm());
                    if (r.rankPerKm() == null) {
                        a.appendNull();
                    } else {
                        a.append(r.rankPerKm().intValue());
                    }
                    for (int i = 0; i < 3; i++) {
                        String d = driver(r, i);
                        if (d == null) {
                            a.appendNull();
                            a.appendNull();
                        } else {
                            a.append(d).append(r.contributions()[i]);
                        }
                    }
                    a.append(scoredAt);
                    a.endRow();
                    if (++done % 50_000 == 0) {
                        progress.progressed(step, done);
                    }
                }
                a.flush();
            }
        } catch (SQLException e) {
            throw new BreakwaterException(ErrorCode.DATABASE_UNAVAILABLE, "cannot write risk scores: " + e.getMessage(),
                    e);
        }
    }

    private static void nullable(DuckDBAppender a, Double v) throws SQLException {
        if (v == null || v.isNaN()) {
            a.appendNull();
        } else {
            a.append(v.doubleValue());
        }
    }
}
