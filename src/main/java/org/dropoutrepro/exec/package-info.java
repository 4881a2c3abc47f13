/**
 * The execution seam: every unit of work (one configuration x seed of {@code run}, one trial of a search,
 * one final seed) is a {@link org.dropoutrepro.exec.TrainingTask}, plain data that names the resolved
 * configuration, the seed, the data set's identity and where the task keeps its checkpoint
 * ({@link org.dropoutrepro.exec.CheckpointPolicy}), and a {@link org.dropoutrepro.exec.TaskExecutor}
 * turns tasks into outcomes: in this process N at a time ({@link org.dropoutrepro.exec.InProcessExecutor}),
 * or on Spark ({@link org.dropoutrepro.exec.spark.SparkExecutor}); {@link org.dropoutrepro.exec.TaskExecutors}
 * chooses. Callers (the experiment runner, the search) write results on their own thread as tasks finish, and
 * delete a task's checkpoint once its result is written, so resuming works the same whatever executed them.
 */
package org.dropoutrepro.exec;
