package dev.packit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateConfigCommandTest {

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new PackitCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void validConfigExitsZero(@TempDir Path tmp) throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("hello"));
    Files.writeString(repo.resolve("hello.spec"), "Name: hello\n");
    Files.writeString(repo.resolve(".packit.yaml"), "jobs:\n- job: propose_downstream\n  trigger: release\n"
        + "  metadata:\n    dist_git_branches: [fedora-all]\n");
    Run r = run("validate-config", repo.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(repo.resolve(".packit.yaml") + " is valid and ready to be used\n", r.out().replace("\r\n", "\n"));
    assertTrue(r.err().contains(".packit.yaml:5:5: jobs[0].metadata: warning: the 'metadata' block is deprecated"), r.err());
  }

  @Test
  void invalidConfigExitsOneWithEveryErrorOnStderr(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("packit.yml");
    Files.writeString(file, "downstream_package_name: hello\nsynced_files: [a]\njobs:\n- job: propose_downstrem\n"
        + "  trigger: release\n");
    Run r = run("validate-config", file.toString());
    assertEquals(1, r.exit());
    assertEquals("", r.out());
    assertEquals(file + ":2:1: synced_files: unknown key 'synced_files'; it was removed from Packit; use 'files_to_sync'\n"
        + file + ":4:8: jobs[0].job: unknown job type 'propose_downstrem'; did you mean 'propose_downstream'?\n"
        + file + " does not pass validation: 2 errors\n", r.err().replace("\r\n", "\n"));
  }

  @Test
  void realRejectedFixtureExitsOne() {
    Path file = Fixtures.file("packit-yaml/Conan-Kudo__rpmlint__.packit.yaml");
    Run r = run("validate-config", "--repository-name", "rpmlint", file.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith(file + ":6:1: current_version_command: unknown key"), r.err());
  }

  @Test
  void usageErrorsExitTwo(@TempDir Path tmp) {
    assertEquals(2, run("validate-config", tmp.resolve("missing.yaml").toString()).exit());
    Run empty = run("validate-config", tmp.toString());
    assertEquals(2, empty.exit());
    assertTrue(empty.err().contains("no Packit config (.packit.yaml, .packit.yml, packit.yaml, packit.yml) in"), empty.err());
    assertEquals(2, run("validate-config", "--no-such-option").exit());
    assertEquals(2, run("validate-config", "a", "b").exit());
  }
}
