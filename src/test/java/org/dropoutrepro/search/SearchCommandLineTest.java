package org.dropoutrepro.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line that regenerates a search repeats every option that changes it, and none that discards it. */
class SearchCommandLineTest {

    @Test
    void repeatsTheOptionsThatChangeTheSearchAsGiven() {
        SearchCommandLine everything = new SearchCommandLine(Path.of("experiments/s.yaml"), "smoke", Path.of("reports/s"),
                Path.of("../data/fashion"), 3, 1, true);
        assertEquals(List.of("./dropout", "search", "experiments/s.yaml", "--profile", "smoke", "--out", "reports/s",
                "--data-dir", "../data/fashion", "--trials", "3", "--final-seeds", "1", "--no-pruning"), everything.words());
        SearchCommandLine plain = new SearchCommandLine(Path.of("experiments/s.yaml"), "default", null, null, null, null, false);
        assertEquals(List.of("./dropout", "search", "experiments/s.yaml"), plain.words());
    }
}
