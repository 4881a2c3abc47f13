package org.dropoutrepro.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StepProfileTest {

    private static final String STEP = "[" + StepProfile.THREAD + " tid=7];Probe.main;org/dropoutrepro/model/TrainingStep.fit;";

    @Test
    void samplesGoToTheFirstMatchingCategoryAndOtherThreadsAreCountedApart() {
        String collapsed = String.join("\n",
                STEP + "org/deeplearning4j/nn/layers/BaseLayer.backpropGradient;Nd4jCpu.execCustomOp2;libopenblasp-r0.3.21.so 50",
                STEP + "org/dropoutrepro/model/ReusingDenseLayerImpl.preOutputWithPreNorm;org/dropoutrepro/model/ReusingDenseLayerImpl.product;"
                        + "org/nd4j/linalg/api/blas/impl/BaseLevel3.gemm;org/nd4j/linalg/factory/Nd4j.exec;Nd4jCpu.execCustomOp2;__GI___sched_yield 6",
                STEP + "org/deeplearning4j/nn/layers/BaseOutputLayer.backpropGradient;org/nd4j/linalg/factory/Nd4j.gemm;Nd4jCpu.execCustomOp2;"
                        + "futex_wait_[k] 2",
                STEP + "org/deeplearning4j/nn/layers/BaseOutputLayer.preOutput;org/nd4j/linalg/api/ndarray/BaseNDArray.mmuli;"
                        + "Nd4jCpu.execCustomOp2;__GI___sched_yield 1",
                STEP + "org/dropoutrepro/model/FusedUpdate.apply;org/dropoutrepro/kernels/MomentumRule.step 20",
                STEP + "org/deeplearning4j/nn/layers/BaseOutputLayer.computeScore;LossMCXENT.computeScore 5",
                STEP + "org/deeplearning4j/nn/layers/BaseLayer.backpropGradient;ActivationReLU.backprop 7",
                STEP + "org/dropoutrepro/model/ReusingDenseLayerImpl.preOutputWithPreNorm;FloatKernels.copyAddingRow 3",
                STEP + "org/deeplearning4j/nn/layers/BaseLayer.activate;org/dropoutrepro/dropout/SeededDropout.applyDropout 4",
                STEP + "org/deeplearning4j/nn/workspace/LayerWorkspaceMgr.notifyScopeEntered 1",
                STEP + "org/dropoutrepro/model/DirectGemm.product;org/dropoutrepro/model/SplitProducts.run;"
                        + "org/dropoutrepro/kernels/HelperThread.together 8",
                "[dropout-step-helper tid=12];org/dropoutrepro/kernels/HelperThread.serve;cblas_sgemm;sgemm_kernel 30",
                "[blas worker tid=9];start_thread;blas_thread_server;sgemm_kernel 40",
                "[ForkJoinPool.commonPool-worker-1 tid=10];java/util/concurrent/ForkJoinWorkerThread.run;MomentumRule.step 9",
                "[C2 CompilerThread0 tid=11];start_thread;PhaseChaitin::Split 30",
                "");
        StepProfile.Result result = StepProfile.classify("none", collapsed, 10, 0.25);
        assertEquals(50L, result.steppingThread().get("matrix products: computing (OpenBLAS sgemm and its packing, ND4J's calls into it)"));
        assertEquals(9L, result.steppingThread().get("matrix products: the stepping thread waiting for OpenBLAS's worker thread (sched_yield, futex)"),
                "waits under ND4J's product calls are product time, also without OpenBLAS frames on the stack, and counted apart");
        assertEquals(20L, result.steppingThread().get("parameter update (momentum, weight step, max-norm: FusedUpdate)"));
        assertEquals(5L, result.steppingThread().get("output layer (softmax, cross-entropy, their gradients)"));
        assertEquals(7L, result.steppingThread().get("hidden layers, backward (ReLU derivative, bias gradient)"));
        assertEquals(3L, result.steppingThread().get("hidden layers, forward (bias, ReLU, copies)"));
        assertEquals(4L, result.steppingThread().get("dropout masks (drawing them, multiplying by them)"),
                "a dropout frame under activate counts as dropout: the dropout rule comes first");
        assertEquals(1L, result.steppingThread().get("other (DL4J's bookkeeping, workspaces, JNI calls, allocation)"));
        assertEquals(8L, result.steppingThread().get("matrix products: the stepping thread waiting for the helper thread's half (HelperThread)"),
                "spinning for the helper's half of a split product, counted apart from computing");
        assertEquals(107L, result.steppingSamples(), "the JIT thread's samples are not the stepping thread's");
        assertEquals(30L, result.helper(), "the helper's own product half is its own, not a BLAS worker's");
        assertEquals(40L, result.blasWorkers());
        assertEquals(9L, result.forkJoinWorkers());
        assertEquals(25.0, result.millisecondsPerStep(), 1e-9);
    }
}
