package io.breakwater.turso;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.StepBuilder;
import io.breakwater.turso.internal.Checksum;
import io.breakwater.turso.internal.LocalReader;
import io.breakwater.turso.internal.RemoteReader;
import io.breakwater.turso.internal.RemoteSchema;
import io.breakwater.turso.internal.RemoteWriter;
import io.breakwater.turso.internal.Sql;
import io.breakwater.turso.internal.TableReader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a local store (DuckDB or SQLite/libSQL file) to a remote Turso database over its HTTP API.
 *
 * <ol>
 *   <li>Schema: the remote replays the same Flyway migration scripts the local store was built from, each in one
 *       transaction with its {@code breakwater_schema_history} row, so both report the same schema version.</li>
 *   <li>Data: every contract table is copied in primary-key order, {@link Builder#batchRows(int) batchRows} rows
 *       per transaction, as upserts by primary key. Each transaction also moves the table's progress marker (in
 *       the remote-only table {@code breakwater_publish_state}), so a publish that was killed resumes where its last
 *       committed batch ended, and a table whose content was already published is skipped. Rows the local table
 *       no longer has are deleted on the remote.</li>
 *   <li>Verification: a {@link Parity} check local against remote. A table that still differs (say, edited on the
 *       remote behind our back) is copied again in full once; the result says whether the remote is verified.</li>
 * </ol>
 *
 * <pre>{@code
 * try (BreakwaterStore local = BreakwaterStore.openExisting("out/breakwater.duckdb")) {
 *     TursoClient remote = TursoClient.builder("libsql://mydb-me.turso.io").authToken(token).build();
 *     PublishResult result = Publish.builder(local, remote).build().run();
 * }
 * }</pre>
 */
public final class Publish {
    private static final Logger LOG = LoggerFactory.getLogger(Publish.class);

    private final BreakwaterStore source;
    private final TursoClient target;
    private final int batchRows;
    private final int significantDigits;
    private final ProgressListener progress;
    private final Clock clock;
    private final RemoteWriter writer = new RemoteWriter();

    private Publish(Builder builder) {
        this.source = builder.source;
        this.target = builder.target;
        this.batchRows = builder.batchRows;
        this.significantDigits = builder.significantDigits;
        this.progress = builder.progress();
        this.clock = builder.clock();
    }

    /** A publish of the open store {@code source} (kept open by the caller) to {@code target}. */
    public static Builder builder(BreakwaterStore source, TursoClient target) {
        return new Builder(source, target);
    }

    /** Runs the publish: schema, then every table, then verification. Safe to run again at any time. */
    public PublishResult run() {
        Instant started = clock.instant();
        LocalReader local = new LocalReader(source);
        RemoteReader remote = new RemoteReader(target);

        progress.started("publish schema", -1, "migrations");
        int migrations = RemoteSchema.migrate(source, target);
        target.execute(RemoteWriter.createStateTable());
        progress.finished("publish schema", migrations == 0 ? null
                : "publish: applied " + migrations + " migration(s) on " + target.url());
        Map<String, RemoteWriter.Marker> markers = RemoteWriter.readMarkers(target);

        List<TablePublishResult> tables = new ArrayList<>();
        for (Table<?> table : BreakwaterStore.contractTables()) {
            tables.add(copy(table, local, remote, markers.get(table.getName()), false));
        }
        Parity parity = Parity.builder().significantDigits(significantDigits).progress(progress).clock(clock).build();
        ParityResult verification = parity.compare(local, remote, BreakwaterStore.contractTables());
        if (!verification.same()) {
            List<String> differing = verification.differingTables().stream().map(TableParity::table).toList();
            LOG.warn("publish to {}: {} table(s) differ after copying, copying them again in full: {}",
                    target.url(), differing.size(), differing);
            for (Table<?> table : BreakwaterStore.contractTables()) {
                if (differing.contains(table.getName())) {
                    TablePublishResult again = copy(table, local, remote, null, true);
                    tables.replaceAll(t -> t.table().equals(table.getName()) ? merge(t, again) : t);
                }
            }
            verification = parity.compare(local, remote, BreakwaterStore.contractTables());
        }
        return new PublishResult(local.describe(), target.url(), verification.schemaVersionA(), migrations, tables,
                verification, started, clock.instant());
    }

    private static TablePublishResult merge(TablePublishResult first, TablePublishResult again) {
        return new TablePublishResult(first.table(), "recopied", again.sourceRows(), first.rowsSkipped(),
                first.rowsWritten() + again.rowsWritten(), first.rowsDeleted() + again.rowsDeleted(),
                first.batches() + again.batches());
    }

    private TablePublishResult copy(Table<?> table, LocalReader local, RemoteReader remote,
            RemoteWriter.Marker marker, boolean full) {
        String name = table.getName();
        Checksum.Result content = Checksum.of(local, table, significantDigits);
        boolean sameContent = marker != null && marker.sourceChecksum().equals(content.checksum())
                && marker.sourceRows() == content.rows();
        if (!full && sameContent && marker.completed()) {
            return new TablePublishResult(name, "unchanged", content.rows(), 0, 0, 0, 0);
        }
        long skip = !full && sameContent ? Math.min(marker.rowsDone(), content.rows()) : 0;
        String step = "publish " + name;
        progress.started(step, content.rows(), "rows");
        progress.progressed(step, skip);
        long[] done = {skip};
        int[] batches = {0};
        local.scan(table, skip, batchRows, page -> {
            List<HranaStatement> statements = new ArrayList<>(writer.upserts(table, page));
            done[0] += page.size();
            statements.add(RemoteWriter.writeMarker(new RemoteWriter.Marker(name, content.checksum(), content.rows(),
                    done[0], done[0] == content.rows()), now()));
            target.transaction(statements);
            batches[0]++;
            progress.progressed(step, done[0]);
            return true;
        });
        if (done[0] != content.rows()) {
            throw new BreakwaterException(ErrorCode.INTERNAL, "table " + name + " of " + local.describe()
                    + " changed during the publish (" + content.rows() + " rows counted, " + done[0] + " read)");
        }
        if (batches[0] == 0) {
            target.transaction(List.of(RemoteWriter.writeMarker(
                    new RemoteWriter.Marker(name, content.checksum(), content.rows(), content.rows(), true), now())));
        }
        long deleted = remote.count(table) > content.rows() ? deleteExtras(table, local, remote) : 0;
        String status = full ? "recopied" : skip > 0 ? "resumed" : "copied";
        progress.finished(step, null);
        LOG.info("publish {}: {} {} rows ({} skipped, {} deleted, {} batches)", target.url(), name, status,
                done[0] - skip, skip, deleted, batches[0]);
        return new TablePublishResult(name, status, content.rows(), skip, done[0] - skip, deleted, batches[0]);
    }

    /** Deletes the remote rows whose primary key the local table does not have. */
    private long deleteExtras(Table<?> table, TableReader local, TableReader remote) {
        List<Field<?>> keys = Sql.keyFields(table);
        int[] positions = keys.stream().mapToInt(k -> List.of(table.fields()).indexOf(k)).toArray();
        Set<String> localKeys = new HashSet<>();
        local.scan(table, 0, 5000, page -> {
            page.forEach(row -> localKeys.add(Checksum.keyText(key(row, positions), 17)));
            return true;
        });
        List<Object[]> extras = new ArrayList<>();
        remote.scan(table, 0, 5000, page -> {
            for (Object[] row : page) {
                Object[] key = key(row, positions);
                if (!localKeys.contains(Checksum.keyText(key, 17))) {
                    extras.add(key);
                }
            }
            return true;
        });
        for (int from = 0; from < extras.size(); from += batchRows) {
            target.transaction(RemoteWriter.deletes(table, extras.subList(from, Math.min(extras.size(), from + batchRows))));
        }
        return extras.size();
    }

    private static Object[] key(Object[] row, int[] positions) {
        Object[] key = new Object[positions.length];
        for (int i = 0; i < positions.length; i++) {
            key[i] = row[positions[i]];
        }
        return key;
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    }

    /**
     * Builds a {@link Publish}; validated in {@link #build()}. Its clock stamps the progress markers and the result;
     * its progress listener receives a step per table, in rows.
     */
    public static final class Builder extends StepBuilder<Builder> {
        private final BreakwaterStore source;
        private final TursoClient target;
        private int batchRows = 500;
        private int significantDigits = Parity.DEFAULT_SIGNIFICANT_DIGITS;

        private Builder(BreakwaterStore source, TursoClient target) {
            this.source = Objects.requireNonNull(source, "source");
            this.target = Objects.requireNonNull(target, "target");
        }

        /** Rows per transaction (default 500): a killed publish loses at most one batch of work. */
        public Builder batchRows(int rows) {
            this.batchRows = rows;
            return this;
        }

        /** The float tolerance of the verification (see {@link Parity}); default 9 significant digits. */
        public Builder significantDigits(int digits) {
            this.significantDigits = digits;
            return this;
        }

        public Publish build() {
            if (batchRows < 1 || batchRows > 100_000) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                        "batch size must be between 1 and 100000 rows, got " + batchRows);
            }
            if (source.location().kind() == io.breakwater.db.StoreLocation.Kind.DUCKDB_MEMORY) {
                LOG.debug("publishing an in-memory DuckDB store");
            }
            Parity.builder().significantDigits(significantDigits).build();
            return new Publish(this);
        }
    }
}
