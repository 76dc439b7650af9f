package io.breakwater.etl.internal;

import io.breakwater.etl.RecordSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What every file format's record source holds alike: the file, and its columns, which a source fills as it opens. */
abstract class FileRecordSource implements RecordSource {
    protected final Path path;
    protected final List<String> header = new ArrayList<>();

    FileRecordSource(Path path) {
        this.path = path;
    }

    @Override
    public final Path path() {
        return path;
    }

    @Override
    public final List<String> header() {
        return Collections.unmodifiableList(header);
    }
}
