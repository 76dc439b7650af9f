package io.breakwater.etl.climate;

/** What a source said about a day's values, kept so that analysts can see it. */
public enum DailyFlag {
    /** Precipitation too small to measure; the value is 0 and the day counts as observed. */
    TRACE,
    /** A value was estimated by the publisher; it is used. */
    ESTIMATED,
    /** A value is an accumulation over several days (ECCC A/F); it is used as reported. */
    ACCUMULATED,
    /** A value failed the publisher's quality control (GHCN QFLAG) and was dropped as missing. */
    FAILED_QC,
    /** A value was declared missing by a flag (ECCC M, Y, N); it is missing. */
    MISSING_FLAG,
    /** Any other flag (uncertain amount, partial data, ...); the value is used. */
    OTHER
}
