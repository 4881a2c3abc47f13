package org.dropoutrepro.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Times several workloads step by step in turn (A, B, C, A, B, C, ...), so that the machine's drift in
 * speed, which on a shared virtual machine is larger than the differences being measured, touches all
 * of them alike. Steps are grouped into rounds of about {@code secondsPerWorkload} each per workload. A
 * workload runs one step and returns the seconds it counts for that step.
 */
final class Interleaved {

    private Interleaved() {
    }

    /** Mean seconds per step of every workload in every round, after one warm-up round of half the length. */
    static <K> Map<K, double[]> secondsPerStep(Map<K, DoubleSupplier> workloads, double secondsPerWorkload, int rounds) {
        return secondsPerStep(workloads, secondsPerWorkload, rounds, () -> { });
    }

    /** {@link #secondsPerStep(Map, double, int)}, running {@code afterRound} after each measured round (a peer's round). */
    static <K> Map<K, double[]> secondsPerStep(Map<K, DoubleSupplier> workloads, double secondsPerWorkload, int rounds,
                                               Runnable afterRound) {
        round(workloads, secondsPerWorkload / 2);
        Map<K, double[]> result = new LinkedHashMap<>();
        workloads.keySet().forEach(key -> result.put(key, new double[rounds]));
        for (int round = 0; round < rounds; round++) {
            Map<K, Double> perStep = round(workloads, secondsPerWorkload);
            for (Map.Entry<K, Double> entry : perStep.entrySet()) result.get(entry.getKey())[round] = entry.getValue();
            afterRound.run();
        }
        return result;
    }

    private static <K> Map<K, Double> round(Map<K, DoubleSupplier> workloads, double secondsPerWorkload) {
        Map<K, Double> seconds = new LinkedHashMap<>();
        workloads.keySet().forEach(key -> seconds.put(key, 0.0));
        long budget = (long) (secondsPerWorkload * workloads.size() * 1e9);
        long start = System.nanoTime();
        int steps = 0;
        do {
            for (Map.Entry<K, DoubleSupplier> workload : workloads.entrySet()) {
                seconds.merge(workload.getKey(), workload.getValue().getAsDouble(), Double::sum);
            }
            steps++;
        } while (System.nanoTime() - start < budget);
        Map<K, Double> perStep = new LinkedHashMap<>();
        for (Map.Entry<K, Double> entry : seconds.entrySet()) perStep.put(entry.getKey(), entry.getValue() / steps);
        return perStep;
    }
}
