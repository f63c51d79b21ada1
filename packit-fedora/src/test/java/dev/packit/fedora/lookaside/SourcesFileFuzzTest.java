package dev.packit.fedora.lookaside;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.packit.core.InvalidInputException;
import dev.packit.core.testing.Fuzz;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the {@code sources} parser: any text parses or fails with {@link InvalidInputException}
 * naming a line, and what parses renders to text that parses to the same entries.
 */
class SourcesFileFuzzTest {
  @Test
  void anyTextParsesOrFailsWithALine() {
    Fuzz.target("sources")
        .seeds(Fuzz.fixtureSeeds("lookaside", name -> name.startsWith("sources")))
        .seed("SHA512 (demo-1.0.tar.gz) = " + "ab".repeat(64) + "\n")
        .seed("0123456789abcdef0123456789abcdef  demo-0.9.tar.gz\n")
        .tokens("SHA512 (", "SHA256 (", "MD5 (", ") = ", "  ", "../", "/", ".", "..", "(", ")", "a.tar.gz",
            "ab".repeat(64), "ab".repeat(16), "ab".repeat(32), "# comment\n")
        .expect(InvalidInputException.class)
        .rejectionsMust(t -> ((InvalidInputException) t).location().line() > 0)
        .run(bytes -> {
          SourcesFile parsed = SourcesFile.parse(new String(bytes, UTF_8), "sources");
          SourcesFile again = SourcesFile.parse(parsed.render(), "rendered");
          assertEquals(parsed.entries(), again.entries(), "render round trip");
        });
  }
}
