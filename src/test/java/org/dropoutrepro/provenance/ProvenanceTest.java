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
}
