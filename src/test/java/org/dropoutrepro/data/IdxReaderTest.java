package org.dropoutrepro.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    /** An IDX image file of {@code count} 28x28 images; pixel (i, j) of image k is (k + j) mod 256. */
    static byte[] images(int count, int magic) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(28);
        out.writeInt(28);
        for (int k = 0; k < count; k++) for (int j = 0; j < 784; j++) out.writeByte((k + j) & 0xff);
        return bytes.toByteArray();
    }

    static byte[] labels(int... values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x801);
        out.writeInt(values.length);
        for (int v : values) out.writeByte(v);
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    @Test
    void readsPlainAndGzipIdentically() throws IOException {
        byte[] content = images(3, 0x803);
        IdxReader.IdxData plain = IdxReader.read(write(dir.resolve("a"), content, false), 3, 28, 28);
        IdxReader.IdxData gzip = IdxReader.read(write(dir.resolve("a.gz"), content, true), 3, 28, 28);
        assertArrayEquals(new int[] {3, 28, 28}, plain.dims());
        assertArrayEquals(plain.bytes(), gzip.bytes());
        assertEquals((byte) (2 + 5), plain.bytes()[2 * 784 + 5]);
    }

    @Test
    void truncatedBodyIsAnErrorNamingTheFileAndTheSizes() throws IOException {
        byte[] content = images(3, 0x803);
        Path file = write(dir.resolve("short.gz"), Arrays.copyOf(content, content.length - 100), true);
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(file, 3, 28, 28));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("2352"), e.getMessage());
    }

    @Test
    void truncatedGzipStreamIsAnError() throws IOException {
        Path whole = write(dir.resolve("whole.gz"), images(20, 0x803), true);
        byte[] gz = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length / 2));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(cut, 3, 28, 28));
        assertTrue(e.getMessage().contains("cut.gz") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void wrongMagicIsAnError() throws IOException {
        Path file = write(dir.resolve("labels-as-images"), labels(1, 2, 3), false);
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(file, 3, 28, 28));
        assertTrue(e.getMessage().contains("wrong magic number 0x00000801; expected 0x00000803"), e.getMessage());
        Path floats = write(dir.resolve("floats"), images(1, 0xD03), false);
        assertThrows(DataFileException.class, () -> IdxReader.read(floats, 3, 28, 28));
    }

    @Test
    void wrongDimensionsAndTrailingBytesAreErrors() throws IOException {
        Path file = write(dir.resolve("img"), images(2, 0x803), false);
        DataFileException dims = assertThrows(DataFileException.class, () -> IdxReader.read(file, 3, 32, 32));
        assertTrue(dims.getMessage().contains("[28, 28]; expected [32, 32]"), dims.getMessage());
        byte[] longer = Arrays.copyOf(images(2, 0x803), images(2, 0x803).length + 7);
        Path trailing = write(dir.resolve("long"), longer, false);
        assertTrue(assertThrows(DataFileException.class, () -> IdxReader.read(trailing, 3, 28, 28))
                .getMessage().contains("trailing bytes"));
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        write(dir.resolve("train-images-idx3-ubyte"), images(3, 0x803), false);
        write(dir.resolve("train-labels-idx1-ubyte"), labels(1, 2), false);
        write(dir.resolve("t10k-images-idx3-ubyte.gz"), images(2, 0x803), true);
        write(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels(3, 4), true);
        DataFileException e = assertThrows(DataFileException.class, () -> IdxDataSets.load("test", dir, ""));
        assertTrue(e.getMessage().contains("2 labels for the 3 images"), e.getMessage());
    }

    @Test
    void loadsADirectoryAsScaledPixelsAndOneHotLabels() throws IOException {
        write(dir.resolve("train-images-idx3-ubyte"), images(3, 0x803), false);
        write(dir.resolve("train-labels-idx1-ubyte"), labels(1, 2, 9), false);
        write(dir.resolve("t10k-images-idx3-ubyte.gz"), images(2, 0x803), true);
        write(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels(3, 4), true);
        RawData data = IdxDataSets.load("test", dir, "");
        assertEquals(3, data.trainFeatures().rows());
        assertEquals(784, data.inputSize());
        assertEquals(1f, data.trainLabels().getFloat(2, 9));
        assertEquals(0f, data.trainLabels().getFloat(2, 8));
        assertEquals(((1 + 300) & 0xff) / 255f, data.trainFeatures().getFloat(1, 300), 1e-7);
        assertEquals(4, data.files().size());
        assertEquals("train-images-idx3-ubyte", data.files().get(0).file());
    }

    @Test
    void missingFilesSayHowToGetThem() {
        DataFileException e = assertThrows(DataFileException.class, () -> IdxDataSets.load("fashion-mnist", dir, "Install X."));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte[.gz] is missing. Install X."), e.getMessage());
    }

    /** The real Fashion-MNIST files of Debian's dataset-fashion-mnist (installed by .ci/run). */
    @Test
    void readsTheRealFashionMnistFiles() {
        RawData data = IdxDataSets.load("fashion-mnist", FashionMnist.directory(), "");
        assertEquals(60000, data.trainFeatures().rows());
        assertEquals(10000, data.testFeatures().rows());
        assertEquals(6000.0, data.trainLabels().sum(0).getDouble(3), 0.0, "Fashion-MNIST has 6,000 training images per class");
        assertTrue(data.trainFeatures().maxNumber().doubleValue() <= 1.0 && data.trainFeatures().minNumber().doubleValue() >= 0.0);
    }
}
