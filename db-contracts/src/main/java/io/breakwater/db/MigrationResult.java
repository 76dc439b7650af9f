package io.breakwater.db;

/**
 * What a migrate did.
 *
 * @param location          the store
 * @param versionBefore     the schema version before, or {@code null} for an empty database
 * @param versionAfter      the schema version now
 * @param migrationsApplied how many migrations ran; 0 means the store was already current
 */
public record MigrationResult(String location, String versionBefore, String versionAfter, int migrationsApplied) {
    public boolean changed() {
        return migrationsApplied > 0;
    }
}
