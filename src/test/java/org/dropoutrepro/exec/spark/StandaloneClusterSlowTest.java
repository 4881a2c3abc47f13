package org.dropoutrepro.exec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dropoutrepro.data.DataRegistry;
import org.dropoutrepro.exec.DataIdentity;
import org.dropoutrepro.exec.TaskObserver;
import org.dropoutrepro.exec.TaskRunner;
import org.dropoutrepro.exec.TrainingTask;
import org.dropoutrepro.experiment.ExperimentRunner;
import org.dropoutrepro.experiment.RunOptions;
import org.dropoutrepro.results.Manifest;
import org.dropoutrepro.results.ResultStore;
import org.dropoutrepro.results.RunRecord;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.SpecLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone Spark cluster, a Master and a Worker started by the test on 127.0.0.1 with {@code java -cp} over the
 * test's class path (no Spark distribution: SPARK_HOME is an empty directory with {@code jars/}, and
 * SPARK_SCALA_VERSION is set): an experiment on it records bit-identical runs to the same in this process; an
 * executor JVM killed with SIGKILL in the middle of a task is replaced, the task retried from its checkpoint, and the
 * experiment ends with every run recorded exactly once.
 */
@Tag("slow")
class StandaloneClusterSlowTest {

    @TempDir
    static Path home;
    private static final List<Process> daemons = new ArrayList<>();
    private static String master;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Process daemon(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        for (String option : System.getProperty("spark.test.opens", "").split(" ")) if (!option.isBlank()) command.add(option);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), name));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve(name.substring(name.lastIndexOf('.') + 1) + ".log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("SPARK_HOME", home.toString());
        environment.put("SPARK_SCALA_VERSION", "2.12");
        environment.put("SPARK_LOCAL_IP", "127.0.0.1"); // every socket of the cluster on loopback, web UIs included
        Process process = builder.start();
        daemons.add(process);
        return process;
    }

    private static void awaitPort(int port, Process process, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException(what + " did not start; see " + home);
    }

    @BeforeAll
    static void startCluster() throws Exception {
        Files.createDirectories(home.resolve("jars"));
        int masterPort = freePort();
        Process masterProcess = daemon("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(masterPort), "--webui-port", String.valueOf(freePort()));
        awaitPort(masterPort, masterProcess, "the Spark master");
        master = "spark://127.0.0.1:" + masterPort;
        daemon("org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1", "--cores", "2", "--memory", "6g",
                "--webui-port", String.valueOf(freePort()), "--work-dir", home.resolve("work").toString());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (Process daemon : daemons) {
            daemon.descendants().forEach(ProcessHandle::destroyForcibly);
            daemon.destroyForcibly();
            daemon.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void anExperimentOnAStandaloneClusterIsBitIdenticalToTheSameInProcess(@TempDir Path dir) throws Exception {
        List<RunRecord> inProcess = SparkExecutorTest.run(dir.resolve("in-process"), null, 1);
        List<RunRecord> onCluster = SparkExecutorTest.run(dir.resolve("cluster"), master, 1);
        assertEquals(4, onCluster.size());
        assertEquals(SparkExecutorTest.results(inProcess), SparkExecutorTest.results(onCluster));
    }

    /** The executor JVM of the cluster (read from /proc: ProcessHandle.Info leaves out command lines this long). */
    private static Optional<ProcessHandle> executorJvm() {
        return daemons.stream().flatMap(Process::descendants).filter(p -> {
            try {
                return Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline")).contains("CoarseGrainedExecutorBackend");
            } catch (IOException e) {
                return false; // already gone
            }
        }).findFirst();
    }

    @Test
    void anExecutorKilledMidTaskIsReplacedAndEveryRunIsRecordedOnce(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("killed");
        CompletableFuture<Void> experiment = CompletableFuture.runAsync(() -> {
            try {
                ExperimentRunner.run(SpecLoader.load(SparkExecutorTest.TINY), new RunOptions("slower", out, null, false,
                        List.of("test"), new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true), false, 1, master, 0.0005));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Path checkpoints = out.resolve(ResultStore.CHECKPOINTS_DIR);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        List<String> inFlight = List.of();
        while (inFlight.isEmpty() && !experiment.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            if (!Files.isDirectory(checkpoints)) continue;
            try (var files = Files.list(checkpoints)) {
                inFlight = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".ckpt")).toList();
            }
        }
        if (experiment.isDone()) experiment.join(); // failed early: show why
        ProcessHandle executor = executorJvm().orElseThrow(() -> new AssertionError("no executor JVM found"));
        assertTrue(!inFlight.isEmpty(), "a task was in flight when the executor was killed");
        executor.destroyForcibly(); // SIGKILL
        boolean replaced = false;
        while (!experiment.isDone() && System.nanoTime() < deadline + TimeUnit.MINUTES.toNanos(5)) {
            replaced |= executorJvm().filter(p -> p.pid() != executor.pid()).isPresent();
            Thread.sleep(20);
        }
        experiment.get(1, TimeUnit.MINUTES);
        assertTrue(replaced, "the worker started a new executor for the remaining runs");

        List<RunRecord> runs = ResultStore.readRuns(out);
        assertEquals(6, runs.size(), "every run recorded");
        assertEquals(6, runs.stream().map(RunRecord::runId).distinct().count(), "none twice");
        // the run that was in flight, retried on the new executor (from its checkpoint), equals one never interrupted
        String runId = inFlight.get(0).replace(".ckpt", "");
        RunRecord record = runs.stream().filter(r -> r.runId().equals(runId)).findFirst().orElseThrow();
        Manifest manifest = ResultStore.readManifest(out);
        Map<String, Object> values = manifest.configs().get(record.configIndex()).values();
        RunConfig config = RunConfig.defaults().withOverrides(values, "test");
        TrainingTask task = new TrainingTask(runId, values, record.seed(), DataIdentity.of(DataRegistry.splits(config.data(), null), null), true);
        assertEquals(TaskRunner.run(task, TaskObserver.NONE, List.of()).parameterSha256(), record.parameterSha256());
    }
}
