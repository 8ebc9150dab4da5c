package dev.tritium.models.io;

import dev.tritium.common.HalfFloats;
import dev.tritium.models.format.OneBit;
import java.io.IOException;
import java.util.Arrays;

/**
 * One linear layer of a released OneBit checkpoint (the paper's code, BitLlama in its transformers fork, saved for
 * inference): tensors {@code PREFIX.weight} (I8 or U8 [N, K/8], the signs packed 8 per byte, column 8i + j in bit
 * j of byte i, bit 1 = -1 and bit 0 = +1), {@code PREFIX.weight_scale} (the output vector a, [N]) and {@code
 * PREFIX.input_factor} (the input vector b, [K]), the vectors in F32, F16 or BF16.
 *
 * <p>The released files keep the vectors in fp32 (their README says so); the format holds them in fp16, as the
 * paper counts its bits, so this reader rounds each to fp16 (ties to even) and the layer computes exactly as
 * {@link OneBit.Weights#apply} states. The released model also applies a LayerNorm without affine parameters to
 * each such layer's output; that belongs to the model around the layer, not to the format, and is not applied here.
 */
public final class OneBitCheckpoint {

  private OneBitCheckpoint() {}

  /**
   * The layer whose tensors start with {@code prefix} ({@code model.layers.0.self_attn.q_proj}); a prefix given with
   * its {@code .weight} ending is accepted too.
   *
   * @throws IllegalArgumentException naming the file and tensor when one is missing or has the wrong dtype or shape
   */
  public static OneBit.Weights read(SafetensorsFile f, String prefix) throws IOException {
    String base = prefix.endsWith(".weight") ? prefix.substring(0, prefix.length() - ".weight".length()) : prefix;
    String wName = base + ".weight";
    SafetensorsFile.TensorInfo w = require(f, wName);
    String what = f.file() + ": tensor '" + wName + "'";
    if (w.dtype() != SafetensorsDtype.I8 && w.dtype() != SafetensorsDtype.U8) {
      throw new IllegalArgumentException(what + " is " + w.dtype() + ", expected I8 or U8 (OneBit's signs packed 8"
          + " per byte)");
    }
    if (w.shape().length != 2 || w.shape()[0] < 1 || w.shape()[1] < 1) {
      throw new IllegalArgumentException(what + " has shape " + Arrays.toString(w.shape()) + ", expected [N, K/8]");
    }
    int n = w.shape()[0];
    int k = Math.multiplyExact(w.shape()[1], 8);
    float[] a = vector(f, base + ".weight_scale", n, "N");
    float[] b = vector(f, base + ".input_factor", k, "K = 8 x the packed width");
    byte[] packed = f.readRaw(wName);
    byte[] signs = new byte[Math.multiplyExact(n, k)];
    for (int i = 0; i < signs.length; i++) {
      int bit = (packed[i / 8] >> (i % 8)) & 1;
      signs[i] = (byte) (bit == 1 ? -1 : 1);
    }
    return new OneBit.Weights(signs, n, k, a, b);
  }

  private static SafetensorsFile.TensorInfo require(SafetensorsFile f, String name) {
    SafetensorsFile.TensorInfo t = f.tensors().get(name);
    if (t == null) {
      throw new IllegalArgumentException(f.file() + ": no tensor '" + name + "'; a OneBit layer has .weight (packed"
          + " signs), .weight_scale and .input_factor");
    }
    return t;
  }

  /** A float vector of {@code length} values, rounded to fp16. */
  private static float[] vector(SafetensorsFile f, String name, int length, String expected) throws IOException {
    SafetensorsFile.TensorInfo t = require(f, name);
    if (t.elementCount() != length || t.shape().length != 1) {
      throw new IllegalArgumentException(f.file() + ": tensor '" + name + "' has shape " + Arrays.toString(t.shape())
          + ", expected [" + length + "] (" + expected + ")");
    }
    float[] v = f.readFloats(name);
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new IllegalArgumentException(f.file() + ": tensor '" + name + "'[" + i + "] is " + v[i]
            + ", expected a finite value");
      }
      float r = HalfFloats.roundToF16(v[i]);
      if (!Float.isFinite(r)) {
        throw new IllegalArgumentException(f.file() + ": tensor '" + name + "'[" + i + "] is " + v[i]
            + ", outside fp16's range (|value| < 65520), which OneBit's vectors take");
      }
      v[i] = r;
    }
    return v;
  }
}
