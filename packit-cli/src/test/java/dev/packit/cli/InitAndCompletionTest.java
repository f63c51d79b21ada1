package dev.packit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17 item 11: packit init, packit config validate, packit completion. */
class InitAndCompletionTest {

  private static CliSandbox.Run run(String... args) {
    return CliSandbox.runWith(Map.of(), args);
  }

  @Test
  void initWritesAValidConfigFromTheSpecAndTheTags(@TempDir Path tmp) throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("hello-upstream"));
    Files.createDirectories(repo.resolve("packaging"));
    Files.writeString(repo.resolve("packaging/hello.spec"), "Name: hello\nVersion: 1.1.0\nRelease: 1%{?dist}\nSummary: s\nLicense: MIT\n"
        + "%description\nd\n");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("init").setAuthor("A", "a@example.org").setCommitter("A", "a@example.org").setSign(false).call();
      for (String t : new String[] {"v1.0.0", "v1.1.0", "latest"}) {
        git.tag().setName(t).setAnnotated(false).call();
      }
    }
    CliSandbox.Run r = run("init", repo.toString());
    assertEquals(0, r.exit(), r.all());
    Path file = repo.resolve(".packit.yaml");
    assertTrue(r.out().startsWith("wrote " + file + " (spec packaging/hello.spec, upstream_tag_template v{version}, guessed from 3 tag(s))"),
        r.out());
    PackitConfig cfg = PackitConfigLoader.builder().repositoryName("hello-upstream").build().load(file);
    assertEquals("packaging/hello.spec", cfg.singlePackage().specfilePath().orElseThrow());
    assertEquals("hello", cfg.singlePackage().downstreamPackageName().orElseThrow());
    assertEquals("v{version}", cfg.singlePackage().upstreamTagTemplate());
    assertEquals(3, cfg.jobs().size());

    // config validate (Packit's current name) agrees, like validate-config.
    CliSandbox.Run v = run("config", "validate", repo.toString());
    assertEquals(0, v.exit(), v.all());
    assertTrue(v.out().contains("is valid and ready to be used"), v.out());
    CliSandbox.Run missing = run("config", "validate", tmp.resolve("nope").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().startsWith("packit config validate: "), missing.err());

    // An existing config is kept unless --force.
    String before = Files.readString(file);
    CliSandbox.Run again = run("init", repo.toString());
    assertEquals(2, again.exit(), again.all());
    assertTrue(again.err().contains(".packit.yaml already exists (use --force to replace it)"), again.err());
    assertEquals(before, Files.readString(file));
    assertEquals(0, run("init", "--force", repo.toString()).exit());
  }

  @Test
  void initNeedsExactlyOneSpec(@TempDir Path tmp) throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("two"));
    CliSandbox.Run none = run("init", repo.toString());
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("no spec file in "), none.err());
    Files.writeString(repo.resolve("a.spec"), "Name: a\nVersion: 1\nRelease: 1\n");
    Files.writeString(repo.resolve("b.spec"), "Name: b\nVersion: 1\nRelease: 1\n");
    CliSandbox.Run two = run("init", repo.toString());
    assertEquals(2, two.exit());
    assertTrue(two.err().contains("several spec files in " + repo + ": a.spec, b.spec; name one with --spec"), two.err());
    CliSandbox.Run named = run("init", "--spec", "b.spec", repo.toString());
    assertEquals(0, named.exit(), named.all());
    String yaml = Files.readString(repo.resolve(".packit.yaml"));
    assertTrue(yaml.contains("downstream_package_name: \"b\"\n"), yaml);
    assertTrue(yaml.contains("upstream_tag_template: \"{version}\"\n"), "no tags: the default: " + yaml);
  }

  @Test
  void tagTemplateGuess() {
    assertEquals("v{version}", InitCommand.tagTemplate(java.util.List.of("v1.0", "v1.1", "1.2")));
    assertEquals("hello-{version}", InitCommand.tagTemplate(java.util.List.of("hello-1.0", "hello-2.0-rc1", "v1")));
    assertEquals("{version}", InitCommand.tagTemplate(java.util.List.of("1.0", "latest")));
    assertEquals("{version}", InitCommand.tagTemplate(java.util.List.of()));
  }

  @Test
  void completionScriptCoversCommandsAndOptions() {
    CliSandbox.Run r = run("completion");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("complete -F _complete_packit"), r.out().substring(0, Math.min(400, r.out().length())));
    for (String word : new String[] {"propose-downstream", "build-in-koji", "--wait", "--koji-target", "--fas-user", "init"}) {
      assertTrue(r.out().contains(word), word);
    }
  }
}
