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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Replaces a model's scores for one month in {@code pipe_break_risk_scores} in one transaction: on DuckDB through
 * an appended working table and set-based update, insert and delete (the bulk path); on SQLite a delete and jOOQ
 * batch inserts.
 */
public final class ScoreWriter {
    /** The working table of a DuckDB replace, created and dropped inside the step's transaction. */
    private static final Name STAGE = DSL.name("pipe_break_risk_scores_stage");

    private ScoreWriter() {
    }

    /** One scored asset. Drivers may be null. */
    public record Row(String assetId, double probability, Double expected, int rank, double percentile, String riskClass,
            Double riskPerKm, Integer rankPerKm, String[] drivers, double[] contributions) {
    }

    public static void write(BreakwaterStore store, String modelId, LocalDate month, int horizon, LocalDateTime scoredAt,
            List<Row> rows, ProgressListener progress, String step) {
        store.dsl().transaction(cfg -> {
            var dsl = DSL.using(cfg);
            if (store.isDuckDb()) {
                replaceDuckDb(dsl, modelId, month, horizon, scoredAt, rows, progress, step);
                return;
            }
            dsl.deleteFrom(PIPE_BREAK_RISK_SCORES).where(PIPE_BREAK_RISK_SCORES.MODEL_ID.eq(modelId))
                    .and(PIPE_BREAK_RISK_SCORES.SCORE_MONTH.eq(month)).execute();
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

    /**
     * DuckDB: the new rows go by appender into a working table without indexes, then update the month's rows that
     * exist, insert the new ones and delete the ones no longer scored, all inside the caller's transaction. Deleting
     * and re-inserting instead costs DuckDB's primary-key index about 60 µs a row: 62 s for a million assets, against
     * about 3 s this way.
     */
    private static void replaceDuckDb(DSLContext dsl, String modelId, LocalDate month, int horizon,
            LocalDateTime scoredAt, List<Row> rows, ProgressListener progress, String step) {
        var t = PIPE_BREAK_RISK_SCORES;
        Table<?> stage = DSL.table(STAGE);
        dsl.dropTableIfExists(stage).execute();
        dsl.createTable(stage).as(dsl.selectFrom(t).where(DSL.falseCondition())).execute();
        dsl.connection(c -> appendDuckDb(c, STAGE.last(), modelId, month, horizon, scoredAt, rows, progress, step));
        Condition sameRow = t.MODEL_ID.eq(staged(t.MODEL_ID)).and(t.ASSET_ID.eq(staged(t.ASSET_ID)))
                .and(t.SCORE_MONTH.eq(staged(t.SCORE_MONTH)));
        Map<Field<?>, Field<?>> values = new LinkedHashMap<>();
        List<Field<?>> all = new ArrayList<>();
        for (Field<?> f : t.fields()) {
            all.add(staged(f));
            if (!f.equals(t.MODEL_ID) && !f.equals(t.ASSET_ID) && !f.equals(t.SCORE_MONTH)) {
                values.put(f, staged(f));
            }
        }
        dsl.update(t).set(values).from(stage).where(sameRow).execute();
        dsl.insertInto(t).select(dsl.select(all).from(stage).whereNotExists(dsl.selectOne().from(t).where(sameRow)))
                .execute();
        dsl.deleteFrom(t).where(t.MODEL_ID.eq(modelId)).and(t.SCORE_MONTH.eq(month))
                .and(t.ASSET_ID.notIn(dsl.select(staged(t.ASSET_ID)).from(stage))).execute();
        dsl.dropTable(stage).execute();
    }

    /** The column of the working table that matches {@code f} of the scores table. */
    private static <T> Field<T> staged(Field<T> f) {
        return DSL.field(DSL.name(STAGE.last(), f.getName()), f.getDataType());
    }

    /** Appends on the transaction's own connection, so the rows commit with the rest of the step or not at all. */
    private static void appendDuckDb(java.sql.Connection connection, String table, String modelId, LocalDate month,
            int horizon, LocalDateTime scoredAt, List<Row> rows, ProgressListener progress, String step) {
        try {
            DuckDBConnection c = connection.unwrap(DuckDBConnection.class);
            try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
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
