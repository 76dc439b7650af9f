package io.breakwater.bi;

import io.breakwater.bi.internal.FolderExporter;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.Words;
import io.breakwater.db.ProgressListener;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes the star schema to a folder Power BI opens: one Parquet (snappy) or CSV file per {@code dim_*} and
 * {@code fct_*} table, a Power BI project ({@code Breakwater.pbip}: a TMDL semantic model reading the files through a
 * folder parameter, with every relationship, the date table and the measures, and a PBIR report of four pages), a
 * {@code breakwater.pbids} data source file, and a README on loading it, the relationships and the attribution texts
 * the store's sources declared. Reads the tables as they are: run {@link StarSchema#refresh} first.
 *
 * <p>The folder is a snapshot: written aside and renamed into place, so a Power BI refresh reading it sees the
 * previous export or the new one whole, never half a folder. It is replaced whole; an existing folder that is not a
 * previous export (no {@code breakwater.pbids}) and not empty is refused.
 *
 * <pre>{@code
 * ExportResult result = PowerBiExport.to(Path.of("out/powerbi")).format(ExportFormat.PARQUET).build()
 *         .export(store, ProgressListener.NONE);
 * }</pre>
 *
 * A SQLite/libSQL store is copied table by table into an in-memory DuckDB database that writes the files, so both
 * kinds of store give the same files.
 *
 * @param directory     the export folder, made absolute and normal (created when missing)
 * @param format        Parquet or CSV files
 * @param title         the README's title, or null (blank) for "Breakwater"
 * @param powerBiFolder the folder as the Power BI machine sees it, or null (blank) when not given
 */
public record PowerBiExport(Path directory, ExportFormat format, String title, String powerBiFolder) {
    /** Checks the folder and format, and reads blank texts as not given: {@link Builder#build()} comes here. */
    public PowerBiExport {
        if (directory == null) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "Power BI export: no output folder given");
        }
        directory = directory.toAbsolutePath().normalize();
        if (format == null) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "Power BI export to " + directory + ": no format given, expected parquet or csv");
        }
        title = Words.optional(title);
        powerBiFolder = Words.optional(powerBiFolder);
    }

    /** Starts an export into {@code directory} (created when missing; files of the same names are replaced). */
    public static Builder to(Path directory) {
        return new Builder(directory);
    }

    /** Writes every dimension and fact table of {@code store}, then the .pbids file and the README. */
    public ExportResult export(BreakwaterStore store, ProgressListener progress) {
        Objects.requireNonNull(store, "store");
        return new FolderExporter(store, directory, format, progress == null ? ProgressListener.NONE : progress, title,
                powerBiFolder).export();
    }

    /** Configures a {@link PowerBiExport}; validated in {@link #build()}. */
    public static final class Builder {
        private final Path directory;
        private ExportFormat format = ExportFormat.PARQUET;
        private String title;
        private String powerBiFolder;

        private Builder(Path directory) {
            this.directory = directory;
        }

        /** The title the README opens with (a city's, say); default "Breakwater". */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /**
         * The export folder's path as the Power BI machine sees it ({@code \\server\bi\breakwater},
         * {@code C:\data\powerbi}): written into the .pbids file and as the default of the project's folder
         * parameter. Without it the .pbids holds a path relative to itself and the parameter this folder's path.
         */
        public Builder powerBiFolder(String powerBiFolder) {
            this.powerBiFolder = powerBiFolder;
            return this;
        }

        public Builder format(ExportFormat format) {
            this.format = format;
            return this;
        }

        public PowerBiExport build() {
            return new PowerBiExport(directory, format, title, powerBiFolder);
        }
    }
}
