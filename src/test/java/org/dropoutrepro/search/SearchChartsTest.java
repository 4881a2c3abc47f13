package org.dropoutrepro.search;

import static org.dropoutrepro.search.SearchDirs.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A diverged trial with a partial curve is drawn as diverged, not as pruned; a log-scale key's slice has a log axis. */
class SearchChartsTest {

    private static final String DIVERGED_COLOUR = "rgb(255,127,14)";

    @TempDir
    Path dir;

    private static List<TrialRecord> trials() {
        return List.of(trial(1, TrialRecord.COMPLETED, 0.10, 4, "dropout.hiddenRetain", 0.5),
                trial(2, TrialRecord.DIVERGED, 0.40, 2, "dropout.hiddenRetain", 0.6),
                trial(3, TrialRecord.COMPLETED, 0.12, 4, "dropout.hiddenRetain", 0.7));
    }

    @Test
    void aDivergedTrialIsItsOwnKind() {
        assertEquals(SearchCharts.Kind.DIVERGED, SearchCharts.kind(trials().get(1)));
        assertEquals(SearchCharts.Kind.PRUNED, SearchCharts.kind(trial(4, TrialRecord.PRUNED, 0.3, 2)));
        assertEquals(SearchCharts.Kind.FAILED, SearchCharts.kind(trial(5, TrialRecord.FAILED, 0, 0)));
    }

    @Test
    void aLogScaleKeysSliceHasALogAxis() throws Exception {
        String rate = "optimizer.learningRate";
        List<TrialRecord> trials = List.of(trial(1, TrialRecord.COMPLETED, 0.10, 4, rate, 0.002),
                trial(2, TrialRecord.COMPLETED, 0.12, 4, rate, 0.03), trial(3, TrialRecord.PRUNED, 0.3, 2, rate, 0.9));
        SearchCharts.Axis logAxis = new SearchCharts.Axis(rate, true, null);
        assertInstanceOf(LogAxis.class, logAxis.axis(), "points spaced by the logarithm of their values");
        assertInstanceOf(NumberAxis.class, new SearchCharts.Axis(rate, false, null).axis());
        SearchCharts.slice(dir.resolve("log.svg"), logAxis, null, trials);
        assertTrue(Files.readString(dir.resolve("log.svg")).contains(">" + rate + " (log scale)<"), "the axis says it is logarithmic");
        SearchCharts.slice(dir.resolve("linear.svg"), new SearchCharts.Axis(rate, false, null), null, trials);
        String linear = Files.readString(dir.resolve("linear.svg"));
        assertTrue(linear.contains(">" + rate + "<") && !linear.contains("(log scale)"), "a linear axis is named by its key alone");
    }

    @Test
    void historySliceAndCurvesDrawDivergedTrialsApartFromPrunedOnes() throws Exception {
        SearchCharts.history(dir.resolve("history.svg"), trials());
        String history = Files.readString(dir.resolve("history.svg"));
        assertTrue(history.contains("diverged (error at its last whole epoch)"), "a legend entry of its own");
        assertTrue(history.contains(DIVERGED_COLOUR));

        SearchCharts.slice(dir.resolve("slice.svg"), new SearchCharts.Axis("dropout.hiddenRetain", false, null), null, trials());
        String slice = Files.readString(dir.resolve("slice.svg"));
        assertTrue(slice.contains(DIVERGED_COLOUR) && slice.contains(">diverged<"), "the slice marks the diverged trial");

        SearchCharts.curves(dir.resolve("curves.svg"), trials(), trials().get(0));
        String curves = Files.readString(dir.resolve("curves.svg"));
        assertTrue(curves.contains("orange dotted diverged"), "the title says how diverged curves are drawn");
        assertTrue(curves.contains(DIVERGED_COLOUR));
        assertFalse(curves.contains("rgb(170,170,170)"), "no trial is pruned, so nothing is drawn in the pruned grey");
    }
}
