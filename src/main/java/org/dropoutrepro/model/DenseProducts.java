package org.dropoutrepro.model;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dropoutrepro.kernels.FloatKernels;
import org.nd4j.linalg.api.blas.BlasBufferUtil;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The matrix products of a dense layer written in place, shared by the hidden layers ({@link ReusingDenseLayerImpl})
 * and the output layer ({@link DirectOutputLayerImpl}): each goes to OpenBLAS directly ({@link DirectGemm}), and the
 * forward product's copy to c order and its bias are one pass. The bits are those of beta7's own calls (its
 * {@code mmuli}, which computes into a zeroed f-order array and copies that over the destination, and
 * {@code Nd4j.gemm}); Beta7-specific speed code, beside {@link DirectGemm}.
 */
final class DenseProducts {

    private DenseProducts() {
    }

    /**
     * {@code layerInput x weights + bias} as a new c-order array of type ACTIVATIONS, as beta7's
     * {@code BaseLayer.preOutputWithPreNorm} computes it without layer norm or mask: the product into an f-order
     * array (not zeroed), then copied to the c-order one with the bias added in the same pass. Null when the input
     * is not a matrix whose columns match the weights' rows: the caller takes DL4J's path and its error message.
     */
    static INDArray preActivations(INDArray layerInput, INDArray weights, INDArray bias, LayerWorkspaceMgr workspaceMgr) {
        if (layerInput.rank() != 2 || layerInput.columns() != weights.rows()) return null;
        INDArray preActivations = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(),
                layerInput.size(0), weights.size(1));
        INDArray product = Nd4j.createUninitialized(weights.dataType(), new long[] {layerInput.size(0), weights.size(1)}, 'f');
        product(layerInput.castTo(preActivations.dataType()), weights, product);
        FloatKernels.copyAddingRow(product, bias, preActivations);
        return preActivations;
    }

    /**
     * {@code destination = left x right} into {@code destination} itself, which must be a dense f-order matrix:
     * straight to OpenBLAS ({@link DirectGemm}), or, for operands it does not take, through ND4J's product call.
     */
    static void product(INDArray left, INDArray right, INDArray destination) {
        if (destination.ordering() != 'f' || destination.rank() != 2 || destination.stride(0) != 1
                || (destination.size(1) > 1 && destination.stride(1) != destination.size(0))) { // one column: any second stride
            throw new IllegalStateException("product destination must be a dense f-order matrix: " + destination.shapeInfoToString());
        }
        if (DirectGemm.product(left, right, destination)) return;
        Nd4j.getBlasWrapper().level3().gemm('f', BlasBufferUtil.getCharForTranspose(left),
                BlasBufferUtil.getCharForTranspose(right), 1.0, left, right, 0.0, destination);
    }

    /** {@code weightGradient = layerInput^T x delta}, in place: as beta7's {@code Nd4j.gemm(input, delta, view, true, false, 1, 0)}. */
    static void weightGradient(INDArray layerInput, INDArray delta, INDArray weightGradient) {
        if (!ReusingDenseLayer.productsInPlace() || !DirectGemm.product(layerInput.transpose(), delta, weightGradient)) {
            Nd4j.gemm(layerInput, delta, weightGradient, true, false, 1.0, 0.0);
        }
    }

    /**
     * The gradient with respect to the layer's input, {@code (weights x delta^T)^T}, computed into an f-order array
     * of type ACTIVATION_GRAD and returned as its transposed view, as beta7's layers do with {@code mmuli}.
     */
    static INDArray inputGradient(INDArray weights, INDArray delta, LayerWorkspaceMgr workspaceMgr) {
        INDArray transposed = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                new long[] {weights.size(0), delta.size(0)}, 'f');
        product(weights, delta.transpose(), transposed);
        return transposed.transpose();
    }
}
