package dev.packit.testkit;

import static dev.packit.testkit.SyncTestRepos.config;
import static dev.packit.testkit.SyncTestRepos.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.PlannedStep;
import dev.packit.fedora.workflow.ProposeDownstreamRequest;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, row 3: archives are content-addressed. The cache used to key archives by
 * {@code String.hashCode} of the Source URL, so another project naming the same package could
 * plant bytes with a dry run that the victim's later real run uploaded to the lookaside.
 */
@Tag("integration")
class HostileArchiveCacheTest {
  private static final byte[] EVIL = "attacker's tarball".getBytes(StandardCharsets.UTF_8);

  @Test
  void aDryRunOfAnotherProjectCannotPlantTheArchiveTheVictimUploads(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      byte[] real = SandboxScenario.archive("1.2.0");
      // "Aa" and "BB" have the same String.hashCode, and so do the two whole URLs.
      sandbox.mount("/mirror", "a mirror: Aa has the real archive, BB the attacker's", ex -> {
        try (ex) {
          byte[] body = ex.getRequestURI().getPath().startsWith("/mirror/Aa/") ? real : EVIL;
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
        }
      });
      String victimUrl = sandbox.baseUri() + "mirror/Aa/hello-%{version}.tar.gz";
      String attackerUrl = sandbox.baseUri() + "mirror/BB/hello-%{version}.tar.gz";
      assertEquals(victimUrl.replace("%{version}", "1.2.0").hashCode(),
          attackerUrl.replace("%{version}", "1.2.0").hashCode(), "the old cache key collides");

      // The victim releases 1.2.0; the attacker's project claims the same package, same version.
      SyncTestRepos.releaseUpstream(sandbox, work, "v1.2.0",
          d -> write(d, "hello.spec", SyncTestRepos.upstreamSpec(sandbox, "1.2.0", victimUrl)));
      seedProject(sandbox, work.resolve("evil-seed"), "evil/hello", "v1.2.0",
          SyncTestRepos.upstreamSpec(sandbox, "1.2.0", attackerUrl));

      // One bot, one work folder: first the attacker's dry run (a plan, never applied) ...
      ReleaseWorkflow bot = hello.workflow(work.resolve("bot")).build();
      Plan dry = bot.planProposeDownstream(request("evil/hello"));
      assertEquals(sha512(EVIL), upload(dry).sha512(), dry.render());

      // ... then the victim's real release: its plan and its upload carry the real bytes.
      Plan plan = bot.planProposeDownstream(request(SandboxScenario.UPSTREAM));
      assertEquals(sha512(real), upload(plan).sha512(), plan.render());
      RunResult result = bot.apply(plan);
      assertEquals(BranchOutcome.DONE, result.branches().get(0).outcome(), result.toString());
      assertEquals(1, sandbox.lookaside().uploads("rpms/hello", "hello-1.2.0.tar.gz"));
      List<Path> stored = storedArchives(sandbox);
      assertEquals(1, stored.size(), stored.toString());
      assertArrayEquals(real, Files.readAllBytes(stored.get(0)));
    }
  }

  @Test
  void applyUploadsOnlyTheBytesThePlanNamed(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0");
      ReleaseWorkflow bot = hello.workflow(work.resolve("bot")).build();
      Plan plan = bot.planProposeDownstream(request(SandboxScenario.UPSTREAM, "v1.1.0"));
      PlannedStep.Upload up = upload(plan);
      // Swap the bytes behind the plan's back: same size and the same modification time, so only a
      // fresh hash can tell.
      Path file = up.localFile();
      FileTime mtime = Files.getLastModifiedTime(file);
      byte[] swapped = Files.readAllBytes(file);
      swapped[swapped.length - 1] ^= 1;
      Files.write(file, swapped);
      Files.setLastModifiedTime(file, mtime);

      RunResult result = bot.apply(plan);
      String detail = result.branches().get(0).detail();
      assertEquals(BranchOutcome.FAILED, result.branches().get(0).outcome(), result.toString());
      assertTrue(detail.contains("hello-1.1.0.tar.gz") && detail.contains(up.sha512()) && detail.contains("nothing uploaded"),
          detail);
      assertEquals(0, sandbox.lookaside().uploadAttempts());

      // A later plan finds bytes the cache did not download whole, and fetches them again.
      Plan again = bot.planProposeDownstream(request(SandboxScenario.UPSTREAM, "v1.1.0"));
      assertEquals(up.sha512(), upload(again).sha512());
      assertEquals(BranchOutcome.DONE, bot.apply(again).branches().get(0).outcome());
      assertArrayEquals(SandboxScenario.archive("1.1.0"), Files.readAllBytes(storedArchives(sandbox).get(0)));
    }
  }

  private static ProposeDownstreamRequest request(String upstream) {
    return request(upstream, "v1.2.0");
  }

  private static ProposeDownstreamRequest request(String upstream, String tag) {
    return ProposeDownstreamRequest.builder(config(""), RepoId.of(upstream), tag).branches(List.of("rawhide")).build();
  }

  private static PlannedStep.Upload upload(Plan plan) {
    List<PlannedStep.Upload> ups = plan.branch("rawhide").orElseThrow().steps(PlannedStep.Upload.class);
    assertEquals(1, ups.size(), plan.render());
    return ups.get(0);
  }

  private static List<Path> storedArchives(FedoraSandbox sandbox) throws IOException {
    try (Stream<Path> walk = Files.walk(sandbox.lookaside().store())) {
      return walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().startsWith("hello-")).toList();
    }
  }

  private static void seedProject(FedoraSandbox sandbox, Path dir, String name, String tag, String spec)
      throws IOException {
    sandbox.createBareRepository(name);
    try (LocalRepository repo = LocalRepository.init(dir, "main", java.time.Clock.systemUTC())) {
      write(dir, "hello.spec", spec);
      write(dir, "README", "not hello\n");
      repo.addAll();
      repo.commit("looks like hello", SyncTestRepos.DEV);
      repo.tag(tag, tag, SyncTestRepos.DEV);
      repo.setRemote("origin", sandbox.gitUri(name));
      repo.push(PushRequest.builder("origin").pushTags(true).refSpec("refs/heads/main:refs/heads/main").build());
    }
  }

  private static String sha512(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
  }
}
