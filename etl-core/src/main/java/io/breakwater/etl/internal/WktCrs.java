package io.breakwater.etl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The CRS of a WKT 1 text (a shapefile's .prj, a GeoPackage's {@code gpkg_spatial_ref_sys.definition}) as something
 * proj4j understands: {@code EPSG:n} when the top-level object carries an EPSG AUTHORITY, else a proj4 definition
 * built from the projection's parameters. ESRI .prj files usually have no AUTHORITY, which is why the parameter
 * mapping exists: transverse mercator, Lambert conformal conic (1SP, 2SP), Albers, Mercator, oblique, polar and plain
 * stereographic; datums WGS84, NAD83 and NAD27 (with an explicit TOWGS84 when the WKT has one), other spheroids by
 * their axes; linear units by their factor to the metre (metre, foot, US survey foot, any other).
 */
public final class WktCrs {
    private static final double US_FOOT = 1200.0 / 3937.0;

    private WktCrs() {
    }

    /** A WKT node: keyword and arguments (quoted strings as String, numbers as Double, nested nodes as Node). */
    record Node(String keyword, List<Object> args) {
        String name() {
            return args.isEmpty() || !(args.get(0) instanceof String s) ? "" : s;
        }

        Node child(String... keywords) {
            for (Object a : args) {
                if (a instanceof Node n && List.of(keywords).contains(n.keyword)) {
                    return n;
                }
            }
            return null;
        }

        List<Node> children(String keyword) {
            List<Node> out = new ArrayList<>();
            for (Object a : args) {
                if (a instanceof Node n && n.keyword.equals(keyword)) {
                    out.add(n);
                }
            }
            return out;
        }

        double number(int i) {
            Object a = args.get(i);
            if (a instanceof Double d) {
                return d;
            }
            return Double.parseDouble(a.toString().strip());
        }
    }

    /**
     * {@code EPSG:n} or a proj4 definition for {@code wkt}.
     *
     * @throws IllegalArgumentException naming what is not understood
     */
    public static String toProj(String wkt) {
        Node root = parse(wkt);
        if (root.keyword.equals("COMPD_CS")) {
            Node horizontal = root.child("PROJCS", "GEOGCS");
            if (horizontal == null) {
                throw new IllegalArgumentException("a compound CRS without a horizontal part");
            }
            root = horizontal;
        }
        String epsg = epsg(root);
        if (epsg != null) {
            return "EPSG:" + epsg;
        }
        return switch (root.keyword) {
            case "GEOGCS" -> geographic(root);
            case "PROJCS" -> projected(root);
            default -> throw new IllegalArgumentException("a " + root.keyword + " is not a CRS this reader knows "
                    + "(expected PROJCS or GEOGCS, WKT 1)");
        };
    }

    /** The EPSG code of the node's own AUTHORITY (or WKT 2 ID), or null. */
    static String epsg(Node node) {
        Node authority = node.child("AUTHORITY", "ID");
        if (authority != null && authority.args.size() >= 2 && "EPSG".equalsIgnoreCase(authority.name())) {
            Object code = authority.args.get(1);
            String text = code instanceof Double d ? Long.toString(d.longValue()) : code.toString().strip();
            return text.matches("\\d+") ? text : null;
        }
        return null;
    }

    private static String geographic(Node geogcs) {
        String datum = datum(geogcs);
        if (datum.equals("+datum=WGS84")) {
            return "EPSG:4326";
        }
        return "+proj=longlat " + datum + primeMeridian(geogcs) + " +no_defs";
    }

    private static String projected(Node projcs) {
        Node geogcs = projcs.child("GEOGCS");
        Node projection = projcs.child("PROJECTION");
        if (geogcs == null || projection == null) {
            throw new IllegalArgumentException("a PROJCS without GEOGCS or PROJECTION");
        }
        double unit = 1;
        Node unitNode = projcs.child("UNIT");
        if (unitNode != null && unitNode.args.size() >= 2) {
            unit = unitNode.number(1);
        }
        Params p = new Params(projcs);
        String method = norm(projection.name());
        StringBuilder sb = new StringBuilder();
        switch (method) {
            case "transversemercator", "gausskruger" -> {
                sb.append("+proj=tmerc");
                sb.append(" +lat_0=").append(p.get(0, "latitudeoforigin", "latitudeofnaturalorigin", "latitudeofcenter"));
                sb.append(" +lon_0=").append(p.get(0, "centralmeridian", "longitudeofnaturalorigin", "longitudeofcenter"));
                sb.append(" +k=").append(p.get(1, "scalefactor", "scalefactoratnaturalorigin"));
            }
            case "lambertconformalconic", "lambertconformalconic2sp", "lambertconformalconic1sp",
                    "lambertconicconformal2sp", "lambertconicconformal1sp" -> {
                sb.append("+proj=lcc");
                Double sp1 = p.find("standardparallel1", "latitudeof1ststandardparallel");
                Double sp2 = p.find("standardparallel2", "latitudeof2ndstandardparallel");
                double lat0 = p.get(sp1 == null ? 0 : sp1, "latitudeoforigin", "latitudeoffalseorigin",
                        "latitudeofnaturalorigin");
                if (sp2 == null || method.endsWith("1sp")) {
                    sb.append(" +lat_1=").append(lat0).append(" +lat_0=").append(lat0);
                    sb.append(" +k_0=").append(p.get(1, "scalefactor", "scalefactoratnaturalorigin"));
                } else {
                    sb.append(" +lat_1=").append(sp1).append(" +lat_2=").append(sp2).append(" +lat_0=").append(lat0);
                }
                sb.append(" +lon_0=").append(p.get(0, "centralmeridian", "longitudeoffalseorigin",
                        "longitudeofnaturalorigin", "longitudeoforigin"));
            }
            case "albers", "albersconicequalarea", "albersequalarea" -> {
                sb.append("+proj=aea");
                sb.append(" +lat_1=").append(p.get(null, "standardparallel1", "latitudeof1ststandardparallel"));
                sb.append(" +lat_2=").append(p.get(null, "standardparallel2", "latitudeof2ndstandardparallel"));
                sb.append(" +lat_0=").append(p.get(0, "latitudeoforigin", "latitudeofcenter", "latitudeoffalseorigin"));
                sb.append(" +lon_0=").append(p.get(0, "centralmeridian", "longitudeofcenter", "longitudeoffalseorigin"));
            }
            case "mercator", "mercator1sp", "mercator2sp", "mercatorauxiliarysphere", "mercatorvarianta",
                    "mercatorvariantb" -> {
                sb.append("+proj=merc");
                sb.append(" +lon_0=").append(p.get(0, "centralmeridian", "longitudeofnaturalorigin"));
                Double latTs = p.find("standardparallel1", "latitudeof1ststandardparallel");
                if (latTs != null && latTs != 0) {
                    sb.append(" +lat_ts=").append(latTs);
                } else {
                    sb.append(" +k=").append(p.get(1, "scalefactor", "scalefactoratnaturalorigin"));
                }
            }
            case "obliquestereographic", "doublestereographic", "stereographicoblique" -> {
                sb.append("+proj=sterea");
                sb.append(" +lat_0=").append(p.get(0, "latitudeoforigin", "latitudeofnaturalorigin", "latitudeofcenter"));
                sb.append(" +lon_0=").append(p.get(0, "centralmeridian", "longitudeofnaturalorigin", "longitudeofcenter"));
                sb.append(" +k=").append(p.get(1, "scalefactor", "scalefactoratnaturalorigin"));
            }
            case "polarstereographic", "stereographicnorthpole", "stereographicsouthpole", "polarstereographicvarianta",
                    "polarstereographicvariantb" -> {
                Double latTs = p.find("standardparallel1", "latitudeofstandardparallel");
                double origin = p.get(latTs == null ? 90 : Math.copySign(90, latTs), "latitudeoforigin",
                        "latitudeofnaturalorigin");
                boolean south = method.contains("south") || origin < 0 || (latTs != null && latTs < 0);
                sb.append("+proj=stere +lat_0=").append(south ? -90 : 90);
                Double k = p.find("scalefactor", "scalefactoratnaturalorigin");
                if (latTs != null) { // variant B: the latitude of true scale
                    sb.append(" +lat_ts=").append(latTs);
                } else if (k != null) { // variant A: the scale at the pole
                    sb.append(" +lat_ts=").append(south ? -90 : 90).append(" +k=").append(k);
                } else {
                    sb.append(" +lat_ts=").append(origin);
                }
                sb.append(" +lon_0=").append(p.get(0, "centralmeridian", "straightverticallongitudefrompole",
                        "longitudeoforigin", "longitudeofnaturalorigin"));
            }
            case "stereographic" -> {
                sb.append("+proj=stere");
                sb.append(" +lat_0=").append(p.get(0, "latitudeoforigin", "latitudeofnaturalorigin", "latitudeofcenter"));
                sb.append(" +lon_0=").append(p.get(0, "centralmeridian", "longitudeofnaturalorigin", "longitudeofcenter"));
                sb.append(" +k=").append(p.get(1, "scalefactor", "scalefactoratnaturalorigin"));
            }
            default -> throw new IllegalArgumentException("the projection '" + projection.name()
                    + "' is not one this reader maps (transverse mercator, Lambert conformal conic, Albers, Mercator, "
                    + "oblique/polar stereographic)");
        }
        // false easting and northing are in the CRS's linear unit; proj4's x_0/y_0 are in metres
        sb.append(" +x_0=").append(p.get(0, "falseeasting", "eastingatfalseorigin") * unit);
        sb.append(" +y_0=").append(p.get(0, "falsenorthing", "northingatfalseorigin") * unit);
        sb.append(' ').append(datum(geogcs)).append(primeMeridian(geogcs));
        if (Math.abs(unit - 1) < 1e-12) {
            sb.append(" +units=m");
        } else if (Math.abs(unit - US_FOOT) < 1e-12) {
            sb.append(" +units=us-ft");
        } else if (Math.abs(unit - 0.3048) < 1e-12) {
            sb.append(" +units=ft");
        } else {
            sb.append(" +to_meter=").append(unit);
        }
        return sb.append(" +no_defs").toString();
    }

    /** The datum part: +datum=WGS84|NAD83, NAD27 as Clarke 1866 with a shift, or the spheroid's axes. */
    private static String datum(Node geogcs) {
        Node datum = geogcs.child("DATUM");
        if (datum == null) {
            throw new IllegalArgumentException("a GEOGCS without DATUM");
        }
        Node towgs84 = datum.child("TOWGS84");
        String shift = null;
        if (towgs84 != null) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < towgs84.args.size(); i++) {
                values.add(Double.toString(towgs84.number(i)));
            }
            shift = " +towgs84=" + String.join(",", values);
        }
        String name = norm(datum.name());
        if (name.startsWith("d") && !name.startsWith("datum")) {
            name = name.substring(1); // ESRI's D_ prefix
        }
        Node spheroid = datum.child("SPHEROID", "ELLIPSOID");
        String axes = "";
        if (spheroid != null && spheroid.args.size() >= 3) {
            double a = spheroid.number(1);
            double rf = spheroid.number(2);
            axes = rf == 0 ? "+a=" + a + " +b=" + a : "+a=" + a + " +rf=" + rf;
        }
        if (shift == null && matches(name, n -> n.equals("wgs1984") || n.equals("wgs84") || n.equals("worldgeodeticsystem1984"))) {
            return "+datum=WGS84";
        }
        if (shift == null && matches(name, n -> n.equals("northamerican1983") || n.equals("northamericandatum1983")
                || n.equals("nad83"))) {
            return "+datum=NAD83";
        }
        if (shift == null && matches(name, n -> n.equals("northamerican1927") || n.equals("northamericandatum1927")
                || n.equals("nad27"))) {
            // proj4j has no NADCON grids: the usual three-parameter shift for the conterminous US (a few metres)
            return "+ellps=clrk66 +towgs84=-8,160,176";
        }
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("the datum '" + datum.name() + "' has no SPHEROID");
        }
        return axes + (shift == null ? "" : shift);
    }

    private static boolean matches(String name, Predicate<String> p) {
        return p.test(name);
    }

    private static String primeMeridian(Node geogcs) {
        Node pm = geogcs.child("PRIMEM");
        if (pm == null || pm.args.size() < 2 || pm.number(1) == 0) {
            return "";
        }
        return " +pm=" + pm.number(1);
    }

    /** Lower case, letters and digits only: ESRI's "Central_Meridian" and OGC's "central_meridian" are one key. */
    static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** A PROJCS's PARAMETERs by normalised name. */
    private static final class Params {
        private final List<Node> parameters;
        private final String crsName;

        Params(Node projcs) {
            this.parameters = projcs.children("PARAMETER");
            this.crsName = projcs.name();
        }

        Double find(String... names) {
            for (String name : names) {
                for (Node p : parameters) {
                    if (norm(p.name()).equals(name) && p.args.size() >= 2) {
                        return p.number(1);
                    }
                }
            }
            return null;
        }

        double get(Number fallback, String... names) {
            Double v = find(names);
            if (v != null) {
                return v;
            }
            if (fallback == null) {
                throw new IllegalArgumentException("the projection of '" + crsName + "' lacks the parameter " + names[0]);
            }
            return fallback.doubleValue();
        }
    }

    /** Parses WKT 1 (brackets or parentheses) into nodes. */
    static Node parse(String wkt) {
        if (wkt == null || wkt.isBlank()) {
            throw new IllegalArgumentException("the WKT text is empty");
        }
        int[] pos = {0};
        Node root = node(wkt.strip(), pos);
        return root;
    }

    private static Node node(String s, int[] pos) {
        skip(s, pos);
        int start = pos[0];
        while (pos[0] < s.length() && (Character.isLetterOrDigit(s.charAt(pos[0])) || s.charAt(pos[0]) == '_')) {
            pos[0]++;
        }
        String keyword = s.substring(start, pos[0]).toUpperCase(Locale.ROOT);
        skip(s, pos);
        if (keyword.isEmpty() || pos[0] >= s.length() || (s.charAt(pos[0]) != '[' && s.charAt(pos[0]) != '(')) {
            throw new IllegalArgumentException("not WKT: expected KEYWORD[...] at character " + (start + 1));
        }
        pos[0]++;
        List<Object> args = new ArrayList<>();
        while (true) {
            skip(s, pos);
            if (pos[0] >= s.length()) {
                throw new IllegalArgumentException("not WKT: unbalanced brackets");
            }
            char c = s.charAt(pos[0]);
            if (c == ']' || c == ')') {
                pos[0]++;
                return new Node(keyword, args);
            }
            if (c == ',') {
                pos[0]++;
                continue;
            }
            if (c == '"') {
                int end = s.indexOf('"', pos[0] + 1);
                while (end >= 0 && end + 1 < s.length() && s.charAt(end + 1) == '"') {
                    end = s.indexOf('"', end + 2);
                }
                if (end < 0) {
                    throw new IllegalArgumentException("not WKT: unterminated string");
                }
                args.add(s.substring(pos[0] + 1, end).replace("\"\"", "\""));
                pos[0] = end + 1;
            } else if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
                int st = pos[0];
                while (pos[0] < s.length() && "+-.eE0123456789".indexOf(s.charAt(pos[0])) >= 0) {
                    pos[0]++;
                }
                args.add(Double.parseDouble(s.substring(st, pos[0])));
            } else {
                int st = pos[0];
                int save = pos[0];
                while (pos[0] < s.length() && (Character.isLetterOrDigit(s.charAt(pos[0])) || s.charAt(pos[0]) == '_')) {
                    pos[0]++;
                }
                int after = pos[0];
                skip(s, pos);
                if (pos[0] < s.length() && (s.charAt(pos[0]) == '[' || s.charAt(pos[0]) == '(')) {
                    pos[0] = save;
                    args.add(node(s, pos));
                } else {
                    args.add(s.substring(st, after)); // an enumeration such as NORTH or EAST
                }
            }
        }
    }

    private static void skip(String s, int[] pos) {
        while (pos[0] < s.length() && Character.isWhitespace(s.charAt(pos[0]))) {
            pos[0]++;
        }
    }
}
