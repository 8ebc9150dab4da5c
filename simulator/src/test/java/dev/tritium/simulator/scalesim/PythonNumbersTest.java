package dev.tritium.simulator.scalesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PythonNumbersTest {

  @Test
  void reprMatchesCPython() {
    // Expected strings are what CPython 3 prints for repr(x).
    assertEquals("91.68309650614964", PythonNumbers.repr(91.68309650614964));
    assertEquals("94.53125", PythonNumbers.repr(94.53125));
    assertEquals("100.0", PythonNumbers.repr(100.0));
    assertEquals("0.1", PythonNumbers.repr(0.1));
    assertEquals("0.30000000000000004", PythonNumbers.repr(0.1 + 0.2));
    assertEquals("0.0001", PythonNumbers.repr(1e-4));
    assertEquals("1e-05", PythonNumbers.repr(1e-5));
    assertEquals("1.5e-07", PythonNumbers.repr(1.5e-7));
    assertEquals("1234567890123456.0", PythonNumbers.repr(1234567890123456.0));
    assertEquals("1e+16", PythonNumbers.repr(1e16));
    assertEquals("1.2345e+20", PythonNumbers.repr(1.2345e20));
    assertEquals("-2.5", PythonNumbers.repr(-2.5));
    assertEquals("0.0", PythonNumbers.repr(0.0));
    // JDK 17's Double.toString prints 2.0E-3 style and, for some values, more digits than needed.
    assertEquals("0.002", PythonNumbers.repr(2e-3));
    assertEquals("2e+23", PythonNumbers.repr(2e23));
  }

  @Test
  void trueDivisionIsCorrectlyRounded() {
    assertEquals(1.0 / 3, PythonNumbers.trueDivide(1, 3));
    // Beyond 2^53 the quotient is still the nearest double: (2^60 + 1) / 1 rounds to 2^60.
    assertEquals(Math.pow(2, 60), PythonNumbers.trueDivide((1L << 60) + 1, 1));
  }

  @Test
  void intParsingFollowsPython() {
    assertEquals(32, PythonNumbers.parseInt(" 32 "));
    assertEquals(1000, PythonNumbers.parseInt("1_000"));
    assertEquals(-5, PythonNumbers.parseInt("-5"));
    assertThrows(NumberFormatException.class, () -> PythonNumbers.parseInt("32 # rows"));
    assertThrows(NumberFormatException.class, () -> PythonNumbers.parseInt("3.0"));
  }
}
