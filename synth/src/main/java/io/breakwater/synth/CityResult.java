package io.breakwater.synth;

import java.nio.file.Path;

/**
 * What {@link SyntheticCity#writeTo} wrote: where, how large, and how many of each defect.
 *
 * @param directory            the city's folder
 * @param seed                 the seed it was drawn from
 * @param pipes                pipes in the inventory (abandoned included)
 * @param activePipes          pipes with status ACT
 * @param networkKm            length of the active network, km
 * @param areas                district polygons
 * @param soilZones            soil polygons
 * @param firstYear            first simulated year
 * @param lastYear             last simulated year
 * @param breaksDrawn          breaks drawn from the true hazard (the truth)
 * @param breaksPer100KmYear   breaksDrawn per 100 km of active main per year
 * @param breakRows            rows in the breaks CSV (breaksDrawn plus duplicates)
 * @param rowsWithAssetId      rows that carry an asset id
 * @param badCoordinateRows    rows with bad coordinates
 * @param missingDateRows      rows without a date
 * @param duplicateRows        rows that repeat another break
 * @param unknownMaterialPipes pipes whose material is written as UNK
 * @param pipesReplacedInPeriod pipes laid during the simulated years in place of an older main that kept the asset
 *                             id (the inventory is a snapshot): their earlier breaks are on the older main
 * @param rowsDatedBeforeInstall break rows with a date before their pipe's recorded install year (asset id or not)
 * @param ghcnMissingValues    values left empty in the GHCN-Daily file
 * @param files                every file written
 */
public record CityResult(
        Path directory,
        long seed,
        int pipes,
        int activePipes,
        double networkKm,
        int areas,
        int soilZones,
        int firstYear,
        int lastYear,
        long breaksDrawn,
        double breaksPer100KmYear,
        long breakRows,
        long rowsWithAssetId,
        long badCoordinateRows,
        long missingDateRows,
        long duplicateRows,
        long unknownMaterialPipes,
        long pipesReplacedInPeriod,
        long rowsDatedBeforeInstall,
        long ghcnMissingValues,
        CityFiles files) {

    public int years() {
        return lastYear - firstYear + 1;
    }

    public int months() {
        return years() * 12;
    }
}
