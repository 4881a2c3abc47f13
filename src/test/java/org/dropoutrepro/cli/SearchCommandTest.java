package org.dropoutrepro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dropout search} end to end in this JVM on a small subset of real digits; {@code report} re-renders it; bad input exits 2. */
class SearchCommandTest {

    @TempDir
    Path dir;

    private static CliResult execute(String... args) {
        return CliResult.execute(args);
    }

    @Test
    void searchWritesAReportThatReportReRendersAndBestYamlRuns() throws Exception {
        Path out = dir.resolve("search");
        CliResult search = execute("search", "src/test/resources/specs/search-tiny.yaml", "--out", out.toString(), "--trials", "4",
                "--final-seeds", "1", "--parallel", "2");
        assertEquals(0, search.exitCode(), search.err());
        assertTrue(search.out().contains("trial 4 ") && search.out().contains("/4 trials") && search.out().contains("best "), search.out());
        assertTrue(search.out().contains("Report: " + out.resolve("REPORT.md")), search.out());
        String report = Files.readString(out.resolve("REPORT.md"));
        assertTrue(report.contains("./dropout search src/test/resources/specs/search-tiny.yaml --out " + out + " --trials 4 --final-seeds 1"),
                report);
        assertTrue(report.contains("## Appendix A, point by point") && report.contains("A.4: hidden retain 0.5-0.8"), report);
        Files.delete(out.resolve("REPORT.md"));
        CliResult rerender = execute("report", out.toString());
        assertEquals(0, rerender.exitCode(), rerender.err());
        assertEquals(report, Files.readString(out.resolve("REPORT.md")), "re-rendering gives the same report");

        CliResult run = execute("run", out.resolve("best.yaml").toString(), "--out", dir.resolve("best-run").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, Files.readAllLines(dir.resolve("best-run").resolve("runs.jsonl")).size(), "one run: the one final seed");
    }

    @Test
    void aBadSpaceExitsWithTwoNamingFileLineAndKey() throws Exception {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "name: bad\nsearch:\n  trials: 3\n  space:\n    dropout.hiddenRetain: {min: 0.8, max: 0.2}\n");
        CliResult result = execute("search", spec.toString(), "--out", dir.resolve("bad").toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains(spec + ":5: key 'search.space.dropout.hiddenRetain': min (0.8) must be below max (0.2)"),
                result.err());
        assertTrue(!Files.exists(dir.resolve("bad").resolve("trials.jsonl")), "nothing was trained");
    }
}
