package io.breakwater.etl.climate.internal;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole CSV file read strictly: UTF-8 (a BOM is skipped; invalid bytes are an error naming the line), records with
 * their physical line numbers, and a quoted field that swallows line breaks refused as an unbalanced quote.
 */
public final class CsvFile {
    private CsvFile() {
    }

    public static List<CsvRecord> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": file does not exist");
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": cannot read: " + io.breakwater.etl.internal.IoErrors.reason(e), e);
        }
        String text = decode(file, bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": file is empty, expected a header and rows");
        }
        List<CsvRecord> records = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ignoreDifferentFieldCount(true).skipEmptyLines(true)
                .ofCsvRecord(text)) {
            for (CsvRecord r : reader) {
                for (int c = 0; c < r.getFieldCount(); c++) {
                    String f = r.getField(c);
                    if (f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                        throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": line "
                                + r.getStartingLineNumber() + ", column " + (c + 1)
                                + ": unbalanced quote, the quoted field runs over " + f.lines().count()
                                + " lines; expected one record per line");
                    }
                }
                records.add(r);
            }
        } catch (CsvParseException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": cannot parse CSV: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": cannot read: " + io.breakwater.etl.internal.IoErrors.reason(e), e);
        }
        return records;
    }

    private static String decode(Path file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstBadByte(bytes);
            long line = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": line " + line
                    + ": bytes are not valid UTF-8 (byte 0x" + String.format("%02X", bytes[bad] & 0xFF)
                    + " at offset " + bad + "); expected a UTF-8 file", e);
        }
    }

    private static int firstBadByte(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, out, true);
        return result.isError() ? in.position() : Math.max(0, bytes.length - 1);
    }

    /** The raw record text for a reject. */
    public static String raw(CsvRecord r) {
        return String.join(",", r.getFields());
    }
}
