package org.dropoutrepro.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;
import org.dropoutrepro.spec.Sections;
import org.dropoutrepro.spec.Task;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code dataset: csv}: a table read with DataVec's {@link CSVRecordReader}. Numeric features; the label in
 * {@code data.labelColumn} (default the last), as class indices or as strings (mapped to indices in sorted
 * order, the mapping recorded in the data note), or a numeric target with {@code data.task: regression}.
 * Every value is checked before anything trains: an empty file, a ragged row, a non-numeric value, a missing
 * label or one that does not fit is an error naming the file, the line and the column (both counted from 1).
 */
final class CsvSource implements DataSource {

    public String name() {
        return "csv";
    }

    public List<String> keys() {
        return List.of("data.path", "data.testPath", "data.testFraction", "data.task", "data.labelColumn", "data.header", "data.delimiter");
    }

    public Task task(Sections.Data spec) {
        return spec.task();
    }

    public String loadKey(Sections.Data spec, Path dirOverride) {
        return String.join("|", String.valueOf(file(spec.path(), "data.path")), String.valueOf(spec.testPath()), String.valueOf(spec.testFraction()),
                spec.task().name(), String.valueOf(spec.labelColumn()), spec.header(), String.valueOf(delimiter(spec)), String.valueOf(spec.splitSeed()));
    }

    public RawData load(Sections.Data spec, Path dirOverride) {
        Path path = file(spec.path(), "data.path");
        Table table = Table.read(path, spec);
        LabelCoding coding = LabelCoding.of(path, table, spec.task());
        List<FileHash> files = new ArrayList<>(List.of(FileHash.of(path)));
        Labelled all = coding.encode(path, table);
        Labelled train;
        Labelled test;
        String testNote;
        if (spec.testPath() != null) {
            Path testFile = file(spec.testPath(), "data.testPath");
            Table testTable = Table.read(testFile, spec);
            if (testTable.columns() != table.columns()) {
                throw new DataFileException(testFile, testTable.columns() + " columns; expected " + table.columns() + " as in " + path.getFileName());
            }
            files.add(FileHash.of(testFile));
            train = all;
            test = coding.encode(testFile, testTable);
            testNote = "test set " + testFile.getFileName();
        } else {
            int[][] parts = StratifiedSplit.split(all.classes(), spec.testFraction(), spec.splitSeed());
            train = all.rows(parts[0]);
            test = all.rows(parts[1]);
            testNote = "test set: " + spec.testFraction() + " of the rows, stratified by class, split seed " + spec.splitSeed();
        }
        int outputs = spec.task() == Task.REGRESSION ? 1 : coding.classCount();
        String note = "csv " + path.getFileName() + ": " + table.rows().size() + " rows, " + (table.columns() - 1) + " features"
                + (table.header() ? " (header skipped)" : "") + ", " + coding.describe(all) + "; " + testNote + ": "
                + train.size() + " training pool, " + test.size() + " test";
        return new RawData("csv " + path.getFileName(), spec.task(), Nd4j.create(train.features(), new long[] {train.size(), table.columns() - 1}, 'c'),
                Nd4j.create(train.targets(outputs), new long[] {train.size(), outputs}, 'c'),
                Nd4j.create(test.features(), new long[] {test.size(), table.columns() - 1}, 'c'),
                Nd4j.create(test.targets(outputs), new long[] {test.size(), outputs}, 'c'), List.copyOf(files), note);
    }

    static Path file(String path, String key) {
        if (path == null) throw new DataFileException("data set csv: set " + key + " to a CSV file");
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) throw new DataFileException(file, "no such file (" + key + ")");
        return file;
    }

    static char delimiter(Sections.Data spec) {
        if (spec.delimiter() == null) return ',';
        String d = spec.delimiter().equals("\\t") ? "\t" : spec.delimiter();
        if (d.length() != 1) throw new DataFileException("data.delimiter: \"" + spec.delimiter() + "\" is not one character");
        return d.charAt(0);
    }

    /** The rows of a CSV file as strings, with their line numbers; the header, if any, dropped. */
    record Table(Path file, List<List<String>> rows, List<Integer> lines, int columns, boolean header, int labelColumn) {

        static Table read(Path file, Sections.Data spec) {
            List<List<String>> rows = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            try (CSVRecordReader reader = new CSVRecordReader(0, delimiter(spec))) {
                reader.initialize(new FileSplit(file.toFile()));
                while (reader.hasNext()) {
                    Record record = reader.nextRecord();
                    List<String> fields = new ArrayList<>();
                    for (Writable w : record.getRecord()) fields.add(w.toString().strip());
                    int line = ((RecordMetaDataLine) record.getMetaData()).getLineNumber() + 1;
                    if (fields.size() == 1 && fields.get(0).isEmpty()) continue;
                    rows.add(fields);
                    lines.add(line);
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                if (e instanceof DataFileException d) throw d;
                throw new DataFileException(file, "cannot read as CSV: " + e.getMessage(), e);
            }
            if (rows.isEmpty()) throw new DataFileException(file, "empty file: no rows");
            boolean header = switch (spec.header()) {
                case "true" -> true;
                case "false" -> false;
                default -> rows.get(0).stream().noneMatch(Table::isNumber);
            };
            if (header) {
                rows.remove(0);
                lines.remove(0);
                if (rows.isEmpty()) throw new DataFileException(file, "has a header line but no data rows");
            }
            int columns = rows.get(0).size();
            if (columns < 2) {
                throw new DataFileException(file + ":" + lines.get(0), "1 column; expected at least one feature and a label (data.delimiter is '"
                        + delimiter(spec) + "')");
            }
            for (int i = 1; i < rows.size(); i++) {
                if (rows.get(i).size() != columns) {
                    throw new DataFileException(file + ":" + lines.get(i), "ragged row: " + rows.get(i).size() + " columns; expected " + columns
                            + " as on line " + lines.get(0));
                }
            }
            int label = spec.labelColumn() < 0 ? columns + spec.labelColumn() : spec.labelColumn();
            if (label < 0 || label >= columns) {
                throw new DataFileException(file, "data.labelColumn " + spec.labelColumn() + " does not exist: the file has " + columns
                        + " columns (0 to " + (columns - 1) + ", or -1 to -" + columns + " from the end)");
            }
            return new Table(file, rows, lines, columns, header, label);
        }

        static boolean isNumber(String text) {
            try {
                double value = Double.parseDouble(text);
                return !Double.isNaN(value) && !Double.isInfinite(value);
            } catch (NumberFormatException e) {
                return false;
            }
        }

        String label(int row) {
            return rows.get(row).get(labelColumn);
        }

        String where(int row, int column) {
            return file + ":" + lines.get(row) + ": column " + (column + 1);
        }
    }

    /** Features and label codes of some rows: class indices, or regression targets. */
    record Labelled(float[][] featureRows, int[] classes, float[] targets) {

        int size() {
            return featureRows.length;
        }

        float[] features() {
            int width = featureRows.length == 0 ? 0 : featureRows[0].length;
            float[] out = new float[featureRows.length * width];
            for (int i = 0; i < featureRows.length; i++) System.arraycopy(featureRows[i], 0, out, i * width, width);
            return out;
        }

        float[] targets(int outputs) {
            if (targets != null) return targets.clone();
            float[] oneHot = new float[classes.length * outputs];
            for (int i = 0; i < classes.length; i++) oneHot[i * outputs + classes[i]] = 1f;
            return oneHot;
        }

        Labelled rows(int[] indices) {
            float[][] f = new float[indices.length][];
            int[] c = new int[indices.length];
            float[] t = targets == null ? null : new float[indices.length];
            for (int i = 0; i < indices.length; i++) {
                f[i] = featureRows[indices[i]];
                c[i] = classes[indices[i]];
                if (t != null) t[i] = targets[indices[i]];
            }
            return new Labelled(f, c, t);
        }
    }

    /** How labels become outputs: class indices as written, class names mapped in sorted order, or numeric targets. */
    record LabelCoding(Task task, Map<String, Integer> names, int classCount) {

        static LabelCoding of(Path file, Table table, Task task) {
            if (task == Task.REGRESSION) return new LabelCoding(task, null, 1);
            boolean allNumeric = true;
            for (int row = 0; row < table.rows().size(); row++) {
                String label = table.label(row);
                if (label.isEmpty()) throw new DataFileException(table.where(row, table.labelColumn()), "missing label");
                if (!Table.isNumber(label)) allNumeric = false;
            }
            if (allNumeric) {
                int max = 0;
                for (int row = 0; row < table.rows().size(); row++) max = Math.max(max, classIndex(table, row, Integer.MAX_VALUE));
                if (max == 0) throw new DataFileException(file, "every label is 0; classification needs two or more classes");
                return new LabelCoding(task, null, max + 1);
            }
            Map<String, Integer> names = new TreeMap<>();
            for (String name : new TreeSet<>(table.rows().stream().map(r -> r.get(table.labelColumn())).toList())) names.put(name, names.size());
            if (names.size() < 2) throw new DataFileException(file, "one class only ('" + names.keySet().iterator().next() + "'); classification needs two or more");
            return new LabelCoding(task, names, names.size());
        }

        private static int classIndex(Table table, int row, int classCount) {
            String label = table.label(row);
            double value = Double.parseDouble(label);
            if (value < 0 || value != Math.rint(value) || value >= classCount) {
                throw new DataFileException(table.where(row, table.labelColumn()), "label '" + label + "' does not fit: expected "
                        + (classCount == Integer.MAX_VALUE ? "a class index (a whole number >= 0) or a class name; for a numeric target set data.task: regression"
                        : "a class index from 0 to " + (classCount - 1) + " as in the training file"));
            }
            return (int) value;
        }

        Labelled encode(Path file, Table table) {
            int n = table.rows().size();
            float[][] features = new float[n][table.columns() - 1];
            int[] classes = new int[n];
            float[] targets = task == Task.REGRESSION ? new float[n] : null;
            for (int row = 0; row < n; row++) {
                List<String> fields = table.rows().get(row);
                int k = 0;
                for (int column = 0; column < fields.size(); column++) {
                    if (column == table.labelColumn()) continue;
                    String text = fields.get(column);
                    if (!Table.isNumber(text)) {
                        throw new DataFileException(table.where(row, column), text.isEmpty() ? "missing value; expected a number"
                                : "'" + text + "' is not a number");
                    }
                    features[row][k++] = Float.parseFloat(text);
                }
                String label = table.label(row);
                if (label.isEmpty()) throw new DataFileException(table.where(row, table.labelColumn()), "missing label");
                if (task == Task.REGRESSION) {
                    if (!Table.isNumber(label)) throw new DataFileException(table.where(row, table.labelColumn()), "target '" + label + "' is not a number (data.task: regression)");
                    targets[row] = Float.parseFloat(label);
                } else if (names == null) {
                    if (!Table.isNumber(label)) throw new DataFileException(table.where(row, table.labelColumn()), "label '" + label + "' is not a class index as in the training file");
                    classes[row] = classIndex(table, row, classCount);
                } else {
                    Integer index = names.get(label);
                    if (index == null) {
                        throw new DataFileException(table.where(row, table.labelColumn()), "label '" + label + "' does not occur in the training file; its classes: "
                                + String.join(", ", names.keySet()));
                    }
                    classes[row] = index;
                }
            }
            return new Labelled(features, classes, targets);
        }

        String describe(Labelled all) {
            if (task == Task.REGRESSION) return "a numeric target";
            int[] counts = new int[classCount];
            for (int c : all.classes()) counts[c]++;
            List<String> parts = new ArrayList<>();
            if (names == null) {
                for (int c = 0; c < classCount; c++) parts.add(c + ": " + counts[c]);
            } else {
                names.forEach((name, index) -> parts.add(index + " = '" + name + "': " + counts[index]));
            }
            return classCount + " classes (" + String.join(", ", parts) + ")";
        }
    }
}
