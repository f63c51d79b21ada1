package dev.packit.examples.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.SandboxScenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 as a packager meets it: the shaded {@code packit-cli/target/packit.jar} run as its own
 * process (its own JVM, environment, standard streams and exit code) against the sandbox in this
 * JVM. The packit-cli tests cover each item in-process; this one proves the same road through the
 * real launcher boundary: a tag typed as the version is refused (exit 2, "did you mean"), a config
 * with actions produces the pull request signed by the packager (git's identity, in the commit and
 * the changelog), and a rerun says there is nothing to do (exit 0).
 */
@Tag("integration")
class PackitJarProcessTest {
  private static final String ACTIONS = "files_to_sync:\n"
      + "  - generated.txt\n"
      + "actions:\n"
      + "  post-upstream-clone: \"bash -c 'printf %s \\\"$PACKIT_PROJECT_VERSION\\\" > generated.txt'\"\n"
      + "  changelog-entry: \"bash -c 'echo \\\"- Built by an action for $PACKIT_PROJECT_VERSION\\\"'\"\n";

  private record Run(int exit, String out, String err) {
    String all() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private static Path jar() {
    Path jar = Repo.root().resolve("packit-cli/target/packit.jar");
    if (!Files.isRegularFile(jar)) {
      String msg = jar + " is missing: build it with ./mvnw -pl packit-cli -am package -DskipTests";
      if (Repo.ci()) {
        fail(msg + " (PACKIT_CI=true requires it)");
      }
      Assumptions.abort(msg);
    }
    return jar;
  }

  private static Run packit(Path home, Path config, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
    pb.environment().put("HOME", home.toString());
    pb.environment().put("PACKIT_CONFIG", config.toString());
    pb.environment().put("PACKIT_PROGRESS", "never");
    pb.environment().remove("RPM_PACKAGER");
    Path out = home.resolve("stdout.txt");
    Path err = home.resolve("stderr.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("packit " + args[0] + " did not finish within 180 s");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The user config `packit sandbox` writes (docs/cli.md), pointing the command at this sandbox. */
  private static String userConfig(FedoraSandbox sandbox) {
    String b = sandbox.baseUri().toString();
    String koji = Base64.getEncoder().encodeToString((SandboxScenario.BOT + "@FEDORAPROJECT.ORG").getBytes(StandardCharsets.UTF_8));
    return "fas_user: " + SandboxScenario.BOT + "\n"
        + "authentication:\n"
        + "  \"" + b + "git/\":\n"
        + "    type: github\n"
        + "    instance_url: " + sandbox.github().apiUri() + "\n"
        + "    token: " + sandbox.github().token(SandboxScenario.BOT) + "\n"
        + "  \"" + sandbox.pagure().instanceUri() + "\":\n"
        + "    token: " + sandbox.pagure().token(SandboxScenario.BOT) + "\n"
        + "  \"" + b + "kojihub\":\n"
        + "    token: " + koji + "\n"
        + "  \"" + sandbox.bodhi().baseUri() + "\":\n"
        + "    token: sandbox-bodhi-token\n"
        + "instances:\n"
        + "  dist_git: " + sandbox.pagure().instanceUri() + "\n"
        + "  dist_git_git: " + b + "git/\n"
        + "  lookaside: " + sandbox.lookaside().baseUri() + "\n"
        + "  lookaside_upload: " + sandbox.lookaside().uploadCgi() + "\n"
        + "  koji: " + b + "kojihub\n"
        + "  bodhi: " + sandbox.bodhi().baseUri() + "\n";
  }

  @Test
  void aPackagersDayThroughTheShadedJar(@TempDir Path tmp) throws Exception {
    Path jar = jar();
    assertTrue(Files.size(jar) > 0);
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      sandbox.koji();
      Path home = Files.createDirectories(tmp.resolve("home"));
      Files.writeString(home.resolve(".gitconfig"), "[user]\n\tname = Jane Packager\n\temail = jane@example.org\n");
      Path config = home.resolve("packit.yaml");
      Files.writeString(config, userConfig(sandbox));
      String upstream = sandbox.gitUri(SandboxScenario.UPSTREAM).toString();

      // Upstream release 1.2.0 whose .packit.yaml has actions.
      Path work = tmp.resolve("upstream-work");
      try (Git git = Git.cloneRepository().setURI(upstream).setBranch("main").setDirectory(work.toFile()).call()) {
        Files.writeString(work.resolve(".packit.yaml"), hello.packitYaml().replace("jobs:\n", ACTIONS + "jobs:\n"));
        git.add().addFilepattern(".packit.yaml").call();
        PersonIdent who = new PersonIdent("Up Stream", "up@example.org");
        git.commit().setMessage("Release 1.2.0").setAuthor(who).setCommitter(who).call();
        git.tag().setName("v1.2.0").setMessage("hello 1.2.0").setTagger(who).call();
        git.push().setPushTags().add("main").call();
      }

      // Item 3: a tag typed as the version is refused before any work.
      Run typo = packit(home, config, "propose-downstream", "--dist-git-branch", "rawhide", upstream, "v1.2.0");
      assertEquals(2, typo.exit(), typo.all());
      assertTrue(typo.err().contains("v1.2.0 is a tag: did you mean 1.2.0?"), typo.all());
      assertEquals(0, sandbox.pagure().pullRequests("rpms/" + SandboxScenario.PACKAGE).size());

      // Items 1 and 2: the actions run, the PR is opened, signed by the packager.
      Run run = packit(home, config, "propose-downstream", "--dist-git-branch", "rawhide", upstream, "1.2.0");
      assertEquals(0, run.exit(), run.all());
      assertTrue(run.out().contains("* action post-upstream-clone (1 command): upstream: added generated.txt"), run.all());
      assertEquals(1, sandbox.pagure().pullRequests("rpms/" + SandboxScenario.PACKAGE).size());
      Path clone = tmp.resolve("fork");
      try (Git git = Git.cloneRepository()
          .setURI(sandbox.gitUri("forks/" + SandboxScenario.BOT + "/rpms/" + SandboxScenario.PACKAGE).toString())
          .setBranch("rawhide-update-propose_downstream").setDirectory(clone.toFile()).call()) {
        RevCommit head = git.log().setMaxCount(1).call().iterator().next();
        assertEquals("Jane Packager", head.getAuthorIdent().getName());
        assertEquals("jane@example.org", head.getAuthorIdent().getEmailAddress());
      }
      assertEquals("1.2.0", Files.readString(clone.resolve("generated.txt")));
      String spec = Files.readString(clone.resolve(SandboxScenario.PACKAGE + ".spec"));
      assertTrue(spec.contains("Jane Packager <jane@example.org> - 1.2.0-1\n- Built by an action for 1.2.0\n"), spec);
      assertFalse(spec.contains("hello@packit.dev"), spec);

      // Item 4: the rerun changes nothing and says so.
      Run again = packit(home, config, "propose-downstream", "--dist-git-branch", "rawhide", upstream, "1.2.0");
      assertEquals(0, again.exit(), again.all());
      assertTrue(again.out().contains("Nothing to do"), again.all());
      assertEquals(1, sandbox.pagure().pullRequests("rpms/" + SandboxScenario.PACKAGE).size());
    }
  }
}
