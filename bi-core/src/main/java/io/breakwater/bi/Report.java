package io.breakwater.bi;

import io.breakwater.bi.internal.ReportWriter;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
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
 *         .write(store, Path.of("out/report.html"), ProgressListener.NONE);
 * }</pre>
 */
public final class Report {
    private final String title;
    private final Clock clock;

    private Report(Builder builder) {
        this.title = builder.title;
        this.clock = builder.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String title() {
        return title;
    }

    /** Writes the report of {@code store} to {@code file} (its folder must exist; an existing file is replaced). */
    public ReportResult write(BreakwaterStore store, Path file, ProgressListener progress) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(file, "file");
        return new ReportWriter(store, title, clock, progress == null ? ProgressListener.NONE : progress)
                .write(file.toAbsolutePath().normalize());
    }

    /** Configures a {@link Report}; validated in {@link #build()}. */
    public static final class Builder {
        private String title = "Breakwater: water main breaks and risk";
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** The clock that stamps the report; fixed in tests. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Report build() {
            if (title == null || title.isBlank()) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "report title is empty");
            }
            if (clock == null) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "report clock is missing");
            }
            return new Report(this);
        }
    }
}
