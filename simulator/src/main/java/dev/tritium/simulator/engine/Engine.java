package dev.tritium.simulator.engine;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.GemmF16;
import dev.tritium.isa.GemmInt8;
import dev.tritium.isa.GemmQ2;
import dev.tritium.isa.GemmSf;
import dev.tritium.isa.GemmIw;
import dev.tritium.isa.QuantIg;
import dev.tritium.isa.GemmBp;
import dev.tritium.isa.QuantBp;
import dev.tritium.isa.LutBuildBp;
import dev.tritium.isa.LutGemmBp;
import dev.tritium.isa.GemmSparse;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Finish;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.InstructionVisitor;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.Load;
import dev.tritium.isa.LutBuild;
import dev.tritium.isa.LutBuildF16;
import dev.tritium.isa.LutGemm;
import dev.tritium.isa.LutGemmF16;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.isa.Vec;
import dev.tritium.simulator.unit.mac.ZeroSkip;
import dev.tritium.simulator.stats.BufferStats;
import dev.tritium.simulator.stats.DramStats;
import dev.tritium.simulator.stats.OverlapCounter;
import dev.tritium.simulator.stats.OverlapStats;
import dev.tritium.simulator.stats.QueueStats;
import dev.tritium.simulator.stats.SimulationStats;
import dev.tritium.simulator.stats.UnitStats;
import dev.tritium.simulator.unit.dma.DmaEngine;
import dev.tritium.simulator.unit.dma.DmaTiming;
import dev.tritium.simulator.unit.dram.DramCounters;
import dev.tritium.simulator.unit.sram.BufferCounters;
import dev.tritium.simulator.unit.sram.OperandStreams;
import dev.tritium.simulator.unit.sram.RowStrides;
import dev.tritium.simulator.unit.sram.SramBuffer;
import dev.tritium.simulator.unit.mac.ZeroWeights;
import dev.tritium.traces.TraceEvent;
import dev.tritium.traces.TraceSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Event-driven, cycle-approximate execution of an ISA program (simulator/README.md, "Engine").
 *
 * <p>A dispatcher reads the program in order (LOOP.GEMM expanded lazily) into three bounded in-order
 * queues. Each queue runs one instruction at a time; an instruction starts when it is at the head of
 * its queue, its queue's unit is free and all its pops succeed (VTA semantics: a pop waits for a
 * positive counter and decrements it); its pushes increment counters when it completes. Time jumps
 * from one completion to the next: the work per instruction is constant, never per cycle.
 */
public final class Engine {

  private static final Queue[] QUEUES = Queue.values();
  private static final Buffer[] BUFFERS = Buffer.values();
  private static final UnitId[] UNITS = UnitId.values();

  private final Machine machine;
  private final EngineOptions options;
  private final TraceSink trace;
  private final boolean tracing;

  private final QueueState[] queues = new QueueState[QUEUES.length];
  private final DependencyTokens tokens = new DependencyTokens();
  /** The machine's buffers by Buffer ordinal (a map lookup per operand showed up in profiles). */
  private final SramBuffer[] sram = new SramBuffer[BUFFERS.length];
  /** The SRAM operand streams of the compute instruction being started, filled by its unit. */
  private final OperandStreams streams;
  private final OverlapCounter overlap = new OverlapCounter(QUEUES.length);

  // Unit accounting, indexed by UnitId ordinal: busy and wait_data from each unit's phase timeline.
  private final UnitPhases[] phases = new UnitPhases[UnitId.values().length];
  private final long[] waitToken = new long[UnitId.values().length];
  private final long[] idle = new long[UnitId.values().length];
  private final long[] unitInstructions = new long[UnitId.values().length];
  // Buffer and DRAM counters live with the buffers (SramBuffer.counters) and the channel (DramChannel.counters).

  // Compute-queue configuration registers the units' timing needs.
  private RowStrides strides = RowStrides.DENSE;
  /** CFG SPARSE_ENTRIES as the compute queue last set it: the next GEMM.SP's entry count. */
  private long sparseEntries;
  /** CFG SF_GATE and SF_MASK_ADDR as the compute queue last set them: a gated GEMM.SF also streams its masks. */
  private long sfGate;
  private long sfMaskAddr;
  /** CFG SPARSE_BITMAP_ADDR: the next GEMM.SP's bitmap index in WGT (0: CSR). */
  private long sparseBitmapAddr;

  private long now;
  private long nextSerial;
  private long instructions;
  private boolean used;

  /** Told, during a long run, how far the simulation has got. */
  @FunctionalInterface
  public interface Progress {
    /**
     * @param cycle the current simulated cycle
     * @param dispatched expanded instructions dispatched to the queues so far
     */
    void at(long cycle, long dispatched);
  }

  /** Event-loop steps between clock reads (a power of two minus one): the check costs nothing measurable. */
  private static final long PROGRESS_CHECK_MASK = (1 << 14) - 1;

  private Progress progress;
  private long progressIntervalNs;

  /** Reports progress to {@code listener} at most once per {@code intervalNs} of wall time while running. */
  public Engine onProgress(Progress listener, long intervalNs) {
    this.progress = listener;
    this.progressIntervalNs = intervalNs;
    return this;
  }

  public Engine(Machine machine, EngineOptions options) {
    this.machine = machine;
    this.options = options;
    this.trace = options.trace();
    this.tracing = trace.enabled();
    for (Queue q : QUEUES) {
      int slots = switch (q) {
        case LOAD -> machine.loadDma().channels();
        case STORE -> machine.storeDma().channels();
        case COMPUTE -> 1;
      };
      queues[q.ordinal()] = new QueueState(q, options.queueCapacity(), slots);
    }
    for (UnitId u : UNITS) {
      phases[u.ordinal()] = new UnitPhases(u.queue().ordinal(), overlap);
    }
    for (Buffer b : BUFFERS) {
      sram[b.ordinal()] = machine.buffer(b);
    }
    streams = new OperandStreams(sram);
  }

  /**
   * Runs the program to FINISH and returns its stats.
   *
   * @throws SimulationException on deadlock, unbalanced tokens at FINISH or a missing FINISH
   */
  public SimulationStats run(List<Instruction> program) {
    if (used) {
      throw new IllegalStateException("an Engine runs one program; build a new Machine and Engine per run");
    }
    used = true;
    ProgramStream stream = new ProgramStream(program);
    long steps = 0;
    long lastReportNs = System.nanoTime();
    while (true) {
      if (progress != null && (++steps & PROGRESS_CHECK_MASK) == 0) {
        long t = System.nanoTime();
        if (t - lastReportNs >= progressIntervalNs) {
          progress.at(now, stream.dispatched());
          lastReportNs = t;
        }
      }
      boolean progress = true;
      while (progress) {
        progress = completeDue();
        dispatch(stream);
        for (QueueState q : queues) {
          if (q.hasFreeSlot() && !q.waiting.isEmpty() && canStart(q, q.waiting.peekFirst())) {
            start(q, q.waiting.pollFirst());
            progress = true;
          }
        }
      }
      long next = Long.MAX_VALUE;
      for (QueueState q : queues) {
        if (!q.inFlight.isEmpty()) {
          next = Math.min(next, q.inFlight.peekFirst().end());
        }
      }
      if (next == Long.MAX_VALUE) {
        if (stream.finished() && allQueuesEmpty()) {
          break;
        }
        throw new SimulationException(deadlockMessage(stream));
      }
      if (next > options.maxCycles()) {
        throw new SimulationException("stopped at cycle " + now + ": the next event is at cycle " + next
            + ", past the budget of " + options.maxCycles() + " cycles (raise --max-cycles, or simulate less)");
      }
      account(next - now, stream);
      now = next;
      for (UnitPhases p : phases) {
        p.sweepTo(now);
      }
      overlap.sweepTo(now);
    }
    tokens.checkBalanceAtFinish(now);
    return stats();
  }

  private boolean allQueuesEmpty() {
    for (QueueState q : queues) {
      if (!q.waiting.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private void dispatch(ProgramStream stream) {
    SourcedInstruction si;
    while ((si = stream.peek()) != null) {
      QueueState q = queues[si.instruction().queue().ordinal()];
      if (q.full()) {
        return;
      }
      q.waiting.addLast(si);
      stream.consume();
    }
  }

  /** Completes every instruction whose end is due; true if any completed. */
  private boolean completeDue() {
    boolean any = false;
    for (QueueState q : queues) {
      while (!q.inFlight.isEmpty() && q.inFlight.peekFirst().end() <= now) {
        tokens.push(q, q.retire().instruction().instruction().deps());
        any = true;
      }
    }
    return any;
  }

  private boolean canStart(QueueState q, SourcedInstruction si) {
    if (options.forceSerial()) {
      if (si.sequence() != nextSerial) {
        return false;
      }
      for (QueueState other : queues) {
        if (!other.inFlight.isEmpty()) {
          return false;
        }
      }
    }
    return tokens.missing(q, si) == null;
  }

  private void start(QueueState q, SourcedInstruction si) {
    Instruction in = si.instruction();
    tokens.pop(q, in.deps());
    nextSerial = si.sequence() + 1;
    instructions++;
    q.executed++;
    streams.reset();
    Timing timing = new Timing(q, si);
    UnitId unit = in.accept(timing);
    long end = timing.end;
    if (unit != null) {
      unitInstructions[unit.ordinal()]++;
    }
    try {
      options.values().execute(in);
    } catch (SimulationException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // The value side names the operand and byte range; say which instruction it was.
      throw new SimulationException(si.describe() + " at cycle " + now + ": " + e.getMessage());
    }
    end = Math.max(end, q.lastEnd); // in-order completion
    q.lastEnd = end;
    q.launch(new QueueState.InFlight(si, unit, end));
  }

  /**
   * Reserves each touched buffer's ports for the instruction's port cycles (first fit from now) and
   * returns the end cycle: the later of compute done and the slowest buffer's operands streamed.
   */
  private long reserveOperands(long computeCycles) {
    long end = now + computeCycles;
    for (Buffer b : BUFFERS) {
      long cycles = streams.portCycles(b);
      SramBuffer buffer = sram[b.ordinal()];
      BufferCounters counted = buffer.counters();
      counted.read(streams.bytesRead(b));
      counted.written(streams.bytesWritten(b));
      counted.bankConflicts(streams.bankConflictCycles(b));
      if (cycles == 0) {
        continue;
      }
      buffer.portCalendar().releaseBefore(now);
      long s = buffer.portCalendar().firstFit(now, cycles);
      buffer.portCalendar().reserve(s, cycles);
      counted.ports(cycles, s - now);
      end = Math.max(end, s + cycles);
    }
    return end;
  }

  private long dma(QueueState q, SourcedInstruction si, DmaEngine engine, Buffer b, long sramAddr,
      long dramAddr, long rows, long rowBytes, long stride, boolean load) {
    SramBuffer buffer = sram[b.ordinal()];
    buffer.portCalendar().releaseBefore(now);
    machine.dram().bus().releaseBefore(now);
    if (engine.kvStore() != null) {
      engine.kvStore().portCalendar().releaseBefore(now);
    }
    DmaTiming t = engine.schedule(now, buffer, sramAddr, dramAddr, rows, rowBytes, stride);
    UnitId unit = load ? UnitId.DMA_LOAD : UnitId.DMA_STORE;
    long bytes = t.dram().usefulBytes();
    if (load) {
      buffer.counters().written(bytes);
    } else {
      buffer.counters().read(bytes);
    }
    buffer.counters().ports(t.sram().cycles(), t.portConflictCycles());
    if (t.kvStore()) {
      // The far side is the on-chip KV store: its traffic, no DRAM's.
      SramBuffer kv = engine.kvStore();
      if (load) {
        kv.counters().read(bytes);
      } else {
        kv.counters().written(bytes);
      }
    } else {
      machine.dram().counters().transfer(load, t.dram());
    }
    long dataCycles = t.busyCycles() - engine.descriptorOverheadCycles();
    long dataStart = t.endCycle() - dataCycles;
    UnitPhases p = phases[unit.ordinal()];
    p.active(now, Math.max(t.endCycle(), q.lastEnd));
    p.busy(now, now + engine.descriptorOverheadCycles());
    p.busy(dataStart, t.endCycle());
    if (tracing) {
      emit(unit, si, now, t.endCycle(), t.busyCycles(), t.waitDataCycles(),
          Map.of("buffer", b.name(), "bytes", bytes));
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("index", si.where());
      args.put("bytes", bytes);
      args.put("bursts", t.dram().bursts());
      args.put("burst_efficiency", t.dram().burstEfficiency());
      trace.emit(new TraceEvent("dram_bus", in(si), "dma", dataStart, t.dram().dataCycles(), args));
    }
    return t.endCycle();
  }

  private static String in(SourcedInstruction si) {
    return si.instruction().mnemonic();
  }

  private void emit(UnitId unit, SourcedInstruction si, long start, long end, long busyCycles,
      long waitCycles, Map<String, Object> extra) {
    if (!tracing) {
      return;
    }
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("index", si.where());
    args.put("busy_cycles", busyCycles);
    args.put("wait_data_cycles", waitCycles);
    args.putAll(extra);
    String category = unit == UnitId.DMA_LOAD || unit == UnitId.DMA_STORE ? "dma" : "compute";
    trace.emit(new TraceEvent(unit.label(), in(si), category, start, end - start, args));
  }

  /** Attributes [now, now + dt) of every unit not executing to wait_token or idle; queue-full cycles. */
  private void account(long dt, ProgramStream stream) {
    for (QueueState q : queues) {
      UnitId blocked = null;
      boolean blockedAll = false;
      if (q.inFlight.isEmpty() && !q.waiting.isEmpty()) {
        blocked = UnitId.of(q.waiting.peekFirst().instruction());
        blockedAll = blocked == null;
      }
      for (UnitId u : UNITS) {
        // A unit with an instruction in flight is accounted by its phase timeline.
        if (u.queue() != q.queue || q.runs(u)) {
          continue;
        }
        if (blockedAll || u == blocked) {
          waitToken[u.ordinal()] += dt;
        } else {
          idle[u.ordinal()] += dt;
        }
      }
    }
    SourcedInstruction next = stream.peek();
    if (next != null) {
      QueueState q = queues[next.instruction().queue().ordinal()];
      if (q.full()) {
        q.queueFullCycles += dt;
      }
    }
  }

  private String deadlockMessage(ProgramStream stream) {
    StringJoiner parts = new StringJoiner("; ", "deadlock at cycle " + now + ": ", "");
    for (QueueState q : queues) {
      if (q.waiting.isEmpty()) {
        parts.add(q.queue.label() + " queue empty");
        continue;
      }
      SourcedInstruction head = q.waiting.peekFirst();
      Queue from = tokens.missing(q, head);
      parts.add(head.describe() + (from != null
          ? " waiting on " + from.label() + "->" + q.queue.label() + " token"
          : " waiting for the previous instruction (force-serial)"));
    }
    SourcedInstruction next = stream.peek();
    if (next != null && queues[next.instruction().queue().ordinal()].full()) {
      parts.add("dispatch stalled before " + next.describe() + ": " + next.instruction().queue().label()
          + " queue full (capacity " + options.queueCapacity() + ")");
    }
    return parts.toString();
  }

  private SimulationStats stats() {
    List<UnitStats> units = new ArrayList<>();
    for (UnitId u : UnitId.values()) {
      int i = u.ordinal();
      units.add(new UnitStats(u.label(), unitInstructions[i], phases[i].busyCycles, phases[i].waitDataCycles,
          waitToken[i], idle[i]));
    }
    List<QueueStats> qs = new ArrayList<>();
    for (QueueState q : queues) {
      qs.add(new QueueStats(q.queue.label(), q.executed, q.queueFullCycles));
    }
    List<BufferStats> bs = new ArrayList<>();
    for (Buffer b : Buffer.values()) {
      BufferCounters c = sram[b.ordinal()].counters();
      bs.add(new BufferStats(b.name(), c.bytesRead(), c.bytesWritten(), c.portBusyCycles(), c.portConflictCycles(),
          c.bankConflictCycles()));
    }
    DramCounters d = machine.dram().counters();
    long useful = d.bytesRead() + d.bytesWritten();
    double seconds = now / (machine.clockMhz() * 1e6);
    DramStats dram = new DramStats(d.transfers(), d.bytesRead(), d.bytesWritten(), d.busBytes(), d.busCycles(),
        seconds == 0 ? 0 : useful / seconds / 1e9, d.busBytes() == 0 ? 1.0 : (double) useful / d.busBytes());
    return new SimulationStats(now, machine.clockMhz(), instructions, units, qs, bs, dram,
        OverlapStats.fromMaskCounts(overlap.countsByMask()));
  }

  /**
   * Times one instruction as it starts: which unit it occupies (null for control instructions) and, in
   * {@link #end}, the cycle it completes. Compute instructions collect their SRAM operand traffic in the plan,
   * then hold their unit until both the compute and the slowest operand stream are done.
   */
  private final class Timing implements InstructionVisitor<UnitId> {
    private final QueueState q;
    private final SourcedInstruction si;
    long end;

    Timing(QueueState q, SourcedInstruction si) {
      this.q = q;
      this.si = si;
    }

    @Override
    public UnitId visitLoad(Load l) {
      end = dma(q, si, machine.loadDma(), l.buffer(), l.sramAddr(), l.dramAddr(), l.rows(), l.rowBytes(),
          l.dramStrideBytes(), true);
      return UnitId.DMA_LOAD;
    }

    @Override
    public UnitId visitStore(Store s) {
      end = dma(q, si, machine.storeDma(), s.buffer(), s.sramAddr(), s.dramAddr(), s.rows(), s.rowBytes(),
          s.dramStrideBytes(), false);
      return UnitId.DMA_STORE;
    }

    @Override
    public UnitId visitCfg(Cfg c) {
      switch (c.reg()) {
        case ACT_ROW_STRIDE_BYTES -> strides = strides.withAct(c.value());
        case ACC_ROW_STRIDE_BYTES -> strides = strides.withAcc(c.value());
        case LUT_ROW_STRIDE_BYTES -> strides = strides.withLut(c.value());
        case SPARSE_ENTRIES -> sparseEntries = c.value();
        case SF_GATE -> sfGate = c.value();
        case SF_MASK_ADDR -> sfMaskAddr = c.value();
        case SPARSE_BITMAP_ADDR -> sparseBitmapAddr = c.value();
        default -> { }
      }
      end = now;
      return null;
    }

    @Override
    public UnitId visitSync(Sync in) {
      end = now;
      return null;
    }

    @Override
    public UnitId visitGemmTernary(GemmTernary g) {
      ZeroWeights zeros = machine.macArray().zeroSkip() == ZeroSkip.CYCLES
          ? options.values().zeroWeights(g) : ZeroWeights.NONE;
      return occupy(UnitId.MAC_ARRAY, machine.macArray().occupancy(g, zeros, strides, streams));
    }

    @Override
    public UnitId visitGemmInt8(GemmInt8 g) {
      return occupy(UnitId.MAC_ARRAY, machine.macArray().occupancy(g, strides, streams));
    }

    @Override
    public UnitId visitGemmF16(GemmF16 g) {
      return occupy(UnitId.VECTOR_UNIT, machine.vectorUnit().occupancy(g, streams));
    }

    @Override
    public UnitId visitGemmSf(GemmSf g) {
      return occupy(UnitId.MAC_ARRAY, machine.macArray().occupancy(g, strides, sfGate != 0 ? sfMaskAddr : -1,
          streams));
    }

    @Override
    public UnitId visitGemmQ2(GemmQ2 g) {
      return occupy(UnitId.MAC_ARRAY, machine.macArray().occupancy(g, strides, streams));
    }

    @Override
    public UnitId visitGemmIw(GemmIw g) {
      return occupy(UnitId.MAC_ARRAY, machine.macArray().occupancy(g, strides, streams));
    }

    @Override
    public UnitId visitQuantIg(QuantIg q) {
      return occupy(UnitId.VECTOR_UNIT, machine.vectorUnit().occupancy(q, streams));
    }

    @Override
    public UnitId visitGemmBp(GemmBp g) {
      return occupy(UnitId.MAC_ARRAY, machine.macArray().occupancy(g, strides, streams));
    }

    @Override
    public UnitId visitQuantBp(QuantBp q) {
      return occupy(UnitId.VECTOR_UNIT, machine.vectorUnit().occupancy(q, streams));
    }

    @Override
    public UnitId visitGemmSparse(GemmSparse g) {
      return occupy(machine.sparseUnit() != null ? UnitId.SPARSE_UNIT : UnitId.VECTOR_UNIT,
          machine.sparsePath().occupancy(g, sparseEntries, sparseBitmapAddr, streams));
    }

    @Override
    public UnitId visitLutBuild(LutBuild b) {
      return occupy(UnitId.LUT_CORE, machine.lutCore().occupancy(b, strides, streams));
    }

    @Override
    public UnitId visitLutGemm(LutGemm g) {
      return occupy(UnitId.LUT_CORE, machine.lutCore().occupancy(g, strides, streams));
    }

    @Override
    public UnitId visitLutBuildBp(LutBuildBp b) {
      return occupy(UnitId.LUT_CORE, machine.lutCore().occupancy(b, strides, streams));
    }

    @Override
    public UnitId visitLutGemmBp(LutGemmBp g) {
      return occupy(UnitId.LUT_CORE, machine.lutCore().occupancy(g, strides, streams));
    }

    @Override
    public UnitId visitLutBuildF16(LutBuildF16 b) {
      return occupy(UnitId.LUT_CORE, machine.lutCore().occupancy(b, strides, streams));
    }

    @Override
    public UnitId visitLutGemmF16(LutGemmF16 g) {
      return occupy(UnitId.LUT_CORE, machine.lutCore().occupancy(g, strides, streams));
    }

    @Override
    public UnitId visitVec(Vec v) {
      return occupy(UnitId.VECTOR_UNIT, machine.vectorUnit().occupancy(v, streams));
    }

    @Override
    public UnitId visitLoopWeights(LoopWeights in) {
      throw notExecutable(in);
    }

    @Override
    public UnitId visitLoopBounds(LoopBounds in) {
      throw notExecutable(in);
    }

    @Override
    public UnitId visitLoopGemm(LoopGemm in) {
      throw notExecutable(in);
    }

    @Override
    public UnitId visitFinish(Finish in) {
      throw notExecutable(in);
    }

    /** The unit is busy from the first operand to the later of compute done and the slowest stream. */
    private UnitId occupy(UnitId unit, long computeCycles) {
      end = reserveOperands(computeCycles);
      long wait = end - now - computeCycles;
      phases[unit.ordinal()].active(now, end);
      phases[unit.ordinal()].busy(now + wait, end);
      emit(unit, si, now, end, computeCycles, wait, Map.of());
      return unit;
    }

    private IllegalStateException notExecutable(Instruction in) {
      return new IllegalStateException("instruction kind not executable by the engine: " + in.mnemonic());
    }
  }
}
