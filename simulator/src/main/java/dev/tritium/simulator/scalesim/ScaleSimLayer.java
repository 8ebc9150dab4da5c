package dev.tritium.simulator.scalesim;

import static dev.tritium.common.IntMath.ceilDiv;

/**
 * One layer as SCALE-Sim stores it (a convolution; GEMMs are converted on reading).
 *
 * <p>Derived sizes follow SCALE-Sim's {@code topology_utils}: {@code ofmap = ceil((ifmap - filter +
 * stride) / stride)} per dimension, window = filter_h x filter_w x channels. A GEMM row {@code M, N, K}
 * becomes ifmap {@code M x K}, filter {@code 1 x K}, 1 channel, N filters, stride 1: so ofmap pixels = M,
 * window = K, filters = N.
 */
public record ScaleSimLayer(
    String name,
    int ifmapHeight,
    int ifmapWidth,
    int filterHeight,
    int filterWidth,
    int channels,
    int numFilters,
    int strideHeight,
    int strideWidth) {

  /** The SCALE-Sim conversion of a GEMM {@code (M x K) * (K x N)}. */
  public static ScaleSimLayer gemm(String name, int m, int n, int k) {
    return new ScaleSimLayer(name, m, k, 1, k, 1, n, 1, 1);
  }

  /** Output feature map height. */
  public long ofmapHeight() {
    return ceilDiv(ifmapHeight - filterHeight + strideHeight, strideHeight);
  }

  /** Output feature map width. */
  public long ofmapWidth() {
    return ceilDiv(ifmapWidth - filterWidth + strideWidth, strideWidth);
  }

  /** Output pixels per filter (the GEMM M). */
  public long ofmapPixels() {
    return Math.multiplyExact(ofmapHeight(), ofmapWidth());
  }

  /** Convolution window size (the GEMM K). */
  public long windowSize() {
    return Math.multiplyExact((long) filterHeight * filterWidth, channels);
  }

  /** Multiply-accumulates of the layer: ofmap pixels x filters x window. */
  public long macs() {
    return Math.multiplyExact(Math.multiplyExact(ofmapPixels(), numFilters), windowSize());
  }
}
