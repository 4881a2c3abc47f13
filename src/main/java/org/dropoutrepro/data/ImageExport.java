package org.dropoutrepro.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes a 28x28 grayscale data set (Fashion-MNIST, MNIST) as an image folder that {@code dataset: image-folder}
 * reads: {@code DIR/train/<class>/<n>.png} and {@code DIR/test/<class>/<n>.png}, the first {@code perClass}
 * (training) and {@code testPerClass} (test) images of each class in file order. Pixels round-trip exactly:
 * an exported image reads back as the IDX file's bytes / 255.
 */
public final class ImageExport {

    /** Fashion-MNIST's class names, in label order (as its authors publish them). */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("t-shirt-top", "trouser", "pullover", "dress", "coat", "sandal",
            "shirt", "sneaker", "bag", "ankle-boot");

    private static final int SIDE = 28;

    private ImageExport() {
    }

    /** Writes the images and returns how many. */
    public static int export(RawData data, List<String> classNames, Path dir, int perClass, int testPerClass) throws IOException {
        if (data.inputSize() != SIDE * SIDE) throw new IllegalArgumentException(data.name() + " does not have 28x28 images");
        return write(data.trainFeatures(), data.trainLabels(), classNames, dir.resolve("train"), perClass)
                + write(data.testFeatures(), data.testLabels(), classNames, dir.resolve("test"), testPerClass);
    }

    private static int write(INDArray features, INDArray labels, List<String> classNames, Path dir, int perClass) throws IOException {
        int[] written = new int[classNames.size()];
        int total = 0;
        for (int row = 0; row < features.rows() && total < perClass * classNames.size(); row++) {
            int label = labels.getRow(row).argMax().getInt(0);
            if (written[label] == perClass) continue;
            Path file = dir.resolve(classNames.get(label)).resolve(String.format("%05d.png", row));
            Files.createDirectories(file.getParent());
            BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
            float[] pixels = features.getRow(row).toFloatVector();
            for (int i = 0; i < pixels.length; i++) image.getRaster().setSample(i % SIDE, i / SIDE, 0, Math.round(pixels[i] * 255f));
            ImageIO.write(image, "png", file.toFile());
            written[label]++;
            total++;
        }
        return total;
    }
}
