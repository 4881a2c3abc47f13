package org.dropoutrepro.exec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.dropoutrepro.cli.Main;
import org.dropoutrepro.data.DataRegistry;
import org.dropoutrepro.data.FileHash;
import org.dropoutrepro.exec.DataIdentity;
import org.dropoutrepro.exec.TaskObserver;
import org.dropoutrepro.exec.TrainingTask;
import org.dropoutrepro.experiment.ExperimentRunner;
import org.dropoutrepro.experiment.RunOptions;
import org.dropoutrepro.results.ResultStore;
import org.dropoutrepro.results.RunRecord;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Spark as an executor of the seam: an experiment on {@code local[2]} records bit-identical runs to the same
 * experiment in this process; bad and unreachable masters fail fast and write nothing; data that differ from
 * the driver's are refused on the executor, naming the file.
 */
class SparkExecutorTest {

    static final Path TINY = Path.of("src/test/resources/specs/tiny.yaml");

    @TempDir
    Path dir;

    static List<RunRecord> run(Path out, String master, int parallel) throws Exception {
        ExperimentRunner.run(SpecLoader.load(TINY), new RunOptions(ExperimentSpecDefault.PROFILE, out, null, false, List.of("test"),
                new PrintStream(new ByteArrayOutputStream(), true), false, parallel, master, 0));
        return ResultStore.readRuns(out).stream().sorted(java.util.Comparator.comparing(RunRecord::runId)).toList();
    }

    /** What must not depend on where a run trained: everything but wall times and provenance. */
    static List<List<Object>> results(List<RunRecord> runs) {
        return runs.stream().map(r -> List.<Object>of(r.runId(), r.status(), String.valueOf(r.testError()), r.parameterSha256(),
                r.epochs().stream().map(e -> List.of(e.trainLoss(), e.trainError(), String.valueOf(e.validationError()))).toList())).toList();
    }

    @Test
    void anExperimentOnLocal2IsBitIdenticalToTheSameInProcess() throws Exception {
        List<RunRecord> inProcess = run(dir.resolve("in-process"), null, 1);
        List<RunRecord> onSpark = run(dir.resolve("local2"), "local[2]", 1);
        assertEquals(4, onSpark.size());
        assertEquals(results(inProcess), results(onSpark));
        assertTrue(Files.exists(ResultStore.epochFile(dir.resolve("local2"), onSpark.get(0).runId())), "the driver writes the CSVs");
        assertTrue(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext,
                "with Spark on the class path, slf4j still binds to logback (not NOP)");
    }

    @Test
    void dataThatDifferFromTheDriversAreRefusedOnTheExecutorNamingTheFile() throws Exception {
        RunConfig config = RunConfig.defaults().withOverrides(java.util.Map.of("data.dataset", "synthetic-regression",
                "data.validationSize", 20, "architecture.hiddenWidths", List.of(8), "training.epochs", 1), "test");
        DataRegistry.splits(config.data(), null);
        TrainingTask task = TrainingTask.of("t", config, 1,
                new DataIdentity(null, List.of(new FileHash("digits-7.json", "cd".repeat(32), 99))), false);
        try (SparkExecutor spark = SparkExecutor.start(SparkMaster.parse("local[1]"), 1, 10)) {
            CompletionException error = assertThrows(CompletionException.class,
                    () -> spark.submit(task, TaskObserver.NONE, List.of()).join());
            assertTrue(error.getCause().getMessage().contains("task t failed on Spark")
                    && error.getCause().getMessage().contains("digits-7.json"), error.getCause().getMessage());
        }
    }

    @Test
    void anExplicitParallelOfOneIsKeptAndZeroLeavesItToTheMaster() {
        try (SparkExecutor one = SparkExecutor.start(SparkMaster.parse("local[2]"), 1, 30)) {
            assertEquals(1, one.slots(), "--parallel 1 given: one run at a time, though local[2] has room for two");
        }
        try (SparkExecutor byMaster = SparkExecutor.start(SparkMaster.parse("local[2]"), 0, 30)) {
            assertEquals(2, byMaster.slots(), "no --parallel: N of local[N]");
        }
    }

    @Test
    void aMalformedMasterUrlIsBadInputAndWritesNothing() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SparkMaster.parse("spark:/host:7077"));
        assertTrue(error.getMessage().contains("spark://HOST:PORT"), error.getMessage());
        for (String good : List.of("local", "local[2]", "local[*]", "local[2,3]", "spark://h1:7077,h2:7077", "yarn", "k8s://https://k:6443")) {
            SparkMaster.parse(good);
        }
        Path out = dir.resolve("bad");
        assertEquals(2, Main.execute("run", TINY.toString(), "--out", out.toString(), "--master", "local[two]"));
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void anUnreachableMasterFailsWithinSecondsAndWritesNothing() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path out = dir.resolve("unreachable");
        long start = System.nanoTime();
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> run(out, "spark://127.0.0.1:" + port, 1));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "bounded time");
        assertTrue(error.getMessage().contains("cannot reach the Spark master spark://127.0.0.1:" + port), error.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }

    /** The spec's own settings, no profile. */
    static final class ExperimentSpecDefault {
        static final String PROFILE = org.dropoutrepro.spec.ExperimentSpec.DEFAULT_PROFILE;
    }
}
