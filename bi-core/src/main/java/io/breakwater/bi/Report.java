package io.breakwater.bi;

import io.breakwater.bi.internal.ReportWriter;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.StepBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * The offline report: one self-contained HTML file (Chart.js inlined, maps drawn as SVG from our own geometry,
 * nothing fetched when it is opened) with the four dashboards, a model card and a data-quality summary. Reads the
 * star and dashboard tables: run {@link StarSchema#refresh} first. The footer credits the attribution texts that the
 * store's sources declared in their mappings ({@code ingest_runs.attribution}), and nothing else.
 *
 * <pre>{@code
 * ReportResult result = Report.builder().title("Water main breaks and risk").clock(Clock.systemUTC()).build()
 *         .write(store, Path.of("out/report.html"));
 * }</pre>
 *
 * @param title    the report's title, not blank
 * @param clock    stamps the report (fixed in tests)
 * @param progress hears the writing as one step, unless {@link #write(BreakwaterStore, Path, ProgressListener)} names
 *                 another listener
 */
public record Report(String title, Clock clock, ProgressListener progress) {
    /** Checks the settings: {@link Builder#build()} comes here. */
    public Report {
        if (title == null || title.isBlank()) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "report title is empty");
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(progress, "progress");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the report of {@code store} to {@code file} (its folder must exist; an existing file is replaced), telling
     * the builder's progress listener.
     */
    public ReportResult write(BreakwaterStore store, Path file) {
        return write(store, file, progress);
    }

    /** As {@link #write(BreakwaterStore, Path)}, telling {@code progress} (null: nobody) instead. */
    public ReportResult write(BreakwaterStore store, Path file, ProgressListener progress) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(file, "file");
        return new ReportWriter(store, title, clock, progress == null ? ProgressListener.NONE : progress)
                .write(file.toAbsolutePath().normalize());
    }

    /**
     * Configures a {@link Report}; validated in {@link #build()}. Its clock stamps the report (fixed in tests); its
     * progress listener hears the writing as one step.
     */
    public static final class Builder extends StepBuilder<Builder> {
        private String title = "Breakwater: water main breaks and risk";

        private Builder() {
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Report build() {
            return new Report(title, clock(), progress());
        }
    }
}
