package dev.tritium.mapper.crosscheck;

import dev.tritium.models.count.OpCounts;
import dev.tritium.models.count.OpFormulas;
import dev.tritium.models.count.PackingSize;
import dev.tritium.models.count.TensorStats;
import dev.tritium.models.count.TrafficBytes;
import dev.tritium.models.nn.BitLinear;
import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.Quantizers;
import dev.tritium.models.quant.TernaryWeights;
import dev.tritium.models.packing.WeightPackings;
import dev.tritium.isa.Packing;
import java.util.List;

/**
 * The reference engine's side of a cross-check: quantized activations, int32 accumulators
 * ({@link BitLinear#accumulate}), fp32 outputs ({@link BitLinear#dequantize}), and the op counts and
 * traffic the reference counts for the same call ({@link OpFormulas}: one activation quantization
 * of M tokens and one projection call).
 */
public record ReferenceResult(QuantizedActivations quantized, int[] accumulators, float[] outputs, OpCounts ops,
    TrafficBytes traffic, String packingName) {

  public static ReferenceResult of(BitLinearCase c, Packing packing) {
    TernaryWeights w = c.weights();
    int m = c.tokens();
    QuantizedActivations q = Quantizers.quantizeActivations(c.input(), m, w.cols());
    int[] acc = BitLinear.accumulate(w, q);
    float[] y = BitLinear.dequantize(acc, m, w.rows(), w.scale(), q.scales());
    TensorStats stats = TensorStats.of(w.values());
    OpCounts ops = OpFormulas.projectionToken(w.rows(), stats.plus(), stats.minus(), stats.total()).times(m)
        .plus(OpFormulas.activationQuant(w.cols()).times(m));
    var p = WeightPackings.byName(packing.modelsName());
    TrafficBytes traffic = OpFormulas.projectionCall(w.rows(), w.cols(), m,
        List.of(PackingSize.of(p.name(), p::packedBytes)));
    return new ReferenceResult(q, acc, y, ops, traffic, p.name());
  }

  /** The same result with one golden value changed (mutation tests of the checker itself). */
  public ReferenceResult withAccumulator(int index, int value) {
    int[] a = accumulators.clone();
    a[index] = value;
    return new ReferenceResult(quantized, a, outputs, ops, traffic, packingName);
  }

  public ReferenceResult withOutput(int index, float value) {
    float[] y = outputs.clone();
    y[index] = value;
    return new ReferenceResult(quantized, accumulators, y, ops, traffic, packingName);
  }
}
