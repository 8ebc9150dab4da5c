package dev.tritium.mapper.program;

import dev.tritium.isa.Deps;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Load;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import java.util.ArrayList;
import java.util.List;

/**
 * A weight stream with its next tile's LOAD overlapping this tile's compute, and each output row tile's STORE
 * overlapping the next row tile's compute: two weight slots (tile t in slot t % 2) and two output blocks (row tile i
 * in block i % 2), ordered by dependency tokens as LOOP.GEMM orders its slots (isa/README.md): LOAD t+1 is issued
 * before the compute of tile t and, from t+1 = 2 on, waits for the compute of tile t-1 to free its slot (compute
 * push_prev, load pop_next); the compute of tile t waits for its LOAD (pop_prev). The last compute of row tile i
 * pushes to the STORE queue (push_next), its STORE pops it and pushes back (push_prev), and the first compute of row
 * tile i+2, which writes the same output block, pops that (pop_next); compute SYNCs pop the last (at most two)
 * STOREs' tokens at the end, so every counter balances.
 *
 * <p>The stream may follow instructions emitted by {@link ProgramBuilder} (its loads and stores balance by
 * themselves); everything it touches besides the two slots and the two output blocks must be ready before it starts,
 * which ProgramBuilder's batches guarantee (compute waits for them).
 */
public final class TileStream {

  /**
   * One of the two weight slots: its index (0 or 1; a tile that also double-buffers something of its own, such as
   * the row steps of its group, picks its copy by it) and its address in the weight buffer.
   */
  public record Slot(int index, long addr) {}

  /**
   * One weight tile: its LOADs into a slot (the weight slot, and optionally what else the tile double-buffers by the
   * slot's index), and the compute reading them (and writing an output block).
   */
  public interface Tile {
    /** The LOADs, in order; at least one (their deps are set by the stream: the first waits, the last signals). */
    List<Load> loads(Slot slot);

    /** The compute instructions of this tile, in order (their deps are set by the stream). */
    List<Instruction> compute(Slot slot, long outAddr);
  }

  /** One output row tile: its weight tiles in order, and the STORE of its output block. */
  public interface RowTile {
    List<Tile> tiles();

    Store store(long outAddr);
  }

  /**
   * A row tile given by its weight tiles and a STORE template: the stream's output block is the STORE's source (the
   * template's SRAM address is ignored).
   */
  public record StoredRows(List<Tile> tiles, Store store) implements RowTile {
    @Override
    public Store store(long outAddr) {
      return new Store(Deps.NONE, store.buffer(), outAddr, store.dramAddr(), store.rows(), store.rowBytes(),
          store.dramStrideBytes());
    }
  }

  private TileStream() {}

  /**
   * Appends the stream to {@code pb}.
   *
   * @throws IllegalArgumentException when a row tile has no tiles or a tile no compute
   */
  public static void emit(ProgramBuilder pb, long slot0, long slot1, long out0, long out1, List<? extends RowTile> rows) {
    List<Tile> flat = new ArrayList<>();
    List<Integer> rowOf = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      List<Tile> ts = rows.get(i).tiles();
      if (ts.isEmpty()) {
        throw new IllegalArgumentException("row tile " + i + " has no weight tiles; expected at least one");
      }
      for (Tile t : ts) {
        flat.add(t);
        rowOf.add(i);
      }
    }
    int total = flat.size();
    if (total == 0) {
      return;
    }
    emitLoads(pb, flat.get(0).loads(slot(0, slot0, slot1)), false);
    for (int t = 0; t < total; t++) {
      if (t + 1 < total) {
        emitLoads(pb, flat.get(t + 1).loads(slot(t + 1, slot0, slot1)), t + 1 >= 2);
      }
      int row = rowOf.get(t);
      boolean firstOfRow = t == 0 || rowOf.get(t - 1) != row;
      boolean lastOfRow = t == total - 1 || rowOf.get(t + 1) != row;
      long out = row % 2 == 0 ? out0 : out1;
      List<Instruction> ops = flat.get(t).compute(slot(t, slot0, slot1), out);
      if (ops.isEmpty()) {
        throw new IllegalArgumentException("weight tile " + t + " has no compute; expected at least one instruction");
      }
      for (int j = 0; j < ops.size(); j++) {
        boolean first = j == 0;
        boolean last = j == ops.size() - 1;
        pb.add(ops.get(j).withDeps(new Deps(first, first && firstOfRow && row >= 2, last && t + 2 < total,
            last && lastOfRow)));
      }
      if (lastOfRow) {
        Store st = rows.get(row).store(out);
        if (!DmaSplit.fits(st.rows(), st.rowBytes())) {
          throw new IllegalArgumentException("the STORE of row tile " + row + " (" + st.rows() + " rows of "
              + st.rowBytes() + " bytes) needs splitting; a streamed row tile's store must fit one instruction");
        }
        pb.add(st.withDeps(new Deps(true, false, true, false)));
      }
    }
    for (int i = Math.max(0, rows.size() - 2); i < rows.size(); i++) {
      pb.add(new Sync(new Deps(false, true, false, false), Queue.COMPUTE));
    }
  }

  /**
   * The LOAD of a weight tile stored as one contiguous block in DRAM ({@link #tileMajor}) into a slot: rows of whole
   * groups of the tile's weight rows, each at most 64 KiB, so that the stream reads long bursts instead of one short
   * strided piece per weight row (each such piece pays whole DRAM bursts).
   */
  public static Load contiguousTile(long slotAddr, long dramAddr, int rows, int rowBytes) {
    int group = 1;
    for (int r = Math.max(1, CONTIGUOUS_PIECE_BYTES / rowBytes); r >= 1; r--) {
      if (rows % r == 0) {
        group = r;
        break;
      }
    }
    long piece = (long) group * rowBytes;
    return new Load(Deps.NONE, dev.tritium.isa.Buffer.WGT, slotAddr, dramAddr, rows / group, (int) piece, piece);
  }

  /** The largest LOAD row {@link #contiguousTile} forms (within the DMA's 17-bit row_bytes). */
  private static final int CONTIGUOUS_PIECE_BYTES = 1 << 16;

  /**
   * A row-major matrix of {@code rows} rows of {@code rowBytes} bytes laid out tile-major for tiles of
   * {@code tileRows} rows x {@code tileBytes} bytes: row tiles in order, inside each its column tiles in order, each
   * tile's rows back to back ({@link #tileOffset}).
   */
  public static byte[] tileMajor(byte[] rowMajor, int rows, int rowBytes, int tileRows, int tileBytes) {
    byte[] out = new byte[rows * rowBytes];
    for (int r0 = 0; r0 < rows; r0 += tileRows) {
      int nt = Math.min(tileRows, rows - r0);
      for (int c0 = 0; c0 < rowBytes; c0 += tileBytes) {
        int ct = Math.min(tileBytes, rowBytes - c0);
        long base = tileOffset(rows, rowBytes, tileRows, r0, c0);
        for (int r = 0; r < nt; r++) {
          System.arraycopy(rowMajor, (r0 + r) * rowBytes + c0, out, (int) (base + (long) r * ct), ct);
        }
      }
    }
    return out;
  }

  /** Byte offset of the tile at rows r0.., bytes c0.. of each row in the {@link #tileMajor} layout. */
  public static long tileOffset(int rows, int rowBytes, int tileRows, int r0, int c0) {
    int nt = Math.min(tileRows, rows - r0);
    return (long) r0 * rowBytes + (long) nt * c0;
  }

  /**
   * A tile's LOADs: the first waits for the compute that last read the slot ({@code waitForSlot}: from the third tile
   * on), the last tells the compute the tile is in; loads in between carry no token (the load queue is in order).
   */
  private static void emitLoads(ProgramBuilder pb, List<Load> loads, boolean waitForSlot) {
    if (loads.isEmpty()) {
      throw new IllegalArgumentException("a weight tile has no LOAD; expected at least one");
    }
    for (int i = 0; i < loads.size(); i++) {
      pb.add(fits(loads.get(i)).withDeps(new Deps(false, i == 0 && waitForSlot, false, i == loads.size() - 1)));
    }
  }

  /** A streamed LOAD must be one instruction: its token flags are the stream's. */
  private static Load fits(Load l) {
    if (!DmaSplit.fits(l.rows(), l.rowBytes())) {
      throw new IllegalArgumentException("a streamed weight tile's LOAD (" + l.rows() + " rows of " + l.rowBytes()
          + " bytes) needs splitting; expected a tile that fits one instruction");
    }
    return l;
  }

  private static Slot slot(int t, long slot0, long slot1) {
    return t % 2 == 0 ? new Slot(0, slot0) : new Slot(1, slot1);
  }
}
