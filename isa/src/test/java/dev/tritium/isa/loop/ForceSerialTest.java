package dev.tritium.isa.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Programs;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.isa.loop.ForceSerial;
import dev.tritium.isa.loop.LoopExpander;
import dev.tritium.isa.validate.ValidationReport;
import dev.tritium.isa.validate.Validator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForceSerialTest {

  static final IsaTarget EDGE = IsaTarget.edgeDefault();

  @Test
  void serializingARacyProgramRemovesTheRace() {
    // LOAD writes ACT and STORE reads it with no tokens at all: the lint flags the race...
    List<Instruction> racy = List.of(
        new Load(Deps.NONE, Buffer.ACT, 0, 0, 1, 64, 64),
        new GemmTernary(Deps.NONE, 0, 0, 0, 1, 16, 64, Packing.TWO_BIT, false),
        new Store(Deps.NONE, Buffer.ACC, 0, 0x1000, 1, 64, 64),
        new Finish(Deps.NONE));
    assertEquals(2, Validator.validate(racy, EDGE).warnings().size());
    // ...and after serialization every instruction waits for the one before it.
    List<Instruction> serial = ForceSerial.apply(racy);
    ValidationReport r = Validator.validate(serial, EDGE, Validator.Options.STRICT);
    assertEquals(List.of(), r.findings());
    Deps pushNext = new Deps(false, false, false, true);
    Deps popPrev = new Deps(true, false, false, false);
    Deps pushPrev = new Deps(false, false, true, false);
    Deps popNext = new Deps(false, true, false, false);
    assertEquals(List.of(
        racy.get(0),
        new Sync(pushNext, Queue.LOAD), new Sync(popPrev, Queue.COMPUTE),
        racy.get(1),
        new Sync(pushNext, Queue.COMPUTE), new Sync(popPrev, Queue.STORE),
        racy.get(2),
        new Sync(pushPrev, Queue.STORE), new Sync(popNext, Queue.COMPUTE),
        racy.get(3)), serial);
  }

  @Test
  void loadToStoreHopsThroughCompute() {
    List<Instruction> p = List.of(new Load(Deps.NONE, Buffer.VEC, 0, 0, 1, 64, 64),
        new Store(Deps.NONE, Buffer.VEC, 0, 0x1000, 1, 64, 64), new Finish(Deps.NONE));
    List<Instruction> serial = ForceSerial.apply(p);
    assertEquals(List.of(Queue.LOAD, Queue.LOAD, Queue.COMPUTE, Queue.COMPUTE, Queue.STORE, Queue.STORE,
        Queue.STORE, Queue.COMPUTE, Queue.COMPUTE), serial.stream().map(Instruction::queue).toList());
    assertEquals(List.of(), Validator.validate(serial, EDGE, Validator.Options.STRICT).findings());
  }

  @Test
  void theBitLinearProgramStaysValidWhenSerialized() {
    List<Instruction> p = Programs.bitLinear2560x6912();
    List<Instruction> serial = ForceSerial.apply(p);
    assertTrue(serial.size() > LoopExpander.expandedSize(p));
    assertEquals(List.of(), Validator.validate(serial, EDGE, Validator.Options.STRICT).findings());
  }
}
