package dev.packit.testkit.crash;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.core.Secret;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.core.http.HttpService;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.koji.KojiLogin;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.messaging.DistGitPush;
import dev.packit.fedora.messaging.FedoraMessage;
import dev.packit.fedora.messaging.FedoraMessages;
import dev.packit.fedora.messaging.KojiBuildStateChange;
import dev.packit.fedora.messaging.MessageEnvelope;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchResult;
import dev.packit.fedora.workflow.ProposeDownstreamRequest;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.github.GitHub;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.pagure.PagureForge;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bot process of {@link CrashResumeTest}: runs the whole release road for one release against
 * a sandbox in another JVM, from scratch, keeping no state of its own (the parent kills it at any
 * point and starts another one). Messages are read from the sandbox bus over HTTP and all handled
 * again from the first one on every start, as a consumer that died before acknowledging would see
 * them redelivered.
 *
 * <p>Arguments are {@code key=value}: base, botToken, githubToken, maintainerToken, work, config,
 * tag, version, notes (base64), branches, updateBranches (comma separated). Prints
 * {@code ROAD COMPLETE} and exits 0 when every branch has its build and every update branch its
 * update; exits 2 when a step failed.
 */
public final class CrashResumeChild {
  private static final RepoId DIST_GIT = RepoId.of("rpms/hello");

  private CrashResumeChild() {}

  private static final long T0 = System.nanoTime();

  private static void at(String what) {
    System.out.printf("%6d ms %s (JVM up %d ms)%n", (System.nanoTime() - T0) / 1_000_000, what,
        java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
  }

  public static void main(String[] args) throws Exception {
    at("start");
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    URI base = URI.create(a.get("base"));
    List<String> branches = List.of(a.get("branches").split(","));
    List<String> updateBranches = Arrays.stream(a.get("updateBranches").split(",")).filter(s -> !s.isEmpty()).toList();
    String notes = new String(Base64.getDecoder().decode(a.get("notes")), StandardCharsets.UTF_8);
    PackitConfig config = PackitConfigLoader.defaults().load(Files.readString(Path.of(a.get("config"))), "upstream/hello/.packit.yaml");

    PagureForge distGit = Pagure.builder().instance(base.resolve("pagure/"))
        .credentials(ForgeCredentials.token(a.get("botToken"))).build();
    PagureForge maintainer = Pagure.builder().instance(base.resolve("pagure/"))
        .credentials(ForgeCredentials.token(a.get("maintainerToken"))).build();
    String kojiToken = Base64.getEncoder().encodeToString("packit@FEDORAPROJECT.ORG".getBytes(StandardCharsets.UTF_8));
    ReleaseWorkflow wf = ReleaseWorkflow.builder()
        .upstream(GitHub.builder().baseUri(base.resolve("github/")).credentials(ForgeCredentials.token(a.get("githubToken"))).build())
        .distGit(distGit, base.resolve("git/"))
        .botUser("packit")
        .gitCredentials(GitCredentials.token("packit", Secret.of(a.get("botToken"))))
        .lookaside(LookasideClient.builder().baseUri(base.resolve("lookaside/pkgs/"))
            .uploadCgi(base.resolve("lookaside/pkgs/upload.cgi")).build())
        .koji(KojiClient.builder().hub(base.resolve("kojihub")).login(KojiLogin.negotiate(() -> Secret.of(kojiToken))).build())
        .bodhi(BodhiClient.builder().baseUri(base.resolve("bodhi/")).authenticator(target -> Secret.of("Bearer sandbox")).build())
        .downloads(HttpService.builder().service("downloads").baseUri(base).build())
        .allowInsecureDownloadHosts(java.util.List.of(base.getHost())) // the sandbox: plain HTTP on loopback
        .workDir(Path.of(a.get("work")))
        .build();

    at("clients built");
    // 1. propose_downstream.
    RunResult proposed = wf.apply(wf.planProposeDownstream(ProposeDownstreamRequest
        .builder(config, RepoId.of("upstream/hello"), a.get("tag")).releaseNotes(notes).branches(branches).build()));
    requireNoFailure("propose_downstream", proposed);

    at("proposed");
    // 2. The maintainer merges the bot's pull requests (a stand-in for the human).
    for (PullRequest pr : distGit.pullRequests(DIST_GIT, PrState.OPEN).toList()) {
      if (pr.author().equals("packit") && branches.contains(pr.targetBranch())) {
        maintainer.mergePullRequest(DIST_GIT, pr.number());
      }
    }

    at("merged");
    // 3. Pushes trigger koji_build, completed builds trigger bodhi_update.
    ObjectMapper json = new ObjectMapper();
    Set<String> seen = new HashSet<>();
    Set<String> complete = new HashSet<>();
    Set<String> updated = new HashSet<>();
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!(complete.containsAll(branches) && updated.containsAll(updateBranches))) {
      if (System.nanoTime() > deadline) {
        fail("timed out: builds complete on " + complete + ", updates on " + updated);
      }
      List<Map<String, Object>> bus;
      try (InputStream in = new URL(base.resolve("test-bus").toString()).openStream()) {
        bus = json.readValue(in, new TypeReference<List<Map<String, Object>>>() {});
      }
      for (Map<String, Object> m : bus) {
        String id = (String) m.get("id");
        if (!seen.add(id)) {
          continue;
        }
        @SuppressWarnings("unchecked")
        MessageEnvelope env = new MessageEnvelope(id, (String) m.get("topic"),
            (Map<String, Object>) m.get("headers"), (Map<String, Object>) m.get("body"));
        FedoraMessage message = FedoraMessages.typed(env, "sandbox");
        if (message instanceof DistGitPush push && push.fullName().equals("rpms/hello")
            && branches.contains(push.branch()) && push.pullRequest().isPresent()) {
          String author = distGit.pullRequest(DIST_GIT, push.pullRequest().getAsLong()).map(PullRequest::author).orElse("");
          requireNoFailure("koji_build", wf.apply(wf.planKojiBuild(push, config, author)));
        } else if (message instanceof KojiBuildStateChange change && change.newState().name().equals("COMPLETE")
            && change.branch().isPresent() && branches.contains(change.branch().get())) {
          String branch = change.branch().get();
          complete.add(branch);
          if (updateBranches.contains(branch)) {
            RunResult r = wf.apply(wf.planBodhiUpdate(change, config, updateBranches));
            requireNoFailure("bodhi_update", r);
            for (BranchResult b : r.branches()) {
              if (b.updateAlias().isPresent() || b.detail().contains("already contains")) {
                updated.add(b.branch());
              }
            }
          }
        }
      }
      Thread.sleep(20);
    }
    at("built and updated");
    System.out.println("ROAD COMPLETE");
    System.out.flush();
    System.exit(0);
  }

  private static void requireNoFailure(String job, RunResult r) {
    for (BranchResult b : r.branches()) {
      System.out.println(job + " " + b.branch() + ": " + b.outcome() + " " + b.detail());
      if (b.outcome() == BranchOutcome.FAILED) {
        fail(job + " failed on " + b.branch() + ": " + b.detail());
      }
    }
  }

  private static void fail(String why) {
    System.out.println("ROAD FAILED: " + why);
    System.out.flush();
    System.exit(2);
  }
}
