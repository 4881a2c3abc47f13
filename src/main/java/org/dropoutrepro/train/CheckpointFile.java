package org.dropoutrepro.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link Checkpoint} on disk: written to a temporary file, synced, renamed over the previous checkpoint and the
 * directory synced, so that a kill at any moment leaves either the previous checkpoint or the new one, whole.
 * The file ends with the SHA-256 of its content; one that does not match is reported as damaged, not restored.
 */
public final class CheckpointFile {

    private static final int MAGIC = 0x44524B50; // "DRKP"
    private static final int VERSION = 1;
    private static final int DIGEST_BYTES = 32;

    private CheckpointFile() {
    }

    /** Writes {@code checkpoint} to {@code file} atomically and durably. */
    public static void write(Path file, Checkpoint checkpoint) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] content = encode(checkpoint);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) channel.write(buffer);
            channel.write(ByteBuffer.wrap(sha256(content)));
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + file + " atomically (" + e.getMessage() + "): checkpoints need a file system "
                    + "with atomic rename", e);
        }
        syncDirectory(file.toAbsolutePath().getParent());
    }

    /** The checkpoint in {@code file}; null when there is none; an {@link IOException} naming the file when it is damaged. */
    public static Checkpoint read(Path file) throws IOException {
        if (!Files.exists(file)) return null;
        byte[] all = Files.readAllBytes(file);
        if (all.length < DIGEST_BYTES) throw new IOException(file + " is not a checkpoint: too short (" + all.length + " bytes)");
        byte[] content = Arrays.copyOf(all, all.length - DIGEST_BYTES);
        if (!Arrays.equals(sha256(content), Arrays.copyOfRange(all, content.length, all.length))) {
            throw new IOException(file + " is damaged: its SHA-256 does not match its content");
        }
        return decode(file, content);
    }

    /**
     * The minibatch steps a run has behind it in the checkpoint in {@code file}, read from the file's head alone
     * (for progress estimates); 0 when there is no readable checkpoint.
     */
    public static int iterationsDone(Path file) {
        if (!Files.exists(file)) return 0;
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) return 0;
            in.readUTF(); // fingerprint
            in.readInt(); // epochs done
            in.readInt(); // minibatches done
            return in.readInt();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Deletes the checkpoint in {@code file} and a temporary file left beside it, if any. */
    public static void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".tmp"));
    }

    private static byte[] encode(Checkpoint c) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(c.parameters().length * 2 + 4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(c.fingerprint());
            out.writeInt(c.epochsDone());
            out.writeInt(c.batchesDone());
            out.writeInt(c.iterationCount());
            out.writeInt(c.epochCount());
            out.writeInt(c.epochs().size());
            for (EpochMetrics m : c.epochs()) {
                out.writeInt(m.epoch());
                out.writeDouble(m.trainLoss());
                out.writeDouble(m.trainError());
                out.writeBoolean(m.validationError() != null);
                out.writeDouble(m.validationError() == null ? Double.NaN : m.validationError());
                out.writeDouble(m.seconds());
            }
            out.writeDouble(c.lossSum());
            out.writeInt(c.lossCount());
            out.writeDouble(c.epochSeconds());
            out.writeDouble(c.seconds());
            out.writeLong(c.randomRootState());
            out.writeLong(c.randomNodeState());
            writeArray(out, c.parameterType(), c.parameters());
            out.writeBoolean(c.updaterType() != null);
            if (c.updaterType() != null) writeArray(out, c.updaterType(), c.updaterState());
        }
        return bytes.toByteArray();
    }

    private static Checkpoint decode(Path file, byte[] content) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content))) {
            if (in.readInt() != MAGIC) throw new IOException(file + " is not a checkpoint of this toolkit");
            int version = in.readInt();
            if (version != VERSION) throw new IOException(file + " is a checkpoint of format " + version + ", this toolkit reads " + VERSION);
            String fingerprint = in.readUTF();
            int epochsDone = in.readInt();
            int batchesDone = in.readInt();
            int iterationCount = in.readInt();
            int epochCount = in.readInt();
            int count = in.readInt();
            List<EpochMetrics> epochs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int epoch = in.readInt();
                double trainLoss = in.readDouble();
                double trainError = in.readDouble();
                boolean hasValidation = in.readBoolean();
                double validation = in.readDouble();
                epochs.add(new EpochMetrics(epoch, trainLoss, trainError, hasValidation ? validation : null, in.readDouble()));
            }
            double lossSum = in.readDouble();
            int lossCount = in.readInt();
            double epochSeconds = in.readDouble();
            double seconds = in.readDouble();
            long rootState = in.readLong();
            long nodeState = in.readLong();
            String parameterType = in.readUTF();
            byte[] parameters = readBytes(in);
            String updaterType = in.readBoolean() ? in.readUTF() : null;
            byte[] updater = updaterType == null ? null : readBytes(in);
            return new Checkpoint(fingerprint, epochsDone, batchesDone, iterationCount, epochCount, epochs, lossSum, lossCount,
                    epochSeconds, seconds, rootState, nodeState, parameterType, parameters, updaterType, updater);
        }
    }

    private static void writeArray(DataOutputStream out, String type, byte[] bytes) throws IOException {
        out.writeUTF(type);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for syncing; the rename itself is atomic there too
        }
    }
}
