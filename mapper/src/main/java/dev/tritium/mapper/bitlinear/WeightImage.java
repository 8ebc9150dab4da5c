package dev.tritium.mapper.bitlinear;

import dev.tritium.isa.Packing;
import dev.tritium.models.packing.WeightPacking;
import dev.tritium.models.packing.WeightPackings;
import dev.tritium.models.quant.TernaryWeights;

/** The packed DRAM bytes of a weight tensor, produced by the reference packings of models/. */
public final class WeightImage {

  private WeightImage() {}

  /** W [N][K] in the ISA packing's layout, rows of {@code packing.packedRowBytes(K)} bytes. */
  public static byte[] pack(TernaryWeights w, Packing packing) {
    WeightPacking p = WeightPackings.byName(packing.modelsName());
    byte[] bytes = p.encode(w.values(), w.rows(), w.cols());
    long expected = (long) w.rows() * packing.packedRowBytes(w.cols());
    if (bytes.length != expected) {
      throw new IllegalStateException("models packing " + p.name() + " gives " + bytes.length + " bytes for "
          + w.rows() + "x" + w.cols() + ", the ISA expects " + expected);
    }
    return bytes;
  }
}
