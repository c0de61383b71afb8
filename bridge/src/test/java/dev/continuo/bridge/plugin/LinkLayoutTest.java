package dev.continuo.bridge.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java mirror against the C header itself: every #define, enum value and record field offset. */
class LinkLayoutTest {

    private static final Path HEADER = Path.of("../native/src/main/c/include/continuo_link.h");
    private static final Pattern DEFINE = Pattern.compile("^#define\\s+CONTINUO_LINK_(\\w+)\\s+(.+?)\\s*(/\\*.*)?$");
    private static final Pattern ENUM_VALUE = Pattern.compile("^\\s*CONTINUO_LINK_(\\w+)\\s*=\\s*(\\d+)\\s*,?.*$");
    private static final Pattern FIELD = Pattern.compile("^\\s*(uint8_t|uint32_t|double)\\s+(\\w+)(\\[(\\d+)])?;$");

    private static final Map<String, Long> defines = new LinkedHashMap<>();
    private static final Map<String, Long> enums = new LinkedHashMap<>();
    private static final Map<String, Integer> fieldOffsets = new LinkedHashMap<>();
    private static int recordSize;

    @BeforeAll
    static void parse() throws IOException {
        String text = Files.readString(HEADER).replace("\\\n", " ");
        boolean inRecord = false;
        int offset = 0;
        for (String line : text.split("\n")) {
            Matcher define = DEFINE.matcher(line);
            Matcher value = ENUM_VALUE.matcher(line);
            Matcher field = FIELD.matcher(line);
            if (line.startsWith("typedef struct continuo_link_record")) {
                inRecord = true;
            } else if (inRecord && line.startsWith("}")) {
                inRecord = false;
                recordSize = align(offset, 8);
            } else if (inRecord && field.matches()) {
                int size = switch (field.group(1)) {
                    case "uint8_t" -> 1;
                    case "uint32_t" -> 4;
                    default -> 8;
                };
                offset = align(offset, size);
                fieldOffsets.put(field.group(2), offset);
                offset += size * (field.group(4) == null ? 1 : Integer.parseInt(field.group(4)));
            } else if (define.matches() && !define.group(1).contains("(") && !define.group(1).equals("H")) {
                defines.put(define.group(1), evaluate(define.group(2)));
            } else if (value.matches()) {
                enums.put(value.group(1), Long.parseLong(value.group(2)));
            }
        }
    }

    private static int align(int offset, int size) {
        return (offset + size - 1) / size * size;
    }

    /** Evaluates a define's body: numbers (u suffix, hex), earlier defines, RING_BYTES(x), +, *, parentheses. */
    private static long evaluate(String body) {
        String expanded = body.replaceAll("CONTINUO_LINK_RING_BYTES\\(([^()]*)\\)",
                "(CONTINUO_LINK_RING_RECORDS + ($1) * CONTINUO_LINK_RECORD_BYTES)");
        Matcher name = Pattern.compile("CONTINUO_LINK_(\\w+)").matcher(expanded);
        StringBuilder substituted = new StringBuilder();
        while (name.find()) {
            Long known = defines.get(name.group(1));
            if (known == null) {
                throw new AssertionError("undefined " + name.group() + " in " + body);
            }
            name.appendReplacement(substituted, Long.toString(known));
        }
        name.appendTail(substituted);
        return new Expression(substituted.toString().replaceAll("(0x[0-9A-Fa-f]+|\\d+)u", "$1")).sum();
    }

    /** A recursive-descent reader of sums of products of numbers and parentheses. */
    private static final class Expression {
        private final String text;
        private int at;

        Expression(String text) {
            this.text = text.replace(" ", "");
        }

        long sum() {
            long total = product();
            while (at < text.length() && text.charAt(at) == '+') {
                at++;
                total += product();
            }
            return total;
        }

        private long product() {
            long total = factor();
            while (at < text.length() && text.charAt(at) == '*') {
                at++;
                total *= factor();
            }
            return total;
        }

        private long factor() {
            if (text.charAt(at) == '(') {
                at++;
                long inner = sum();
                at++;
                return inner;
            }
            int start = at;
            while (at < text.length() && Character.isLetterOrDigit(text.charAt(at))) {
                at++;
            }
            String number = text.substring(start, at);
            return number.startsWith("0x") ? Long.parseLong(number.substring(2), 16) : Long.parseLong(number);
        }
    }

    @Test
    void everyDefineEqualsTheJavaConstant() {
        Map<String, Long> java = new LinkedHashMap<>();
        java.put("MAGIC", Integer.toUnsignedLong(LinkLayout.MAGIC));
        java.put("VERSION", (long) LinkLayout.VERSION);
        java.put("HEADER_BYTES", (long) LinkLayout.HEADER_BYTES);
        java.put("RECORD_BYTES", (long) LinkLayout.RECORD_BYTES);
        java.put("TO_ENGINE_RECORDS", (long) LinkLayout.TO_ENGINE_RECORDS);
        java.put("TO_PLUGIN_RECORDS", (long) LinkLayout.TO_PLUGIN_RECORDS);
        java.put("RING_HEAD", (long) LinkLayout.RING_HEAD);
        java.put("RING_TAIL", (long) LinkLayout.RING_TAIL);
        java.put("RING_RECORDS", (long) LinkLayout.RING_RECORDS);
        java.put("TO_ENGINE_OFFSET", (long) LinkLayout.TO_ENGINE_OFFSET);
        java.put("TO_PLUGIN_OFFSET", (long) LinkLayout.TO_PLUGIN_OFFSET);
        java.put("FILE_BYTES", (long) LinkLayout.FILE_BYTES);
        java.put("H_MAGIC", (long) LinkLayout.H_MAGIC);
        java.put("H_VERSION", (long) LinkLayout.H_VERSION);
        java.put("H_ENGINE_BEAT", (long) LinkLayout.H_ENGINE_BEAT);
        java.put("H_PLUGIN_BEAT", (long) LinkLayout.H_PLUGIN_BEAT);
        java.put("H_CLOSED", (long) LinkLayout.H_CLOSED);
        assertEquals(java, defines, "every #define of the header, and no other");
        assertEquals("CNTO", new String(new byte[] {(byte) LinkLayout.MAGIC, (byte) (LinkLayout.MAGIC >> 8),
                (byte) (LinkLayout.MAGIC >> 16), (byte) (LinkLayout.MAGIC >>> 24)}, StandardCharsets.US_ASCII));
    }

    @Test
    void everyKindAndFlagEqualsTheJavaConstant() {
        Map<String, Long> java = new LinkedHashMap<>();
        java.put("BLOCK", (long) LinkLayout.BLOCK);
        java.put("NOTE", (long) LinkLayout.NOTE);
        java.put("SETTING", (long) LinkLayout.SETTING);
        java.put("RESTORE_BEGIN", (long) LinkLayout.RESTORE_BEGIN);
        java.put("RESTORE_NOTE", (long) LinkLayout.RESTORE_NOTE);
        java.put("RESTORE_COMMIT", (long) LinkLayout.RESTORE_COMMIT);
        java.put("PHRASE_BEGIN", (long) LinkLayout.PHRASE_BEGIN);
        java.put("PHRASE_NOTE", (long) LinkLayout.PHRASE_NOTE);
        java.put("PHRASE_PROGRAM", (long) LinkLayout.PHRASE_PROGRAM);
        java.put("PHRASE_COMMIT", (long) LinkLayout.PHRASE_COMMIT);
        java.put("CLEAR", (long) LinkLayout.CLEAR);
        java.put("PHRASE_MELODY", (long) LinkLayout.PHRASE_MELODY);
        java.put("ROLLING", (long) LinkLayout.ROLLING);
        java.put("POSITION", (long) LinkLayout.POSITION);
        java.put("JUMPED", (long) LinkLayout.JUMPED);
        java.put("WAIT_FOR_START", (long) LinkLayout.WAIT_FOR_START);
        java.put("PARAM_CAPTURE", (long) LinkLayout.PARAM_CAPTURE);
        java.put("PARAM_THRU", (long) LinkLayout.PARAM_THRU);
        java.put("PARAM_PRESET", (long) LinkLayout.PARAM_PRESET);
        java.put("PARAM_BARS", (long) LinkLayout.PARAM_BARS);
        java.put("PARAM_DENSITY", (long) LinkLayout.PARAM_DENSITY);
        java.put("PARAM_SEED", (long) LinkLayout.PARAM_SEED);
        java.put("PARAM_NOISE", (long) LinkLayout.PARAM_NOISE);
        java.put("PARAM_HUMANIZE", (long) LinkLayout.PARAM_HUMANIZE);
        java.put("PARAM_VARIATION", (long) LinkLayout.PARAM_VARIATION);
        java.put("PARAM_MUTE_1", (long) LinkLayout.PARAM_MUTE_1);
        java.put("PARAM_SOLO_1", (long) LinkLayout.PARAM_SOLO_1);
        java.put("PARAM_OCTAVE_1", (long) LinkLayout.PARAM_OCTAVE_1);
        java.put("PARAM_VELOCITY_1", (long) LinkLayout.PARAM_VELOCITY_1);
        java.put("PARAMS", (long) LinkLayout.PARAMS);
        assertEquals(java, enums);
    }

    @Test
    void theRecordFieldsSitWhereTheJavaSideReadsThem() {
        Map<String, Integer> java = new LinkedHashMap<>();
        java.put("kind", LinkLayout.R_KIND);
        java.put("flags", LinkLayout.R_FLAGS);
        java.put("a", LinkLayout.R_A);
        java.put("b", LinkLayout.R_B);
        java.put("c", LinkLayout.R_C);
        java.put("reserved", 5);
        java.put("frames", LinkLayout.R_FRAMES);
        java.put("rate", LinkLayout.R_RATE);
        java.put("beat", LinkLayout.R_BEAT);
        java.put("value", LinkLayout.R_VALUE);
        assertEquals(java, fieldOffsets);
        assertEquals(LinkLayout.RECORD_BYTES, recordSize);
        assertTrue(List.of(LinkLayout.TO_ENGINE_RECORDS, LinkLayout.TO_PLUGIN_RECORDS).stream()
                .allMatch(records -> Integer.bitCount(records) == 1), "ring sizes are powers of two");
    }
}
