package org.dropoutrepro.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment as written in a YAML file under {@code experiments/}: base settings, named profiles
 * (e.g. a small {@code smoke} profile and a full {@code paper} profile), variants (named configurations
 * such as "standard" and "dropout"), sweep axes (a grid over any key), the paper's numbers to compare
 * with, and claims to check. {@link #configs(String)} expands it into the configurations to train.
 */
public record ExperimentSpec(String name, String description, String sourceFile, Map<String, Located> base,
                             Map<String, Map<String, Located>> profiles, List<Variant> variants,
                             List<SweepAxis> sweep, String paperSource, List<Claim> claims) {

    /** The profile used when none is named. */
    public static final String DEFAULT_PROFILE = "default";

    /** A named configuration: overrides of the base, and the paper's test error (percent) for it, if any. */
    public record Variant(String name, Map<String, Located> set, Double paperTestErrorPercent, String where) {
    }

    /** One axis of the sweep grid: a key and the values it takes. */
    public record SweepAxis(String key, List<Object> values, String where) {
    }

    /** A claim of the paper checked by the report: variant {@code better} has a lower test error than {@code worse}. */
    public record Claim(String statement, String better, String worse, String where) {
    }

    /** One point of the expansion: a name, its variant, its sweep coordinates, and the resolved configuration. */
    public record ConfigPoint(int index, String name, String variant, Map<String, Object> sweepValues,
                              RunConfig config, Double paperTestErrorPercent) {
    }

    /**
     * Where {@code key} is set for {@code variant} under {@code profile} ("file:line"): in the variant, else the
     * profile, else the base; the spec file when it is not set at all.
     */
    public String whereSet(String key, String profile, String variant) {
        for (Variant candidate : variants) {
            if (candidate.name().equals(variant) && candidate.set().containsKey(key)) return candidate.set().get(key).where();
        }
        Map<String, Located> overrides = profiles.get(profile);
        if (overrides != null && overrides.containsKey(key)) return overrides.get(key).where();
        return base.containsKey(key) ? base.get(key).where() : sourceFile;
    }

    /** Every configuration of this experiment under a profile: variants x sweep grid, each validated. */
    public List<ConfigPoint> configs(String profile) {
        Map<String, Located> withProfile = new LinkedHashMap<>(base);
        if (!DEFAULT_PROFILE.equals(profile)) {
            Map<String, Located> overrides = profiles.get(profile);
            if (overrides == null) {
                throw new SpecException(sourceFile, "profiles", "no profile '" + profile + "'; this spec has: "
                        + String.join(", ", profiles.keySet().isEmpty() ? List.of("(none)") : profiles.keySet()));
            }
            withProfile.putAll(overrides);
        }
        List<Variant> variantList = variants.isEmpty()
                ? List.of(new Variant("base", Map.of(), null, sourceFile)) : variants;
        List<ConfigPoint> points = new ArrayList<>();
        for (Variant variant : variantList) {
            Map<String, Located> withVariant = new LinkedHashMap<>(withProfile);
            withVariant.putAll(variant.set());
            for (Map<String, Object> gridPoint : grid()) {
                Map<String, Located> raw = new LinkedHashMap<>(withVariant);
                for (SweepAxis axis : sweep) raw.put(axis.key(), new Located(gridPoint.get(axis.key()), axis.where()));
                RunConfig config = ConfigBinder.bind(raw);
                Map<String, Object> coordinates = new LinkedHashMap<>();
                StringBuilder name = new StringBuilder(variant.name());
                for (SweepAxis axis : sweep) {
                    Object value = config.values().get(axis.key());
                    coordinates.put(axis.key(), value);
                    name.append(' ').append(axis.key().substring(axis.key().indexOf('.') + 1)).append('=').append(value);
                }
                points.add(new ConfigPoint(points.size(), name.toString(), variant.name(), coordinates, config,
                        variant.paperTestErrorPercent()));
            }
        }
        return points;
    }

    private List<Map<String, Object>> grid() {
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (SweepAxis axis : sweep) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> point : points) {
                for (Object value : axis.values()) {
                    Map<String, Object> extended = new LinkedHashMap<>(point);
                    extended.put(axis.key(), value);
                    next.add(extended);
                }
            }
            points = next;
        }
        return points;
    }
}
