package org.dropoutrepro.data;

import org.dropoutrepro.spec.Task;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A data set as loaded: the training pool (from which validation is held out), the test set, the task,
 * and the hashes of the files it came from. Features are float rows; classification labels are one-hot.
 */
public record RawData(String name, Task task, INDArray trainFeatures, INDArray trainLabels,
                      INDArray testFeatures, INDArray testLabels, List<FileHash> files, String note) {

    public int inputSize() {
        return (int) trainFeatures.columns();
    }

    public int outputSize() {
        return (int) trainLabels.columns();
    }
}
