package io.breakwater.db;

import static io.breakwater.db.schema.Tables.CLIMATE_MONTHLY;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rule for which {@code climate_monthly} series a feature build or a forecast reads: the configured series,
 * which must be present; otherwise the only series present; otherwise, of several, the one with the most observed
 * months (a month with at least one day observed; ties to the first id), with a warning naming the others, since two
 * stations of one city differ in their numbers (once per process for the same series). The BI's primary series is the
 * same default.
 */
public final class ClimateSeries {
    private static final Logger LOG = LoggerFactory.getLogger(ClimateSeries.class);
    /** The sets of series already warned about: a run's panel and forecast make the same choice, said once. */
    private static final Set<List<String>> WARNED = ConcurrentHashMap.newKeySet();

    private ClimateSeries() {
    }

    /**
     * The series to read, or {@code null} when {@code climate_monthly} is empty and none is configured.
     *
     * @param configured the series asked for, or {@code null} for the default
     * @throws BreakwaterException {@link ErrorCode#INVALID_CONFIGURATION} when {@code configured} has no months
     */
    public static String choose(DSLContext dsl, String configured) {
        List<String> present = byObservedMonths(dsl);
        if (configured != null) {
            if (!present.contains(configured)) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "climate series '" + configured
                        + "' is not in climate_monthly: expected one of " + present);
            }
            return configured;
        }
        if (present.size() > 1 && WARNED.add(present)) {
            LOG.warn("climate_monthly holds {} series {}; reading {}, the one with the most observed months. Name the "
                    + "climate series to read another.", present.size(), present, present.get(0));
        }
        return present.isEmpty() ? null : present.get(0);
    }

    /** Every series of {@code climate_monthly}, the one with the most observed months first, ties by id. */
    public static List<String> byObservedMonths(DSLContext dsl) {
        var observed = DSL.count().filterWhere(CLIMATE_MONTHLY.DAYS_OBSERVED.gt(0));
        return dsl.select(CLIMATE_MONTHLY.SERIES_ID, observed).from(CLIMATE_MONTHLY)
                .groupBy(CLIMATE_MONTHLY.SERIES_ID).orderBy(observed.desc(), CLIMATE_MONTHLY.SERIES_ID.asc())
                .fetch(CLIMATE_MONTHLY.SERIES_ID);
    }
}
