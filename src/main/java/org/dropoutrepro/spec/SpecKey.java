package org.dropoutrepro.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * One key of an experiment spec: its dotted path, the kind of value it takes, its default, and the
 * range that is allowed. {@link #coerce(Object)} turns a raw YAML value into the canonical Java value
 * (Integer, Double, Boolean, String, List) or says what was expected.
 */
public record SpecKey(String path, Kind kind, Object defaultValue, double min, double max,
                      List<String> choices, boolean nullable, String doc) {

    /** The kinds of value a key can take. */
    public enum Kind { INT, DOUBLE, BOOL, CHOICE, STRING, INT_LIST, SEEDS }

    /** Thrown by {@link #coerce} with a description of what is allowed. */
    public static final class BadValue extends Exception {
        public BadValue(String message) { super(message); }
    }

    public static SpecKey integer(String path, Integer def, int min, int max, boolean nullable, String doc) {
        return new SpecKey(path, Kind.INT, def, min, max, List.of(), nullable, doc);
    }

    public static SpecKey number(String path, Double def, double min, double max, boolean nullable, String doc) {
        return new SpecKey(path, Kind.DOUBLE, def, min, max, List.of(), nullable, doc);
    }

    /** A number that must be strictly positive (min is Double.MIN_VALUE, shown as "> 0"). */
    public static SpecKey positive(String path, Double def, double max, boolean nullable, String doc) {
        return new SpecKey(path, Kind.DOUBLE, def, Double.MIN_VALUE, max, List.of(), nullable, doc);
    }

    public static SpecKey bool(String path, boolean def, String doc) {
        return new SpecKey(path, Kind.BOOL, def, 0, 0, List.of(), false, doc);
    }

    public static SpecKey choice(String path, String def, List<String> choices, String doc) {
        return new SpecKey(path, Kind.CHOICE, def, 0, 0, choices, false, doc);
    }

    public static SpecKey string(String path, String doc) {
        return new SpecKey(path, Kind.STRING, null, 0, 0, List.of(), true, doc);
    }

    public static SpecKey intList(String path, List<Integer> def, int min, String doc) {
        return new SpecKey(path, Kind.INT_LIST, def, min, Integer.MAX_VALUE, List.of(), false, doc);
    }

    public static SpecKey seeds(String path, List<Integer> def, String doc) {
        return new SpecKey(path, Kind.SEEDS, def, 0, Integer.MAX_VALUE, List.of(), false, doc);
    }

    /** What this key accepts, in words, for error messages and the README. */
    public String allowed() {
        String base = switch (kind) {
            case INT -> "a whole number in [" + fmt(min) + ", " + fmt(max) + "]";
            case DOUBLE -> min == Double.MIN_VALUE ? "a number > 0" + (max == Double.MAX_VALUE ? "" : " and <= " + fmt(max))
                    : "a number in [" + fmt(min) + ", " + fmt(max) + "]";
            case BOOL -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
            case STRING -> "a string";
            case INT_LIST -> "a non-empty list of whole numbers >= " + fmt(min);
            case SEEDS -> "a count of seeds (1, 2, ... N) or a list of whole numbers";
        };
        return nullable ? base + ", or null" : base;
    }

    /** Canonical value for a raw YAML value, or {@link BadValue} saying what was expected. */
    public Object coerce(Object raw) throws BadValue {
        if (raw == null) {
            if (nullable) return null;
            throw bad(raw);
        }
        switch (kind) {
            case INT -> {
                long v = wholeNumber(raw);
                if (v < min || v > max) throw bad(raw);
                return (int) v;
            }
            case DOUBLE -> {
                if (!(raw instanceof Number n)) throw bad(raw);
                double v = n.doubleValue();
                if (Double.isNaN(v) || v < min || v > max) throw bad(raw);
                return v;
            }
            case BOOL -> {
                if (raw instanceof Boolean b) return b;
                throw bad(raw);
            }
            case CHOICE -> {
                if (raw instanceof String s && choices.contains(s)) return s;
                if (raw instanceof Boolean b && choices.contains(b.toString())) return b.toString();
                throw bad(raw);
            }
            case STRING -> {
                if (raw instanceof String s) return s;
                throw bad(raw);
            }
            case INT_LIST -> {
                if (!(raw instanceof List<?> list) || list.isEmpty()) throw bad(raw);
                List<Integer> out = new ArrayList<>();
                for (Object o : list) {
                    long v = wholeNumber(o);
                    if (v < min || v > Integer.MAX_VALUE) throw bad(raw);
                    out.add((int) v);
                }
                return List.copyOf(out);
            }
            case SEEDS -> {
                if (raw instanceof List<?> list) {
                    if (list.isEmpty()) throw bad(raw);
                    List<Integer> out = new ArrayList<>();
                    for (Object o : list) out.add((int) wholeNumber(o));
                    if (out.stream().distinct().count() != out.size()) {
                        throw new BadValue("seeds must be distinct, got " + raw);
                    }
                    return List.copyOf(out);
                }
                long count = wholeNumber(raw);
                if (count < 1 || count > 1000) throw bad(raw);
                List<Integer> out = new ArrayList<>();
                for (int seed = 1; seed <= count; seed++) out.add(seed);
                return List.copyOf(out);
            }
        }
        throw new IllegalStateException(kind.toString());
    }

    private long wholeNumber(Object raw) throws BadValue {
        if (raw instanceof Integer || raw instanceof Long) return ((Number) raw).longValue();
        if (raw instanceof Double d && d == Math.rint(d) && !d.isInfinite()) return d.longValue();
        throw bad(raw);
    }

    private BadValue bad(Object raw) {
        String shown = raw instanceof String ? "\"" + raw + "\"" : String.valueOf(raw);
        return new BadValue(shown + " is not allowed; expected " + allowed());
    }

    static String fmt(double v) {
        if (v == Integer.MAX_VALUE || v == Double.MAX_VALUE) return "inf";
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
