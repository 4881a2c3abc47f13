package org.dropoutrepro.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trials' validation curves as they grow, shared by trials that train at once. A trial asking for the
 * others' values at epoch e waits until every lower-numbered trial has reached epoch e or ended, then sees
 * exactly those trials' values: the pruning decision is the same whether trials run one at a time, several at
 * once, or across a resume. Lower-numbered trials never wait for higher ones, so there is no deadlock as long as
 * trials start in number order. A trial that threw keeps the epochs it posted; its record carries them, so a resumed
 * search puts the same curve back.
 *
 * <p>Search tooling for median pruning (after Optuna's storage of intermediate values): no counterpart in the paper.
 */
final class CurveBoard {

    private final Map<Integer, List<Double>> curves = new HashMap<>();
    private final Set<Integer> ended = new HashSet<>();

    /** A trial that will train (or has been recorded): later trials wait for it. */
    synchronized void register(int trial) {
        curves.putIfAbsent(trial, new ArrayList<>());
    }

    synchronized void epoch(int trial, Double validationError) {
        curves.computeIfAbsent(trial, t -> new ArrayList<>()).add(validationError);
        notifyAll();
    }

    /** The trial has ended (any status); {@code curve}, if given, replaces what was reported (a recorded trial). */
    synchronized void end(int trial, List<Double> curve) {
        if (curve != null) curves.put(trial, new ArrayList<>(curve));
        else curves.putIfAbsent(trial, new ArrayList<>());
        ended.add(trial);
        notifyAll();
    }

    /** The validation errors at {@code epoch} (1-based) of every trial numbered below {@code trial}, once they are all known. */
    synchronized List<Double> lowerTrialsAt(int trial, int epoch) throws InterruptedException {
        while (!settled(trial, epoch)) wait();
        List<Double> values = new ArrayList<>();
        for (Map.Entry<Integer, List<Double>> entry : curves.entrySet()) {
            if (entry.getKey() < trial && entry.getValue().size() >= epoch) values.add(entry.getValue().get(epoch - 1));
        }
        return values;
    }

    private boolean settled(int trial, int epoch) {
        for (Map.Entry<Integer, List<Double>> entry : curves.entrySet()) {
            if (entry.getKey() < trial && !ended.contains(entry.getKey()) && entry.getValue().size() < epoch) return false;
        }
        return true;
    }
}
