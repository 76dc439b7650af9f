package io.breakwater.turso;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a publish did.
 *
 * @param source            the local store
 * @param target            the remote database's URL
 * @param schemaVersion     the schema version both now hold
 * @param migrationsApplied migrations replayed on the remote (0 when it was current)
 * @param tables            every contract table, in name order
 * @param verification      the parity check run after copying, local against remote
 * @param startedAt         when the publish started
 * @param finishedAt        when it finished
 */
public record PublishResult(String source, String target, String schemaVersion, int migrationsApplied,
        List<TablePublishResult> tables, ParityResult verification, Instant startedAt, Instant finishedAt) {

    public PublishResult {
        tables = List.copyOf(tables);
    }

    /** Whether the remote was verified to hold the same schema version and contents as the local store. */
    public boolean verified() {
        return verification.same();
    }

    public long rowsWritten() {
        return tables.stream().mapToLong(TablePublishResult::rowsWritten).sum();
    }

    public long rowsDeleted() {
        return tables.stream().mapToLong(TablePublishResult::rowsDeleted).sum();
    }

    public long rowsSkipped() {
        return tables.stream().mapToLong(TablePublishResult::rowsSkipped).sum();
    }

    /** Whether the publish left the remote as it found it (no migration, no row written or deleted). */
    public boolean changedNothing() {
        return migrationsApplied == 0 && rowsWritten() == 0 && rowsDeleted() == 0;
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }
}
