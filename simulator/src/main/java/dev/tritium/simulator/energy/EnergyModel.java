package dev.tritium.simulator.energy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prices actions in pJ at one technology node from a stack of tables (see {@link CostResolver} for
 * the lookup rules). An action no table prices, directly or through its recipe, is an
 * {@link UnpricedException} naming it; nothing defaults.
 *
 * <p>Recipes, used only when no table has an entry of the action's own family:
 * <ul>
 *   <li>{@code ternary_add/ternary_sub{acc_bits=w}} = {@code int_add{bits=w}}: the sign-extended int8
 *       operand is added into (or, two's complement, subtracted from: inverted operand, carry-in 1) a
 *       w-bit accumulator, so the carry chain spans the accumulator. The inverters of the subtract are
 *       not priced.
 *   <li>{@code lut_build_add{bits=w}} = {@code int_add{bits=w}}.
 *   <li>{@code int_mac{weight_bits=a, act_bits=b, acc_bits=w}} = {@code int_mult} at the symmetric
 *       width sqrt(a*b) (an array multiplier has a*b partial-product cells) + {@code int_add{bits=w}}.
 *   <li>{@code fp_mac{format=f, acc_format=g}} = {@code fp_mult{f}} + {@code fp_add{g}} (conversion of
 *       the product to the accumulator format is not priced).
 *   <li>{@code lut_lookup{entry_bits=n}} = n x {@code regfile_read}: a LUT held in registers; a LUT
 *       held in an SRAM buffer is priced as {@code sram_read} bits by the caller instead.
 *   <li>{@code fp_func{op, format}} = m x {@code fp_mult} + a x {@code fp_add}, the op counts of
 *       {@link FpFunctions} (explicit assumptions: no cited per-function energies).
 * </ul>
 */
public final class EnergyModel {

  private final CostResolver resolver;
  private final Map<Action, PricedAction> cache = new ConcurrentHashMap<>();

  EnergyModel(List<CostTable> tables, ScalingLaw law, int targetNodeNm) {
    this.resolver = new CostResolver(tables, CostTable::energy, law, targetNodeNm, true);
  }

  /** The node every figure is moved to. */
  public int targetNodeNm() {
    return resolver.targetNm();
  }

  /**
   * The energy of one action (per operation or per bit) at the target node, with its sources.
   *
   * @throws UnpricedException if no table prices it, directly or through its recipe
   */
  public PricedAction price(Action action) {
    PricedAction hit = cache.get(action);
    if (hit != null) {
      return hit;
    }
    PricedAction priced = PricedAction.of(action, resolve(action, null));
    cache.put(action, priced);
    return priced;
  }

  /** Energy of {@code count} operations (or bits) of an action, in pJ. */
  public double energyPj(Action action, long count) {
    return price(action).totalPj(count);
  }

  private Priced resolve(Action action, Action neededBy) {
    Optional<Priced> direct = resolver.lookup(action.kind(), action.conditions());
    if (direct.isPresent()) {
      return direct.get();
    }
    Conditions c = action.conditions();
    return switch (action.kind()) {
      case TERNARY_ADD, TERNARY_SUB -> recipe(action, "int add of the accumulator width",
          Action.intAdd(bits(c, Param.ACC_BITS)));
      case LUT_BUILD_ADD -> recipe(action, "int add", Action.intAdd(bits(c, Param.BITS)));
      case FP_MAC -> Priced.sum(action + " = fp mult + fp add", List.of(1.0, 1.0), List.of(
          resolve(Action.fpMult(c.name(Param.FORMAT)), action),
          resolve(Action.fpAdd(c.name(Param.ACC_FORMAT)), action)));
      case INT_MAC -> Priced.sum(action + " = int mult + int add", List.of(1.0, 1.0), List.of(
          multiplier(action, c.integer(Param.WEIGHT_BITS), c.integer(Param.ACT_BITS)),
          resolve(Action.intAdd(bits(c, Param.ACC_BITS)), action)));
      case LUT_LOOKUP -> Priced.sum(action + " = entry_bits x regfile_read", List.of((double) c.integer(
          Param.ENTRY_BITS)), List.of(resolve(Action.regfileRead(), action)));
      case FP_FUNC -> {
        FpFunctions.Cost cost = FpFunctions.cost(c.name(Param.OP)).orElseThrow(() -> unpriced(action, neededBy));
        String f = c.name(Param.FORMAT);
        yield Priced.sum(action + " = ASSUMPTION " + cost.basis(), List.of((double) cost.mults(), (double) cost.adds()),
            List.of(resolve(Action.fpMult(f), action), resolve(Action.fpAdd(f), action)));
      }
      default -> throw unpriced(action, neededBy);
    };
  }

  private Priced recipe(Action action, String what, Action part) {
    return Priced.sum(action + " = " + what, List.of(1.0), List.of(resolve(part, action)));
  }

  /** An a x b multiplier priced as a symmetric sqrt(a*b)-bit one. */
  private Priced multiplier(Action mac, long weightBits, long actBits) {
    if (weightBits == actBits) {
      return resolve(Action.intMult((int) weightBits), mac);
    }
    double symmetric = Math.sqrt((double) weightBits * actBits);
    Action asked = Action.intMult((int) Math.ceil(symmetric));
    return resolver.lookupAt(ActionKind.INT_MULT, asked.conditions(), symmetric)
        .orElseThrow(() -> unpriced(asked, mac));
  }

  private static int bits(Conditions c, Param p) {
    return Math.toIntExact(c.integer(p));
  }

  private UnpricedException unpriced(Action action, Action neededBy) {
    return new UnpricedException(action.toString(), "no energy table prices " + action
        + (neededBy == null ? "" : " (needed by " + neededBy + ")") + "; tables searched: "
        + resolver.tableNames() + ". Add an entry for it to a table file (see simulator/README.md,"
        + " 'Energy and area').");
  }

  /** The tables searched, highest priority first. */
  public List<CostTable> tables() {
    return resolver.tables();
  }

  /** The scaling law used to move figures to the target node. */
  public ScalingLaw law() {
    return resolver.law();
  }
}
