package dev.packit.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Issue 17 item 11: the build generates a man page per command with picocli-codegen's
 * ManPageGenerator (target/generated-docs, AsciiDoc with the manpage doctype; the package phase
 * turns them into troff under target/man/man1 for the distribution).
 */
class ManPagesTest {
  private static final Path PAGES = Path.of("target", "generated-docs");

  @Test
  void proposeDownstreamsPageNamesEveryOption() throws Exception {
    Path page = PAGES.resolve("packit-propose-downstream.adoc");
    assertTrue(Files.isRegularFile(page), page.toAbsolutePath() + " is missing: the build's man-pages execution did not run");
    String text = Files.readString(page);
    assertTrue(text.contains("= packit-propose-downstream(1)"), text);
    CommandLine cmd = new CommandLine(new PackitCommand(Map.of())).getSubcommands().get("propose-downstream");
    List<String> missing = new ArrayList<>();
    for (OptionSpec o : cmd.getCommandSpec().options()) {
      for (String name : o.names()) {
        // --[no-]pr is one negatable option: the page writes it as picocli's synopsis does.
        String shown = o.negatable() && name.startsWith("--") ? "*--[no-]" + name.substring(2) : "*" + name + "*";
        if (!text.contains(shown) && !text.contains("*" + name + "*")) {
          missing.add(name);
        }
      }
    }
    assertTrue(missing.isEmpty(), "options missing from " + page + ": " + missing);
    assertTrue(text.contains("*--no-actions*") && text.contains("Do not run the config's actions"), text);
  }

  @Test
  void everySubcommandHasAPage() {
    List<String> missing = new ArrayList<>();
    collect(new CommandLine(new PackitCommand(Map.of())), "packit", missing);
    assertTrue(missing.isEmpty(), "no man page for: " + missing);
  }

  private static void collect(CommandLine cl, String name, List<String> missing) {
    if (!Files.isRegularFile(PAGES.resolve(name + ".adoc"))) {
      missing.add(name);
    }
    cl.getSubcommands().forEach((sub, child) -> {
      // aliases share the page of the command's own name
      if (child.getCommandName().equals(sub)) {
        collect(child, name + "-" + sub, missing);
      }
    });
  }
}
