package org.dropoutrepro.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the format of MNIST and Fashion-MNIST), gzip-compressed or plain, detected by their
 * first bytes. Only unsigned-byte data (type 0x08) is accepted, which is what both data sets use. A wrong
 * magic number, unexpected dimensions, a truncated body or trailing bytes are errors that name the file;
 * a shorter data set is never returned silently.
 */
public final class IdxReader {

    private static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /** The dimensions and the raw unsigned bytes of an IDX file. */
    public record IdxData(int[] dims, byte[] bytes) {
        public int count() {
            return dims[0];
        }
    }

    /**
     * Reads {@code file}, which must have {@code expectedRank} dimensions and, where
     * {@code expectedInnerDims} is given, those trailing dimensions (e.g. 28, 28 for images).
     */
    public static IdxData read(Path file, int expectedRank, int... expectedInnerDims) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int first = raw.read();
            int second = raw.read();
            raw.reset();
            boolean gzip = first == 0x1f && second == 0x8b;
            try (DataInputStream in = new DataInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw)) {
                return parse(file, in, expectedRank, expectedInnerDims);
            }
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "no such file");
        } catch (ZipException e) {
            throw new DataFileException(file, "corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new DataFileException(file, "truncated: the file ends inside its header or gzip stream", e);
        } catch (IOException e) {
            throw new DataFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static IdxData parse(Path file, DataInputStream in, int expectedRank, int[] expectedInnerDims) throws IOException {
        int magic = in.readInt();
        int type = (magic >>> 8) & 0xff;
        int rank = magic & 0xff;
        if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || rank != expectedRank) {
            throw new DataFileException(file, String.format(
                    "wrong magic number 0x%08x; expected 0x%08x (unsigned bytes, %d dimensions)",
                    magic, (UNSIGNED_BYTE << 8) | expectedRank, expectedRank));
        }
        int[] dims = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readInt();
            if (dims[i] <= 0) throw new DataFileException(file, "dimension " + i + " is " + dims[i] + "; expected > 0");
            total *= dims[i];
        }
        int[] inner = Arrays.copyOfRange(dims, 1, dims.length);
        if (expectedInnerDims.length > 0 && !Arrays.equals(inner, expectedInnerDims)) {
            throw new DataFileException(file, "item dimensions " + Arrays.toString(inner) + "; expected "
                    + Arrays.toString(expectedInnerDims));
        }
        if (total > Integer.MAX_VALUE - 16) throw new DataFileException(file, "too large: " + total + " bytes of data");
        byte[] bytes = new byte[(int) total];
        int read = in.readNBytes(bytes, 0, bytes.length);
        if (read < bytes.length) {
            throw new DataFileException(file, "truncated: the header " + Arrays.toString(dims) + " announces "
                    + total + " bytes of data, the file has " + read);
        }
        if (in.read() != -1) {
            throw new DataFileException(file, "trailing bytes after the " + total + " bytes that the header " + Arrays.toString(dims) + " announces");
        }
        return new IdxData(dims, bytes);
    }
}
