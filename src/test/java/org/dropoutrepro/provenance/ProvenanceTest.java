package org.dropoutrepro.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CPU description tells apart machines that a hypervisor gives the same bare name. */
class ProvenanceTest {

    private static List<String> cpuinfo(String family, String model, String flags) {
        return List.of("processor\t: 0", "vendor_id\t: AuthenticAMD", "cpu family\t: " + family, "model\t\t: " + model,
                "model name\t: AMD EPYC", "flags\t\t: " + flags, "", "processor\t: 1", "model name\t: something else", "");
    }

    @Test
    void theDescriptionCarriesFamilyModelAndWidestVectorExtension() {
        assertEquals("AMD EPYC (family 23, model 49; AVX2)", Provenance.describeCpu(cpuinfo("23", "49", "fpu sse2 avx avx2 fma")));
        assertEquals("AMD EPYC (family 25, model 17; AVX-512)",
                Provenance.describeCpu(cpuinfo("25", "17", "avx avx2 avx512f avx512bw")));
        assertEquals("AMD EPYC (family 6, model 1)", Provenance.describeCpu(cpuinfo("6", "1", "fpu sse2")));
        assertEquals("Some CPU", Provenance.describeCpu(List.of("model name : Some CPU")), "only what /proc/cpuinfo gives");
    }

    private static Provenance on(String cpu, int threads, String blas) {
        return new Provenance("2026-12-07T00:00:00Z", List.of("test"), java.util.Map.of(), "17", "Linux", cpu, threads, null, "Cpu", blas,
                "abc", false);
    }

    @Test
    void theSameMachineForTheBitsIsTheSameCpuThreadsAndBlas() {
        String zen2 = "AMD EPYC (family 23, model 49; AVX2)";
        assertEquals(Boolean.TRUE, Provenance.sameMachine(on(zen2, 2, "openblas-0.3.21"), on(zen2, 2, "openblas-0.3.21")));
        assertEquals(Boolean.FALSE, Provenance.sameMachine(on(zen2, 2, "openblas-0.3.21"), on(zen2, 2, "openblas-0.3.9")));
        assertEquals(Boolean.FALSE, Provenance.sameMachine(on(zen2, 2, "openblas-0.3.21"), on(zen2, 4, "openblas-0.3.21")));
        assertEquals(Boolean.FALSE, Provenance.sameMachine(on(zen2, 2, "b"), on("AMD EPYC (family 25, model 17; AVX-512)", 2, "b")));
        assertEquals(null, Provenance.sameMachine(on("AMD EPYC", 2, "b"), on(zen2, 2, "b")), "a bare name: not known");
        assertEquals(Boolean.FALSE, Provenance.sameMachine(on("Intel Xeon", 2, "b"), on(zen2, 2, "b")), "another name is another CPU");
    }
}
