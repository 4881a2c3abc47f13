package org.dropoutrepro.data;

import org.dropoutrepro.spec.Task;
import java.util.List;

/** The three splits an experiment uses, with the task and the hashes of the source files. */
public record DataBundle(Task task, Split train, Split validation, Split test,
                         List<FileHash> files, String note) {

    public int inputSize() {
        return (int) train.features().columns();
    }

    public int outputSize() {
        return (int) train.labels().columns();
    }
}
