package io.breakwater.etl;

/**
 * What a merge into a curated table did, by natural key.
 *
 * @param inserted  new keys
 * @param updated   known keys whose content changed
 * @param unchanged known keys with the same content
 * @param deleted   keys removed by a full refresh
 */
public record LoadCounts(long inserted, long updated, long unchanged, long deleted) {
    public static final LoadCounts NONE = new LoadCounts(0, 0, 0, 0);

    /** Rows accepted: inserted + updated + unchanged. */
    public long loaded() {
        return inserted + updated + unchanged;
    }

    public boolean changedAnything() {
        return inserted > 0 || updated > 0 || deleted > 0;
    }

    public LoadCounts plus(LoadCounts other) {
        return new LoadCounts(inserted + other.inserted, updated + other.updated, unchanged + other.unchanged,
                deleted + other.deleted);
    }
}
