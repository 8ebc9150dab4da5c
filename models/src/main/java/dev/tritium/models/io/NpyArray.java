package dev.tritium.models.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array as stored in a {@code .npy} file: C-order data plus its shape. One record per
 * dtype keeps the data a primitive array.
 */
public sealed interface NpyArray permits NpyArray.Float32, NpyArray.Int8, NpyArray.Int32 {

  /** Dimensions, outermost first; empty for a scalar. */
  int[] shape();

  /** Element type. */
  NpyDtype dtype();

  /** Number of elements: the product of the shape (1 for a scalar). */
  default long elementCount() {
    return elementCount(shape());
  }

  /** Shape formatted as NumPy prints it, e.g. {@code (3, 4)} or {@code (5,)}. */
  default String shapeString() {
    return shapeString(shape());
  }

  static long elementCount(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  static String shapeString(int[] shape) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return sb.append(shape.length == 1 ? ",)" : ")").toString();
  }

  private static int[] checkShape(int[] shape, int length) {
    Objects.requireNonNull(shape, "shape");
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("array dimensions must be non-negative, got " + shapeString(shape));
      }
    }
    if (elementCount(shape) != length) {
      throw new IllegalArgumentException("shape " + shapeString(shape) + " needs " + elementCount(shape)
          + " elements, got " + length);
    }
    return shape.clone();
  }

  /** float32 ({@code <f4}) array. */
  record Float32(int[] shape, float[] data) implements NpyArray {
    public Float32 {
      shape = checkShape(shape, data.length);
    }

    @Override
    public NpyDtype dtype() {
      return NpyDtype.FLOAT32;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Float32 f && Arrays.equals(shape, f.shape) && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Float32" + NpyArray.shapeString(shape);
    }
  }

  /** int8 ({@code |i1}) array. */
  record Int8(int[] shape, byte[] data) implements NpyArray {
    public Int8 {
      shape = checkShape(shape, data.length);
    }

    @Override
    public NpyDtype dtype() {
      return NpyDtype.INT8;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Int8 f && Arrays.equals(shape, f.shape) && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Int8" + NpyArray.shapeString(shape);
    }
  }

  /** int32 ({@code <i4}) array. */
  record Int32(int[] shape, int[] data) implements NpyArray {
    public Int32 {
      shape = checkShape(shape, data.length);
    }

    @Override
    public NpyDtype dtype() {
      return NpyDtype.INT32;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Int32 f && Arrays.equals(shape, f.shape) && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Int32" + NpyArray.shapeString(shape);
    }
  }
}
