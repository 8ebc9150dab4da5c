package dev.tritium.models.io;

/** The safetensors dtypes Tritium reads. */
public enum SafetensorsDtype {
  F32(4), F16(2), BF16(2), U8(1), I8(1), I32(4);

  private final int itemBytes;

  SafetensorsDtype(int itemBytes) {
    this.itemBytes = itemBytes;
  }

  /** Bytes per element. */
  public int itemBytes() {
    return itemBytes;
  }

  /** True for the floating-point dtypes. */
  public boolean isFloat() {
    return this == F32 || this == F16 || this == BF16;
  }
}
