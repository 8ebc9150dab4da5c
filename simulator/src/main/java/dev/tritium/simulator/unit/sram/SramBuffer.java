package dev.tritium.simulator.unit.sram;

import static dev.tritium.simulator.unit.Checks.require;

import dev.tritium.common.IntMath;
import dev.tritium.simulator.unit.ResourceCalendar;

/**
 * One named on-chip SRAM buffer (WGT, ACT, ACC, LUT, VEC): {@code banks} banks of {@code width_bits}
 * words, {@code ports} ports. Bank mapping: word-interleaved, word w = floor(addr / width_bytes) lives
 * in bank (w mod banks). The ports are ganged: one access (a DMA transfer or a compute instruction's
 * operand stream) uses all ports together, so two accesses to the same buffer serialise on the
 * buffer's {@link ResourceCalendar}; the delay one suffers is counted as port-conflict cycles.
 *
 * <p>Cycles of an access of {@code rows} rows of {@code rowBytes}, row r at {@code addr + r * stride}:
 *
 * <ul>
 *   <li>contiguous (stride == rowBytes, or a single row): the ports stream words in parallel,
 *       {@code ceil(words / ports)} cycles where words = ceil((addr mod W + bytes) / W), W = width_bytes;
 *       for an aligned access that is ceil(bytes / (ports * W)).
 *   <li>strided: the better of two schedules. Row-by-row: {@code rows * ceil(rowWords / ports)}.
 *       Row-parallel (one row per port, rows advancing in lock-step one word per cycle):
 *       {@code ceil(rows / ports) * rowWords * conflict}, where the P rows of a group start in banks
 *       (w0 + r * s) mod banks with s = floor(stride / W), a residue sequence of period
 *       p = banks / IntMath.gcd(s mod banks, banks), so at most conflict = ceil(ports / p) of them share a bank
 *       (s a multiple of banks: every row in the same bank, fully serialised).
 * </ul>
 *
 * Bank-conflict cycles of an access = its cycles - ceil(total words / ports). Every "ports" above is
 * really min(ports, banks): P words per cycle need P distinct banks (configs normally have banks >= ports).
 */
public final class SramBuffer {

  private final String name;
  private final long capacityBytes;
  private final int banks;
  private final int ports;
  private final int widthBytes;
  private final int parallelWords;
  private final boolean registers;
  private final ResourceCalendar portCalendar = new ResourceCalendar();
  private final BufferCounters counters = new BufferCounters();

  public SramBuffer(String name, long capacityBytes, int banks, int ports, int widthBits) {
    this(name, capacityBytes, banks, ports, widthBits, BufferStorage.SRAM);
  }

  /**
   * A buffer of {@code storage}: registers and LUTRAM are read and written by every consumer in parallel, so
   * their accesses take no port cycles and never conflict (their bytes are still counted).
   */
  public SramBuffer(String name, long capacityBytes, int banks, int ports, int widthBits, BufferStorage storage) {
    require(banks > 0, "buffer " + name + ": banks must be > 0, got " + banks);
    require(ports > 0, "buffer " + name + ": ports must be > 0, got " + ports);
    require(
        widthBits >= 8 && widthBits % 8 == 0,
        "buffer " + name + ": width_bits must be a positive multiple of 8, got " + widthBits);
    this.name = name;
    this.capacityBytes = capacityBytes;
    this.banks = banks;
    this.ports = ports;
    this.widthBytes = widthBits / 8;
    this.parallelWords = Math.min(ports, banks);
    this.registers = storage.parallelRead();
  }

  /** Cycles and bank-conflict cycles of a 2-D access (see the class comment). */
  public SramAccess access(long addr, long rows, long rowBytes, long strideBytes) {
    if (rows <= 0 || rowBytes <= 0) {
      return new SramAccess(0, 0, 0);
    }
    long bytes = rows * rowBytes;
    if (registers) {
      return new SramAccess(bytes, 0, 0);
    }
    if (rows == 1 || strideBytes == rowBytes) {
      long words = IntMath.ceilDiv(Math.floorMod(addr, widthBytes) + bytes, widthBytes);
      long cycles = IntMath.ceilDiv(words, parallelWords);
      return new SramAccess(bytes, cycles, 0);
    }
    long rowWords = IntMath.ceilDiv(rowBytes, widthBytes);
    long totalWords = rows * rowWords;
    long rowByRow = rows * IntMath.ceilDiv(rowWords, parallelWords);
    long strideWordsModBanks = Math.floorMod(Math.floorDiv(strideBytes, widthBytes), banks);
    long period = banks / IntMath.gcd(strideWordsModBanks, banks);
    long conflict = IntMath.ceilDiv(Math.min(parallelWords, rows), period);
    long rowParallel = IntMath.ceilDiv(rows, parallelWords) * rowWords * conflict;
    long cycles = Math.min(rowByRow, rowParallel);
    return new SramAccess(bytes, cycles, cycles - IntMath.ceilDiv(totalWords, parallelWords));
  }

  /** Cycles to move n contiguous, aligned bytes: ceil(n / (ports * width_bytes)). */
  public long cyclesFor(long bytes) {
    return access(0, 1, bytes, bytes).cycles();
  }

  /** The buffer's (ganged) ports on the simulated timeline. */
  /** What the buffer saw so far. */
  public BufferCounters counters() {
    return counters;
  }

  public ResourceCalendar portCalendar() {
    return portCalendar;
  }

  public String name() {
    return name;
  }

  public long capacityBytes() {
    return capacityBytes;
  }

  public int banks() {
    return banks;
  }

  public int ports() {
    return ports;
  }

  public int widthBytes() {
    return widthBytes;
  }
}
