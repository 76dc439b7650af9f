package io.breakwater.bi.internal;

import io.breakwater.db.BulkRows;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.schema.tables.records.DimAreaRecord;
import io.breakwater.db.schema.tables.records.DimAssetRecord;
import io.breakwater.db.schema.tables.records.DimModelRecord;
import io.breakwater.db.schema.tables.records.DimSoilZoneRecord;
import io.breakwater.db.schema.tables.records.FctBreakRecord;
import io.breakwater.db.schema.tables.records.FctClimateMonthlyRecord;
import io.breakwater.db.schema.tables.records.FctRiskScoreRecord;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one star refresh has built so far, inside its transaction: the dimensions and facts later steps read, the
 * years of data that bound {@code dim_date}, and the one way to write a table. Steps ({@link StarStep}) fill it in
 * order: dimensions, facts, then dashboards.
 */
public final class StarContext {
    private static final Logger LOG = LoggerFactory.getLogger(StarContext.class);

    private final DSLContext dsl;
    private final ProgressListener progress;
    private final String step;
    /** Years that data (breaks, climate, scores) fall in: {@code dim_date} spans them, not the run's own year. */
    private final TreeSet<Integer> dataYears = new TreeSet<>();
    private int done;

    List<DimAreaRecord> areas = List.of();
    List<DimSoilZoneRecord> soils = List.of();
    Map<String, DimAssetRecord> assets = new LinkedHashMap<>();
    Map<String, DimModelRecord> models = new LinkedHashMap<>();
    List<FctBreakRecord> breaks = List.of();
    List<FctClimateMonthlyRecord> climate = List.of();
    List<FctRiskScoreRecord> scores = List.of();

    StarContext(DSLContext dsl, ProgressListener progress, String step) {
        this.dsl = dsl;
        this.progress = progress;
        this.step = step;
    }

    /** The transaction's DSL. */
    public DSLContext dsl() {
        return dsl;
    }

    /** Widens {@code dim_date} to cover {@code year}: call it for every date a fact row points at. */
    public void dataYear(int year) {
        dataYears.add(year);
    }

    TreeSet<Integer> dataYears() {
        return dataYears;
    }

    /** The assets of the star's {@code dim_asset}, by key. */
    public Map<String, DimAssetRecord> assets() {
        return assets;
    }

    /** The area of an asset ({@code dim_asset.area_key}), or null when the asset or its area is unknown. */
    public String areaOf(String assetKey) {
        DimAssetRecord asset = assets.get(assetKey);
        return asset == null ? null : asset.getAreaKey();
    }

    /** Writes {@code rows} into {@code table} (emptied by the refresh before any step runs) and counts the table done. */
    public <R extends TableRecord<R>> void insert(Table<R> table, Collection<R> rows) {
        BulkRows.insert(dsl, table, rows);
        done++;
        progress.progressed(step, done);
        LOG.debug("{}: {} rows", table.getName(), rows.size());
    }
}
