package dev.tritium.mapper.attention;

import dev.tritium.common.HalfFloats;
import dev.tritium.isa.KvCodes;
import dev.tritium.models.format.IntGrid;

/**
 * A quantized KV cache's rows as records in the layout VEC.KV_QUANT writes ({@link KvCodes}), from the reference
 * engine's own grid ({@link IntGrid}, asymmetric): the cross-check's DRAM image of the positions cached before the
 * layer runs, as the weights' image comes from the models packings. The simulator reads them with its own decoder.
 */
public final class KvRecords {

  private KvRecords() {}

  /** The record of one row of {@code len} values (the reference's groups of {@code codes.group()}). */
  public static byte[] of(float[] row, int from, int len, KvCodes codes) {
    float[] v = java.util.Arrays.copyOfRange(row, from, from + len);
    IntGrid.Codes q = IntGrid.quantize(v, 1, len, codes.group(), codes.bits(), false);
    byte[] out = new byte[codes.recordBytes(len)];
    for (int j = 0; j < len; j++) {
      long bit = (long) j * codes.bits();
      for (int i = 0; i < codes.bits(); i++, bit++) {
        if ((q.codes()[j] >>> i & 1) != 0) {
          out[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
        }
      }
    }
    int at = codes.codeBytes(len);
    for (IntGrid.Group g : q.groups()) {
      int h = HalfFloats.floatToF16(g.step());
      out[at] = (byte) h;
      out[at + 1] = (byte) (h >>> 8);
      out[at + 2] = (byte) g.zero();
      at += 3;
    }
    return out;
  }
}
