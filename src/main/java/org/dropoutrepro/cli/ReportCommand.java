package org.dropoutrepro.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dropoutrepro.report.ReportWriter;
import org.dropoutrepro.search.SearchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dropout report DIR}: re-render an experiment's (or a search's) report from its recorded results, without training. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Re-render REPORT.md, summary.csv and curves.svg of an experiment directory (or a search directory's report) without training.")
final class ReportCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "DIR", description = "Experiment directory, e.g. reports/quickstart.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (SearchReport.isSearch(dir)) {
            System.out.println("Report: " + SearchReport.write(dir));
            return 0;
        }
        ReportWriter.write(dir).print(System.out);
        return 0;
    }
}
