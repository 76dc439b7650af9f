package io.breakwater.etl.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A record source that reads its file as one stream (CSV, GeoJSON): it counts the bytes read through that stream and
 * closes the format's reader over it.
 */
abstract class StreamRecordSource extends FileRecordSource {
    private final CountingInputStream counting;

    StreamRecordSource(Path path, CountingInputStream counting) {
        super(path);
        this.counting = counting;
    }

    /** The counted stream of the file, for the format's reader to read through. */
    final CountingInputStream counting() {
        return counting;
    }

    /** The format's reader over {@link #counting()}, closed with the source. */
    abstract Closeable reader();

    @Override
    public final long bytesRead() {
        return counting.count();
    }

    @Override
    public final void close() {
        try {
            reader().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
