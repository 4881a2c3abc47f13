package org.dropoutrepro.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The step's helper thread: every index once, on both threads, failures reported, off for parallel trainings. */
class HelperThreadTest {

    @AfterEach
    void restore() {
        HelperThread.allowFor(1); // the default: one training at a time
    }

    private static int[] visits(int count, boolean parallel, Set<String> threads) {
        AtomicIntegerArray visits = new AtomicIntegerArray(count);
        HelperThread.forEach(count, parallel, index -> {
            visits.incrementAndGet(index);
            threads.add(Thread.currentThread().getName());
        });
        int[] out = new int[count];
        for (int i = 0; i < count; i++) out[i] = visits.get(i);
        return out;
    }

    private static int[] ones(int count) {
        int[] out = new int[count];
        Arrays.fill(out, 1);
        return out;
    }

    @Test
    void everyIndexRunsOnceWhetherTheHelperIsOnOffOrBusy() {
        for (boolean on : new boolean[] {true, false}) {
            HelperThread.setEnabled(on);
            for (int count : new int[] {0, 1, 2, 3, 17, 1000}) {
                assertArrayEquals(ones(count), visits(count, true, ConcurrentHashMap.newKeySet()), "count " + count + ", helper " + on);
                assertArrayEquals(ones(count), visits(count, false, ConcurrentHashMap.newKeySet()), "sequential, count " + count);
            }
        }
        HelperThread.setEnabled(true);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        visits(64, true, threads);
        assertTrue(threads.contains("dropout-step-helper"), "the helper took its half: " + threads);
        assertTrue(threads.contains(Thread.currentThread().getName()), "the caller took its half: " + threads);
        HelperThread shared = HelperThread.shared();
        assertTrue(shared.claim(), "free between pieces of work");
        try {
            Set<String> busy = ConcurrentHashMap.newKeySet();
            assertArrayEquals(ones(64), visits(64, true, busy), "with the helper busy, the fork-join pool covers every index");
            assertFalse(busy.contains("dropout-step-helper"), "a busy helper is not used: " + busy);
        } finally {
            shared.release();
        }
    }

    @Test
    void theHelpersFailureReachesTheCallerAndTheHelperGoesOn() {
        HelperThread helper = new HelperThread();
        AtomicInteger ran = new AtomicInteger();
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> helper.together(ran::incrementAndGet, () -> { throw new ArithmeticException("half failed"); }));
        assertNotNull(error.getCause());
        assertEquals("half failed", error.getCause().getMessage());
        helper.together(ran::incrementAndGet, ran::incrementAndGet);
        assertEquals(3, ran.get(), "the caller's half ran both times, the helper's once after its failure");
    }

    @Test
    void twoTrainingsAtOnceLeaveTheHelperOff() {
        HelperThread.allowFor(2);
        assertFalse(HelperThread.enabled(), "two trainings at once share the cores already");
        HelperThread.allowFor(1);
        assertEquals(Boolean.parseBoolean(System.getProperty("dropoutrepro.helperThread", "true")), HelperThread.enabled());
    }
}
