package org.dropoutrepro.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page leads with its bottom line and its warnings; summary.csv has one unit; the scoreboard lists every claim. */
class ReportPagesTest {

    @TempDir
    Path dir;

    @Test
    void thePageLeadsWithTheBottomLineAndADirtyTreeWarning() throws Exception {
        Path experiment = new ReportFixtures().config("dropout", 0.010, 0.011, 0.012).config("standard", 0.020, 0.021, 0.023)
                .claim("Dropout lowers the test error", "dropout", "standard").dirty().write(dir.resolve("exp"), "exp");
        ReportWriter.write(experiment);
        String page = Files.readString(experiment.resolve("REPORT.md"));
        int warning = page.indexOf("uncommitted changes");
        int bottom = page.indexOf("## Bottom line");
        int whatWasRun = page.indexOf("## What was run");
        assertTrue(warning > 0 && warning < bottom && bottom < whatWasRun, "warning, then bottom line, then the rest");
        String bottomLine = page.substring(bottom, whatWasRun);
        assertTrue(bottomLine.contains("| Dropout lowers the test error | **holds**"), bottomLine);
        assertTrue(bottomLine.contains("Holm-Bonferroni") && bottomLine.contains("one-sided") && bottomLine.contains("two-sided"), bottomLine);
        assertTrue(bottomLine.contains("Lowest mean test error: 'dropout', 1.10% [") && bottomLine.contains("over 3 seeds (test accuracy 98.90%)"),
                "the best configuration's number, as a user compares it with published baselines: " + bottomLine);
        assertTrue(page.contains("test-set SE"), "the binomial noise of the test set is shown");
        assertTrue(page.contains("- Max-norm: none"), "every report says which max-norm meaning it used");
        assertTrue(page.contains("--out " + experiment.toString().replace('\\', '/')), "the regenerate command names the directory");

        List<String> csv = Files.readAllLines(experiment.resolve("summary.csv"));
        assertTrue(csv.get(0).contains("test_error_mean_pct") && !csv.get(0).matches(".*test_error_mean,.*"), csv.get(0));
        String[] dropoutRow = csv.get(1).split(",");
        assertEquals(1.1, Double.parseDouble(dropoutRow[6]), 1e-9, "percent, as the header says");
    }

    @Test
    void aSweepIsPlottedAgainstTheSweptQuantity() throws Exception {
        String key = "dropout.hiddenRetain";
        Path experiment = new ReportFixtures().config("n-fixed", Map.of(key, 0.2), 0.05, 0.06).config("n-fixed", Map.of(key, 0.5), 0.02, 0.021)
                .config("n-fixed", Map.of(key, 1.0), 0.03, 0.031).write(dir.resolve("sweep"), "sweep");
        ReportWriter.write(experiment);
        String page = Files.readString(experiment.resolve("REPORT.md"));
        assertTrue(page.contains("## Result against dropout.hiddenRetain") && page.contains("(sweep.svg)"), page);
        String svg = Files.readString(experiment.resolve("sweep.svg"));
        assertTrue(svg.startsWith("<?xml") || svg.startsWith("<svg"), "an SVG");
        assertTrue(svg.contains("dropout.hiddenRetain"), "the x axis names the swept key");
        assertTrue(page.contains("| n-fixed | `dropout.hiddenRetain` = 0.5 |"), "the point chosen on validation: " + page);
    }

    @Test
    void theScoreboardListsEveryClaimOfEveryReport() throws Exception {
        new ReportFixtures().config("dropout", 0.010, 0.011, 0.012).config("standard", 0.020, 0.021, 0.023)
                .paperSource("Srivastava et al. 2014, Table 2").claim("Dropout lowers the test error", "dropout", "standard")
                .write(dir.resolve("table2"), "table2");
        new ReportFixtures().config("dropout", 0.010, 0.011, 0.012).config("standard", 0.020, 0.021, 0.023).plannedSeeds(5)
                .paperSource("Srivastava et al. 2014, Section 6.1.1 and Table 2")
                .claim("Dropout lowers the test error on more data", "dropout", "standard").write(dir.resolve("table2-big"), "table2-big");
        new ReportFixtures().config("retain-0.5", 0.010, 0.011, 0.012).config("retain-1.0", 0.012, 0.011, 0.013)
                .config("retain-0.8", 0.02, 0.02, 0.02).paperSource("Srivastava et al. 2014, Figure 9a and Section 7.3")
                .claim("0.5 beats 1.0", "retain-0.5", "retain-1.0").claim("0.5 beats 0.8", "retain-0.5", "retain-0.8")
                .write(dir.resolve("figure9"), "figure9");
        ReportWriter.write(new ReportFixtures().config("standard lr=0.1", 0.02, 0.021).config("standard lr=0.3", 0.022, 0.021)
                .paperSource("Srivastava et al. 2014, Appendix A.2").write(dir.resolve("table2-lr"), "table2-lr")); // a sweep without claims
        Files.createDirectories(dir.resolve("performance"));
        Files.writeString(dir.resolve("performance/REPORT.md"), "# performance\n");
        Path index = Scoreboard.write(dir);
        String page = Files.readString(index);
        for (String claim : List.of("Dropout lowers the test error", "0.5 beats 1.0", "0.5 beats 0.8")) {
            assertEquals(1, page.lines().filter(line -> line.startsWith("| " + claim + " |")).count(), claim);
        }
        assertTrue(page.contains("[table2](table2/REPORT.md)") && page.contains("[figure9](figure9/REPORT.md)"), page);
        assertTrue(page.contains("Reports without claims of the paper: [performance](performance/REPORT.md), [table2-lr](table2-lr/REPORT.md)."),
                "reports without claims are linked too, experiments without claims among them: " + page);
        int table2 = page.indexOf("\n## Table 2\n");
        int figure9 = page.indexOf("\n## Figure 9\n");
        assertTrue(table2 > 0 && figure9 > table2, "rows grouped under the part of the paper their report cites, tables first: " + page);
        String table2Part = page.substring(table2, figure9);
        assertTrue(table2Part.contains("[table2](table2/REPORT.md)") && table2Part.contains("[table2-big](table2-big/REPORT.md)")
                && !table2Part.contains("[figure9]"), table2Part);
        assertTrue(page.substring(figure9).contains("| 0.5 beats 1.0 |"), "Figure 9's claims under its heading");
        assertTrue(page.contains("**holds**") && page.contains("**unresolved**"), page);
        assertFalse(page.contains("| (no report checks a claim yet) |"));
        String unfinished = page.lines().filter(line -> line.startsWith("| Dropout lowers the test error on more data |")).findFirst().orElseThrow();
        assertTrue(unfinished.contains("(experiment unfinished: 6 of 8 runs recorded)"), unfinished);
        assertTrue(unfinished.contains("**not decided**: unfinished: 3 of 5 runs of 'standard' recorded"),
                "no verdict until every planned run is in, whatever the first seeds say: " + unfinished);
        assertFalse(page.lines().filter(line -> line.startsWith("| Dropout lowers the test error |")).findFirst().orElseThrow()
                .contains("unfinished"), "a finished experiment is not marked");
    }

    @Test
    void claimsThePaperDoesNotMakeAndSupersededReportsHaveHeadingsOfTheirOwn() throws Exception {
        assertEquals("Table 2", Scoreboard.section("Srivastava et al. 2014, Table 2 and Section 6.1.1"));
        assertEquals("Not in the paper", Scoreboard.section("Not in the paper: a tabular data set; Section 7.4 is the nearest"),
                "a section named after the prefix does not file it under that section");
        assertEquals("Superseded", Scoreboard.section("Superseded by figure9 (Figure 9a with test-time scaling)"));
        new ReportFixtures().config("dropout", 0.010, 0.011, 0.012).config("standard", 0.020, 0.021, 0.023)
                .paperSource("Superseded by table2: Table 2 with inverted scaling").claim("Dropout lowers the test error", "dropout", "standard")
                .write(dir.resolve("old"), "old");
        new ReportFixtures().config("dropout", 0.010, 0.011, 0.012).config("standard", 0.020, 0.021, 0.023)
                .paperSource("Not in the paper: a seed article's claim").claim("Dropout helps on tabular data", "dropout", "standard")
                .write(dir.resolve("tabular"), "tabular");
        new ReportFixtures().config("dropout", 0.010, 0.011, 0.012).config("standard", 0.020, 0.021, 0.023)
                .paperSource("Srivastava et al. 2014, Table 2").claim("Dropout lowers the test error", "dropout", "standard")
                .write(dir.resolve("table2"), "table2");
        String page = Files.readString(Scoreboard.write(dir));
        int table2 = page.indexOf("\n## Table 2\n");
        int notInPaper = page.indexOf("\n## Not in the paper\n");
        int superseded = page.indexOf("\n## Superseded\n");
        assertTrue(table2 > 0 && notInPaper > table2 && superseded > notInPaper, "the paper's parts first, superseded reports last: " + page);
        assertTrue(page.substring(superseded).contains("[old](old/REPORT.md)") && !page.substring(table2, superseded).contains("[old]"), page);
    }

    @Test
    void runsFromSeveralCommitsAreCountedPerCommitAndPointedToReproduce() throws Exception {
        ReportWriter.Analysis a = new ReportFixtures().config("dropout", 0.010, 0.011, 0.012).analysis(dir.resolve("commits"));
        List<org.dropoutrepro.results.RunRecord> runs = new java.util.ArrayList<>(a.runs());
        org.dropoutrepro.results.RunRecord first = runs.get(0);
        org.dropoutrepro.provenance.Provenance recorded = first.provenance();
        org.dropoutrepro.provenance.Provenance later = new org.dropoutrepro.provenance.Provenance(recorded.recordedAt(), recorded.command(),
                recorded.libraries(), recorded.java(), recorded.os(), recorded.cpuModel(), recorded.availableProcessors(),
                recorded.ompNumThreads(), recorded.nd4jBackend(), recorded.blas(), "fedcba9876543210", false);
        runs.set(0, new org.dropoutrepro.results.RunRecord(first.runId(), first.configIndex(), first.configName(), first.variant(),
                first.seed(), first.status(), first.testError(), first.epochs(), first.parameterSha256(), first.seconds(),
                first.divergence(), later));
        String warning = Setup.codeWarning(runs);
        assertTrue(warning.startsWith("the runs come from 2 commits (fedcba9876: 1 run, 0123456789: 2 runs;"), warning);
        assertTrue(warning.contains("`./dropout reproduce`"), warning);
        assertEquals("", Setup.codeWarning(a.runs()), "one commit, clean: nothing to say");
    }

    @Test
    void aChoiceOnValidationThatTheSeedsCannotSeparateIsACloseCall() {
        Units percent = Units.of(org.dropoutrepro.spec.Task.CLASSIFICATION);
        Stats.Summary chosen = Stats.summarize(List.of(0.1000, 0.1020));
        Stats.Summary near = Stats.summarize(List.of(0.1010, 0.1030)); // 0.10 points worse, SE 0.14
        Stats.Summary far = Stats.summarize(List.of(0.1100, 0.1104));   // 0.92 points worse, SE 0.10, but Welch's df about 1.1
        assertEquals("0.10 points ± 0.14 (close call)", Selection.margin(chosen, near, percent));
        assertEquals("0.92 points ± 0.10 (close call)", Selection.margin(chosen, far, percent),
                "9 standard errors, but with two seeds a side Student's t at about 1 degree of freedom is about 12");
        Stats.Summary chosenFive = Stats.summarize(List.of(0.100, 0.101, 0.102, 0.101, 0.100));
        Stats.Summary farFive = Stats.summarize(List.of(0.110, 0.111, 0.112, 0.111, 0.110)); // 1.00 point, SE 0.05, 8 df: t 2.31
        assertEquals("1.00 points ± 0.05", Selection.margin(chosenFive, farFive, percent));
        assertEquals("0.00 points ± 0.00 (close call)", Selection.margin(Stats.summarize(List.of(0.1, 0.1)), Stats.summarize(List.of(0.1, 0.1)),
                percent), "a tie is a close call");
    }
}
