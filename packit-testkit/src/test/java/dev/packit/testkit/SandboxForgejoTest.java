package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.packit.core.AuthenticationException;
import dev.packit.core.ConflictException;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.HttpTransport;
import dev.packit.core.testing.Fixtures;
import dev.packit.fedora.distgit.DistGitBackendProbe;
import dev.packit.forge.AccessLevel;
import dev.packit.forge.CommitState;
import dev.packit.forge.CommitStatusSpec;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.PullRequestSpec;
import dev.packit.forge.ReleaseSpec;
import dev.packit.forge.RepoId;
import dev.packit.forge.Repository;
import dev.packit.forge.forgejo.Forgejo;
import dev.packit.forge.forgejo.ForgejoForge;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's Forgejo, driven by packit-forge's Forgejo client, with every answer the fake gives
 * validated against Forgejo's own swagger description
 * ({@code ../shared/fixtures/forgejo/openapi/forgejo-v1.swagger.json}).
 */
@Tag("integration")
class SandboxForgejoTest {
  private static final OpenApiInteractionValidator SWAGGER = OpenApiInteractionValidator.createForSpecificationUrl(
      Fixtures.dir("forgejo").resolve("openapi/forgejo-v1.swagger.json").toUri().toString())
      .withBasePathOverride("/api/v1").build();

  /**
   * What real Forgejo itself sends against its swagger, as packit-forge's recordings show: Go's nil
   * slices and pointers as {@code null} where the swagger names a type (Swagger 2.0 has no
   * nullable), and {@code username} in users. The fake answers like the server, not like the file.
   */
  private static final Set<String> NULL_FIELDS = Set.of("assignee", "assignees", "closed_at", "due_date",
      "merge_commit_sha", "merged_at", "merged_by", "milestone", "requested_reviewers", "requested_reviewers_teams");
  private static final Pattern AT = Pattern.compile("\\[Path '([^']*)'\\]");

  static boolean asForgejoDoes(String message) {
    if (message.endsWith("not allowed by the schema: [\"username\"]")) {
      return true;
    }
    Matcher m = AT.matcher(message);
    if (message.contains("Instance type (null)") && m.find()) {
      String at = m.group(1);
      return NULL_FIELDS.contains(at.substring(at.lastIndexOf('/') + 1));
    }
    return false;
  }

  /** Forwards to the JDK transport and checks each API answer against the swagger. */
  private static final class Validating implements HttpTransport {
    final List<String> problems = new CopyOnWriteArrayList<>();
    final List<String> seen = new CopyOnWriteArrayList<>();
    final String prefix;

    Validating(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public HttpResponse send(dev.packit.core.http.HttpRequest request) throws java.io.IOException {
      HttpResponse r = HttpTransport.jdk().send(request);
      byte[] body = r.bytes();
      String path = request.uri().getRawPath().substring(prefix.length());
      // swagger 2.0 describes {filepath} as one segment; the router takes the rest of the path
      path = path.replaceFirst("^(/api/v1/repos/[^/]+/[^/]+/(?:raw|contents)/)(.+)$", "$1")
          + (path.matches("^/api/v1/repos/[^/]+/[^/]+/(?:raw|contents)/.+$")
              ? path.replaceFirst("^/api/v1/repos/[^/]+/[^/]+/(?:raw|contents)/", "").replace("/", "%2F") : "");
      SimpleResponse.Builder b = SimpleResponse.Builder.status(r.status());
      r.headers().names().forEach(n -> b.withHeader(n, r.headers().allValues(n)));
      if (body.length > 0) {
        b.withBody(new String(body, StandardCharsets.UTF_8));
      }
      Request.Method m = Request.Method.valueOf(request.method().toUpperCase(Locale.ROOT));
      ValidationReport report = SWAGGER.validateResponse(path, m, b.build());
      seen.add(request.method() + " " + path + " " + r.status());
      for (ValidationReport.Message msg : report.getMessages()) {
        if (msg.getLevel() == ValidationReport.Level.ERROR && !asForgejoDoes(msg.getMessage())) {
          problems.add(request.method() + " " + path + " " + r.status() + ": " + msg.getKey() + ": " + msg.getMessage());
        }
      }
      return HttpResponse.of(r.status(), r.headers(), body);
    }
  }

  private static ForgejoForge client(SandboxForgejo fake, Validating t, String user) {
    return Forgejo.builder().instance(fake.instanceUri()).transport(t)
        .credentials(ForgeCredentials.token(fake.token(user))).build();
  }

  private static void seed(FedoraSandbox sandbox, Path work, String repo) throws Exception {
    Path bare = sandbox.createBareRepository(repo);
    Path wt = work.resolve(repo.replace('/', '-'));
    try (Git g = Git.init().setInitialBranch("rawhide").setDirectory(wt.toFile()).call()) {
      Files.createDirectories(wt.resolve("docs"));
      Files.writeString(wt.resolve("hello.spec"), "Name: hello\nVersion: 1.0\n");
      Files.writeString(wt.resolve("docs/a.md"), "# a\n");
      g.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("Jane", "jane@example.org");
      g.commit().setMessage("init").setAuthor(who).setCommitter(who).call();
      g.tag().setName("v1.0").setAnnotated(false).call();
      g.push().setRemote(bare.toUri().toString()).add("rawhide").setPushTags().call();
    }
  }

  @Test
  void forkPullRequestMaintainerEditMergeAndEveryAnswerMatchesTheSwagger(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      seed(sandbox, work, "rpms/hello");
      SandboxForgejo fake = sandbox.forgejo();
      Validating t = new Validating("/forgejo");
      ForgejoForge bot = client(fake, t, "packit");
      RepoId hello = RepoId.of("rpms/hello");

      assertEquals("packit", bot.currentUser().login());
      assertTrue(bot.serverVersion().contains("gitea"), bot.serverVersion());
      Repository repo = bot.repository(hello).orElseThrow();
      assertEquals("rawhide", repo.defaultBranch());
      assertEquals(sandbox.gitUri("rpms/hello"), repo.cloneUrl());
      assertEquals("Name: hello\nVersion: 1.0\n", bot.file(hello, "hello.spec", "rawhide").orElseThrow().text());
      assertEquals("# a\n", new String(bot.rawFile(hello, "docs/a.md", "rawhide").orElseThrow(), StandardCharsets.UTF_8));
      assertTrue(bot.file(hello, "missing.spec", "rawhide").isEmpty());
      assertEquals(List.of("rawhide"), bot.branches(hello).map(b -> b.name()).toList());
      assertEquals(List.of("v1.0"), bot.tags(hello).map(x -> x.name()).toList());
      assertTrue(bot.repository(RepoId.of("rpms/nope")).isEmpty());

      // the fork is <user>/<name>, a real clone, and knows its parent
      Repository fork = bot.forkOrCreate(hello);
      assertEquals(RepoId.of("packit/hello"), fork.id());
      assertEquals(hello, fork.parent());
      assertEquals(sandbox.gitUri("packit/hello"), fork.cloneUrl());
      assertEquals(fork.id(), bot.forkOrCreate(hello).id()); // asked again: the same fork
      assertEquals(List.of(fork.id()), bot.forks(hello).map(Repository::id).toList());

      // a branch on the fork, pushed over git like the workflow does
      Path wt = work.resolve("fork");
      try (Git g = Git.cloneRepository().setURI(fork.cloneUrl().toString()).setDirectory(wt.toFile()).call()) {
        g.checkout().setCreateBranch(true).setName("update-1.1").call();
        Files.writeString(wt.resolve("hello.spec"), "Name: hello\nVersion: 1.1\n");
        g.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("Packit", "packit@example.org");
        g.commit().setMessage("Update to 1.1").setAuthor(who).setCommitter(who).call();
        g.push().add("update-1.1").call();
      }
      PullRequest pr = bot.createPullRequest(hello, PullRequestSpec.builder().title("Update to 1.1").body("Upstream 1.1")
          .source(fork.id(), "update-1.1").targetBranch("rawhide").build());
      assertEquals(1, pr.number());
      assertEquals(fork.id(), pr.source());
      assertEquals(PrState.OPEN, pr.state());
      assertEquals(true, bot.maintainerCanEdit(hello, 1).orElseThrow(), "createPullRequest PATCHes allow_maintainer_edit");
      assertEquals(true, fake.pullRequests("rpms/hello").get(0).get("allow_maintainer_edit").asBoolean());
      assertThrows(ConflictException.class, () -> bot.createPullRequest(hello, PullRequestSpec.builder().title("again")
          .body("").source(fork.id(), "update-1.1").targetBranch("rawhide").build()));
      assertEquals(1, bot.findOpenPullRequest(hello, "update-1.1", "rawhide", "packit").orElseThrow().number());
      assertEquals("New title", bot.updatePullRequest(hello, 1, "New title", null).title());

      bot.comment(hello, 1, "/packit build");
      assertEquals(List.of("/packit build"), bot.comments(hello, 1).stream().map(c -> c.body()).toList());
      bot.setCommitStatus(hello, pr.headSha(), CommitStatusSpec.of(CommitState.RUNNING, "packit/rpm-build", "building"));
      assertEquals(CommitState.PENDING, bot.commitStatuses(hello, pr.headSha()).findFirst().orElseThrow().state());

      fake.permission("rpms/hello", "jane", "admin");
      assertEquals(AccessLevel.ADMIN, bot.accessLevel(hello, "jane"));
      assertEquals(AccessLevel.READ, bot.accessLevel(hello, "mallory"));

      // a maintainer merges: the dist-git branch really moves
      ForgejoForge jane = client(fake, t, "jane");
      PullRequest merged = jane.mergePullRequest(hello, 1);
      assertEquals(PrState.MERGED, merged.state());
      assertEquals("Name: hello\nVersion: 1.1\n", bot.file(hello, "hello.spec", "rawhide").orElseThrow().text());
      assertTrue(bot.findOpenPullRequest(hello, "update-1.1", "rawhide", "packit").isEmpty());

      // writes without a token are refused as Forgejo does
      ForgejoForge anonymous = Forgejo.builder().instance(fake.instanceUri()).transport(t).build();
      assertThrows(AuthenticationException.class, () -> anonymous.forkOrCreate(hello));

      assertTrue(t.problems.isEmpty(), "answers not as Forgejo's swagger describes them:\n" + String.join("\n", t.problems));
      assertTrue(t.seen.size() > 25, t.seen.toString());
    }
  }

  @Test
  void listsArePagedWithLinkAndTotalCountAndReleasesAnswer(@TempDir Path work) throws Exception {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      seed(sandbox, work, "upstream/hello");
      Path bare = sandbox.root().resolve("git/upstream/hello.git");
      try (Git g = Git.open(bare.toFile())) {
        var head = g.getRepository().resolve("refs/heads/rawhide");
        for (int i = 0; i < 120; i++) { // more than two pages of 50
          var u = g.getRepository().updateRef("refs/heads/b" + i);
          u.setNewObjectId(head);
          u.update();
        }
      }
      SandboxForgejo fake = sandbox.forgejo();
      Validating t = new Validating("/forgejo");
      ForgejoForge bot = client(fake, t, "packit");
      RepoId up = RepoId.of("upstream/hello");
      assertEquals(121, bot.branches(up).count());
      assertTrue(t.seen.stream().filter(s -> s.contains("/branches")).count() >= 3, t.seen.toString());

      bot.createRelease(up, new ReleaseSpec("v1.0", "1.0", "First release", null));
      assertEquals("First release", bot.latestRelease(up).orElseThrow().body());
      assertEquals("1.0", bot.release(up, "v1.0").orElseThrow().name());
      assertThrows(ConflictException.class, () -> bot.createRelease(up, new ReleaseSpec("v1.0", "1.0", "again", null)));
      assertTrue(t.problems.isEmpty(), String.join("\n", t.problems));
    }
  }

  @Test
  void theBackendProbeTellsTheFakeForgejo() {
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      URI instance = sandbox.forgejo().instanceUri();
      DistGitBackendProbe probe = DistGitBackendProbe.builder().build();
      assertEquals(ForgeKind.FORGEJO, probe.backend(instance));
      assertFalse(probe.forge(instance, ForgeCredentials.token(sandbox.forgejo().token("packit")))
          .toString().contains("Pagure"));
    }
  }
}
