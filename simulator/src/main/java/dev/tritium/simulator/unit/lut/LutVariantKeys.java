package dev.tritium.simulator.unit.lut;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import dev.tritium.isa.LutVariant;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Arch files name the ISA's {@link LutVariant} by its {@link LutVariant#key() key} ({@code ternary_base3},
 * {@code ternary_mirror}, {@code bit_serial}, {@code binary}, {@code binary_mirror}). The ISA module has no Jackson, so the binding lives here, on
 * the config field, and works for every mapper that reads or writes an arch (YAML files, sweep JSON).
 */
public final class LutVariantKeys {

  private LutVariantKeys() {}

  /** The accepted keys, declaration order, for error messages. */
  public static String keys() {
    return Arrays.stream(LutVariant.values()).map(LutVariant::key).collect(Collectors.joining(", "));
  }

  static final class Serializer extends JsonSerializer<LutVariant> {
    @Override
    public void serialize(LutVariant v, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(v.key());
    }
  }

  static final class Deserializer extends JsonDeserializer<LutVariant> {
    @Override
    public LutVariant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      if (text != null) {
        for (LutVariant v : LutVariant.values()) {
          if (v.key().equals(text)) {
            return v;
          }
        }
      }
      // An InvalidFormatException with the enum as target type: the arch reader turns it into
      // "key '...' has invalid value '...' (expected one of: ...)".
      throw ctxt.weirdStringException(text == null ? p.getText() : text, LutVariant.class,
          "not one of the values accepted: [" + keys() + "]");
    }
  }
}
