package dev.packit.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Inputs the fuzzer found; each once hung the evaluator or ran it out of memory. */
class SpecFuzzRegressionTest {
  private static final SpecFile SPEC = SpecFile.parse("Name: x\nVersion: 1\nRelease: 1\n");

  @Test
  void luaStringRepStillRepeats() {
    assertEquals("ababab", SPEC.expand("%{lua: print(string.rep('ab', 3))}"));
    assertEquals("[]", SPEC.expand("%{lua: print('[' .. string.rep('ab', -1) .. ']')}"));
  }

  @Test
  void hugeLuaStringRepIsLeftUnevaluatedInsteadOfAllocatingGigabytes() {
    String snippet = "%{lua: print(string.rep('x', 1e9))}";
    assertEquals(snippet, SPEC.expand(snippet));
  }

  @Test
  void doublingLuaConcatenationIsBounded() {
    String snippet = "%{lua: x = 'x' " + "x = x .. x ".repeat(40) + "print(#x)}";
    assertEquals(snippet, SPEC.expand(snippet));
  }
}
