/**
 * The execution seam: every unit of work (one configuration x seed of {@code run}, one trial of a search,
 * one final seed) is a {@link org.dropoutrepro.exec.TrainingTask}, plain data that names the resolved
 * configuration, the seed and the data set's identity, and a {@link org.dropoutrepro.exec.TaskExecutor}
 * turns tasks into outcomes: in this process N at a time ({@link org.dropoutrepro.exec.InProcessExecutor}),
 * or elsewhere. Callers (the experiment runner, the search) write results on their own thread as tasks
 * finish, so resuming works the same whatever executed them.
 */
package org.dropoutrepro.exec;
