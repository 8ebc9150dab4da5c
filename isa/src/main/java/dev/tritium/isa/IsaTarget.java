package dev.tritium.isa;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

/**
 * The architecture facts the ISA needs: buffer sizes, MAC array shape, LUT core (if any), vector
 * lanes, supported weight packings, and how many slots the weight buffer streams tiles through (2: a tile
 * loads while the previous one computes; 1: loads and compute alternate, see LOOP.GEMM in isa/README.md).
 * The simulator builds one from its arch config; every binary carries {@link #configTag()} so it is never
 * run on a different target. {@code macFloatAdderBits}: the MAC array's PEs also have floating-point adders of this
 * width (16 or 32; 0: none), so it runs GEMM.SF, whose sums round to that width. {@code macMaskDecode}: its PEs
 * also decode the masks of a gated GEMM.SF (CFG SF_GATE), so a format's masks stay packed as the format stores them.
 * {@code macIntMultiplierBits}: the
 * MAC array's PEs also have integer multipliers of this width (4 or 8; 0: none), so it runs GEMM.IW on weights and
 * activations of at most that many bits. {@code macBitPlane}: its PEs also AND a 1-bit weight plane byte with a 1-bit
 * activation plane byte and popcount it (ABQ-LLM's binary decomposition), so it runs GEMM.BP.
 */
public record IsaTarget(
    String name,
    long wgtBytes,
    long actBytes,
    long accBytes,
    long lutBytes,
    long vecBytes,
    int macRows,
    int macCols,
    Optional<LutUnit> lut,
    int vectorLanes,
    Set<Packing> packings,
    int weightSlots,
    long kvStoreBytes,
    int macFloatAdderBits,
    boolean macMaskDecode,
    int macIntMultiplierBits,
    boolean macBitPlane) {

  /**
   * Where the on-chip KV store sits in the DMA's address space: LOAD and STORE DRAM addresses in [KV_STORE_BASE,
   * KV_STORE_BASE + kv_store_bytes) reach it instead of DRAM when the target has one (isa/README.md, "On-chip KV
   * store"). The upper half of the 36-bit space, so that it never overlaps a realistic DRAM layout.
   */
  public static final long KV_STORE_BASE = 1L << 35;

  /** A target whose MAC array has no bit-plane PEs (no GEMM.BP). */
  public IsaTarget(String name, long wgtBytes, long actBytes, long accBytes, long lutBytes, long vecBytes, int macRows,
      int macCols, Optional<LutUnit> lut, int vectorLanes, Set<Packing> packings, int weightSlots, long kvStoreBytes,
      int macFloatAdderBits, boolean macMaskDecode, int macIntMultiplierBits) {
    this(name, wgtBytes, actBytes, accBytes, lutBytes, vecBytes, macRows, macCols, lut, vectorLanes, packings,
        weightSlots, kvStoreBytes, macFloatAdderBits, macMaskDecode, macIntMultiplierBits, false);
  }

  /** A target whose MAC array has neither mask decoders (no gated GEMM.SF) nor integer multipliers (no GEMM.IW). */
  public IsaTarget(String name, long wgtBytes, long actBytes, long accBytes, long lutBytes, long vecBytes, int macRows,
      int macCols, Optional<LutUnit> lut, int vectorLanes, Set<Packing> packings, int weightSlots, long kvStoreBytes,
      int macFloatAdderBits) {
    this(name, wgtBytes, actBytes, accBytes, lutBytes, vecBytes, macRows, macCols, lut, vectorLanes, packings,
        weightSlots, kvStoreBytes, macFloatAdderBits, false, 0);
  }

  /** A target whose MAC array has no integer multipliers (no GEMM.IW). */
  public IsaTarget(String name, long wgtBytes, long actBytes, long accBytes, long lutBytes, long vecBytes, int macRows,
      int macCols, Optional<LutUnit> lut, int vectorLanes, Set<Packing> packings, int weightSlots, long kvStoreBytes,
      int macFloatAdderBits, boolean macMaskDecode) {
    this(name, wgtBytes, actBytes, accBytes, lutBytes, vecBytes, macRows, macCols, lut, vectorLanes, packings,
        weightSlots, kvStoreBytes, macFloatAdderBits, macMaskDecode, 0);
  }

  /** A target whose MAC array has no mask decoders (no gated GEMM.SF). */
  public IsaTarget(String name, long wgtBytes, long actBytes, long accBytes, long lutBytes, long vecBytes, int macRows,
      int macCols, Optional<LutUnit> lut, int vectorLanes, Set<Packing> packings, int weightSlots, long kvStoreBytes,
      int macFloatAdderBits, int macIntMultiplierBits) {
    this(name, wgtBytes, actBytes, accBytes, lutBytes, vecBytes, macRows, macCols, lut, vectorLanes, packings,
        weightSlots, kvStoreBytes, macFloatAdderBits, false, macIntMultiplierBits);
  }

  /** A target whose MAC array has no fp32 adders (no GEMM.SF). */
  public IsaTarget(String name, long wgtBytes, long actBytes, long accBytes, long lutBytes, long vecBytes, int macRows,
      int macCols, Optional<LutUnit> lut, int vectorLanes, Set<Packing> packings, int weightSlots, long kvStoreBytes) {
    this(name, wgtBytes, actBytes, accBytes, lutBytes, vecBytes, macRows, macCols, lut, vectorLanes, packings,
        weightSlots, kvStoreBytes, 0);
  }

  /** A target without an on-chip KV store. */
  public IsaTarget(String name, long wgtBytes, long actBytes, long accBytes, long lutBytes, long vecBytes, int macRows,
      int macCols, Optional<LutUnit> lut, int vectorLanes, Set<Packing> packings, int weightSlots) {
    this(name, wgtBytes, actBytes, accBytes, lutBytes, vecBytes, macRows, macCols, lut, vectorLanes, packings,
        weightSlots, 0);
  }

  /** A target whose weight buffer is double-buffered (two slots), as most are. */
  public IsaTarget(String name, long wgtBytes, long actBytes, long accBytes, long lutBytes, long vecBytes, int macRows,
      int macCols, Optional<LutUnit> lut, int vectorLanes, Set<Packing> packings) {
    this(name, wgtBytes, actBytes, accBytes, lutBytes, vecBytes, macRows, macCols, lut, vectorLanes, packings, 2);
  }

  public IsaTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(lut, "lut");
    Objects.requireNonNull(packings, "packings");
    requireNonNegative("wgt_bytes", wgtBytes);
    requireNonNegative("act_bytes", actBytes);
    requireNonNegative("acc_bytes", accBytes);
    requireNonNegative("lut_bytes", lutBytes);
    requireNonNegative("vec_bytes", vecBytes);
    requireNonNegative("mac_rows", macRows);
    requireNonNegative("mac_cols", macCols);
    requireNonNegative("vector_lanes", vectorLanes);
    packings = packings.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(packings));
    if (weightSlots != 1 && weightSlots != 2) {
      throw new IllegalArgumentException("IsaTarget weight_slots must be 1 or 2, got " + weightSlots);
    }
    if (macFloatAdderBits != 0 && macFloatAdderBits != 16 && macFloatAdderBits != 32) {
      throw new IllegalArgumentException("IsaTarget mac_float_adders must be 0, 16 or 32 bits, got " + macFloatAdderBits);
    }
    if (macMaskDecode && macFloatAdderBits == 0) {
      throw new IllegalArgumentException("IsaTarget mac_mask_decode needs mac_float_adders (the masks gate GEMM.SF)");
    }
    if (macIntMultiplierBits != 0 && macIntMultiplierBits != 4 && macIntMultiplierBits != 8) {
      throw new IllegalArgumentException("IsaTarget mac_int_multipliers must be 0, 4 or 8 bits, got "
          + macIntMultiplierBits);
    }
    if (kvStoreBytes < 0 || kvStoreBytes > KV_STORE_BASE) {
      throw new IllegalArgumentException("IsaTarget kv_store_bytes must be in [0, 2^35], got " + kvStoreBytes);
    }
  }

  private static void requireNonNegative(String field, long v) {
    if (v < 0) {
      throw new IllegalArgumentException("IsaTarget " + field + " must be >= 0, got " + v);
    }
  }

  /**
   * The built-in edge design (KV260 class): WGT 512 KiB, ACT 128 KiB, ACC 256 KiB, LUT 128 KiB,
   * VEC 256 KiB, 32x64 MAC array, LUT core g=3 ternary base-3, 64 vector lanes.
   */
  public static IsaTarget edgeDefault() {
    return new IsaTarget("edge-default", 512 * 1024, 128 * 1024, 256 * 1024, 128 * 1024, 256 * 1024,
        32, 64, Optional.of(new LutUnit(3, LutVariant.TERNARY_BASE3)), 64,
        EnumSet.of(Packing.TWO_BIT, Packing.BASE3, Packing.LUT_G3));
  }

  /** Size in bytes of the named buffer. */
  public long bytes(Buffer b) {
    return switch (b) {
      case WGT -> wgtBytes;
      case ACT -> actBytes;
      case ACC -> accBytes;
      case LUT -> lutBytes;
      case VEC -> vecBytes;
    };
  }

  /** Whether DRAM address {@code addr} falls in the on-chip KV store's window (false when there is none). */
  public boolean inKvStore(long addr) {
    return kvStoreBytes > 0 && addr >= KV_STORE_BASE;
  }

  /** True when the MAC array's PEs have floating-point adders (GEMM.SF runs). */
  public boolean macFloatAdders() {
    return macFloatAdderBits > 0;
  }

  /** True when the MAC array's PEs multiply integers of {@code bits} (4 or 8) bits (GEMM.IW of that width runs). */
  public boolean macIntMultiplies(int bits) {
    return macIntMultiplierBits > 0 && bits <= macIntMultiplierBits;
  }

  /** True when the target has a MAC array. */
  public boolean hasMacArray() {
    return macRows > 0 && macCols > 0;
  }

  /**
   * The canonical text the config tag hashes: every field except the name, in a fixed order, with
   * packings sorted by code. Two targets with equal text are interchangeable for the ISA.
   */
  public String canonicalText() {
    String packs = packings.stream().sorted().map(Packing::name).collect(Collectors.joining(","));
    // ":fp32" only when the core has fp adders and ":bit_plane" only when it builds bit-plane tables, so the tags of
    // every existing target stay as they were.
    String lutText = lut.map(l -> l.groupSize() + ":" + l.variant().name() + (l.floatAdders() ? ":fp32" : "")
        + (l.bitPlane() ? ":bit_plane" : ""))
        .orElse("none");
    return "wgt_bytes=" + wgtBytes + ";act_bytes=" + actBytes + ";acc_bytes=" + accBytes
        + ";lut_bytes=" + lutBytes + ";vec_bytes=" + vecBytes + ";mac=" + macRows + "x" + macCols
        + ";lut=" + lutText + ";vector_lanes=" + vectorLanes + ";packings=" + packs
        + (weightSlots == 2 ? "" : ";weight_slots=" + weightSlots)
        + (kvStoreBytes == 0 ? "" : ";kv_store_bytes=" + kvStoreBytes)
        + (macFloatAdderBits == 0 ? "" : ";mac_float_adders=fp" + macFloatAdderBits)
        + (macMaskDecode ? ";mac_mask_decode=true" : "")
        + (macIntMultiplierBits == 0 ? "" : ";mac_int_multipliers=int" + macIntMultiplierBits)
        + (macBitPlane ? ";mac_bit_plane=true" : "");
  }

  /** Stable 32-bit tag: CRC-32 of {@link #canonicalText()} in UTF-8. */
  public int configTag() {
    CRC32 crc = new CRC32();
    crc.update(canonicalText().getBytes(StandardCharsets.UTF_8));
    return (int) crc.getValue();
  }
}
