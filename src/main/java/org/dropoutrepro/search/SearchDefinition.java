package org.dropoutrepro.search;

import java.nio.file.Path;
import org.dropoutrepro.results.ExperimentDirs;
import java.util.List;
import java.util.Set;
import org.dropoutrepro.spec.ExperimentSpec;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.SpecException;
import org.dropoutrepro.spec.SpecLoader;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A search as a spec file gives it: the base configuration (the spec's sections under a profile, as for
 * {@code run}) and the validated {@code search:} section; {@code noPruning} when pruning was switched off to measure
 * what it saves.
 *
 * <p>Serves Appendix B.1 (every hyperparameter chosen on a held-out validation set: a search needs a validation split)
 * and Appendix A (the committed search specs search the ranges of the guide's advice, which the report checks).
 */
public record SearchDefinition(ExperimentSpec spec, String profile, RunConfig base, SearchSpec search, boolean noPruning) {

    /**
     * Loads and validates {@code file} under {@code profile}; {@code trials} and {@code finalSeeds}, when not null,
     * replace the spec's (e.g. a smoke check of a long search).
     */
    public static SearchDefinition load(Path file, String profile, Integer trials, Integer finalSeeds) {
        return load(file, profile, trials, finalSeeds, false);
    }

    /** As {@link #load(Path, String, Integer, Integer)}; {@code noPruning} turns pruning off (the comparison run). */
    public static SearchDefinition load(Path file, String profile, Integer trials, Integer finalSeeds, boolean noPruning) {
        SpecLoader.WithSections loaded = SpecLoader.load(file, Set.of("search"));
        ExperimentSpec spec = loaded.spec();
        Node node = loaded.sections().get("search");
        if (node == null) {
            throw new SpecException(file.toString(), "search", "required: this spec has no search section; "
                    + "train it with './dropout run " + file + "'");
        }
        if (!spec.variants().isEmpty() || !spec.sweep().isEmpty() || !spec.claims().isEmpty()) {
            throw new SpecException(file.toString(), "search", "a search spec has one base configuration: variants, sweep and "
                    + "claims belong to './dropout run' specs (search the key instead, under search.space)");
        }
        List<ExperimentSpec.ConfigPoint> configs = spec.configs(profile);
        RunConfig base = configs.get(0).config();
        SearchSpec search = SearchSpecParser.parse(node, file.toString(), base, key -> {
            String where = spec.whereSet(key, profile, null);
            return where.equals(spec.sourceFile()) ? null : where;
        });
        if (trials != null || finalSeeds != null || noPruning) {
            if (trials != null && trials < 1) throw new IllegalArgumentException("--trials must be at least 1, not " + trials);
            if (finalSeeds != null && finalSeeds < 0) throw new IllegalArgumentException("--final-seeds must be at least 0");
            search = search.with(trials, finalSeeds, noPruning ? SearchSpec.Pruning.NONE : null,
                    trials != null ? "--trials " + trials : file.toString());
        }
        return new SearchDefinition(spec, profile, base, search, noPruning);
    }

    /**
     * Where results go when --out is not given: runs/NAME, or runs/NAME-PROFILE, as for {@code run} (the committed
     * searches under reports/ are regenerated with an explicit --out); with --no-pruning, that name followed by
     * {@code -nopruning}, where the pruned search's report finds it for its comparison.
     */
    public Path defaultDir() {
        Path dir = ExperimentDirs.defaultDir(spec.name(), profile);
        return noPruning ? dir.resolveSibling(dir.getFileName() + SearchReport.NO_PRUNING_SUFFIX) : dir;
    }
}
