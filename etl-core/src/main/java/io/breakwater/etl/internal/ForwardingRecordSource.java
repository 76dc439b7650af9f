package io.breakwater.etl.internal;

import io.breakwater.etl.RecordSource;
import java.nio.file.Path;
import java.util.List;

/**
 * A record source in front of another that changes only what {@link #next()} hands on (a row filter, a
 * reprojection): the file, its header, the bytes read and closing are the source's.
 */
public abstract class ForwardingRecordSource implements RecordSource {
    protected final RecordSource source;

    protected ForwardingRecordSource(RecordSource source) {
        this.source = source;
    }

    @Override
    public Path path() {
        return source.path();
    }

    @Override
    public List<String> header() {
        return source.header();
    }

    @Override
    public long bytesRead() {
        return source.bytesRead();
    }

    @Override
    public void close() {
        source.close();
    }
}
