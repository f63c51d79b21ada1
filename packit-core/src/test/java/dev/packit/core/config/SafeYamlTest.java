package dev.packit.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SafeYamlTest {
  private static final PackitConfigLoader LOADER = PackitConfigLoader.builder().repositoryName("hello").build();

  private static String billionLaughs() {
    StringBuilder b = new StringBuilder("_:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      b.append("  a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      b.append("]\n");
    }
    return b.append("specfile_path: *a9\n").toString();
  }

  @Test
  void billionLaughsIsRefusedWithAClearError() {
    ConfigLoadResult r = LOADER.validate(billionLaughs(), "laughs.yaml");
    assertFalse(r.valid());
    String msg = r.errors().get(0).toString();
    assertTrue(msg.startsWith("laughs.yaml"), msg);
    assertTrue(msg.startsWith("laughs.yaml:2:") && msg.endsWith(": invalid YAML: the document expands to more than 200000 nodes "
        + "through aliases (a \"billion laughs\" document); refused"), msg);
  }

  @Test
  void aliasExpansionIsBoundedEvenUnderTheAliasLimit() {
    // 5 levels x 9 aliases = 45 collection aliases (< 500) but 9^5 leaves: still refused by the node budget.
    StringBuilder b = new StringBuilder("_:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i <= 5; i++) {
      b.append("  a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      b.append("]\n");
    }
    b.append("env: {X: *a5}\n");
    ConfigLoadResult r = LOADER.validate(b.toString(), "wide.yaml");
    ConfigProblem p = r.errors().get(0);
    assertEquals("wide.yaml", p.source());
    assertTrue(p.line() > 0, p.toString());
    assertEquals("invalid YAML: the document expands to more than 200000 nodes through aliases (a \"billion laughs\" "
        + "document); refused", p.message());
  }

  @Test
  void tooManyCollectionAliasesAreRefused() {
    StringBuilder b = new StringBuilder("_: {a: &a [x]}\nenv: {X: [");
    for (int i = 0; i < 501; i++) {
      b.append(i == 0 ? "" : ", ").append("*a");
    }
    ConfigLoadResult r = LOADER.validate(b.append("]}\n").toString(), "many.yaml");
    assertTrue(r.errors().get(0).message().startsWith("invalid YAML: too many aliases to collections (more than 500)"),
        r.errors().get(0).toString());
    assertEquals(2, r.errors().get(0).line(), "the limit error points where the aliases are");
  }

  @Test
  void scannerInternalCheckStillNamesAPlace() {
    // Found by a 600 s fuzz run: SnakeYAML reports this one as a plain YAMLException without a mark.
    ConfigLoadResult r = LOADER.validate("      e: \"\n    t\"t", "simple-key.yaml");
    assertFalse(r.valid());
    assertEquals("simple-key.yaml:2:7: invalid YAML: A simple key is required only if it is the first token in "
        + "the current line", r.errors().get(0).toString());
  }

  @Test
  void recursiveAliasIsRefused() {
    ConfigLoadResult r = LOADER.validate("env: &e {A: *e}\n", "rec.yaml");
    assertEquals("rec.yaml:1:6: invalid YAML: recursive alias", r.errors().get(0).toString());
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "env: " + "[".repeat(200) + "]".repeat(200) + "\n";
    ConfigLoadResult r = LOADER.validate(deep, "deep.yaml");
    assertFalse(r.valid());
    assertTrue(r.errors().get(0).message().startsWith("invalid YAML: "), r.errors().get(0).toString());
  }

  @Test
  void hugeDocumentIsRefused() {
    String huge = "specfile_path: '" + "x".repeat(2 * 1024 * 1024) + "'\n";
    ConfigLoadResult r = LOADER.validate(huge, "huge.yaml");
    assertEquals("huge.yaml: invalid YAML: document is larger than 1048576 characters (PackitConfigLoader.Builder.maxConfigBytes)", r.errors().get(0).toString());
  }

  @Test
  void localTagsAreRefused() {
    ConfigLoadResult r = LOADER.validate("specfile_path: !mine x\n", "t.yaml");
    assertEquals("t.yaml:1:16: invalid YAML: tag !mine is not allowed (only plain YAML values are)",
        r.errors().get(0).toString());
  }

  @Test
  void multipleDocumentsAreRefused() {
    ConfigLoadResult r = LOADER.validate("a: 1\n---\nb: 2\n", "m.yaml");
    assertFalse(r.valid());
    assertTrue(r.errors().get(0).message().contains("expected a single document"), r.errors().get(0).toString());
  }
}
