package dev.tritium.simulator.energy.accounting;

/**
 * Traffic of one memory level and direction beyond its compulsory bytes, and what it costs.
 *
 * @param level {@code dram.read}, {@code dram.write}, {@code sram.read}, {@code sram.write}
 * @param actualBytes bytes the run moved (DRAM reads include burst padding)
 * @param compulsoryBytes bytes the layer cannot avoid
 * @param excessBytes {@code actual - compulsory} (negative when the supplied compulsory figure exceeds
 *     what was moved: then the compulsory figure is wrong, which a check should flag)
 * @param pJPerBit average energy per bit of this level and direction in the run
 * @param excessPj {@code excessBytes x 8 x pJPerBit}
 */
public record MemoryOverhead(String level, long actualBytes, long compulsoryBytes, long excessBytes,
    double pJPerBit, double excessPj) {}
