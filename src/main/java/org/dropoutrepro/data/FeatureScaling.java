package org.dropoutrepro.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.AbstractDataSetNormalizer;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code data.normalize}: ND4J's {@link NormalizerStandardize} (zero mean, unit variance) or
 * {@link NormalizerMinMaxScaler} ([0, 1]), fitted on the training split only and applied to the training,
 * validation and test features (copies; the loaded data set is shared and stays as read). The fitted
 * statistics are recorded in the data note with a SHA-256 over them.
 */
final class FeatureScaling {

    /** The three splits scaled, and what was fitted. */
    record Scaled(Split train, Split validation, Split test, String note) {
    }

    private FeatureScaling() {
    }

    static Scaled fitOnTraining(String method, Split train, Split validation, Split test) {
        AbstractDataSetNormalizer<?> normalizer = switch (method) {
            case "standardize" -> new NormalizerStandardize();
            case "minmax" -> new NormalizerMinMaxScaler(0, 1);
            default -> throw new IllegalArgumentException("data.normalize: " + method);
        };
        normalizer.fit(new DataSet(train.features(), train.labels()));
        INDArray[] statistics = method.equals("standardize")
                ? new INDArray[] {((NormalizerStandardize) normalizer).getMean(), ((NormalizerStandardize) normalizer).getStd()}
                : new INDArray[] {((NormalizerMinMaxScaler) normalizer).getMin(), ((NormalizerMinMaxScaler) normalizer).getMax()};
        String note = "normalize: " + method + " fitted on the " + train.size() + " training examples only ("
                + (method.equals("standardize") ? "mean and std" : "min and max") + " SHA-256 " + sha256(statistics).substring(0, 12) + "…)";
        return new Scaled(scale(normalizer, train), validation == null ? null : scale(normalizer, validation), scale(normalizer, test), note);
    }

    private static Split scale(AbstractDataSetNormalizer<?> normalizer, Split split) {
        INDArray features = split.features().dup();
        normalizer.transform(features);
        return new Split(features, split.labels());
    }

    private static String sha256(INDArray[] arrays) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (INDArray array : arrays) {
                for (double value : array.dup().data().asDouble()) digest.update(ByteBuffer.allocate(8).putDouble(value).array());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
