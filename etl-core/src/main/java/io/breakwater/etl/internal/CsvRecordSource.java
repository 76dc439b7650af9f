package io.breakwater.etl.internal;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.etl.SourceMapping;
import io.breakwater.etl.SourceRecord;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;

/** CSV through FastCSV, with the physical line of every record. Undecodable bytes become U+FFFD. */
public final class CsvRecordSource extends StreamRecordSource {
    private final CsvReader<CsvRecord> reader;
    private final Iterator<CsvRecord> records;
    private final long lineOffset;

    private CsvRecordSource(Path path, CountingInputStream counting, CsvReader<CsvRecord> reader, long lineOffset) {
        super(path, counting);
        this.reader = reader;
        this.records = reader.iterator();
        this.lineOffset = lineOffset;
        CsvRecord first = nextRaw();
        if (first == null) {
            close();
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, path + " line " + (lineOffset + 1)
                    + ": the file is empty; expected a header line naming the columns");
        }
        header.addAll(first.getFields().stream().map(String::strip).toList());
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            Integer before = seen.putIfAbsent(header.get(i), i);
            if (before != null) {
                close();
                throw new BreakwaterException(ErrorCode.INVALID_INPUT, path + " line " + (lineOffset + 1) + ": the "
                        + "header names column '" + header.get(i) + "' twice (columns " + (before + 1) + " and " + (i + 1)
                        + "); a mapping could not tell which one it means: rename one");
            }
        }
    }

    public static CsvRecordSource open(Path path, SourceMapping.Format format) {
        char delimiter = single(format == null ? null : format.delimiter(), ',', "format.delimiter");
        char quote = single(format == null ? null : format.quote(), '"', "format.quote");
        Charset charset = charset(format == null ? null : format.encoding());
        int skip = format == null || format.skipLines() == null ? 0 : format.skipLines();
        if (skip < 0) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "format.skipLines: expected 0 or more lines "
                    + "before the header, found " + skip);
        }
        if (delimiter == quote || delimiter == '\n' || delimiter == '\r' || quote == '\n' || quote == '\r') {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "format.delimiter and format.quote: "
                    + "expected two different characters, neither a line break; found delimiter "
                    + printable(delimiter) + " and quote " + printable(quote));
        }
        try {
            CountingInputStream counting = new CountingInputStream(Files.newInputStream(path));
            InputStream in = new BufferedInputStream(counting, 1 << 16);
            charset = skipBom(in, charset);
            CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            BufferedReader text = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
            for (int i = 0; i < skip; i++) {
                if (text.readLine() == null) {
                    break;
                }
            }
            CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(delimiter).quoteCharacter(quote)
                    .commentStrategy(CommentStrategy.NONE).skipEmptyLines(true).ignoreDifferentFieldCount(true)
                    .ofCsvRecord(text);
            return new CsvRecordSource(path, counting, reader, skip);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "cannot read " + path + ": " + io.breakwater.etl.internal.IoErrors.reason(e), e);
        }
    }

    @Override
    public SourceRecord next() {
        CsvRecord r = nextRaw();
        if (r == null) {
            return null;
        }
        String[] fields = r.getFields().toArray(new String[0]);
        long line = r.getStartingLineNumber() + lineOffset;
        if (fields.length != header.size()) {
            for (int i = 0; i < fields.length; i++) {
                if (fields[i].indexOf('\n') >= 0 || fields[i].indexOf('\r') >= 0) {
                    long lines = fields[i].lines().count();
                    throw new BreakwaterException(ErrorCode.INVALID_INPUT, path + " line " + line + " column " + (i + 1)
                            + ": unbalanced quote: the quoted field starting here runs over " + lines
                            + " lines; expected " + header.size() + " fields per record");
                }
            }
        }
        return new SourceRecord(line, fields, null, null);
    }

    @Override
    Closeable reader() {
        return reader;
    }

    private CsvRecord nextRaw() {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (CsvParseException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, path + ": " + e.getMessage()
                    + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()), e);
        } catch (UncheckedIOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "cannot read " + path + ": " + io.breakwater.etl.internal.IoErrors.reason(e), e);
        }
    }

    private static Charset skipBom(InputStream in, Charset declared) throws IOException {
        in.mark(4);
        byte[] b = new byte[3];
        int n = in.readNBytes(b, 0, 3);
        if (n >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        in.reset();
        if (n >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            in.skipNBytes(2);
            return StandardCharsets.UTF_16BE;
        }
        if (n >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            in.skipNBytes(2);
            return StandardCharsets.UTF_16LE;
        }
        return declared;
    }

    private static char single(String value, char fallback, String key) {
        if (value == null) {
            return fallback;
        }
        if (value.length() != 1) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    key + ": expected one character, found '" + value + "' (" + Arrays.toString(value.toCharArray()) + ")");
        }
        return value.charAt(0);
    }

    private static String printable(char c) {
        return c == '\n' ? "'\\n'" : c == '\r' ? "'\\r'" : c == '\t' ? "'\\t'" : "'" + c + "'";
    }

    private static Charset charset(String name) {
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, "format.encoding: unknown encoding '" + name + "'");
        }
    }
}
