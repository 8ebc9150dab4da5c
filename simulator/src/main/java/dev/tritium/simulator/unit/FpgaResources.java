package dev.tritium.simulator.unit;

/**
 * An amount of each FPGA resource: LUTs (6-input), flip-flops, DSP slices (DSP48E2), 36 Kb block
 * RAMs and 288 Kb UltraRAMs.
 */
public record FpgaResources(long lut, long ff, long dsp, long bram36, long uram) {

  public static final FpgaResources ZERO = new FpgaResources(0, 0, 0, 0, 0);

  public FpgaResources plus(FpgaResources o) {
    return new FpgaResources(lut + o.lut, ff + o.ff, dsp + o.dsp, bram36 + o.bram36, uram + o.uram);
  }

  public FpgaResources times(long k) {
    return new FpgaResources(lut * k, ff * k, dsp * k, bram36 * k, uram * k);
  }

  /** The amount of one resource. */
  public long get(Resource r) {
    return switch (r) {
      case LUT -> lut;
      case FF -> ff;
      case DSP -> dsp;
      case BRAM36 -> bram36;
      case URAM -> uram;
    };
  }

  /** Resource kinds in report order. */
  public enum Resource {
    LUT, FF, DSP, BRAM36, URAM;

    public String label() {
      return name();
    }
  }
}
