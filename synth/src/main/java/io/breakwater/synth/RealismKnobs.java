package io.breakwater.synth;

/**
 * Defects written into the raw files on purpose, so that the ETL's quality checks have something to find. Each is a
 * share in [0, 1]. They change the records, never the true hazard or the true break counts.
 *
 * @param assetIdShare         share of break rows that carry the pipe's asset id
 * @param badCoordinateShare   share of break rows with bad coordinates (zeros, swapped lon/lat, pairs 5 km apart, empty)
 * @param missingDateShare     share of break rows with an empty date
 * @param duplicateShare       share of breaks entered twice (another work order, same day, within 2 m)
 * @param unknownMaterialShare share of pipes whose material code is written as {@code UNK}
 * @param abandonedShare       share of pipes with status ABN (abandoned: they never break)
 * @param climateMissingShare  share of values missing from the GHCN-Daily station (the ECCC station is complete)
 */
public record RealismKnobs(
        double assetIdShare,
        double badCoordinateShare,
        double missingDateShare,
        double duplicateShare,
        double unknownMaterialShare,
        double abandonedShare,
        double climateMissingShare) {

    public RealismKnobs {
        share("assetIdShare", assetIdShare);
        share("badCoordinateShare", badCoordinateShare);
        share("missingDateShare", missingDateShare);
        share("duplicateShare", duplicateShare);
        share("unknownMaterialShare", unknownMaterialShare);
        share("abandonedShare", abandonedShare);
        share("climateMissingShare", climateMissingShare);
    }

    /** 90% asset ids, 1% bad coordinates, 0.5% missing dates, 1% duplicates, 2% unknown materials. */
    public static RealismKnobs defaults() {
        return new RealismKnobs(0.90, 0.01, 0.005, 0.01, 0.02, 0.015, 0.02);
    }

    /** Clean records: every row has an asset id and nothing is wrong (abandoned pipes stay at 1.5%). */
    public static RealismKnobs clean() {
        return new RealismKnobs(1.0, 0, 0, 0, 0, 0.015, 0);
    }

    private static void share(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw HazardParameters.invalid(name, v, "a share between 0 and 1");
        }
    }
}
