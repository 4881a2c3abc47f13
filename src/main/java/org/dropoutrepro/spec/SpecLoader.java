package org.dropoutrepro.spec;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads an experiment spec from YAML, keeping the line of every value so that an unknown key, a wrong
 * type or a value out of range fails before any training with the file, the key, the line and what is
 * allowed. Nested sections ({@code dropout: {hiddenRetain: 0.5}}) and dotted keys
 * ({@code dropout.hiddenRetain: 0.5}) are equivalent inside variants and profiles.
 */
public final class SpecLoader {

    private static final Set<String> TOP_LEVEL = Set.of("name", "description", "paper", "claims", "variants",
            "sweep", "profiles");

    private final String file;
    /** Top-level sections another command reads itself (e.g. {@code search}), handed back as YAML nodes. */
    private final Set<String> extraSections;
    private final Map<String, Node> extras = new LinkedHashMap<>();

    private SpecLoader(String file) {
        this(file, Set.of());
    }

    private SpecLoader(String file, Set<String> extraSections) {
        this.file = file;
        this.extraSections = extraSections;
    }

    /** A spec plus the YAML nodes of the extra top-level sections that were asked for (absent ones are missing from the map). */
    public record WithSections(ExperimentSpec spec, Map<String, Node> sections) {
    }

    /** Loads the spec at {@code path} as {@link #load} does, but hands the top-level sections {@code extraSections} back unparsed. */
    public static WithSections load(Path path, Set<String> extraSections) {
        String shown = path.toString();
        SpecLoader loader = new SpecLoader(shown, extraSections);
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return new WithSections(loader.parse(reader), Map.copyOf(loader.extras));
        } catch (NoSuchFileException e) {
            throw new SpecException(shown, null, "no such file");
        } catch (IOException e) {
            throw new SpecException(shown, null, "cannot read: " + e.getMessage());
        }
    }

    /** Loads and fully validates (every profile, variant and sweep point) the spec at {@code path}. */
    public static ExperimentSpec load(Path path) {
        return load(path, Set.of()).spec();
    }

    /** Parses spec text; {@code file} names it in errors. */
    public static ExperimentSpec parse(String file, Reader reader) {
        return new SpecLoader(file).parse(reader);
    }

    private ExperimentSpec parse(Reader reader) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            throw new SpecException(file + ":" + (e.getProblemMark().getLine() + 1), null,
                    "not valid YAML: " + e.getProblem());
        }
        if (!(root instanceof MappingNode top)) {
            throw new SpecException(file, null, "expected a mapping of keys at the top level");
        }
        String name = null;
        String description = "";
        String paperSource = null;
        Map<String, Located> base = new LinkedHashMap<>();
        Map<String, Map<String, Located>> profiles = new LinkedHashMap<>();
        List<ExperimentSpec.Variant> variants = new ArrayList<>();
        List<ExperimentSpec.SweepAxis> sweep = new ArrayList<>();
        List<ExperimentSpec.Claim> claims = new ArrayList<>();
        for (Map.Entry<String, Node> entry : entries(top, "").entrySet()) {
            String key = entry.getKey();
            Node value = entry.getValue();
            switch (key) {
                case "name" -> name = string(value, key);
                case "description" -> description = string(value, key);
                case "paper" -> paperSource = string(value, key);
                case "profiles" -> {
                    for (Map.Entry<String, Node> profile : entries(mapping(value, key), "profiles.").entrySet()) {
                        profiles.put(profile.getKey(), settings(profile.getValue(), "profiles." + profile.getKey()));
                    }
                }
                case "variants" -> {
                    for (Node item : sequence(value, key).getValue()) variants.add(variant(item));
                }
                case "sweep" -> {
                    for (Node item : sequence(value, key).getValue()) sweep.add(axis(item));
                }
                case "claims" -> {
                    for (Node item : sequence(value, key).getValue()) claims.add(claim(item));
                }
                default -> {
                    if (extraSections.contains(key)) {
                        extras.put(key, value);
                        continue;
                    }
                    if ("search".equals(key)) {
                        throw new SpecException(where(value), key, "this spec describes a search: run it with "
                                + "'./dropout search " + file + "'");
                    }
                    if (!SpecSchema.isSection(key)) {
                        throw new SpecException(where(value), key, "unknown top-level key; allowed: name, description, "
                                + "paper, data, architecture, dropout, optimizer, regularization, training, evaluation, "
                                + "variants, sweep, claims, profiles");
                    }
                    flatten(value, key, base);
                }
            }
        }
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new SpecException(file, "name", "required: a name of letters, digits, '-', '_' or '.'");
        }
        checkVariantNames(variants);
        ExperimentSpec spec = new ExperimentSpec(name, description, file, base, profiles, variants, sweep,
                paperSource, claims);
        checkClaimSides(claims, variants, spec.configs(ExperimentSpec.DEFAULT_PROFILE));
        for (String profile : profiles.keySet()) spec.configs(profile);
        return spec;
    }

    private void checkVariantNames(List<ExperimentSpec.Variant> variants) {
        Set<String> names = new java.util.HashSet<>();
        for (ExperimentSpec.Variant variant : variants) {
            if (!names.add(variant.name())) {
                throw new SpecException(variant.where(), "variants", "two variants are named '" + variant.name() + "'");
            }
        }
    }

    /** Each side of a claim names a variant, or one configuration of a sweep ("variant key=value", as the report names it). */
    private static void checkClaimSides(List<ExperimentSpec.Claim> claims, List<ExperimentSpec.Variant> variants,
                                        List<ExperimentSpec.ConfigPoint> configs) {
        Set<String> names = new java.util.LinkedHashSet<>();
        variants.forEach(variant -> names.add(variant.name()));
        if (variants.isEmpty()) names.add("base");
        Set<String> configNames = new java.util.LinkedHashSet<>();
        configs.forEach(point -> configNames.add(point.name()));
        for (ExperimentSpec.Claim claim : claims) {
            for (String side : List.of(claim.better(), claim.worse())) {
                if (!names.contains(side) && !configNames.contains(side)) {
                    throw new SpecException(claim.where(), "claims", "no variant or configuration named '" + side + "'; variants: "
                            + names + (configNames.equals(names) ? "" : "; configurations: " + configNames));
                }
            }
        }
    }

    private ExperimentSpec.Variant variant(Node node) {
        Map<String, Node> fields = entries(mapping(node, "variants"), "variants.");
        requireOnly(fields, "variants", Set.of("name", "set", "paperTestError"));
        String name = string(required(fields, "name", node, "variants"), "variants.name");
        Map<String, Located> set = fields.containsKey("set") ? settings(fields.get("set"), "variants.set") : Map.of();
        Double paper = null;
        if (fields.containsKey("paperTestError")) {
            Object value = scalar(fields.get("paperTestError"), "variants.paperTestError");
            if (!(value instanceof Number number) || number.doubleValue() < 0 || number.doubleValue() > 100) {
                throw new SpecException(where(fields.get("paperTestError")), "variants.paperTestError",
                        "expected the paper's test error in percent, a number in [0, 100]");
            }
            paper = number.doubleValue();
        }
        return new ExperimentSpec.Variant(name, set, paper, where(node));
    }

    private ExperimentSpec.SweepAxis axis(Node node) {
        Map<String, Node> fields = entries(mapping(node, "sweep"), "sweep.");
        requireOnly(fields, "sweep", Set.of("key", "values", "from", "to", "step"));
        String key = string(required(fields, "key", node, "sweep"), "sweep.key");
        if (SpecSchema.key(key) == null) {
            throw new SpecException(where(fields.get("key")), "sweep.key", "'" + key + "' is not a spec key");
        }
        List<Object> values = new ArrayList<>();
        if (fields.containsKey("values")) {
            for (Node item : sequence(fields.get("values"), "sweep.values").getValue()) values.add(toJava(item, "sweep.values"));
        } else {
            BigDecimal from = decimal(required(fields, "from", node, "sweep"), "sweep.from");
            BigDecimal to = decimal(required(fields, "to", node, "sweep"), "sweep.to");
            BigDecimal step = decimal(required(fields, "step", node, "sweep"), "sweep.step");
            if (step.signum() <= 0 || to.compareTo(from) < 0 || to.subtract(from).divide(step, java.math.MathContext.DECIMAL64).intValue() > 10_000) {
                throw new SpecException(where(node), "sweep", "expected from <= to and a step > 0 (at most 10,000 points)");
            }
            for (BigDecimal value = from; value.compareTo(to) <= 0; value = value.add(step)) {
                values.add(value.scale() <= 0 ? (Object) value.intValueExact() : (Object) value.doubleValue());
            }
        }
        if (values.isEmpty()) throw new SpecException(where(node), "sweep", "an axis needs at least one value");
        return new ExperimentSpec.SweepAxis(key, List.copyOf(values), where(node));
    }

    private ExperimentSpec.Claim claim(Node node) {
        Map<String, Node> fields = entries(mapping(node, "claims"), "claims.");
        requireOnly(fields, "claims", Set.of("statement", "better", "worse"));
        return new ExperimentSpec.Claim(string(required(fields, "statement", node, "claims"), "claims.statement"),
                string(required(fields, "better", node, "claims"), "claims.better"),
                string(required(fields, "worse", node, "claims"), "claims.worse"), where(node));
    }

    /** Settings inside a variant or profile: sections or dotted keys, flattened to dotted paths. */
    private Map<String, Located> settings(Node node, String context) {
        Map<String, Located> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> entry : entries(mapping(node, context), context + ".").entrySet()) {
            String key = entry.getKey();
            if (key.contains(".")) {
                checkKnown(key, entry.getValue());
                out.put(key, new Located(toJava(entry.getValue(), key), where(entry.getValue())));
            } else if (SpecSchema.isSection(key)) {
                flatten(entry.getValue(), key, out);
            } else {
                throw new SpecException(where(entry.getValue()), context + "." + key, "not a section or a dotted spec key");
            }
        }
        return out;
    }

    private void flatten(Node sectionNode, String section, Map<String, Located> out) {
        for (Map.Entry<String, Node> entry : entries(mapping(sectionNode, section), section + ".").entrySet()) {
            String path = section + "." + entry.getKey();
            checkKnown(path, entry.getValue());
            out.put(path, new Located(toJava(entry.getValue(), path), where(entry.getValue())));
        }
    }

    private void checkKnown(String path, Node node) {
        SpecSchema.requireKnown(path, where(node));
    }

    private Map<String, Node> entries(MappingNode node, String context) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new SpecException(where(tuple.getKeyNode()), context, "keys must be plain names");
            }
            if (out.put(keyNode.getValue(), tuple.getValueNode()) != null) {
                throw new SpecException(where(keyNode), context + keyNode.getValue(), "appears twice");
            }
        }
        return out;
    }

    private void requireOnly(Map<String, Node> fields, String context, Set<String> allowed) {
        for (Map.Entry<String, Node> field : fields.entrySet()) {
            if (!allowed.contains(field.getKey())) {
                throw new SpecException(where(field.getValue()), context + "." + field.getKey(),
                        "unknown key; allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    private Node required(Map<String, Node> fields, String key, Node parent, String context) {
        Node node = fields.get(key);
        if (node == null) throw new SpecException(where(parent), context + "." + key, "required");
        return node;
    }

    private MappingNode mapping(Node node, String key) {
        if (node instanceof MappingNode m) return m;
        throw new SpecException(where(node), key, "expected a mapping of keys");
    }

    private SequenceNode sequence(Node node, String key) {
        if (node instanceof SequenceNode s) return s;
        throw new SpecException(where(node), key, "expected a list");
    }

    private String string(Node node, String key) {
        Object value = scalar(node, key);
        if (value == null) throw new SpecException(where(node), key, "expected a string");
        return String.valueOf(value);
    }

    private BigDecimal decimal(Node node, String key) {
        if (node instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            return new BigDecimal(s.getValue().replace("_", ""));
        }
        throw new SpecException(where(node), key, "expected a number");
    }

    private Object scalar(Node node, String key) {
        if (node instanceof ScalarNode) return toJava(node, key);
        throw new SpecException(where(node), key, "expected a single value");
    }

    /** YAML node to Integer/Long, Double, Boolean, String, null or List, by its resolved tag. */
    private Object toJava(Node node, String key) {
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            for (Node item : seq.getValue()) out.add(toJava(item, key));
            return out;
        }
        if (!(node instanceof ScalarNode s)) {
            throw new SpecException(where(node), key, "expected a value or a list, not a mapping");
        }
        String text = s.getValue().replace("_", "");
        Tag tag = s.getTag();
        try {
            if (tag.equals(Tag.NULL)) return null;
            if (tag.equals(Tag.BOOL)) return Boolean.valueOf(text.toLowerCase());
            if (tag.equals(Tag.INT)) return Long.valueOf(text);
            if (tag.equals(Tag.FLOAT)) return Double.valueOf(text);
        } catch (NumberFormatException e) {
            throw new SpecException(where(node), key, "cannot read number '" + s.getValue() + "'");
        }
        return s.getValue();
    }

    private String where(Node node) {
        return file + ":" + (node.getStartMark().getLine() + 1);
    }
}
