package io.breakwater.db;

/**
 * Classes of failure shared by every Breakwater module; the CLI maps each to a process exit code and lists them, with
 * their {@link #meaning()}, in its help.
 */
public enum ErrorCode {
    /** A command line, configuration or mapping that cannot work. */
    INVALID_CONFIGURATION(2, "invalid command line, configuration or mapping"),
    /** An input file that cannot be read or parsed as declared. */
    INVALID_INPUT(3, "invalid input file"),
    /** A database location that cannot be opened: missing store, missing folder, not a database, unknown kind. */
    DATABASE_UNAVAILABLE(4, "database cannot be opened (missing, not a database)"),
    /** Another process holds the database. */
    DATABASE_LOCKED(5, "database locked by another program"),
    /** The schema does not match the migrations shipped with this build (edited or newer migration). */
    SCHEMA_MISMATCH(6, "schema does not match this build's migrations"),
    /** A run-level quality check failed; nothing was persisted. */
    QUALITY_GATE_FAILED(7, "a run-level quality check failed; nothing was written"),
    /** A remote store (Turso) refused or could not be reached. */
    REMOTE_FAILURE(8, "remote Turso database unreachable or refused"),
    /** Two stores differ where they should not (parity). */
    PARITY_DIFFERENCE(9, "stores differ (parity, a publish not verified)"),
    /** Model artifact missing, corrupt or not matching its checksum. */
    MODEL_INVALID(10, "model artifact invalid (missing, corrupt, checksum differs)"),
    /** Anything else: a bug or an unexpected failure of a library underneath. */
    INTERNAL(70, "internal error");

    private final int exitCode;
    private final String meaning;

    ErrorCode(int exitCode, String meaning) {
        this.exitCode = exitCode;
        this.meaning = meaning;
    }

    /** The process exit code the CLI returns for this class of failure. */
    public int exitCode() {
        return exitCode;
    }

    /** What the failure means, in a few words, for a list of exit codes. */
    public String meaning() {
        return meaning;
    }
}
