package io.breakwater.turso;

/**
 * What a publish did to one table.
 *
 * @param table       the contract table
 * @param status      {@code copied}; {@code resumed} (an interrupted copy continued from its progress marker);
 *                    {@code unchanged} (the remote already held this exact content); {@code recopied} (verification
 *                    found a difference and the table was copied again in full)
 * @param sourceRows  rows in the local table
 * @param rowsSkipped rows not sent again because an earlier, interrupted publish had already committed them
 * @param rowsWritten rows sent (upserted) to the remote
 * @param rowsDeleted rows deleted on the remote because the local table no longer has them
 * @param batches     transactions committed for this table
 */
public record TablePublishResult(String table, String status, long sourceRows, long rowsSkipped, long rowsWritten,
        long rowsDeleted, int batches) {
}
