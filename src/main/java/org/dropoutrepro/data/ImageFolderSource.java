package org.dropoutrepro.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.datavec.api.split.CollectionInputSplit;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.dropoutrepro.spec.Sections;
import org.dropoutrepro.spec.Task;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code dataset: image-folder}: one subfolder per class under {@code data.dir}, read through
 * {@link ImageFolderRecordReader}. A missing folder, one with no class folders, an empty class folder, or a
 * damaged image is an error naming it before anything trains ({@code data.onBadFile: skip} skips damaged
 * files instead, with a warning naming each). Provenance: one SHA-256 over the sorted relative paths and
 * contents of every image.
 */
final class ImageFolderSource implements DataSource {

    public String name() {
        return "image-folder";
    }

    public List<String> keys() {
        return List.of("data.dir", "data.testDir", "data.testFraction", "data.height", "data.width", "data.channels", "data.onBadFile");
    }

    public Task task(Sections.Data spec) {
        return Task.CLASSIFICATION;
    }

    public String loadKey(Sections.Data spec, Path dirOverride) {
        return String.join("|", String.valueOf(folder(spec, dirOverride).toAbsolutePath()), String.valueOf(spec.testDir()),
                String.valueOf(spec.testFraction()), String.valueOf(spec.height()), String.valueOf(spec.width()),
                String.valueOf(spec.channels()), spec.onBadFile(), String.valueOf(spec.splitSeed()));
    }

    private static Path folder(Sections.Data spec, Path dirOverride) {
        Path dir = dirOverride != null ? dirOverride : spec.dir() != null ? Path.of(spec.dir()) : null;
        if (dir == null) throw new DataFileException("data set image-folder: set data.dir to a folder with one subfolder of images per class");
        return dir;
    }

    public RawData load(Sections.Data spec, Path dirOverride) {
        Path dir = folder(spec, dirOverride);
        boolean skip = "skip".equals(spec.onBadFile());
        TreeMap<String, List<Path>> classes = scan(dir);
        List<String> classNames = new ArrayList<>(classes.keySet());
        List<Path> files = classes.values().stream().flatMap(List::stream).toList();
        BufferedImage first = firstReadable(files, skip);
        int height = spec.height() != null ? spec.height() : first.getHeight();
        int width = spec.width() != null ? spec.width() : first.getWidth();
        int channels = spec.channels() != null ? spec.channels() : first.getColorModel().getNumColorComponents() >= 3 ? 3 : 1;
        if (channels == 2) throw new DataFileException("data.channels: 2 is not allowed; expected 1 (grayscale) or 3 (colour)");
        ImageFolderRecordReader reader = new ImageFolderRecordReader(height, width, channels);
        Images all = read(reader, dir, files, classNames, skip);
        List<FileHash> hashes = new ArrayList<>(List.of(folderHash(dir, all.files())));
        Images train;
        Images test;
        String testNote;
        if (spec.testDir() != null) {
            Path testDir = Path.of(spec.testDir());
            TreeMap<String, List<Path>> testClasses = scan(testDir);
            for (String name : testClasses.keySet()) {
                if (!classes.containsKey(name)) throw new DataFileException(testDir.resolve(name), "class folder not in the training folder " + dir + " (its classes: " + classNames + ")");
            }
            test = read(reader, testDir, testClasses.values().stream().flatMap(List::stream).toList(), classNames, skip);
            hashes.add(folderHash(testDir, test.files()));
            train = all;
            testNote = "test images from the folder " + testDir.getFileName();
        } else {
            int[][] parts = StratifiedSplit.split(all.classes(), spec.testFraction(), spec.splitSeed());
            train = all.rows(parts[0]);
            test = all.rows(parts[1]);
            testNote = "test set: " + spec.testFraction() + " of the images, stratified by class, split seed " + spec.splitSeed();
        }
        int[] counts = new int[classNames.size()];
        for (int c : all.classes()) counts[c]++;
        List<String> countText = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) countText.add(c + " = '" + classNames.get(c) + "': " + counts[c]);
        String note = "image folder " + dir.getFileName() + ": " + all.size() + " images, " + classNames.size() + " classes ("
                + String.join(", ", countText) + "), resized to " + height + "x" + width + ", " + (channels == 1 ? "grayscale" : "colour")
                + ", pixels in [0, 1]" + (all.skipped() > 0 ? ", " + all.skipped() + " damaged files skipped" : "") + "; " + testNote + "; "
                + train.size() + " images in the training pool, " + test.size() + " test";
        return new RawData("image-folder " + dir.getFileName(), Task.CLASSIFICATION, train.features(), train.oneHot(classNames.size()),
                test.features(), test.oneHot(classNames.size()), List.copyOf(hashes), note);
    }

    /** The class folders and their files (hidden files ignored), checked: the folder exists, has classes, none empty. */
    static TreeMap<String, List<Path>> scan(Path dir) {
        if (!Files.isDirectory(dir)) throw new DataFileException(dir, "no such folder (expected one subfolder of images per class)");
        TreeMap<String, List<Path>> classes = new TreeMap<>();
        try (var entries = Files.list(dir)) {
            for (Path entry : entries.sorted().toList()) {
                if (entry.getFileName().toString().startsWith(".") || !Files.isDirectory(entry)) continue;
                try (var files = Files.list(entry)) {
                    List<Path> images = files.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")).sorted().toList();
                    if (images.isEmpty()) throw new DataFileException(entry, "class folder is empty");
                    classes.put(entry.getFileName().toString(), images);
                }
            }
        } catch (IOException e) {
            throw new DataFileException(dir, "cannot list: " + e.getMessage(), e);
        }
        if (classes.isEmpty()) throw new DataFileException(dir, "no class folders with images (expected one subfolder of images per class)");
        if (classes.size() < 2) throw new DataFileException(dir, "one class folder only ('" + classes.firstKey() + "'); classification needs two or more");
        return classes;
    }

    private static BufferedImage firstReadable(List<Path> files, boolean skip) {
        for (Path file : files) {
            try {
                return ImageFolderRecordReader.decode(file);
            } catch (DataFileException e) {
                if (!skip) throw e;
            }
        }
        throw new DataFileException("image-folder: not one readable image");
    }

    /** Images as read: features, class indices, the files they came from, how many were skipped. */
    record Images(List<float[]> pixels, int[] classes, List<Path> files, int skipped) {
        int size() {
            return pixels.size();
        }

        INDArray features() {
            int width = pixels.get(0).length;
            float[] flat = new float[pixels.size() * width];
            for (int i = 0; i < pixels.size(); i++) System.arraycopy(pixels.get(i), 0, flat, i * width, width);
            return Nd4j.create(flat, new long[] {pixels.size(), width}, 'c');
        }

        INDArray oneHot(int classCount) {
            float[] out = new float[classes.length * classCount];
            for (int i = 0; i < classes.length; i++) out[i * classCount + classes[i]] = 1f;
            return Nd4j.create(out, new long[] {classes.length, classCount}, 'c');
        }

        Images rows(int[] indices) {
            List<float[]> p = new ArrayList<>();
            int[] c = new int[indices.length];
            List<Path> f = new ArrayList<>();
            for (int i = 0; i < indices.length; i++) {
                p.add(pixels.get(indices[i]));
                c[i] = classes[indices[i]];
                f.add(files.get(indices[i]));
            }
            return new Images(p, c, f, 0);
        }
    }

    private static Images read(ImageFolderRecordReader reader, Path dir, List<Path> files, List<String> classNames, boolean skip) {
        List<URI> uris = files.stream().map(Path::toUri).toList();
        reader.initialize(new CollectionInputSplit(uris), classNames);
        List<float[]> pixels = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        List<Path> kept = new ArrayList<>();
        int skipped = 0;
        for (URI uri : reader.locations()) {
            List<Writable> record;
            try {
                record = reader.read(uri);
            } catch (DataFileException e) {
                if (!skip) throw e;
                System.err.println("warning: skipped " + e.getMessage() + " (data.onBadFile: skip)");
                skipped++;
                continue;
            }
            pixels.add(((NDArrayWritable) record.get(0)).get().toFloatVector());
            classes.add(record.get(1).toInt());
            kept.add(Path.of(uri));
        }
        if (pixels.isEmpty()) throw new DataFileException(dir, "not one readable image");
        return new Images(pixels, classes.stream().mapToInt(Integer::intValue).toArray(), kept, skipped);
    }

    /** One SHA-256 over the sorted relative paths and contents of the images used. */
    static FileHash folderHash(Path dir, List<Path> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long bytes = 0;
            List<Path> sorted = new ArrayList<>(files);
            sorted.sort(null);
            for (Path file : sorted) {
                digest.update(dir.toAbsolutePath().relativize(file.toAbsolutePath()).toString().replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
                byte[] content = Files.readAllBytes(file);
                digest.update(content);
                bytes += content.length;
            }
            return new FileHash(dir.getFileName() + "/ (" + files.size() + " images)", HexFormat.of().formatHex(digest.digest()), bytes);
        } catch (IOException e) {
            throw new DataFileException(dir, "cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
