package org.dropoutrepro.exec;

import org.dropoutrepro.exec.spark.SparkExecutor;
import org.dropoutrepro.exec.spark.SparkMaster;

/** Chooses the executor: in this process, or on Spark when a master URL is given. */
public final class TaskExecutors {

    /** The environment variable that gives {@code --master} when the option is absent. */
    public static final String MASTER_VARIABLE = "DROPOUT_SPARK_MASTER";
    /** Seconds a cluster has to register an executor before the run gives up (system property dropoutrepro.sparkWaitSeconds). */
    static final int EXECUTOR_WAIT_SECONDS = Integer.getInteger("dropoutrepro.sparkWaitSeconds", 60);

    private TaskExecutors() {
    }

    /**
     * {@code master} null or blank: {@code parallel} tasks at once in this process. Otherwise a Spark driver for
     * that master URL, running {@code parallel} tasks at once, or with 0 as many as the master has room for
     * (checked first: a malformed URL is an {@link IllegalArgumentException}, an unreachable master an
     * {@link IllegalStateException} within seconds).
     */
    public static TaskExecutor open(String master, int parallel) {
        if (master == null || master.isBlank()) return new InProcessExecutor(parallel);
        return SparkExecutor.start(SparkMaster.parse(master), parallel, EXECUTOR_WAIT_SECONDS);
    }
}
