package org.dropoutrepro.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dropoutrepro.report.ReportWriter;
import org.dropoutrepro.report.Scoreboard;
import org.dropoutrepro.search.SearchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dropout report DIR}: re-render an experiment's (or a search's) report from its recorded results,
 * without training; {@code dropout report --index FOLDER}: write the scoreboard of every report in a folder.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Re-render REPORT.md, summary.csv and the charts of an experiment directory (or a search directory's",
                "report) without training, or, with --index, write FOLDER/README.md: one row per claim of the paper any",
                "report in FOLDER checks."})
final class ReportCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "Experiment directory, e.g. reports/quickstart.")
    Path dir;

    @Option(names = "--index", paramLabel = "FOLDER", description = "Write the scoreboard FOLDER/README.md (e.g. --index reports).")
    Path index;

    @Override
    public Integer call() throws Exception {
        if ((dir == null) == (index == null)) throw new IllegalArgumentException("give either an experiment DIR or --index FOLDER");
        if (index != null) {
            System.out.println("Scoreboard: " + Scoreboard.write(index, SearchReport.SCOREBOARD));
            return 0;
        }
        if (SearchReport.isSearch(dir)) {
            System.out.println("Report: " + SearchReport.write(dir));
            return 0;
        }
        ReportWriter.write(dir).print(System.out);
        return 0;
    }
}
