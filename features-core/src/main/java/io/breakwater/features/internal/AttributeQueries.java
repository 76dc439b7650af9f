package io.breakwater.features.internal;

import static io.breakwater.db.schema.Tables.FEATURE_ASSETS;
import static io.breakwater.db.schema.Tables.FEATURE_ATTRIBUTE_VALUES;
import static io.breakwater.db.schema.Tables.FEATURE_BUILD_BREAK_ASSETS;
import static io.breakwater.db.schema.Tables.FEATURE_BUILD_MONTHS;
import static io.breakwater.db.schema.Tables.PIPE_BREAKS_CLEAN;
import static io.breakwater.db.schema.Tables.RECORD_ATTRIBUTES;
import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.partitionBy;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectDistinct;
import static org.jooq.impl.DSL.sum;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.features.Grain;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * The extra attributes a feature set names ({@code record_attributes}, V10), written as piecewise-constant values per
 * asset into {@code feature_attribute_values} (V11). Static attributes (of the pipe, the area, the soil zone) hold
 * from the panel's first month; attributes of breaks are summarised over the asset's breaks strictly before each
 * month, so a month never sees its own or later breaks. Every statement is one INSERT ... SELECT in jOOQ DSL.
 */
public final class AttributeQueries {
    /** The record kinds of {@code record_attributes} and the feature-name prefix of each. */
    public enum Kind {
        PIPES("pipe"), AREAS("area"), SOIL("soil"), BREAKS("breaks");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** The {@code record_attributes.record_kind} of these records: the constant's name in lower case. */
        public String recordKind() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kinds whose records a build at {@code grain} joins to its assets. */
        public static List<Kind> readBy(Grain grain) {
            return switch (grain.kind()) {
                case PIPE -> List.of(PIPES, SOIL, BREAKS);
                case AREA -> List.of(AREAS, SOIL, BREAKS);
                case GRID -> List.of(SOIL, BREAKS);
            };
        }
    }

    /**
     * One attribute that becomes a feature.
     *
     * @param kind      whose records hold it
     * @param name      {@code record_attributes.name}
     * @param valueType {@code number}, {@code text} or {@code date}
     */
    public record Attribute(Kind kind, String name, String valueType) {
        /** The feature's name in {@code feature_attribute_values} and in the models: {@code pipe.lined}. */
        public String feature() {
            return kind.prefix + "." + name;
        }
    }

    private final DSLContext ctx;
    private final String fs;

    public AttributeQueries(DSLContext ctx, String featureSetId) {
        this.ctx = ctx;
        this.fs = featureSetId;
    }

    /**
     * The attributes behind {@code names} at {@code grain}: each name with every kind the grain reads that holds it.
     * Refuses, before anything is written, a name no such record holds (naming the names available) and a name whose
     * records disagree on the value type.
     */
    public static List<Attribute> resolve(DSLContext dsl, Grain grain, List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        var ra = RECORD_ATTRIBUTES;
        List<Kind> kinds = Kind.readBy(grain);
        Map<String, TreeSet<String>> available = new TreeMap<>();  // name -> kinds holding it
        Map<String, TreeSet<String>> types = new TreeMap<>();      // kind:name -> value types
        for (Record r : dsl.selectDistinct(ra.RECORD_KIND, ra.NAME, ra.VALUE_TYPE).from(ra).fetch()) {
            String kind = r.get(ra.RECORD_KIND);
            String name = r.get(ra.NAME);
            available.computeIfAbsent(name, k -> new TreeSet<>()).add(kind);
            types.computeIfAbsent(kind + ":" + name, k -> new TreeSet<>()).add(r.get(ra.VALUE_TYPE));
        }
        List<Attribute> attributes = new ArrayList<>();
        for (String name : names) {
            boolean found = false;
            for (Kind kind : kinds) {
                TreeSet<String> valueTypes = types.get(kind.recordKind() + ":" + name);
                if (valueTypes == null) {
                    continue;
                }
                if (valueTypes.size() != 1 || !List.of("number", "text", "date").contains(valueTypes.first())) {
                    throw new BreakwaterException(ErrorCode.INVALID_INPUT, "attribute '" + name
                            + "' (features.attributes): the " + kind.recordKind() + " records of record_attributes "
                            + "hold it with value types " + valueTypes + "; expected one of number, text, date");
                }
                attributes.add(new Attribute(kind, name, valueTypes.first()));
                found = true;
            }
            if (!found) {
                List<String> held = new ArrayList<>();
                available.forEach((n, k) -> held.add(n + " (" + String.join(", ", k) + ")"));
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "attribute '" + name
                        + "' (features.attributes) is held by no " + kinds.stream().map(Kind::recordKind).toList()
                        + " record, the kinds a " + grain.id() + "-grain build reads; record_attributes holds "
                        + (held.isEmpty() ? "no attributes (declare them under a source mapping's extra: and ingest)"
                        : String.join(", ", held)));
            }
        }
        return attributes;
    }

    /** Deletes the feature set's attribute values. */
    public void delete() {
        ctx.deleteFrom(FEATURE_ATTRIBUTE_VALUES).where(FEATURE_ATTRIBUTE_VALUES.FEATURE_SET_ID.eq(fs)).execute();
    }

    /** Writes the values of {@code attribute} for every asset of the feature set; returns the rows written. */
    public int write(Attribute attribute, LocalDate firstMonth, int firstMonthKey) {
        var v = FEATURE_ATTRIBUTE_VALUES;
        Select<? extends Record> rows = attribute.kind() == Kind.BREAKS
                ? switch (attribute.valueType()) {
                    case "number" -> breakMeans(attribute, firstMonthKey);
                    case "text" -> breakModes(attribute, firstMonthKey);
                    default -> breakLatestDates(attribute, firstMonthKey);
                }
                : staticValues(attribute, firstMonth);
        return ctx.insertInto(v, List.of(v.FEATURE_SET_ID, v.ASSET_ID, v.FEATURE, v.FROM_MONTH, v.VALUE_TYPE,
                        v.NUMBER_VALUE, v.TEXT_VALUE, v.DATE_VALUE))
                .select(rows)
                .execute();
    }

    /** Pipe, area or soil attributes: one row per asset, holding from the panel's first month. */
    private Select<? extends Record> staticValues(Attribute attribute, LocalDate firstMonth) {
        var a = FEATURE_ASSETS;
        var ra = RECORD_ATTRIBUTES;
        Field<String> recordId = attribute.kind() == Kind.SOIL ? a.SOIL_ZONE_ID : a.ASSET_ID;
        return select(inline(fs), a.ASSET_ID, inline(attribute.feature()), inline(firstMonth),
                inline(attribute.valueType()), ra.NUMBER_VALUE, ra.TEXT_VALUE, ra.DATE_VALUE)
                .from(a)
                .join(ra).on(ra.RECORD_KIND.eq(attribute.kind().recordKind())).and(ra.NAME.eq(attribute.name()))
                .and(ra.RECORD_ID.eq(recordId))
                .where(a.FEATURE_SET_ID.eq(fs))
                .and(valueOf(attribute).isNotNull());
    }

    private static Field<?> valueOf(Attribute attribute) {
        var ra = RECORD_ATTRIBUTES;
        return switch (attribute.valueType()) {
            case "number" -> ra.NUMBER_VALUE;
            case "text" -> ra.TEXT_VALUE;
            default -> ra.DATE_VALUE;
        };
    }

    /**
     * The valued breaks of each asset (the build's break links, so the panel's months only), grouped by asset and the
     * month index of the break, with {@code values} aggregated per group.
     */
    private Table<?> breakEvents(Attribute attribute, int firstMonthKey, List<Field<?>> extraGroup,
            List<Field<?>> aggregates) {
        var link = FEATURE_BUILD_BREAK_ASSETS;
        var ra = RECORD_ATTRIBUTES;
        Field<Integer> index = AssetBuilder.monthKey().minus(firstMonthKey);
        // grouped by the break's year and month, not the index expression: bound parameters differ between the two
        List<Field<?>> group = new ArrayList<>(List.of(link.ASSET_ID, PIPE_BREAKS_CLEAN.BREAK_YEAR,
                PIPE_BREAKS_CLEAN.BREAK_MONTH));
        group.addAll(extraGroup);
        List<Field<?>> fields = new ArrayList<>(List.of(link.ASSET_ID.as("aid"), index.as("idx")));
        for (Field<?> f : extraGroup) {
            fields.add(f.as("code"));
        }
        fields.addAll(aggregates);
        return select(fields)
                .from(link)
                .join(PIPE_BREAKS_CLEAN).on(PIPE_BREAKS_CLEAN.BREAK_ID.eq(link.BREAK_ID))
                .join(ra).on(ra.RECORD_KIND.eq(Kind.BREAKS.recordKind())).and(ra.NAME.eq(attribute.name()))
                .and(ra.RECORD_ID.eq(link.BREAK_ID))
                .where(link.FEATURE_SET_ID.eq(fs))
                .and(valueOf(attribute).isNotNull())
                .groupBy(group)
                .asTable("ev");
    }

    /**
     * Rows of {@code values} (asset {@code aid}, month index {@code idx} of the last breaks it summarises) as value
     * rows holding from the month after {@code idx}; a summary of the panel's last month holds from no panel month
     * and is dropped by the join with the month spine.
     */
    private Select<? extends Record> holdingFromNextMonth(Table<?> values, Attribute attribute, Field<Double> number,
            Field<String> text, Field<LocalDate> date) {
        var m = FEATURE_BUILD_MONTHS;
        Field<Integer> idx = values.field("idx", Integer.class);
        return select(inline(fs), values.field("aid", String.class), inline(attribute.feature()), m.MONTH_START,
                inline(attribute.valueType()), number, text, date)
                .from(values)
                .join(m).on(m.FEATURE_SET_ID.eq(fs)).and(m.MONTH_INDEX.eq(idx.plus(1)));
    }

    /** Numbers on breaks: the mean over the asset's valued breaks before each month. */
    private Select<? extends Record> breakMeans(Attribute attribute, int firstKey) {
        var ra = RECORD_ATTRIBUTES;
        Field<Double> s = field("s", Double.class);
        Field<Integer> n = field("n", Integer.class);
        Table<?> ev = breakEvents(attribute, firstKey, List.of(),
                List.of(sum(ra.NUMBER_VALUE).cast(SQLDataType.DOUBLE).as(s), count(ra.NUMBER_VALUE).as(n)));
        Field<String> aid = ev.field("aid", String.class);
        Field<Integer> idx = ev.field("idx", Integer.class);
        var upTo = partitionBy(aid).orderBy(idx).rowsUnboundedPreceding();
        Table<?> mean = select(aid, idx, sum(ev.field(s)).over(upTo).div(sum(ev.field(n)).over(upTo)
                        .cast(SQLDataType.DOUBLE)).as("v"))
                .from(ev)
                .asTable("mean");
        return holdingFromNextMonth(mean, attribute, mean.field("v", Double.class), castNull(SQLDataType.VARCHAR),
                castNull(SQLDataType.LOCALDATE));
    }

    /** Dates on breaks: the latest date over the asset's valued breaks before each month. */
    private Select<? extends Record> breakLatestDates(Attribute attribute, int firstKey) {
        var ra = RECORD_ATTRIBUTES;
        Table<?> ev = breakEvents(attribute, firstKey, List.of(), List.of(max(ra.DATE_VALUE).as("d")));
        Field<String> aid = ev.field("aid", String.class);
        Field<Integer> idx = ev.field("idx", Integer.class);
        Table<?> latest = select(aid, idx, max(ev.field("d", LocalDate.class))
                        .over(partitionBy(aid).orderBy(idx).rowsUnboundedPreceding()).as("v"))
                .from(ev)
                .asTable("latest");
        return holdingFromNextMonth(latest, attribute, castNull(SQLDataType.DOUBLE), castNull(SQLDataType.VARCHAR),
                latest.field("v", LocalDate.class));
    }

    /**
     * Codes on breaks: the most frequent code over the asset's valued breaks before each month, ties broken
     * alphabetically. Cumulative counts are taken on a grid of the asset's break months x the asset's codes, so the
     * work grows with breaks per asset, never with the panel.
     */
    private Select<? extends Record> breakModes(Attribute attribute, int firstKey) {
        Table<?> ev = breakEvents(attribute, firstKey, List.of(RECORD_ATTRIBUTES.TEXT_VALUE),
                List.of(count().as("n")));
        Field<String> aid = ev.field("aid", String.class);
        Field<Integer> idx = ev.field("idx", Integer.class);
        Field<String> code = ev.field("code", String.class);
        Table<?> months = selectDistinct(aid.as("aid"), idx.as("idx")).from(ev).asTable("ev_months");
        Table<?> codes = selectDistinct(aid.as("aid"), code.as("code")).from(ev).asTable("ev_codes");
        Table<?> hits = ev.as("hits");
        Field<String> gAid = months.field("aid", String.class);
        Field<Integer> gIdx = months.field("idx", Integer.class);
        Field<String> gCode = codes.field("code", String.class);
        Table<?> cumulative = select(gAid.as("aid"), gIdx.as("idx"), gCode.as("code"),
                        sum(coalesce(hits.field("n", Integer.class), inline(0)))
                                .over(partitionBy(gAid, gCode).orderBy(gIdx).rowsUnboundedPreceding()).as("total"))
                .from(months)
                .join(codes).on(codes.field("aid", String.class).eq(gAid))
                .leftJoin(hits).on(hits.field("aid", String.class).eq(gAid))
                .and(hits.field("idx", Integer.class).eq(gIdx)).and(hits.field("code", String.class).eq(gCode))
                .asTable("cumulative");
        Field<String> cAid = cumulative.field("aid", String.class);
        Field<Integer> cIdx = cumulative.field("idx", Integer.class);
        Field<String> cCode = cumulative.field("code", String.class);
        Field<BigDecimal> total = cumulative.field("total", BigDecimal.class);
        Table<?> ranked = select(cAid.as("aid"), cIdx.as("idx"), cCode.as("code"),
                        rowNumber().over(partitionBy(cAid, cIdx).orderBy(total.desc(), cCode.asc())).as("rn"))
                .from(cumulative)
                .asTable("ranked");
        Table<?> modes = select(ranked.field("aid"), ranked.field("idx"), ranked.field("code"))
                .from(ranked)
                .where(ranked.field("rn", Integer.class).eq(1))
                .asTable("modes");
        return holdingFromNextMonth(modes, attribute, castNull(SQLDataType.DOUBLE), modes.field("code", String.class),
                castNull(SQLDataType.LOCALDATE));
    }

    private static <T> Field<T> field(String name, Class<T> type) {
        return org.jooq.impl.DSL.field(name(name), type);
    }
}
