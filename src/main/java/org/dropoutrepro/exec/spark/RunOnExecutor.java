package org.dropoutrepro.exec.spark;

import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.dropoutrepro.exec.TaskObserver;
import org.dropoutrepro.exec.TaskRunner;
import org.dropoutrepro.exec.TrainingTask;
import org.dropoutrepro.kernels.HelperThread;
import org.dropoutrepro.runtime.NativeBlas;
import org.dropoutrepro.runtime.NativeMemory;
import org.dropoutrepro.train.RunOutcome;

/**
 * The body of a Spark task: trains one {@link TrainingTask} on the executor it lands on and returns its outcome
 * to the driver. Before the first task of an executor JVM touches ND4J, the BLAS is chosen as the driver chose it
 * (the {@code DROPOUT_BLAS} the driver passes to executors), so that both compute alike, and the step's helper thread is
 * left off (an executor may train several tasks at once; the results are the same to the bit either way). Data are loaded once per
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
                NativeMemory.configure();
                HelperThread.setEnabled(false); // an executor may train several tasks at once
                String blas = System.getenv("DROPOUT_BLAS");
                if (blas != null && !NativeBlas.configured().equals(blas)) NativeBlas.configure(blas);
            }
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
