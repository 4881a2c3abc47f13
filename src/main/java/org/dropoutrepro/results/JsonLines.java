package org.dropoutrepro.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Append-only JSON-lines logs that survive being killed: a record and its newline go out in one write and
 * are synced before {@link #append} returns, so a kill -9 can only leave a last line without its newline,
 * which {@link #cutTornLine} removes on the next start.
 */
public final class JsonLines {

    private JsonLines() {
    }

    /** Appends {@code record} as one JSON line and syncs it to disk. */
    public static void append(Path file, Object record) throws IOException {
        byte[] line = (Json.MAPPER.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(line));
            channel.force(true);
        }
    }

    /** Keeps only the complete lines of {@code file} (if it exists). */
    public static void cutTornLine(Path file) throws IOException {
        if (!Files.exists(file)) return;
        byte[] content = Files.readAllBytes(file);
        int end = content.length;
        while (end > 0 && content[end - 1] != '\n') end--;
        if (end == content.length) return;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(end);
            channel.force(true);
        }
    }
}
