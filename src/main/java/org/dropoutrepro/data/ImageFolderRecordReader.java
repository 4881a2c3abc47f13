package org.dropoutrepro.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.datavec.api.conf.Configuration;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.records.Record;
import org.datavec.api.records.listener.RecordListener;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataURI;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DataVec {@link org.datavec.api.records.reader.RecordReader} over a folder of class subfolders, reading
 * PNG and JPEG with Java's ImageIO instead of datavec-data-image's OpenCV natives (README, "Data sets", says
 * why). Labels come from {@link ParentPathLabelGenerator}, classes in sorted order. Each record is
 * [pixels as a flat row in [0, 1] (row-major, channels interleaved), class index]. Images are resized to
 * height x width (bilinear) and converted to 1 or 3 channels. A file ImageIO cannot decode, or decodes with a
 * warning (a truncated JPEG), is a {@link DataFileException} naming it.
 */
final class ImageFolderRecordReader extends BaseRecordReader {

    private final int height;
    private final int width;
    private final int channels;
    private final ParentPathLabelGenerator labelGenerator = new ParentPathLabelGenerator();
    private List<URI> locations = List.of();
    private List<String> labels = List.of();
    private Iterator<URI> cursor;

    ImageFolderRecordReader(int height, int width, int channels) {
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    /** Uses {@code classes} as the label list (a test folder is read with the training folder's classes). */
    void initialize(InputSplit split, List<String> classes) {
        inputSplit = split;
        List<URI> all = new ArrayList<>();
        split.locationsIterator().forEachRemaining(all::add);
        all.sort(null);
        locations = all;
        labels = classes;
        cursor = locations.iterator();
    }

    @Override
    public void initialize(InputSplit split) {
        List<String> classes = new ArrayList<>();
        split.locationsIterator().forEachRemaining(uri -> {
            String label = labelGenerator.getLabelForPath(uri).toString();
            if (!classes.contains(label)) classes.add(label);
        });
        classes.sort(null);
        initialize(split, classes);
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) {
        initialize(split);
    }

    @Override
    public boolean hasNext() {
        return cursor.hasNext();
    }

    @Override
    public List<Writable> next() {
        return read(cursor.next());
    }

    /** The record of the image at {@code location}. */
    List<Writable> read(URI location) {
        String label = labelGenerator.getLabelForPath(location).toString();
        int index = labels.indexOf(label);
        if (index < 0) throw new DataFileException(Path.of(location), "class folder '" + label + "' is not one of the training classes " + labels);
        float[] pixels = pixels(decode(Path.of(location)));
        List<Writable> record = new ArrayList<>(2);
        record.add(new NDArrayWritable(Nd4j.create(pixels, new long[] {1, pixels.length}, 'c')));
        record.add(new IntWritable(index));
        return record;
    }

    /** Decodes with ImageIO; a decoder warning (e.g. a truncated JPEG) is an error, not a grey half image. */
    static BufferedImage decode(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) throw new DataFileException(file, "cannot open");
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw new DataFileException(file, "not an image ImageIO can read (PNG, JPEG, GIF, BMP)");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) throw new DataFileException(file, "damaged image: " + String.join("; ", warnings));
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFileException d) throw d;
            throw new DataFileException(file, "truncated or corrupt image (" + e.getMessage() + ")", e);
        }
    }

    private float[] pixels(BufferedImage image) {
        BufferedImage scaled = new BufferedImage(width, height, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        float[] out = new float[height * width * channels];
        int k = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (channels == 1) {
                    out[k++] = scaled.getRaster().getSample(x, y, 0) / 255f;
                } else {
                    int rgb = scaled.getRGB(x, y);
                    out[k++] = ((rgb >> 16) & 0xff) / 255f;
                    out[k++] = ((rgb >> 8) & 0xff) / 255f;
                    out[k++] = (rgb & 0xff) / 255f;
                }
            }
        }
        return out;
    }

    List<URI> locations() {
        return locations;
    }

    @Override
    public List<String> getLabels() {
        return labels;
    }

    @Override
    public void reset() {
        cursor = locations.iterator();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) {
        return read(uri);
    }

    @Override
    public Record nextRecord() {
        URI location = cursor.next();
        return new org.datavec.api.records.impl.Record(read(location), new RecordMetaDataURI(location, ImageFolderRecordReader.class));
    }

    @Override
    public Record loadFromMetaData(RecordMetaData recordMetaData) {
        return new org.datavec.api.records.impl.Record(read(recordMetaData.getURI()), recordMetaData);
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> recordMetaDatas) {
        return recordMetaDatas.stream().map(this::loadFromMetaData).toList();
    }

    @Override
    public void close() {
    }

    @Override
    public void setConf(Configuration conf) {
    }

    @Override
    public Configuration getConf() {
        return null;
    }

    @Override
    public List<RecordListener> getListeners() {
        return listeners;
    }

    @Override
    public void setListeners(Collection<RecordListener> listeners) {
        this.listeners = new ArrayList<>(listeners);
    }
}
