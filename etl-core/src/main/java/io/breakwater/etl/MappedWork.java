package io.breakwater.etl;

import java.nio.file.Path;

/**
 * What every ingest of one mapped file holds alike (areas, pipes, soil): the mapping, checked on construction to be
 * of the ingest's kind, and the file it reads.
 */
public abstract class MappedWork implements IngestRun.Work {
    protected final SourceMapping.File mappingFile;
    protected final SourceMapping mapping;
    protected final Path file;

    /** Refuses a mapping of another kind than {@code kind}, naming the mapping file, before any record is read. */
    protected MappedWork(SourceMapping.File mappingFile, Path file, String kind) {
        SourceMapping.requireKind(mappingFile, kind);
        this.mappingFile = mappingFile;
        this.mapping = mappingFile.mapping();
        this.file = file;
    }
}
