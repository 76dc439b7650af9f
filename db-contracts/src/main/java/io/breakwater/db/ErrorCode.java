package io.breakwater.db;

/**
 * Classes of failure shared by every Breakwater module; the CLI maps each to a process exit code.
 */
public enum ErrorCode {
    /** A command line, configuration or mapping that cannot work. */
    INVALID_CONFIGURATION(2),
    /** An input file that cannot be read or parsed as declared. */
    INVALID_INPUT(3),
    /** A database location that cannot be opened: missing folder, not a database, unknown kind. */
    DATABASE_UNAVAILABLE(4),
    /** Another process holds the database. */
    DATABASE_LOCKED(5),
    /** The schema does not match the migrations shipped with this build (edited or newer migration). */
    SCHEMA_MISMATCH(6),
    /** A run-level quality check failed; nothing was persisted. */
    QUALITY_GATE_FAILED(7),
    /** A remote store (Turso) refused or could not be reached. */
    REMOTE_FAILURE(8),
    /** Two stores differ where they should not (parity). */
    PARITY_DIFFERENCE(9),
    /** Model artifact missing, corrupt or not matching its checksum. */
    MODEL_INVALID(10),
    /** Anything else: a bug or an unexpected failure of a library underneath. */
    INTERNAL(70);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The process exit code the CLI returns for this class of failure. */
    public int exitCode() {
        return exitCode;
    }
}
