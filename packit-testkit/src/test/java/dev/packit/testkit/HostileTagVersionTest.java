package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.PackitClientException;
import dev.packit.core.spec.SpecFile;
import dev.packit.core.testing.RpmTool;
import dev.packit.fedora.workflow.ProposeDownstreamRequest;
import dev.packit.fedora.workflow.PullFromUpstreamRequest;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.forge.RepoId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 row 2: an upstream tag carrying an rpm macro or a character rpm refuses in Version
 * ({@code %(cmd)}, {@code %{lua:...}}, {@code $(cmd)}, {@code !}) fails the job with an error naming
 * the tag; nothing is pushed, uploaded or proposed, and rpm run on what dist-git holds creates no
 * canary file.
 */
@Tag("integration")
class HostileTagVersionTest {
  /** Each tag's payload creates a file whose name starts with "pwned" in rpm's working folder. */
  private static final List<String> HOSTILE_TAGS = List.of(
      "v1.1.0%(touch${IFS}pwned-shell)",
      "v1.1.0%{lua:io.open('pwned-lua','w')}",
      "v1.1.0%%(touch${IFS}pwned-double)",
      "v1.1.0$(touch${IFS}pwned-dollar)",
      "v1.1.0!",
      "v1.1.0!%(touch${IFS}pwned-bang)");

  @Test
  void hostileTagsFailTheJobNamingTheTagAndChangeNothing(@TempDir Path work) throws IOException {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      AtomicInteger pushes = new AtomicInteger();
      sandbox.onGitPush(p -> pushes.incrementAndGet());
      ReleaseWorkflow wf = hello.workflow(work.resolve("wf")).build();
      for (String tag : HOSTILE_TAGS) {
        // the upstream publishes a release with the hostile tag, as a real attacker would
        sandbox.github().addRelease(SandboxScenario.UPSTREAM, tag, tag, "hostile " + tag + "\n", false);
        ProposeDownstreamRequest request = ProposeDownstreamRequest.builder(hello.config(),
            RepoId.of(SandboxScenario.UPSTREAM), tag).releaseNotes("hostile\n").branches(hello.branches()).build();
        PackitClientException e = assertThrows(PackitClientException.class, () -> wf.planProposeDownstream(request),
            tag);
        assertTrue(e.getMessage().contains("tag '" + tag + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("not a valid rpm Version"), e.getMessage());
      }
      // pull_from_upstream takes the version from the-new-hotness/Anitya: the same boundary
      PullFromUpstreamRequest pull = new PullFromUpstreamRequest(hello.config(), SandboxScenario.PACKAGE,
          "1.1.0%(touch${IFS}pwned-anitya)", List.of("rawhide"), List.of(), 0);
      PackitClientException e = assertThrows(PackitClientException.class, () -> wf.planPullFromUpstream(pull));
      assertTrue(e.getMessage().contains("v1.1.0%(touch${IFS}pwned-anitya)"), e.getMessage());

      assertEquals(0, pushes.get(), "no commit may reach dist-git");
      assertEquals(0, sandbox.pagure().pullRequests("rpms/" + SandboxScenario.PACKAGE).size());
      assertEquals(0, sandbox.lookaside().uploads());
      assertEquals(List.of(), canaries(work), "the workflow itself ran a payload");
      assertEquals(List.of(), canaries(sandbox.root()), "the workflow itself ran a payload");

      // rpm itself on what dist-git holds after the attempts: the old spec, and no canary
      for (String branch : hello.branches()) {
        Path dir = Files.createDirectories(work.resolve("rpm-" + branch));
        Path spec = dir.resolve("hello.spec");
        Files.writeString(spec, distGitSpec(sandbox, branch, work.resolve("clone-" + branch)), StandardCharsets.UTF_8);
        RpmTool.Result r = RpmTool.rpmspec(dir, "-q", "--srpm", "--qf", "%{VERSION}\n", spec.toString());
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("1.0.0", r.stdout().strip());
        assertEquals(List.of(), canaries(dir));
      }
    }
  }

  /**
   * The canaries are armed: the spec the editor used to write for these tags (the version pasted into
   * {@code Version:}) makes rpmspec run the macro payloads. Without this the test above could pass
   * with payloads that never run.
   */
  @Test
  void theCanariesFireWhenTheVersionIsWrittenUnchecked(@TempDir Path work) throws IOException {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      List<String> fired = new ArrayList<>();
      for (String tag : HOSTILE_TAGS) {
        Path dir = Files.createDirectories(work.resolve("t" + fired.size() + "-" + HOSTILE_TAGS.indexOf(tag)));
        String unchecked = SpecFile.parse(hello.spec("1.0.0")).withTag("Version", tag.substring(1)).toString();
        Files.writeString(dir.resolve("hello.spec"), unchecked, StandardCharsets.UTF_8);
        RpmTool.rpmspec(dir, "-q", "--srpm", "--qf", "%{VERSION}\n", "hello.spec");
        fired.addAll(canaries(dir).stream().map(p -> p.getFileName().toString()).toList());
      }
      // %(...) and %{lua:...} run under a plain query; $( and ! are refused by rpm's own char check
      assertTrue(fired.containsAll(List.of("pwned-shell", "pwned-lua")), fired.toString());
    }
  }

  private static String distGitSpec(FedoraSandbox sandbox, String branch, Path clone) {
    dev.packit.forge.git.LocalRepository.cloneFrom(
        dev.packit.forge.git.CloneRequest.builder(sandbox.gitUri("rpms/" + SandboxScenario.PACKAGE), clone)
            .branch(branch).build()).close();
    try {
      return Files.readString(clone.resolve(SandboxScenario.PACKAGE + ".spec"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<Path> canaries(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.getFileName().toString().startsWith("pwned")).toList();
    }
  }
}
