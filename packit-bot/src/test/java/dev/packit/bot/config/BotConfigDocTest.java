package dev.packit.bot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/bot-config.md stays true: its config examples load, and its reference names exactly the
 * environment variables the loader reads. (DocSnippetsTest only parses YAML blocks: it cannot tell
 * a bot config from another YAML file.)
 */
class BotConfigDocTest {
  static final Path DOC = Fixtures.repoRoot().resolve("docs/bot-config.md");
  static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);
  static final Pattern VARIABLE = Pattern.compile("PACKIT_BOT_[A-Z0-9_]*[A-Z0-9]");

  @Test
  void everyConfigExampleOfThePageLoads() throws Exception {
    String doc = Files.readString(DOC);
    Matcher m = YAML_BLOCK.matcher(doc);
    List<String> examples = new ArrayList<>();
    while (m.find()) {
      if (m.group(1).startsWith("# packit-bot.yaml\n")) {
        examples.add(m.group(1));
      }
    }
    assertTrue(examples.size() >= 2, "the page's examples start with '# packit-bot.yaml': " + examples.size());
    int line = 0;
    for (String yaml : examples) {
      line++;
      // the page's secret files are on the bot's machine, not this one
      BotConfig c = BotConfigLoader.builder().environment(Map.of()).checkSecretFiles(false).build()
          .load(yaml, "docs/bot-config.md example " + line, Path.of("/etc/packit-bot"));
      assertFalse(c.forges().isEmpty());
    }
  }

  @Test
  void theReferenceNamesExactlyTheVariablesTheLoaderReads() throws Exception {
    String doc = Files.readString(DOC);
    Set<String> inDoc = new TreeSet<>();
    Matcher m = VARIABLE.matcher(doc);
    while (m.find()) {
      inDoc.add(m.group());
    }
    inDoc.remove(BotConfigLoader.CONFIG_VARIABLE);
    assertEquals(new TreeSet<>(BotConfigLoader.environmentVariables()), inDoc);
  }

  @Test
  void theUnitNamesTheCredentialsTheExampleConfigUses() throws Exception {
    Path dist = Fixtures.repoRoot().resolve("packit-bot/src/main/dist");
    String unit = Files.readString(dist.resolve("packit-bot.service"));
    // commented lines (the PostgreSQL alternative) aside
    String config = Files.readString(dist.resolve("packit-bot.yaml")).lines()
        .filter(l -> !l.strip().startsWith("#")).collect(java.util.stream.Collectors.joining("\n"));
    Matcher m = Pattern.compile("\"%d/([^\"]+)\"").matcher(config);
    int n = 0;
    while (m.find()) {
      n++;
      assertTrue(unit.contains("\nLoadCredential=" + m.group(1) + ":"), "the unit loads no credential " + m.group(1));
    }
    assertTrue(n >= 5, "credentials in the example: " + n);
    assertTrue(unit.contains("\nStateDirectory=packit-bot\n"));
  }
}
