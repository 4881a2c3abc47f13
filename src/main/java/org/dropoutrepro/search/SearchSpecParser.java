package org.dropoutrepro.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.SpecException;
import org.dropoutrepro.spec.SpecKey;
import org.dropoutrepro.spec.SpecSchema;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads and validates a spec's {@code search:} section before any training: every error names the file, the
 * line and the key, and says what is allowed. Range ends and listed values are validated against the base
 * configuration exactly as a spec file is ({@link RunConfig#withOverrides}), so a value outside a key's
 * allowed range is rejected here, not in the middle of a search.
 */
public final class SearchSpecParser {

    /** Every setting of the search: section (README documents each). */
    static final Set<String> KEYS = Set.of("method", "trials", "parallel", "seed", "maxMinutes", "space", "pruning",
            "finalSeeds", "gridPoints", "partialGrid", "populationSize", "baseline");

    private final String file;
    private final RunConfig base;
    private final Function<String, String> whereSet;

    private SearchSpecParser(String file, RunConfig base, Function<String, String> whereSet) {
        this.file = file;
        this.base = base;
        this.whereSet = whereSet;
    }

    /** Parses {@code node} (the value of {@code search:} in {@code file}) against the base configuration {@code base}. */
    public static SearchSpec parse(Node node, String file, RunConfig base) {
        return parse(node, file, base, key -> null);
    }

    /**
     * As {@link #parse(Node, String, RunConfig)}; {@code whereSet} gives the file and line where the spec sets a base
     * key (null when the spec leaves it at its default), so that an error about a base key points at its line.
     */
    public static SearchSpec parse(Node node, String file, RunConfig base, Function<String, String> whereSet) {
        return new SearchSpecParser(file, base, whereSet).parse(node);
    }

    private SearchSpec parse(Node node) {
        Map<String, Node> fields = entries(node, "search");
        for (Map.Entry<String, Node> field : fields.entrySet()) {
            if (!KEYS.contains(field.getKey())) {
                throw new SpecException(where(field.getValue()), "search." + field.getKey(),
                        "unknown key; allowed in search: " + String.join(", ", new TreeSet<>(KEYS)));
            }
        }
        SearchSpec.Method method = SearchSpec.Method.RANDOM;
        if (fields.containsKey("method")) {
            String text = string(fields.get("method"), "search.method");
            try {
                method = SearchSpec.Method.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new SpecException(where(fields.get("method")), "search.method",
                        "\"" + text + "\" is not allowed; expected one of random, grid, genetic");
            }
        }
        if (!fields.containsKey("trials")) throw new SpecException(where(node), "search.trials", "required: how many candidates to train");
        int trials = whole(fields.get("trials"), "search.trials", 1, 100_000);
        int parallel = fields.containsKey("parallel") ? whole(fields.get("parallel"), "search.parallel", 1, 1024) : 1;
        int seed = fields.containsKey("seed") ? whole(fields.get("seed"), "search.seed", 0, Integer.MAX_VALUE - 1000) : 1;
        Double maxMinutes = null;
        if (fields.containsKey("maxMinutes")) {
            maxMinutes = number(fields.get("maxMinutes"), "search.maxMinutes");
            if (!(maxMinutes > 0)) throw new SpecException(where(fields.get("maxMinutes")), "search.maxMinutes",
                    maxMinutes + " is not allowed; expected a number of minutes > 0");
        }
        int finalSeeds = fields.containsKey("finalSeeds") ? whole(fields.get("finalSeeds"), "search.finalSeeds", 0, 1000) : 0;
        int gridPoints = fields.containsKey("gridPoints") ? whole(fields.get("gridPoints"), "search.gridPoints", 2, 1000) : 5;
        boolean partialGrid = fields.containsKey("partialGrid") && bool(fields.get("partialGrid"), "search.partialGrid");
        int populationSize = fields.containsKey("populationSize")
                ? whole(fields.get("populationSize"), "search.populationSize", 3, 10_000) : 12;
        SearchSpec.Pruning pruning = fields.containsKey("pruning") ? pruning(fields.get("pruning")) : SearchSpec.Pruning.NONE;
        if (!fields.containsKey("space")) throw new SpecException(where(node), "search.space", "required: the keys to search and their ranges");
        List<SearchSpec.Dimension> space = new ArrayList<>();
        for (Map.Entry<String, Node> entry : entries(fields.get("space"), "search.space").entrySet()) {
            space.add(dimension(entry.getKey(), entry.getValue()));
        }
        if (space.isEmpty()) throw new SpecException(where(fields.get("space")), "search.space", "expected at least one key to search");
        if (base.data().validationSize() == 0) {
            String where = whereSet.apply("data.validationSize");
            throw new SpecException(where != null ? where : where(node), "data.validationSize", "a search selects on the validation split, so it needs "
                    + "data.validationSize > 0 (the paper held out 10,000)");
        }
        String baseline = fields.containsKey("baseline") ? string(fields.get("baseline"), "search.baseline") : null;
        SearchSpec spec = new SearchSpec(method, trials, parallel, seed, maxMinutes, space, pruning, finalSeeds, gridPoints,
                partialGrid, populationSize, baseline);
        if (method == SearchSpec.Method.GRID) {
            for (SearchSpec.Dimension d : space) {
                if (d.scale() == SearchSpec.Scale.DISCRETE && d.values().size() == 1) {
                    // Arbiter beta7's grid leaves single-valued axes out of its parameter array but not out of the leaves' indices
                    throw new SpecException(d.where(), "search.space." + d.key(), "a grid axis needs at least two values "
                            + "(Arbiter's grid mis-indexes a single-valued axis): set the key in the base configuration instead");
                }
            }
            String problem = spec.gridProblem();
            if (problem != null) throw new SpecException(where(fields.get("trials")), "search.trials", problem);
        }
        return spec;
    }

    private SearchSpec.Pruning pruning(Node node) {
        Map<String, Node> fields = entries(node, "search.pruning");
        for (Map.Entry<String, Node> field : fields.entrySet()) {
            if (!Set.of("method", "startEpoch", "startupTrials").contains(field.getKey())) {
                throw new SpecException(where(field.getValue()), "search.pruning." + field.getKey(),
                        "unknown key; allowed in pruning: method, startEpoch, startupTrials");
            }
        }
        String method = fields.containsKey("method") ? string(fields.get("method"), "search.pruning.method") : "median";
        if (!method.equals("median") && !method.equals("none")) {
            throw new SpecException(where(fields.get("method")), "search.pruning.method",
                    "\"" + method + "\" is not allowed; expected median or none");
        }
        int startEpoch = fields.containsKey("startEpoch") ? whole(fields.get("startEpoch"), "search.pruning.startEpoch", 1, 1_000_000)
                : SearchSpec.Pruning.DEFAULT_START_EPOCH;
        int startupTrials = fields.containsKey("startupTrials")
                ? whole(fields.get("startupTrials"), "search.pruning.startupTrials", 1, 100_000) : SearchSpec.Pruning.DEFAULT_STARTUP_TRIALS;
        return new SearchSpec.Pruning(method.equals("median"), startEpoch, startupTrials);
    }

    private SearchSpec.Dimension dimension(String key, Node node) {
        String context = "search.space." + key;
        SpecKey specKey = SpecSchema.key(key);
        if (specKey == null) {
            throw new SpecException(where(node), context, "'" + key + "' is not a spec key; see './dropout run --keys'");
        }
        if (key.equals("training.seeds")) {
            throw new SpecException(where(node), context, "the search sets the seeds itself (search.seed, search.finalSeeds)");
        }
        if (key.startsWith("data.")) {
            throw new SpecException(where(node), context, "every trial must select on the same validation split: data keys "
                    + "cannot be searched");
        }
        Map<String, Node> fields = entries(node, context);
        for (Map.Entry<String, Node> field : fields.entrySet()) {
            if (!Set.of("min", "max", "scale", "values").contains(field.getKey())) {
                throw new SpecException(where(field.getValue()), context + "." + field.getKey(),
                        "unknown key; a dimension is {min: A, max: B} (optionally scale: log) or {values: [...]}");
            }
        }
        String where = where(node);
        if (fields.containsKey("values")) {
            if (fields.containsKey("min") || fields.containsKey("max") || fields.containsKey("scale")) {
                throw new SpecException(where, context, "give either values: [...] or min/max, not both");
            }
            if (!(fields.get("values") instanceof SequenceNode list) || list.getValue().isEmpty()) {
                throw new SpecException(where(fields.get("values")), context + ".values", "expected a non-empty list of values");
            }
            List<Object> values = new ArrayList<>();
            for (Node item : list.getValue()) {
                Object value = validate(key, toJava(item, context), where(item));
                if (values.contains(value)) throw new SpecException(where(item), context + ".values", "the value " + value + " appears twice");
                values.add(value);
            }
            return new SearchSpec.Dimension(key, SearchSpec.Scale.DISCRETE, null, null, values, where);
        }
        if (!fields.containsKey("min") || !fields.containsKey("max")) {
            throw new SpecException(where, context, "expected {min: A, max: B} (optionally scale: log) or {values: [...]}");
        }
        if (specKey.kind() != SpecKey.Kind.INT && specKey.kind() != SpecKey.Kind.DOUBLE) {
            throw new SpecException(where, context, "a range needs a number key; '" + key + "' takes " + specKey.allowed()
                    + ": list its values with values: [...]");
        }
        double min = number(fields.get("min"), context + ".min");
        double max = number(fields.get("max"), context + ".max");
        validate(key, specKey.kind() == SpecKey.Kind.INT ? (Object) wholeValue(fields.get("min"), min, context + ".min") : min,
                where(fields.get("min")));
        validate(key, specKey.kind() == SpecKey.Kind.INT ? (Object) wholeValue(fields.get("max"), max, context + ".max") : max,
                where(fields.get("max")));
        if (!(min < max)) {
            throw new SpecException(where(fields.get("min")), context, "min (" + fmt(min) + ") must be below max (" + fmt(max) + ")");
        }
        SearchSpec.Scale scale = specKey.kind() == SpecKey.Kind.INT ? SearchSpec.Scale.INTEGER : SearchSpec.Scale.LINEAR;
        if (fields.containsKey("scale")) {
            String text = string(fields.get("scale"), context + ".scale");
            if (text.equals("log")) {
                if (specKey.kind() == SpecKey.Kind.INT) {
                    throw new SpecException(where(fields.get("scale")), context + ".scale", "log scale is for number keys; "
                            + "'" + key + "' takes whole numbers: use a linear range or values: [...]");
                }
                if (min <= 0) {
                    throw new SpecException(where(fields.get("min")), context + ".min", "a log scale needs min > 0, not " + fmt(min));
                }
                scale = SearchSpec.Scale.LOG;
            } else if (!text.equals("linear")) {
                throw new SpecException(where(fields.get("scale")), context + ".scale", "\"" + text + "\" is not allowed; expected linear or log");
            }
        }
        return new SearchSpec.Dimension(key, scale, min, max, List.of(), where);
    }

    /** The canonical value of {@code key}, validated with the base configuration as a spec file would be. */
    private Object validate(String key, Object value, String where) {
        Map<String, Object> override = new LinkedHashMap<>();
        override.put(key, value);
        return base.withOverrides(override, where).values().get(key);
    }

    private int wholeValue(Node node, double value, String key) {
        if (value != Math.rint(value)) throw new SpecException(where(node), key, fmt(value) + " is not a whole number");
        return (int) value;
    }

    private Map<String, Node> entries(Node node, String context) {
        if (!(node instanceof MappingNode mapping)) throw new SpecException(where(node), context, "expected a mapping of keys");
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new SpecException(where(tuple.getKeyNode()), context, "keys must be plain names");
            }
            if (out.put(keyNode.getValue(), tuple.getValueNode()) != null) {
                throw new SpecException(where(keyNode), context + "." + keyNode.getValue(), "appears twice");
            }
        }
        return out;
    }

    private int whole(Node node, String key, int min, int max) {
        Object value = toJava(node, key);
        if (!(value instanceof Long l) || l < min || l > max) {
            throw new SpecException(where(node), key, shown(value) + " is not allowed; expected a whole number in [" + min + ", " + max + "]");
        }
        return l.intValue();
    }

    private double number(Node node, String key) {
        Object value = toJava(node, key);
        if (!(value instanceof Number n) || Double.isNaN(n.doubleValue())) {
            throw new SpecException(where(node), key, shown(value) + " is not allowed; expected a number");
        }
        return n.doubleValue();
    }

    private boolean bool(Node node, String key) {
        Object value = toJava(node, key);
        if (!(value instanceof Boolean b)) throw new SpecException(where(node), key, shown(value) + " is not allowed; expected true or false");
        return b;
    }

    private String string(Node node, String key) {
        Object value = toJava(node, key);
        if (!(value instanceof String s)) throw new SpecException(where(node), key, shown(value) + " is not allowed; expected a word");
        return s;
    }

    /** A YAML node as Long, Double, Boolean, String, null or List, by its resolved tag. */
    private Object toJava(Node node, String key) {
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            for (Node item : seq.getValue()) out.add(toJava(item, key));
            return out;
        }
        if (!(node instanceof ScalarNode s)) throw new SpecException(where(node), key, "expected a value or a list, not a mapping");
        String text = s.getValue().replace("_", "");
        Tag tag = s.getTag();
        try {
            if (tag.equals(Tag.NULL)) return null;
            if (tag.equals(Tag.BOOL)) return Boolean.valueOf(text.toLowerCase(Locale.ROOT));
            if (tag.equals(Tag.INT)) return Long.valueOf(text);
            if (tag.equals(Tag.FLOAT)) return Double.valueOf(text);
        } catch (NumberFormatException e) {
            throw new SpecException(where(node), key, "cannot read number '" + s.getValue() + "'");
        }
        return s.getValue();
    }

    private static String shown(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    static String fmt(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private String where(Node node) {
        return file + ":" + (node.getStartMark().getLine() + 1);
    }
}
