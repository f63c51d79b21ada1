package dev.packit.examples.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sample's main refuses an incomplete environment with the variable's name. */
class BotMainTest {
  @Test
  void aMissingVariableIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BotMain.run(Map.of("PACKIT_BOT_HTTP_PORT", "-1")));
    assertEquals("environment variable PACKIT_BOT_DISTGIT_URL is required", e.getMessage());
  }
}
