package io.breakwater.bi.internal;

/**
 * One part of a star refresh: builds some {@code dim_*}, {@code fct_*} or {@code dash_*} tables inside the refresh's
 * transaction and writes them with {@link StarContext#insert}. A new fact table (for instance forecasts) is a new
 * step added to {@link StarBuilder#FACT_STEPS}; every table whose name starts with {@code dim_}, {@code fct_} or
 * {@code dash_} is emptied before the steps run and counted after.
 */
@FunctionalInterface
public interface StarStep {
    void build(StarContext context);
}
