package org.dropoutrepro.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.Sections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dataset: image-folder: grayscale and colour, PNG and JPEG, resized; every bad-folder and bad-image case. */
class ImageFolderSourceTest {

    @TempDir
    Path dir;

    /** An image whose every pixel is {@code value} (grayscale) or (value, 0, 255 - value) (colour). */
    private static void image(Path file, int width, int height, boolean colour, int value, String format) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(width, height, colour ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (colour) image.setRGB(x, y, (value << 16) | (255 - value));
                else image.getRaster().setSample(x, y, 0, value);
            }
        }
        assertTrue(ImageIO.write(image, format, file.toFile()));
    }

    private Path folder(String name, boolean colour, int perClass) throws Exception {
        Path root = dir.resolve(name);
        for (int i = 0; i < perClass; i++) {
            image(root.resolve("dark/" + i + ".png"), 4, 6, colour, 0, "png");
            image(root.resolve("light/" + i + ".png"), 4, 6, colour, 255, "png");
        }
        return root;
    }

    private static Sections.Data spec(Path folder, Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>(Map.of("data.dataset", "image-folder", "data.dir", folder.toString(), "data.validationSize", 0));
        for (int i = 0; i < keysAndValues.length; i += 2) values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return RunConfig.defaults().withOverrides(values, "test").data();
    }

    private static RawData load(Sections.Data spec) {
        return new ImageFolderSource().load(spec, null);
    }

    @Test
    void grayscaleAtTheFirstImagesSize() throws Exception {
        RawData data = load(spec(folder("gray", false, 5)));
        assertEquals(24, data.inputSize(), "6 x 4 pixels, one channel");
        assertEquals(8, data.trainFeatures().rows());
        assertEquals(2, data.testFeatures().rows());
        for (int row = 0; row < 8; row++) {
            boolean light = data.trainLabels().getDouble(row, 1) == 1.0;
            assertEquals(light ? 1.0 : 0.0, data.trainFeatures().getRow(row).meanNumber().doubleValue(), 1e-6, "pixels scaled to [0, 1]");
        }
        assertTrue(data.note().contains("0 = 'dark': 5, 1 = 'light': 5"), data.note());
        assertTrue(data.files().get(0).file().startsWith("gray/ (10 images)"), data.files().toString());
    }

    @Test
    void colourResizedKeepsThreeChannels() throws Exception {
        Path root = folder("colour", true, 3);
        image(root.resolve("dark/big.jpg"), 40, 60, true, 0, "jpg");
        RawData data = load(spec(root, "data.height", 3, "data.width", 2));
        assertEquals(3 * 2 * 3, data.inputSize());
        INDArrayCheck.firstLight(data);
        RawData gray = load(spec(root, "data.height", 3, "data.width", 2, "data.channels", 1));
        assertEquals(6, gray.inputSize());
    }

    @Test
    void aRelativeFolderReadsAsTheSameFolderAbsolute() throws Exception {
        Path root = folder("relative", false, 3);
        Path relative = Path.of("").toAbsolutePath().relativize(root);
        assertEquals(load(spec(root)).files(), load(spec(relative, "data.splitSeed", 2)).files());
    }

    @Test
    void theFolderHashChangesWithAnyImage() throws Exception {
        Path root = folder("hashed", false, 3);
        String before = load(spec(root)).files().get(0).sha256();
        image(root.resolve("dark/0.png"), 4, 6, false, 1, "png");
        assertNotEquals(before, load(spec(root, "data.splitSeed", 1)).files().get(0).sha256());
    }

    private void assertError(Path folder, String expected, Object... keysAndValues) {
        DataFileException e = assertThrows(DataFileException.class, () -> load(spec(folder, keysAndValues)));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void everyBadFolderAndImageIsNamed() throws Exception {
        assertError(dir.resolve("nowhere"), dir.resolve("nowhere") + ": no such folder (expected one subfolder of images per class)");
        Files.createDirectories(dir.resolve("empty"));
        assertError(dir.resolve("empty"), dir.resolve("empty") + ": no class folders with images (expected one subfolder of images per class)");
        Path emptyClass = folder("emptyclass", false, 2);
        Files.createDirectories(emptyClass.resolve("zebra"));
        assertError(emptyClass, emptyClass.resolve("zebra") + ": class folder is empty");

        Path notImage = folder("notimage", false, 2);
        Files.writeString(notImage.resolve("light/notes.png"), "not an image");
        assertError(notImage, notImage.resolve("light/notes.png") + ": not an image ImageIO can read (PNG, JPEG, GIF, BMP)");

        Path truncated = folder("truncated", false, 2);
        image(truncated.resolve("dark/cut.png"), 40, 40, false, 7, "png");
        byte[] bytes = Files.readAllBytes(truncated.resolve("dark/cut.png"));
        Files.write(truncated.resolve("dark/cut.png"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        DataFileException e = assertThrows(DataFileException.class, () -> load(spec(truncated)));
        assertTrue(e.getMessage().startsWith(truncated.resolve("dark/cut.png") + ": truncated or corrupt image"), e.getMessage());

        RawData skipped = load(spec(truncated, "data.onBadFile", "skip", "data.testFraction", 0.5));
        assertEquals(4, skipped.trainFeatures().rows() + skipped.testFeatures().rows());
        assertTrue(skipped.note().contains("1 damaged files skipped"), skipped.note());
    }

    /** Colour checks on the first light training image. */
    private static final class INDArrayCheck {
        static void firstLight(RawData data) {
            for (int row = 0; row < data.trainFeatures().rows(); row++) {
                if (data.trainLabels().getDouble(row, 1) != 1.0) continue;
                assertEquals(1.0, data.trainFeatures().getDouble(row, 0), 1e-6, "red");
                assertEquals(0.0, data.trainFeatures().getDouble(row, 1), 1e-6, "green");
                assertEquals(0.0, data.trainFeatures().getDouble(row, 2), 1e-6, "blue");
                return;
            }
            throw new AssertionError("no light image in the training split");
        }
    }
}
