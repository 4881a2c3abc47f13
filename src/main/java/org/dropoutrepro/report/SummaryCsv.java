package org.dropoutrepro.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code summary.csv}: one row per configuration, every error in one unit named in its column header
 * ({@code _pct}: percent of examples, for classification; {@code _mse}: mean squared error, for regression),
 * with the counts of diverged runs and of runs that did not learn. The paper's test error, a percentage, is a
 * column of classification reports only.
 */
final class SummaryCsv {

    private SummaryCsv() {
    }

    static void write(Path file, ReportWriter.Analysis a) throws IOException {
        Units units = a.units();
        String u = units.csvSuffix();
        StringBuilder csv = new StringBuilder("config_index,config,variant,runs,diverged,did_not_learn,test_error_mean" + u
                + ",test_error_sd" + u + ",test_error_ci95_low" + u + ",test_error_ci95_high" + u + ",test_set_se" + u
                + ",final_train_error_mean" + u + ",final_validation_error_mean" + u + (units.percent() ? ",paper_test_error_pct" : "") + "\n");
        for (ConfigSummary s : a.summaries()) {
            Stats.Summary t = s.testError();
            csv.append(s.config().index()).append(",\"").append(s.config().name()).append("\",\"").append(s.config().variant()).append("\",")
                    .append(t.n()).append(',').append(s.diverged()).append(',').append(s.notLearned()).append(',')
                    .append(units.csv(t.mean())).append(',').append(units.csv(t.sd())).append(',')
                    .append(units.csv(t.low())).append(',').append(units.csv(t.high())).append(',')
                    .append(units.csv(a.testSetStandardError(s))).append(',')
                    .append(units.csv(s.finalTrainError().mean())).append(',')
                    .append(units.csv(s.finalValidationError().mean()));
            if (units.percent()) csv.append(',').append(s.config().paperTestErrorPercent() == null ? "" : s.config().paperTestErrorPercent());
            csv.append('\n');
        }
        Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
    }
}
