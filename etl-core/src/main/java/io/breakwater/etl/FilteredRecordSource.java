package io.breakwater.etl;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A record source behind a mapping's row filter: records the filter keeps out are never handed on; each is reported,
 * with the text of the rule it failed, to {@code filtered} (the run counts them). Made by {@link IngestRun#open()}.
 */
final class FilteredRecordSource implements RecordSource {
    private final RecordSource source;
    private final RowFilter.Bound filter;
    private final Consumer<String> filtered;

    FilteredRecordSource(RecordSource source, RowFilter.Bound filter, Consumer<String> filtered) {
        this.source = source;
        this.filter = filter;
        this.filtered = filtered;
    }

    @Override
    public SourceRecord next() {
        for (SourceRecord r; (r = source.next()) != null; ) {
            String rule = filter.failedRule(r);
            if (rule == null) {
                return r;
            }
            filtered.accept(rule);
        }
        return null;
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
    public int requireColumn(String column, String mappingKey) {
        return source.requireColumn(column, mappingKey);
    }

    @Override
    public void close() {
        source.close();
    }
}
