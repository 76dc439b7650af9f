package io.breakwater.ml;

import static io.breakwater.db.schema.Tables.EVALUATION_BACKTEST_SCORES;
import static io.breakwater.db.schema.Tables.MODEL_EVALUATIONS;
import static io.breakwater.db.schema.Tables.MODEL_REGISTRY;
import static io.breakwater.db.schema.Tables.PIPE_BREAK_RISK_SCORES;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.TableExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.Table;

/**
 * Writes the risk scores and the per-asset back-test scores of a store to CSV or Parquet files, for tools that read
 * files rather than a database (and for an independent check of the evaluation):
 * <ul>
 *   <li>{@code risk_scores}: every row of {@code pipe_break_risk_scores} with its model's feature set, target and
 *       grain;</li>
 *   <li>{@code backtest_scores}: every row of {@code evaluation_backtest_scores} (evaluation, test year, asset, score,
 *       score per km, ranks, observed breaks, ranker) with its evaluation's feature set, target and grain.</li>
 * </ul>
 * The files are written by db-contracts' {@link TableExport}, which also writes any one table of a store.
 */
public final class ScoreExport {
    private final BreakwaterStore store;
    private final TableExport export;

    private ScoreExport(BreakwaterStore store, TableExport.Format format) {
        this.store = store;
        this.export = TableExport.of(store, format);
    }

    /** The score export of {@code store} in {@code format}. */
    public static ScoreExport of(BreakwaterStore store, TableExport.Format format) {
        return new ScoreExport(store, format);
    }

    /** Writes {@code risk_scores} and {@code backtest_scores} files into {@code folder} (created when needed). */
    public List<TableExport.Written> writeTo(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "cannot create the score export folder "
                    + folder + ": " + e.getMessage(), e);
        }
        List<TableExport.Written> out = new ArrayList<>();
        out.add(export.write("risk_scores", riskScores(), export.file(folder, "risk_scores")));
        out.add(export.write("backtest_scores", backtestScores(), export.file(folder, "backtest_scores")));
        return out;
    }

    private Select<Record> riskScores() {
        return withProducer(PIPE_BREAK_RISK_SCORES, MODEL_REGISTRY,
                MODEL_REGISTRY.MODEL_ID.eq(PIPE_BREAK_RISK_SCORES.MODEL_ID),
                List.of(MODEL_REGISTRY.FEATURE_SET_ID, MODEL_REGISTRY.TARGET, MODEL_REGISTRY.GRAIN),
                PIPE_BREAK_RISK_SCORES.MODEL_ID, PIPE_BREAK_RISK_SCORES.SCORE_MONTH, PIPE_BREAK_RISK_SCORES.RISK_RANK);
    }

    private Select<Record> backtestScores() {
        return withProducer(EVALUATION_BACKTEST_SCORES, MODEL_EVALUATIONS,
                MODEL_EVALUATIONS.EVALUATION_ID.eq(EVALUATION_BACKTEST_SCORES.EVALUATION_ID),
                List.of(MODEL_EVALUATIONS.FEATURE_SET_ID, MODEL_EVALUATIONS.TARGET, MODEL_EVALUATIONS.GRAIN),
                EVALUATION_BACKTEST_SCORES.EVALUATION_ID, EVALUATION_BACKTEST_SCORES.TEST_YEAR,
                EVALUATION_BACKTEST_SCORES.SCORE_RANK);
    }

    /** Every row of {@code scores} with the feature set, target and grain of the model or evaluation that made it. */
    private Select<Record> withProducer(Table<?> scores, Table<?> producer, Condition on,
            List<SelectField<?>> producerFields, OrderField<?>... order) {
        List<SelectField<?>> fields = new ArrayList<>(List.of(scores.fields()));
        fields.addAll(producerFields);
        return store.dsl().select(fields).from(scores).join(producer).on(on).orderBy(order);
    }
}
