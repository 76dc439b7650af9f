package io.breakwater.etl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.etl.Reprojection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * ESRI .prj texts (no AUTHORITY) against proj4j's EPSG definition of the same CRS: a point projected with the EPSG
 * code and taken back through the WKT's proj4 definition lands within a centimetre of where it started.
 */
class WktCrsTests {
    static final String GCS_NAD83 = "GEOGCS[\"GCS_North_American_1983\",DATUM[\"D_North_American_1983\","
            + "SPHEROID[\"GRS_1980\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";
    static final String GCS_WGS84 = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,"
            + "298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

    static String esri(String name, String gcs, String projection, String parameters, String unit) {
        return "PROJCS[\"" + name + "\"," + gcs + ",PROJECTION[\"" + projection + "\"]," + parameters + "," + unit + "]";
    }

    static double[] forward(String epsg, double lon, double lat) {
        CRSFactory f = new CRSFactory();
        ProjCoordinate out = new ProjCoordinate();
        new CoordinateTransformFactory().createTransform(f.createFromName("EPSG:4326"), f.createFromName(epsg))
                .transform(new ProjCoordinate(lon, lat), out);
        return new double[] {out.x, out.y};
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "EPSG:26917|NAD_1983_UTM_Zone_17N|NAD83|Transverse_Mercator|PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",-81.0],PARAMETER[\"Scale_Factor\",0.9996],PARAMETER[\"Latitude_Of_Origin\",0.0]|UNIT[\"Meter\",1.0]|-79.4|43.7",
        "EPSG:2277|NAD_1983_StatePlane_Texas_Central_FIPS_4203_Feet|NAD83|Lambert_Conformal_Conic|PARAMETER[\"False_Easting\",2296583.333333333],PARAMETER[\"False_Northing\",9842500.0],PARAMETER[\"Central_Meridian\",-100.3333333333333],PARAMETER[\"Standard_Parallel_1\",30.11666666666667],PARAMETER[\"Standard_Parallel_2\",31.88333333333333],PARAMETER[\"Latitude_Of_Origin\",29.66666666666667]|UNIT[\"Foot_US\",0.3048006096012192]|-97.74|30.27",
        "EPSG:3338|NAD_1983_Alaska_Albers|NAD83|Albers|PARAMETER[\"False_Easting\",0.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",-154.0],PARAMETER[\"Standard_Parallel_1\",55.0],PARAMETER[\"Standard_Parallel_2\",65.0],PARAMETER[\"Latitude_Of_Origin\",50.0]|UNIT[\"Meter\",1.0]|-149.9|61.2",
        "EPSG:3413|WGS_1984_NSIDC_Sea_Ice_Polar_Stereographic_North|WGS84|Stereographic_North_Pole|PARAMETER[\"False_Easting\",0.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",-45.0],PARAMETER[\"Standard_Parallel_1\",70.0]|UNIT[\"Meter\",1.0]|-51.7|64.2",
        "EPSG:32661|WGS 84 / UPS North (N,E)|WGS84|Polar_Stereographic|PARAMETER[\"latitude_of_origin\",90],PARAMETER[\"central_meridian\",0],PARAMETER[\"scale_factor\",0.994],PARAMETER[\"false_easting\",2000000],PARAMETER[\"false_northing\",2000000]|UNIT[\"metre\",1]|10.0|80.0",
        "EPSG:3031|WGS_1984_Antarctic_Polar_Stereographic|WGS84|Stereographic_South_Pole|PARAMETER[\"False_Easting\",0.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",0.0],PARAMETER[\"Standard_Parallel_1\",-71.0]|UNIT[\"Meter\",1.0]|166.67|-77.85",
        "EPSG:3395|WGS_1984_World_Mercator|WGS84|Mercator|PARAMETER[\"False_Easting\",0.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",0.0],PARAMETER[\"Standard_Parallel_1\",0.0]|UNIT[\"Meter\",1.0]|2.35|48.85",
        "EPSG:2036|NAD_1983_CSRS_New_Brunswick_Stereographic|NAD83|Double_Stereographic|PARAMETER[\"False_Easting\",2500000.0],PARAMETER[\"False_Northing\",7500000.0],PARAMETER[\"Central_Meridian\",-66.5],PARAMETER[\"Scale_Factor\",0.999912],PARAMETER[\"Latitude_Of_Origin\",46.5]|UNIT[\"Meter\",1.0]|-66.06|45.27",
    })
    void esriPrjWithoutAuthorityMatchesTheEpsgDefinition(String epsg, String name, String datum, String projection,
            String parameters, String unit, double lon, double lat) {
        String wkt = esri(name, datum.equals("NAD83") ? GCS_NAD83 : GCS_WGS84, projection, parameters, unit);
        String proj = WktCrs.toProj(wkt);
        assertThat(proj).startsWith("+proj=");
        double[] xy = forward(epsg, lon, lat);
        double[] ll = new double[2];
        assertThat(Reprojection.toWgs84(proj, "test").project(xy[0], xy[1], ll)).isTrue();
        assertThat(Reprojection.distanceMetres(ll[0], ll[1], lon, lat)).as(proj).isLessThan(0.01);
    }

    @Test
    void lambert1spUsesTheOriginAsItsParallelAndTheScale() {
        String wkt = esri("Lambert_1SP", GCS_WGS84, "Lambert_Conformal_Conic", "PARAMETER[\"False_Easting\",1000.0],"
                + "PARAMETER[\"False_Northing\",2000.0],PARAMETER[\"Central_Meridian\",10.0],"
                + "PARAMETER[\"Standard_Parallel_1\",45.0],PARAMETER[\"Scale_Factor\",0.999],"
                + "PARAMETER[\"Latitude_Of_Origin\",45.0]", "UNIT[\"Meter\",1.0]");
        assertThat(WktCrs.toProj(wkt)).isEqualTo("+proj=lcc +lat_1=45.0 +lat_0=45.0 +k_0=0.999 +lon_0=10.0 "
                + "+x_0=1000.0 +y_0=2000.0 +datum=WGS84 +units=m +no_defs");
    }

    @Test
    void authorityGivesTheEpsgCodeAndNad27GetsClarkeWithAShift() {
        assertThat(WktCrs.toProj("PROJCS[\"NAD83 / UTM zone 17N\",GEOGCS[\"NAD83\",DATUM[\"North_American_Datum_1983\","
                + "SPHEROID[\"GRS 1980\",6378137,298.257222101]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],"
                + "PROJECTION[\"Transverse_Mercator\"],UNIT[\"metre\",1],AUTHORITY[\"EPSG\",\"26917\"]]")).isEqualTo("EPSG:26917");
        assertThat(WktCrs.toProj(GCS_WGS84)).isEqualTo("EPSG:4326");
        String mtm10 = esri("NAD_1927_MTM_10", "GEOGCS[\"GCS_North_American_1927\",DATUM[\"D_North_American_1927\","
                + "SPHEROID[\"Clarke_1866\",6378206.4,294.9786982]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]",
                "Transverse_Mercator", "PARAMETER[\"False_Easting\",304800.0],PARAMETER[\"False_Northing\",0.0],"
                + "PARAMETER[\"Central_Meridian\",-79.5],PARAMETER[\"Scale_Factor\",0.9999],PARAMETER[\"Latitude_Of_Origin\",0.0]",
                "UNIT[\"Meter\",1.0]");
        assertThat(WktCrs.toProj(mtm10)).contains("+proj=tmerc").contains("+ellps=clrk66 +towgs84=-8,160,176");
    }

    @Test
    void brokenWktIsRefusedSayingWhy() {
        assertThatThrownBy(() -> WktCrs.toProj("PROJCS[\"x\",GEOGCS[")).hasMessageContaining("unbalanced");
        assertThatThrownBy(() -> WktCrs.toProj("hello")).hasMessageContaining("not WKT");
    }
}
