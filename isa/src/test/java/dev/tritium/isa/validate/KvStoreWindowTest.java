package dev.tritium.isa.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.IsaTargetFile;
import dev.tritium.isa.Load;
import dev.tritium.isa.Store;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The on-chip KV store's window: a transfer lies wholly inside the store or wholly in DRAM. */
class KvStoreWindowTest {

  private static final IsaTarget EDGE = IsaTarget.edgeDefault();
  private static final IsaTarget WITH_STORE = new IsaTarget("kv", EDGE.wgtBytes(), EDGE.actBytes(), EDGE.accBytes(),
      EDGE.lutBytes(), EDGE.vecBytes(), EDGE.macRows(), EDGE.macCols(), EDGE.lut(), EDGE.vectorLanes(), EDGE.packings(),
      2, 4096);

  private static ValidationReport check(IsaTarget t, Instruction i) {
    return Validator.validate(List.of(i, new Finish(Deps.NONE)), t);
  }

  @Test
  void transfersInsideTheStorePassAndOnesThatLeaveItFail() {
    assertTrue(check(WITH_STORE, new Load(Deps.NONE, Buffer.ACT, 0, IsaTarget.KV_STORE_BASE + 96, 1, 4000, 0)).ok());
    ValidationReport past = check(WITH_STORE, new Store(Deps.NONE, Buffer.ACT, 0, IsaTarget.KV_STORE_BASE + 4000, 1,
        200, 200));
    assertFalse(past.ok());
    assertTrue(past.findings().get(0).toString().contains("is not inside the on-chip KV store [0x800000000, 0x800001000)"),
        past.findings().toString());
    // without a store the window is ordinary DRAM
    assertTrue(check(EDGE, new Store(Deps.NONE, Buffer.ACT, 0, IsaTarget.KV_STORE_BASE + 4000, 1, 200, 200)).ok());
  }

  @Test
  void aTargetFileNamesTheStoresSize() {
    IsaTarget t = IsaTargetFile.parse("wgt_bytes = 1024\nact_bytes = 1024\nacc_bytes = 1024\nlut_bytes = 0\n"
        + "vec_bytes = 1024\nmac_rows = 4\nmac_cols = 4\nvector_lanes = 4\npackings = TWO_BIT\nkv_store_bytes = 65536\n",
        "t.target");
    assertEquals(65536, t.kvStoreBytes());
    assertTrue(t.inKvStore(IsaTarget.KV_STORE_BASE) && !t.inKvStore(IsaTarget.KV_STORE_BASE - 1));
    assertEquals(Optional.empty(), t.lut());
    assertEquals(t, IsaTargetFile.parse(IsaTargetFile.toText(t), "t.target"), "written back and read again");
  }
}
