package io.breakwater.etl.internal;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The files of one shapefile set, read into memory: the .shp (geometry), .dbf (attributes), and when present the .prj
 * (CRS as WKT) and .cpg (code page of the .dbf). Found beside a .shp on disk (extensions in any case) or inside a
 * zip; a zip holding several .shp needs {@code format.layer} naming one (with or without folder and extension).
 *
 * @param name    what messages call the set: the .shp path, or {@code zip!member.shp}
 * @param shp     the .shp bytes
 * @param dbf     the .dbf bytes, or null when the set has none
 * @param prj     the .prj text, or null
 * @param prjName what messages call the .prj
 * @param cpg     the .cpg text, or null
 */
public record ShapefileSet(String name, byte[] shp, byte[] dbf, String prj, String prjName, String cpg) {

    /** Reads the set of {@code file} (a .shp, or a zip holding one or more .shp). */
    public static ShapefileSet read(Path file, String layer) {
        try {
            if (SpatialFiles.kindOf(file) == SpatialFiles.Kind.ZIPPED_SHAPEFILE) {
                return fromZip(file, layer);
            }
            String stem = stem(file.getFileName().toString());
            Map<String, Path> siblings = new LinkedHashMap<>();
            Path dir = file.toAbsolutePath().getParent();
            try (Stream<Path> list = Files.list(dir)) {
                list.forEach(p -> {
                    String n = p.getFileName().toString();
                    if (stem(n).equals(stem) && n.length() > stem.length()) {
                        siblings.putIfAbsent(n.substring(stem.length()).toLowerCase(Locale.ROOT), p);
                    }
                });
            }
            Path dbf = siblings.get(".dbf");
            Path prj = siblings.get(".prj");
            Path cpg = siblings.get(".cpg");
            return new ShapefileSet(file.toString(), Files.readAllBytes(file),
                    dbf == null ? null : Files.readAllBytes(dbf),
                    prj == null ? null : Files.readString(prj, StandardCharsets.ISO_8859_1),
                    prj == null ? null : prj.toString(),
                    cpg == null ? null : Files.readString(cpg, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "cannot read " + file + ": " + io.breakwater.etl.internal.IoErrors.reason(e), e);
        }
    }

    private static ShapefileSet fromZip(Path file, String layer) throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String n = e.getName();
                if (e.isDirectory() || n.startsWith("__MACOSX/") || n.contains("/._")) {
                    continue;
                }
                String ext = n.substring(stem(n).length()).toLowerCase(Locale.ROOT);
                if (ext.equals(".shp") || ext.equals(".dbf") || ext.equals(".prj") || ext.equals(".cpg")) {
                    members.put(n, readAll(zip));
                }
            }
        }
        List<String> shps = new ArrayList<>();
        for (String n : members.keySet()) {
            if (n.toLowerCase(Locale.ROOT).endsWith(".shp")) {
                shps.add(n);
            }
        }
        String chosen;
        if (layer != null) {
            chosen = shps.stream().filter(n -> n.equals(layer) || stem(n).equals(layer)
                    || stem(baseName(n)).equals(layer) || baseName(n).equals(layer)).findFirst().orElseThrow(() ->
                    new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": format.layer '" + layer
                            + "' is not a .shp in the zip; it holds " + shps));
        } else if (shps.size() == 1) {
            chosen = shps.get(0);
        } else {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": the zip holds " + shps.size()
                    + " shapefiles " + shps + "; name one with format.layer");
        }
        String stem = stem(chosen);
        byte[] dbf = null;
        String prj = null;
        String prjName = null;
        String cpg = null;
        for (Map.Entry<String, byte[]> e : members.entrySet()) {
            String n = e.getKey();
            if (!stem(n).equals(stem)) {
                continue;
            }
            String ext = n.substring(stem.length()).toLowerCase(Locale.ROOT);
            switch (ext) {
                case ".dbf" -> dbf = e.getValue();
                case ".prj" -> {
                    prj = new String(e.getValue(), StandardCharsets.ISO_8859_1);
                    prjName = file + "!" + n;
                }
                case ".cpg" -> cpg = new String(e.getValue(), StandardCharsets.ISO_8859_1);
                default -> {
                }
            }
        }
        return new ShapefileSet(file + "!" + chosen, members.get(chosen), dbf, prj, prjName, cpg);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/');
        return dot > slash ? name.substring(0, dot) : name;
    }

    private static String baseName(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /**
     * The code page of the .dbf: the .cpg, else the dBASE language-driver byte, else {@code mappingEncoding}, else
     * null (each text is then read as UTF-8 when it is valid UTF-8, else as windows-1252).
     */
    public Charset charset(String mappingEncoding) {
        if (cpg != null && !cpg.isBlank()) {
            Charset c = codePage(cpg.strip());
            if (c == null) {
                throw new BreakwaterException(ErrorCode.INVALID_INPUT, name + ": the .cpg names the code page '"
                        + cpg.strip() + "', which this Java does not know; set format.encoding and remove the .cpg");
            }
            return c;
        }
        if (dbf != null && dbf.length > 29) {
            Charset c = languageDriver(dbf[29] & 0xFF);
            if (c != null) {
                return c;
            }
        }
        if (mappingEncoding != null) {
            try {
                return Charset.forName(mappingEncoding);
            } catch (IllegalArgumentException e) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "format.encoding: unknown encoding '"
                        + mappingEncoding + "'");
            }
        }
        return null;
    }

    /** A .cpg's text as a charset: UTF-8, 1252, ANSI 1252, 8859-1, CP1251, 437, ... or null. */
    static Charset codePage(String text) {
        String t = text.toUpperCase(Locale.ROOT).replace("ANSI", "").replace(" ", "");
        if (t.equals("UTF8") || t.equals("UTF-8") || t.equals("65001")) {
            return StandardCharsets.UTF_8;
        }
        if (t.matches("(CP|WINDOWS-?)?125[0-8]")) {
            return Charset.forName("windows-" + t.replaceAll("\\D", ""));
        }
        if (t.matches("(ISO-?)?8859-?\\d+")) {
            return Charset.forName("ISO-8859-" + t.replaceAll("^.*8859-?", ""));
        }
        if (t.matches("(CP|IBM|OEM)?\\d{3,5}")) {
            String digits = t.replaceAll("\\D", "");
            for (String candidate : List.of("IBM" + digits, "x-IBM" + digits, "Cp" + digits, "x-windows-" + digits)) {
                if (Charset.isSupported(candidate)) {
                    return Charset.forName(candidate);
                }
            }
            return null;
        }
        try {
            return Charset.forName(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The charset of a dBASE language-driver id (the common ones), or null for 0 and unknown ids. */
    static Charset languageDriver(int id) {
        String name = switch (id) {
            case 0x01 -> "IBM437";
            case 0x02 -> "IBM850";
            case 0x03, 0x57, 0x58, 0x59 -> "windows-1252";
            case 0x26, 0x65 -> "IBM866";
            case 0x64 -> "IBM852";
            case 0x13 -> "Shift_JIS";
            case 0x4D, 0x7A -> "GBK";
            case 0x4E -> "x-windows-949";
            case 0x4F, 0x78 -> "Big5";
            case 0x7D -> "windows-1255";
            case 0x7E -> "windows-1256";
            case 0xC8 -> "windows-1250";
            case 0xC9 -> "windows-1251";
            case 0xCA -> "windows-1254";
            case 0xCB -> "windows-1253";
            case 0xCC -> "windows-1257";
            default -> null;
        };
        return name == null || !Charset.isSupported(name) ? null : Charset.forName(name);
    }
}
