package io.breakwater.etl.climate;

import io.breakwater.etl.env.SourceReject;
import java.util.List;

/**
 * What reading one climate file gave.
 *
 * @param file      the file
 * @param format    its format
 * @param stationId the station named by the file (metadata or STATION column)
 * @param rowsRead  data rows read (not metadata or header lines)
 * @param days      daily observations (daily formats)
 * @param months    monthly summaries (monthly formats)
 * @param rejects   rows that could not be read, each with its line and reason
 */
public record ClimateReading(String file, ClimateFormat format, String stationId, long rowsRead,
        List<DailyObservation> days, List<ClimateMonth> months, List<SourceReject> rejects) {
    public ClimateReading {
        days = List.copyOf(days);
        months = List.copyOf(months);
        rejects = List.copyOf(rejects);
    }
}
