package dev.packit.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Inputs the fuzzer found. */
class ConfigFuzzRegressionTest {
  @Test
  void notUtf8NamesTheLineAndColumnOfTheFirstBadByte() {
    byte[] head = "specfile_path: x.spec\njobs: [é".getBytes(StandardCharsets.UTF_8);
    byte[] yaml = new byte[head.length + 2];
    System.arraycopy(head, 0, yaml, 0, head.length);
    yaml[head.length] = (byte) 0xff;
    yaml[head.length + 1] = ']';
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> PackitConfigLoader.defaults().load(yaml, ".packit.yaml"));
    assertEquals(2, e.errors().get(0).line());
    assertEquals(9, e.errors().get(0).column());
  }

  @Test
  void aForbiddenControlCharacterNamesItsLineAndColumn() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> PackitConfigLoader.defaults().load("specfile_path: x.spec\nupstream_package\u001fname: x\n", ".packit.yaml"));
    assertEquals(2, e.errors().get(0).line());
    assertEquals(17, e.errors().get(0).column());
  }
}
