package io.breakwater.etl.climate.internal;

import de.siegmar.fastcsv.reader.CsvRecord;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Column lookup by name for the NOAA CSV products, whose columns vary with the elements a station reports. */
final class NoaaColumns {
    private final Map<String, Integer> index = new HashMap<>();
    final int width;

    NoaaColumns(Path file, CsvRecord header, String... required) {
        for (int c = 0; c < header.getFieldCount(); c++) {
            index.put(header.getField(c).trim().toUpperCase(Locale.ROOT), c);
        }
        width = header.getFieldCount();
        for (String name : required) {
            if (!index.containsKey(name)) {
                throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": line " + header.getStartingLineNumber()
                        + ": header has no column " + name + "; expected " + String.join(", ", required)
                        + " (found " + String.join(", ", header.getFields()) + ")");
            }
        }
    }

    int col(String name) {
        return index.getOrDefault(name, -1);
    }

    String get(CsvRecord r, String name) {
        int c = col(name);
        return c < 0 ? "" : r.getField(c).trim();
    }
}
