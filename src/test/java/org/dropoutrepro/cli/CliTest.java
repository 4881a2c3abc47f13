package org.dropoutrepro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, in this JVM: run on a small subset of real MNIST digits, report, reproduce, errors. */
class CliTest {

    @TempDir
    Path dir;

    private static CliResult execute(String... args) {
        return CliResult.execute(args);
    }

    @Test
    void runWritesAReportThatReportReRendersAndReproduceConfirms() throws Exception {
        Path out = dir.resolve("tiny");
        CliResult run = execute("run", "src/test/resources/specs/tiny.yaml", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Report: " + out.resolve("REPORT.md")), run.out());
        assertTrue(run.out().contains("claim: Dropout lowers the test error"), run.out());
        String report = Files.readString(out.resolve("REPORT.md"));
        for (String section : new String[] {"## What was run", "## Results", "## Claims checked", "## Our numbers against the paper's",
                "## Learning curves", "## Deviations from the paper's setup", "## Runs", "95% interval (t)",
                "./dropout run src/test/resources/specs/tiny.yaml", "| dropout | 2"}) {
            assertTrue(report.contains(section), "REPORT.md lacks '" + section + "'");
        }
        String svg = Files.readString(out.resolve("curves.svg"));
        assertTrue(svg.startsWith("<?xml") || svg.startsWith("<svg"), svg.substring(0, 40));
        assertTrue(svg.contains("dropout (validation)"));
        assertEquals(3, Files.readAllLines(out.resolve("summary.csv")).size());

        Files.delete(out.resolve("REPORT.md"));
        CliResult report2 = execute("report", out.toString());
        assertEquals(0, report2.exitCode(), report2.err());
        assertEquals(report, Files.readString(out.resolve("REPORT.md")), "re-rendering gives the same report");

        CliResult reproduce = execute("reproduce", out.resolve("runs/c0-standard-s2").toString());
        assertEquals(0, reproduce.exitCode(), reproduce.out() + reproduce.err());
        assertTrue(reproduce.out().contains("Bit-identical"));
    }

    /**
     * A user's run goes to runs/NAME, never into the committed reports/NAME (so it trains on a fresh clone), and its
     * report says per configuration whether it reproduced the committed reference bit for bit; the same command resumes.
     */
    @Test
    void aUsersRunGoesToRunsAndIsComparedWithTheCommittedReference() throws Exception {
        Path reports = dir.resolve("reports");
        Path userDir = Path.of("runs", "tiny");
        deleteRecursively(userDir);
        System.setProperty("dropoutrepro.reports", reports.toString());
        try {
            CliResult reference = execute("run", "src/test/resources/specs/tiny.yaml", "--out", reports.resolve("tiny").toString());
            assertEquals(0, reference.exitCode(), reference.err());
            String referenceReport = Files.readString(reports.resolve("tiny/REPORT.md"));
            assertFalse(referenceReport.contains("## Against the committed reference"), "a reference is not compared with itself");
            assertTrue(referenceReport.contains("./dropout run src/test/resources/specs/tiny.yaml --out " + reports.resolve("tiny")),
                    "a report written with --out names it in its command");

            CliResult user = execute("run", "src/test/resources/specs/tiny.yaml");
            assertEquals(0, user.exitCode(), user.err());
            assertTrue(user.out().contains("4 runs (0 already finished) -> " + userDir), user.out());
            String report = Files.readString(userDir.resolve("REPORT.md"));
            assertTrue(report.contains("## Against the committed reference"), report);
            assertTrue(report.contains("| standard | 2 | 2 |") && report.contains("| dropout | 2 | 2 |"), report);
            assertEquals(2, report.split("reproduced bit for bit", -1).length - 2, report);
            assertTrue(user.out().contains("reproduced bit for bit (2 of 2 runs bit-identical)"), user.out());

            CliResult again = execute("run", "src/test/resources/specs/tiny.yaml");
            assertTrue(again.out().contains("4 runs (4 already finished) -> " + userDir), again.out());
        } finally {
            System.clearProperty("dropoutrepro.reports");
            deleteRecursively(userDir);
        }
    }

    private static void deleteRecursively(Path path) throws java.io.IOException {
        if (!Files.exists(path)) return;
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Test
    void theSeed002RegressionRunsWithoutAValidationSplit() throws Exception {
        Path out = dir.resolve("seed002");
        CliResult run = execute("run", "experiments/seed002-regression.yaml", "--profile", "smoke", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        String report = Files.readString(out.resolve("REPORT.md"));
        assertTrue(report.contains("| test MSE mean |"), report);
        assertTrue(report.contains("Not one of the paper's experiments"), report);
        assertTrue(Files.readString(out.resolve("curves.svg")).contains("dropout (training)"));
    }

    @Test
    void badInputExitsWithCodeTwoAndOneClearLine() throws Exception {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "name: bad\ndropout:\n  hiddenRetain: 1.5\n");
        CliResult result = execute("run", spec.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, result.exitCode());
        assertEquals("error: " + spec + ":3: key 'dropout.hiddenRetain': 1.5 is not allowed; expected a number in [0, 1]",
                result.err().strip());
        Path otherKey = dir.resolve("other-key.yaml");
        Files.writeString(otherKey, "name: other-key\ndata:\n  dataset: mnist-10k\n  labelColumn: 3\nvariants:\n"
                + "  - name: csv-key-in-a-variant\n    set: {data.header: \"true\"}\n");
        CliResult wrongSet = execute("run", otherKey.toString(), "--out", dir.resolve("out2").toString());
        assertEquals(2, wrongSet.exitCode());
        assertTrue(wrongSet.err().startsWith("error: " + otherKey + ":4: key 'data.labelColumn': does not apply to data set mnist-10k"),
                wrongSet.err());
        assertFalse(Files.exists(dir.resolve("out2")), "nothing written");
        Files.writeString(otherKey, "name: other-key\ndata:\n  dataset: mnist-10k\nvariants:\n"
                + "  - name: csv-key-in-a-variant\n    set: {data.header: \"true\"}\n");
        CliResult inVariant = execute("run", otherKey.toString(), "--out", dir.resolve("out2").toString());
        assertTrue(inVariant.err().startsWith("error: " + otherKey + ":6: key 'data.header': does not apply to data set mnist-10k"),
                inVariant.err());
        CliResult missing = execute("data", "mnist");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.out().contains("Pass --data-dir DIR"), missing.out());
        assertEquals(2, execute("reproduce", dir.resolve("nowhere").toString()).exitCode());
    }

    @Test
    void benchMeasuresEveryCellAndWritesItsReport() throws Exception {
        Path out = dir.resolve("performance");
        CliResult bench = execute("bench", "--widths", "16,16", "--batch", "8", "--seconds", "0.05", "--repeats", "3",
                "--no-torch", "--out", out.toString());
        assertEquals(0, bench.exitCode(), bench.err());
        String report = Files.readString(out.resolve("REPORT.md"));
        for (String section : new String[] {"Net 784-16-16-10 ReLU, batch 8", "| ours (BernoulliDropout) |", "### Ratios (same run)",
                "cost of max-norm (ours), one network stepping with its max-norm on and off", "sgemm roofline", "idle threads: ", "PyTorch peer: not run",
                "./dropout bench --batch 8 --widths 16,16 --seconds 0.05 --repeats 3"}) {
            assertTrue(report.contains(section), "REPORT.md lacks '" + section + "':\n" + report);
        }
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("\\| none \\| (\\d+) \\| (\\d+) \\| (\\d+) \\|").matcher(report);
        assertTrue(row.find(), report);
        for (int cell = 1; cell <= 3; cell++) assertTrue(Integer.parseInt(row.group(cell)) > 0, row.group());
    }

    @Test
    void aMistypedVerbIsUnknownSuggestsTheNearestAndExitsTwo() {
        CliResult typo = execute("reprodce", "x");
        assertEquals(2, typo.exitCode(), typo.out() + typo.err());
        assertTrue(typo.err().contains("unknown verb 'reprodce'"), typo.err());
        assertTrue(typo.err().contains("Did you mean: reproduce?"), typo.err());
        assertFalse(typo.out().contains("Usage:"), "no help page on a typo: " + typo.out());
        CliResult nothing = execute();
        assertEquals(0, nothing.exitCode());
        assertTrue(nothing.out().contains("Usage: dropout"), nothing.out());
    }

    @Test
    void everyVerbHasHelpAndKeysPrintsTheSchema() {
        for (String verb : new String[] {"run", "report", "reproduce", "data", "bench"}) {
            CliResult help = execute(verb, "--help");
            assertEquals(0, help.exitCode());
            assertTrue(help.out().contains("Usage: dropout " + verb), help.out());
        }
        CliResult keys = execute("run", "--keys");
        assertTrue(keys.out().contains("| `dropout.hiddenRetain` | 0.5 | a number in [0, 1] |"), keys.out());
    }
}
