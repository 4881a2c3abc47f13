package org.dropoutrepro.report;

import java.util.Locale;
import org.dropoutrepro.spec.Task;

/**
 * How a report shows its metric: errors as percentages (classification) or raw mean squared errors
 * (regression). One unit per report, named in every column header.
 */
record Units(double factor, String column, String unit, String differenceUnit, String axis, String csvSuffix) {

    static Units of(Task task) {
        return task == Task.CLASSIFICATION
                ? new Units(100, "test error (%)", "%", " points", "error (%)", "_pct")
                : new Units(1, "test MSE", "", "", "mean squared error", "_mse");
    }

    boolean percent() {
        return factor == 100;
    }

    String format(double value) {
        if (Double.isNaN(value)) return "n/a";
        return percent() ? String.format(Locale.ROOT, "%.2f", value * factor) : String.format(Locale.ROOT, "%.4f", value);
    }

    /** A value in the report's unit, for CSV (empty when undefined). */
    String csv(double value) {
        return Double.isNaN(value) ? "" : String.valueOf(value * factor);
    }
}
