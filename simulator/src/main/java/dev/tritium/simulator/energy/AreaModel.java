package dev.tritium.simulator.energy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prices component areas in um^2 at one technology node from a stack of tables, with the same lookup
 * rules as {@link EnergyModel}, and gives the leakage density for static power.
 *
 * <p>Recipes, used only when no table has an entry of the component's own family (weight-stationary
 * PEs: one stationary weight register and one accumulator register; operand pipeline registers and
 * wiring are not modelled):
 * <ul>
 *   <li>{@code ternary_pe{acc_bits=w}} = {@code int_adder{w}} + {@code skip_mux{w}} + (2 + w) register bits
 *       (2-bit weight code).
 *   <li>{@code int_mac_pe{weight_bits=a, act_bits=b, acc_bits=w}} = {@code int_multiplier} at sqrt(a*b)
 *       bits + {@code int_adder{w}} + (a + w) register bits.
 *   <li>{@code fp_mac_pe{format=f, acc_format=g}} = {@code fp_multiplier{f}} + {@code fp_adder{g}} +
 *       (bits(f) + bits(g)) register bits.
 *   <li>{@code sram_buffer{capacity_bytes=n}} = 8n x {@code sram} per bit.
 * </ul>
 */
public final class AreaModel {

  private static final Pattern FORMAT_BITS = Pattern.compile("[a-z]+(\\d+)");

  private final CostResolver resolver;

  AreaModel(List<CostTable> tables, ScalingLaw law, int targetNodeNm) {
    this.resolver = new CostResolver(tables, CostTable::area, law, targetNodeNm, false);
  }

  /** The node every figure is moved to. */
  public int targetNodeNm() {
    return resolver.targetNm();
  }

  /**
   * The area of one component (per instance or per bit) at the target node, with its sources.
   *
   * @throws UnpricedException if no table prices it, directly or through its recipe
   */
  public PricedComponent price(Component component) {
    return PricedComponent.of(component, resolve(component, null));
  }

  private Priced resolve(Component component, Component neededBy) {
    Optional<Priced> direct = resolver.lookup(component.kind(), component.conditions());
    if (direct.isPresent()) {
      return direct.get();
    }
    Conditions c = component.conditions();
    return switch (component.kind()) {
      case TERNARY_PE -> {
        int acc = Math.toIntExact(c.integer(Param.ACC_BITS));
        yield Priced.sum(component + " = adder + skip mux + registers", List.of(1.0, 1.0, 2.0 + acc), List.of(
            resolve(Component.intAdder(acc), component), resolve(Component.skipMux(acc), component),
            resolve(Component.register(), component)));
      }
      case INT_MAC_PE -> {
        long a = c.integer(Param.WEIGHT_BITS);
        long b = c.integer(Param.ACT_BITS);
        int acc = Math.toIntExact(c.integer(Param.ACC_BITS));
        yield Priced.sum(component + " = multiplier + adder + registers", List.of(1.0, 1.0, (double) (a + acc)),
            List.of(multiplier(component, a, b), resolve(Component.intAdder(acc), component),
                resolve(Component.register(), component)));
      }
      case FP_MAC_PE -> {
        String f = c.name(Param.FORMAT);
        String g = c.name(Param.ACC_FORMAT);
        yield Priced.sum(component + " = fp multiplier + fp adder + registers",
            List.of(1.0, 1.0, (double) (formatBits(f) + formatBits(g))), List.of(
                resolve(Component.fpMultiplier(f), component), resolve(Component.fpAdder(g), component),
                resolve(Component.register(), component)));
      }
      case SRAM_BUFFER -> Priced.sum(component + " = bits x sram", List.of(8.0 * c.integer(Param.CAPACITY_BYTES)),
          List.of(resolve(Component.sram(), component)));
      default -> throw unpriced(component, neededBy);
    };
  }

  private Priced multiplier(Component pe, long a, long b) {
    if (a == b) {
      return resolve(Component.intMultiplier((int) a), pe);
    }
    double symmetric = Math.sqrt((double) a * b);
    Component asked = Component.intMultiplier((int) Math.ceil(symmetric));
    return resolver.lookupAt(ComponentKind.INT_MULTIPLIER, asked.conditions(), symmetric)
        .orElseThrow(() -> unpriced(asked, pe));
  }

  /** Bits of a floating-point format named like {@code fp16}, {@code bf16}, {@code fp32}. */
  static int formatBits(String format) {
    Matcher m = FORMAT_BITS.matcher(format);
    if (!m.matches()) {
      throw new IllegalArgumentException("cannot tell the width of floating-point format '" + format
          + "' (expected a name ending in its bit count, e.g. fp16)");
    }
    return Integer.parseInt(m.group(1));
  }

  private UnpricedException unpriced(Component component, Component neededBy) {
    return new UnpricedException(component.toString(), "no area table prices " + component
        + (neededBy == null ? "" : " (needed by " + neededBy + ")") + "; tables searched: "
        + resolver.tableNames() + ". Add an entry for it to a table file (see simulator/README.md,"
        + " 'Energy and area').");
  }

  /**
   * Leakage density at the target node: the first table's leakage entry, scaled as Accelergy's
   * hwcomponents does (leakage power of a circuit follows the energy factor, its area the area factor,
   * so the density moves by energyFactor / areaFactor).
   *
   * @throws UnpricedException if no table gives a leakage density
   */
  public LeakageDensity leakage() {
    for (CostTable t : resolver.tables()) {
      if (!t.leakage().isEmpty()) {
        LeakageEntry e = t.leakage().get(0);
        ScalingLaw law = resolver.law();
        int to = resolver.targetNm();
        double factor = law.energyFactor(e.nodeNm(), to) / law.areaFactor(e.nodeNm(), to);
        return new LeakageDensity(e.nWPerUm2() * factor, e, String.format(Locale.ROOT,
            "%.6g nW/um2 @%d nm x %.6g (energy/area factor %d->%d nm)", e.nWPerUm2(), e.nodeNm(), factor,
            e.nodeNm(), to));
      }
    }
    throw new UnpricedException("leakage", "no table gives a leakage density (nW_per_um2); tables searched: "
        + resolver.tableNames());
  }
}
