package org.dropoutrepro.exec.spark;

import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.dropoutrepro.exec.TaskObserver;
import org.dropoutrepro.exec.TaskRunner;
import org.dropoutrepro.exec.TrainingTask;
import org.dropoutrepro.runtime.NativeBlas;
import org.dropoutrepro.train.RunOutcome;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The body of a Spark task: trains one {@link TrainingTask} on the executor it lands on and returns its outcome
 * to the driver. Before the first task of an executor JVM touches ND4J, the BLAS is chosen as the driver chose it
 * (the {@code DROPOUT_BLAS} the driver passes to executors), so that both compute alike. Data are loaded once per
 * executor JVM and checked against the driver's hashes ({@link TaskRunner}); a task resumes from its checkpoint
 * if a failed attempt left one where this executor can read it.
 */
final class RunOnExecutor implements Function<TrainingTask, RunOutcome> {

    private static final long serialVersionUID = 1L;

    @Override
    public RunOutcome call(TrainingTask task) {
        ExecutorJvm.prepare();
        return TaskRunner.run(task, TaskObserver.NONE, List.of());
    }

    /** Once per JVM, before ND4J loads. */
    private static final class ExecutorJvm {
        static {
            if (!isDriverJvm()) {
                String blas = System.getenv("DROPOUT_BLAS");
                if (blas != null && !NativeBlas.configured().equals(blas)) NativeBlas.configure(blas);
                warmUpNd4j();
            }
        }

        /**
         * Loads ND4J and starts libnd4j's thread pool on one thread. An executor runs several tasks at once; when they
         * touched ND4J first concurrently, beta7's pool was set up twice and executors crashed later in
         * {@code samediff::Ticket::acquiredThreads} (seen on a standalone worker with 2 cores).
         */
        private static void warmUpNd4j() {
            INDArray array = Nd4j.create(DataType.FLOAT, 1 << 20);
            array.addi(1.0f).muli(2.0f).sumNumber();
            Nd4j.getRandom().nextInt();
        }

        static void prepare() {
            // the static initialiser above has run
        }

        /** In local mode the tasks run in the driver's JVM, whose BLAS is already chosen (and its ND4J loaded). */
        private static boolean isDriverJvm() {
            return System.getProperty(SparkExecutor.DRIVER_MARKER) != null;
        }
    }
}
