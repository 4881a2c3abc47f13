package org.dropoutrepro.data;

import org.dropoutrepro.spec.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MNIST and Fashion-MNIST from a directory of the four standard IDX files
 * ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 * {@code t10k-labels-idx1-ubyte}, each plain or {@code .gz}). Pixels are scaled to [0, 1].
 */
public final class IdxDataSets {

    private static final int SIDE = 28;
    private static final int CLASSES = 10;

    private IdxDataSets() {
    }

    /** Loads the four files from {@code dir}; {@code name} and {@code howToGet} are used in messages. */
    public static RawData load(String name, Path dir, String howToGet) {
        if (!Files.isDirectory(dir)) {
            throw new DataFileException("data set " + name + ": directory " + dir + " does not exist. " + howToGet);
        }
        List<FileHash> hashes = new ArrayList<>();
        Path trainImages = find(dir, "train-images-idx3-ubyte", name, howToGet);
        Path trainLabels = find(dir, "train-labels-idx1-ubyte", name, howToGet);
        Path testImages = find(dir, "t10k-images-idx3-ubyte", name, howToGet);
        Path testLabels = find(dir, "t10k-labels-idx1-ubyte", name, howToGet);
        INDArray[] train = pair(trainImages, trainLabels, hashes);
        INDArray[] test = pair(testImages, testLabels, hashes);
        return new RawData(name, Task.CLASSIFICATION, train[0], train[1], test[0], test[1], List.copyOf(hashes),
                name + " IDX files: " + train[0].rows() + " training and " + test[0].rows() + " test images");
    }

    private static Path find(Path dir, String base, String name, String howToGet) {
        for (String candidate : List.of(base + ".gz", base)) {
            Path path = dir.resolve(candidate);
            if (Files.isRegularFile(path)) return path;
        }
        throw new DataFileException("data set " + name + ": " + dir.resolve(base) + "[.gz] is missing. " + howToGet);
    }

    private static INDArray[] pair(Path imagesFile, Path labelsFile, List<FileHash> hashes) {
        IdxReader.IdxData images = IdxReader.read(imagesFile, 3, SIDE, SIDE);
        IdxReader.IdxData labels = IdxReader.read(labelsFile, 1);
        if (images.count() != labels.count()) {
            throw new DataFileException(labelsFile, labels.count() + " labels for the " + images.count()
                    + " images of " + imagesFile.getFileName() + "; expected the same count");
        }
        hashes.add(FileHash.of(imagesFile));
        hashes.add(FileHash.of(labelsFile));
        int count = images.count();
        float[] pixels = new float[images.bytes().length];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (images.bytes()[i] & 0xff) / 255f;
        float[] oneHot = new float[count * CLASSES];
        for (int i = 0; i < count; i++) {
            int label = labels.bytes()[i] & 0xff;
            if (label >= CLASSES) {
                throw new DataFileException(labelsFile, "label " + label + " at item " + i + "; expected 0-9");
            }
            oneHot[i * CLASSES + label] = 1f;
        }
        return new INDArray[] {Nd4j.create(pixels, new long[] {count, SIDE * SIDE}, 'c'),
                Nd4j.create(oneHot, new long[] {count, CLASSES}, 'c')};
    }
}
