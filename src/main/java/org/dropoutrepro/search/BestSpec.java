package org.dropoutrepro.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code best.yaml}: the best trial's configuration as a spec that {@code ./dropout run} accepts, every key
 * written out (the base configuration with the trial's values), trained with the final seeds' seeds.
 *
 * <p>Serves Appendix B.1: the configuration chosen on the validation split, ready to be trained and reported on the
 * test split.
 */
final class BestSpec {

    private BestSpec() {
    }

    /**
     * Writes the spec. {@code resolved} is every key of the best trial's configuration; {@code seeds} the seeds to
     * train it with.
     */
    static void write(Path file, String searchName, TrialRecord best, Map<String, Object> resolved, List<Integer> seeds,
                      String command) throws IOException {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", searchName + "-best");
        spec.put("description", "The best configuration found by search " + searchName + " (trial " + best.trial()
                + ", validation error " + best.validationError() + "), retrained with the search's final seeds.");
        for (Map.Entry<String, Object> entry : resolved.entrySet()) {
            String[] parts = entry.getKey().split("\\.", 2);
            @SuppressWarnings("unchecked")
            Map<String, Object> section = (Map<String, Object>) spec.computeIfAbsent(parts[0], k -> new LinkedHashMap<String, Object>());
            section.put(parts[1], entry.getKey().equals("training.seeds") ? seeds : entry.getValue());
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(120);
        String header = "# Written by " + command + " (do not edit: regenerated with the search).\n"
                + "# Train it with: ./dropout run " + file + "\n";
        Files.writeString(file, header + new Yaml(options).dump(spec), StandardCharsets.UTF_8);
    }
}
