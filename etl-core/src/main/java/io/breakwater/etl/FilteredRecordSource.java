package io.breakwater.etl;

import io.breakwater.etl.internal.ForwardingRecordSource;
import java.util.function.Consumer;

/**
 * A record source behind a mapping's row filter: records the filter keeps out are never handed on; each is reported,
 * with the text of the rule it failed, to {@code filtered} (the run counts them). Made by {@link IngestRun#open()}.
 */
final class FilteredRecordSource extends ForwardingRecordSource {
    private final RowFilter.Bound filter;
    private final Consumer<String> filtered;

    FilteredRecordSource(RecordSource source, RowFilter.Bound filter, Consumer<String> filtered) {
        super(source);
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
    public int requireColumn(String column, String mappingKey) {
        return source.requireColumn(column, mappingKey);
    }
}
