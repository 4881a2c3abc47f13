package org.dropoutrepro.exec;

import org.dropoutrepro.train.Trainer;

/** Follows one task: told when it starts training and after each epoch, where the executor can deliver it. */
public interface TaskObserver extends Trainer.EpochObserver {

    /** The task has started training (on an executor's thread). */
    default void started() {
    }

    /** Observes nothing and never stops a task. */
    TaskObserver NONE = metrics -> true;
}
