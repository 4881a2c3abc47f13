package org.dropoutrepro.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Features and labels of one split (training, validation or test). */
public record Split(INDArray features, INDArray labels) {

    public int size() {
        return (int) features.rows();
    }

    /** The first {@code count} rows, as views. */
    public Split head(int count) {
        return new Split(features.get(NDArrayIndex.interval(0, count), NDArrayIndex.all()),
                labels.get(NDArrayIndex.interval(0, count), NDArrayIndex.all()));
    }

    /** The rows at {@code indices}, copied. */
    public Split rows(int[] indices) {
        return new Split(Nd4j.pullRows(features, 1, indices), Nd4j.pullRows(labels, 1, indices));
    }
}
