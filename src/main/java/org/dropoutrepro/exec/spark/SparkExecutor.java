package org.dropoutrepro.exec.spark;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.dropoutrepro.exec.TaskThreads;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dropoutrepro.exec.TaskExecutor;
import org.dropoutrepro.exec.TaskObserver;
import org.dropoutrepro.exec.TrainingTask;
import org.dropoutrepro.kernels.HelperThread;
import org.dropoutrepro.runtime.NativeBlas;
import org.dropoutrepro.train.EpochMetrics;
import org.dropoutrepro.train.RunOutcome;

/**
 * Runs tasks on Spark, each as a job of one Spark task submitted from a driver thread of its own (as hyperopt's
 * SparkTrials does), so tasks start and finish independently and at most {@link #slots()} run at once. The task
 * trains on an executor ({@link RunOnExecutor}) and only its outcome comes back: the caller, on the driver, writes
 * every result. A task whose executor is lost is run again by Spark ({@code spark.task.maxFailures}, 4 on a cluster),
 * from its checkpoint when the checkpoint directory is shared.
 *
 * <p>The observer is told that a task started when its job is submitted, and its epochs when it has finished (an
 * executor's progress does not reach the driver while it trains; an observer cannot stop a task early). Listeners
 * are not shipped to executors.
 *
 * <p>Embedded ({@code local[N]}) and with a master on this host, the driver listens on 127.0.0.1 only, and Spark's
 * web UI is off; {@code spark.*} system properties (e.g. {@code -Dspark.ui.enabled=true} in DROPOUT_JAVA_OPTS) take
 * precedence.
 */
public final class SparkExecutor implements TaskExecutor {

    /** Set in the driver's JVM, so that local-mode tasks know they share its ND4J. */
    static final String DRIVER_MARKER = "dropoutrepro.sparkDriver";
    /** Environment variables the executors get from the driver: they choose the BLAS and how its threads idle. */
    private static final List<String> PASSED_ENVIRONMENT = List.of("OPENBLAS_CORETYPE", "OMP_WAIT_POLICY",
            "OPENBLAS_THREAD_TIMEOUT", "OMP_NUM_THREADS", "DROPOUT_ND4J_THREADS");

    /** Cores of one executor, all given to its one task, unless spark.executor.cores says otherwise. */
    static final int TASK_CPUS = 2;

    private final JavaSparkContext context;
    private final int slots;
    private final ExecutorService driverThreads;
    private volatile boolean closing;

    private SparkExecutor(JavaSparkContext context, int slots) {
        this.context = context;
        this.slots = slots;
        this.driverThreads = TaskThreads.pool(slots, "spark-task");
        HelperThread.allowFor(slots); // in local mode the tasks run in this JVM
    }

    /**
     * Starts a Spark driver for {@code master}. For a standalone master, fails within a few seconds if it cannot be
     * reached, and within {@code executorWaitSeconds} if no executor registers. {@code parallel} >= 1 sets how many
     * tasks run at once; 0 leaves it to the master: N for {@code local[N]}, and for a cluster its cores divided by
     * {@code spark.task.cpus}.
     */
    public static SparkExecutor start(SparkMaster master, int parallel, int executorWaitSeconds) {
        master.checkReachable(5000);
        System.setProperty(DRIVER_MARKER, "true");
        SparkConf conf = new SparkConf(true).setAppName("dropout-repro").setMaster(master.url());
        conf.setIfMissing("spark.ui.enabled", "false");
        if (master.isLocal() || onLoopback(master)) {
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
        }
        if (!master.isLocal()) {
            conf.setIfMissing("spark.executor.extraClassPath", executorClassPath());
            // One task at a time per executor JVM: beta7's native thread pool crashed executors that ran two
            // training tasks at once (SIGSEGV in samediff::Ticket::acquiredThreads, on a 2-core standalone worker).
            // A worker with more cores runs several executors, one task each.
            conf.setIfMissing("spark.executor.cores", String.valueOf(TASK_CPUS));
            conf.setIfMissing("spark.task.cpus", conf.get("spark.executor.cores"));
        }
        conf.setExecutorEnv("DROPOUT_BLAS", NativeBlas.configured());
        for (String name : PASSED_ENVIRONMENT) {
            if (System.getenv(name) != null) conf.setExecutorEnv(name, System.getenv(name));
        }
        JavaSparkContext context = new JavaSparkContext(conf);
        try {
            if (!master.isLocal()) awaitExecutor(context, master, executorWaitSeconds);
            int slots = parallel >= 1 ? parallel : master.isLocal() ? master.localSlots()
                    : Math.max(1, context.defaultParallelism() / conf.getInt("spark.task.cpus", 1));
            return new SparkExecutor(context, Math.max(1, slots));
        } catch (RuntimeException e) {
            context.stop();
            throw e;
        }
    }

    private static boolean onLoopback(SparkMaster master) {
        String hosts = master.url().substring("spark://".length());
        for (String address : hosts.split(",")) {
            String host = address.substring(0, address.lastIndexOf(':'));
            if (!host.equals("localhost") && !host.startsWith("127.")) return false;
        }
        return master.isStandalone();
    }

    /** This JVM's class path, with the launcher's lib directory spelled out: executors load the toolkit from the same paths. */
    static String executorClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            Path path = Path.of(entry).toAbsolutePath().normalize();
            entries.add(path.toString());
            if (path.getFileName().toString().equals("dropout-repro.jar")) {
                entries.add(path.resolveSibling("lib").resolve("*").toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void awaitExecutor(JavaSparkContext context, SparkMaster master, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (context.sc().getExecutorMemoryStatus().size() < 2) { // the driver counts as one
            if (context.sc().isStopped()) {
                throw new IllegalStateException("the Spark master " + master.url() + " refused or dropped this application; "
                        + "its log says why");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no Spark executor registered with " + master.url() + " within " + seconds
                        + " s: are workers running with free cores and memory (spark.executor.memory, default 1g)? "
                        + "The master's web UI lists them.");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Spark executors", e);
            }
        }
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public CompletableFuture<RunOutcome> submit(TrainingTask task, TaskObserver observer, List<TrainingListener> listeners) {
        return CompletableFuture.supplyAsync(() -> {
            if (closing) throw new CancellationException("the Spark executor was closed before task " + task.id() + " started");
            observer.started();
            context.setJobGroup("task-" + task.id(), "dropout-repro task " + task.id(), true);
            RunOutcome outcome;
            try {
                outcome = context.parallelize(List.of(task), 1).map(new RunOnExecutor()).collect().get(0);
            } catch (Exception e) { // SparkException is checked, though collect() does not declare it
                throw new IllegalStateException("task " + task.id() + " failed on Spark: " + firstLine(e), e);
            } finally {
                context.clearJobGroup();
            }
            for (EpochMetrics metrics : outcome.epochs()) observer.epochDone(metrics);
            return outcome;
        }, driverThreads);
    }

    /** Spark's message names the failed attempt and the executor's exception; its first line is the useful part. */
    private static String firstLine(Throwable error) {
        String message = String.valueOf(error.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Waits for running tasks, drops the others, and stops the Spark driver. */
    @Override
    public void close() {
        closing = true;
        driverThreads.shutdown();
        try {
            if (!driverThreads.awaitTermination(1, TimeUnit.DAYS)) driverThreads.shutdownNow();
        } catch (InterruptedException e) {
            context.cancelAllJobs();
            driverThreads.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            context.stop();
            HelperThread.allowFor(1); // back to the default for what this JVM trains next
        }
    }

}
