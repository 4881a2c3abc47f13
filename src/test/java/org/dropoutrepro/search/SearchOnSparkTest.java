package org.dropoutrepro.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A search's trials and final seeds through the Spark executor: the same records as in this process. */
class SearchOnSparkTest {

    @TempDir
    Path dir;

    private static Path search(Path spec, Path out, String master) throws Exception {
        SearchDefinition definition = SearchDefinition.load(spec, "default", 4, 1);
        return SearchRunner.run(definition, new SearchRunner.Options(out, null, false, 2, List.of("./dropout", "search", spec.toString()),
                new PrintStream(OutputStream.nullOutputStream()), master));
    }

    private Path unprunedSpec() throws Exception {
        Path spec = dir.resolve("search-unpruned.yaml");
        Files.writeString(spec, Files.readString(SearchTestSupport.TINY)
                .replace("pruning: {method: median, startEpoch: 1, startupTrials: 2}", "pruning: {method: none}"));
        return spec;
    }

    @Test
    void trialsAndFinalSeedsOnLocal2AreBitIdenticalToInProcess() throws Exception {
        Path spec = unprunedSpec();
        Path inProcess = search(spec, dir.resolve("in-process"), null);
        Path onSpark = search(spec, dir.resolve("local2"), "local[2]");
        List<TrialRecord> expected = SearchTestSupport.trials(inProcess);
        assertEquals(4, expected.size());
        assertEquals(expected, SearchTestSupport.trials(onSpark));
        assertFalse(SearchTestSupport.finals(inProcess).isEmpty());
        assertEquals(SearchTestSupport.finals(inProcess), SearchTestSupport.finals(onSpark));
        Path checkpoints = onSpark.resolve(SearchRunner.CHECKPOINTS);
        if (Files.exists(checkpoints)) {
            try (Stream<Path> left = Files.list(checkpoints)) {
                assertFalse(left.findAny().isPresent(), "checkpoints removed once recorded");
            }
        }
    }

    @Test
    void medianPruningOnSparkIsRefusedBeforeAnythingIsWritten() {
        Path out = dir.resolve("pruned");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> search(SearchTestSupport.TINY, out, "local[2]"));
        assertTrue(refused.getMessage().contains("pruning"), refused.getMessage());
        assertFalse(Files.exists(out));
    }
}
