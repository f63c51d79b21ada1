package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.core.Secret;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.core.http.HttpRequest;
import dev.packit.core.http.HttpService;
import dev.packit.core.http.HttpTransport;
import dev.packit.core.http.Sleeper;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.koji.KojiLogin;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.messaging.DistGitPush;
import dev.packit.fedora.messaging.FedoraMessage;
import dev.packit.fedora.messaging.KojiBuildStateChange;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchPlan;
import dev.packit.fedora.workflow.BranchResult;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.ProposeDownstreamRequest;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import dev.packit.forge.github.GitHub;
import dev.packit.forge.pagure.Pagure;
import dev.packit.forge.pagure.PagureForge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The road under faults: releases of several packages go through propose_downstream, a
 * maintainer's merge, koji_build (from the dist-git push message) and bodhi_update (from the Koji
 * build message) while the sandbox faults a share of every HTTP request and message delivery.
 * The bot retries a failed job a bounded number of times. Afterwards the sandbox's own state must
 * hold exactly one pull request per release and branch, one upload per archive, one build per
 * NVR and one update per build.
 *
 * <p>Size and rate come from system properties ({@code packit.faults.releases} (10 in the suite,
 * 100 and 500 for the figures in docs/reliability.md),
 * {@code packit.faults.packages} (5), {@code packit.faults.branches} (1, up to 2),
 * {@code packit.faults.rate} (0.3), {@code packit.faults.seed} (42)); the figures are printed.
 */
@Tag("integration")
class FaultInjectionReleaseTest {
  private static final int RELEASES = Integer.getInteger("packit.faults.releases", 10);
  private static final int PACKAGES = Math.min(RELEASES, Integer.getInteger("packit.faults.packages", 5));
  private static final List<String> BRANCHES = List.of("f43", "f42").subList(0,
      Math.max(1, Math.min(2, Integer.getInteger("packit.faults.branches", 1))));
  private static final double RATE = Double.parseDouble(System.getProperty("packit.faults.rate", "0.3"));
  private static final long SEED = Long.getLong("packit.faults.seed", 42);
  private static final int JOB_ATTEMPTS = 20;
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(1);
  /**
   * A slow fault before the service acts makes Pagure create the pull request after the client
   * timed out; lookups go on this long (real time: the sleeper shortens only the pauses).
   */
  private static final Duration SETTLE = Duration.ofSeconds(5);
  private static final GitIdentity MAINTAINER = GitIdentity.of("Jane Maintainer", "jane@example.org");
  private static final String BOT = "packit";

  private final LongAdder retries = new LongAdder();
  private final Map<String, LongAdder> jobAttempts = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> jobRuns = new ConcurrentHashMap<>();
  private final Map<String, BlockingQueue<FedoraMessage>> inbox = new ConcurrentHashMap<>();
  private final AtomicInteger sleeps = new AtomicInteger();

  /** Waits at most 50 ms: Retry-After and backoff are honoured in order, not in length. */
  private final Sleeper sleeper = d -> {
    sleeps.incrementAndGet();
    Thread.sleep(Math.min(d.toMillis(), 50));
  };

  /** Short timeouts on every request, so slow responses count as failures quickly. */
  private static HttpTransport shortTimeouts() {
    HttpTransport jdk = HttpTransport.jdk();
    return r -> jdk.send(new HttpRequest(r.method(), r.uri(), r.headers(), r.body(), r.idempotent(),
        Optional.of(CLIENT_TIMEOUT), r.followRedirects()));
  }

  private static String yaml(String pkg) {
    String branches = String.join(", ", BRANCHES);
    return "upstream_package_name: " + pkg + "\n"
        + "downstream_package_name: " + pkg + "\n"
        + "upstream_tag_template: v{version}\n"
        + "jobs:\n"
        + "  - job: propose_downstream\n    trigger: release\n    dist_git_branches: [" + branches + "]\n"
        + "  - job: koji_build\n    trigger: commit\n    dist_git_branches: [" + branches + "]\n"
        + "  - job: bodhi_update\n    trigger: commit\n    dist_git_branches: [" + branches + "]\n";
  }

  private static String spec(FedoraSandbox sandbox, String pkg, String version) {
    return "Name:           " + pkg + "\nVersion:        " + version + "\nRelease:        1%{?dist}\n"
        + "Summary:        A package released under faults\nLicense:        MIT\n"
        + "Source0:        " + sandbox.baseUri() + "archives/" + pkg + "-%{version}.tar.gz\nBuildArch:      noarch\n\n"
        + "%description\nA package released under faults.\n\n%files\n\n%changelog\n"
        + "* Mon Nov 02 2026 Jane Maintainer <jane@example.org> - " + version + "-1\n- Initial package\n";
  }

  private static void seed(FedoraSandbox sandbox, Path work, String name, String first, List<String> branches,
      Map<String, String> files, List<String> tags) throws IOException {
    sandbox.createBareRepository(name);
    Path dir = Files.createTempDirectory(work, "seed-");
    try (LocalRepository repo = LocalRepository.init(dir, first, Clock.systemUTC())) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
      }
      repo.addAll();
      repo.commit("Initial import", MAINTAINER);
      for (String t : tags) {
        repo.tag(t, t, MAINTAINER);
      }
      repo.setRemote("origin", sandbox.gitUri(name));
      PushRequest.Builder push = PushRequest.builder("origin").pushTags(true);
      branches.forEach(b -> push.refSpec("refs/heads/" + first + ":refs/heads/" + b));
      repo.push(push.build());
    }
  }

  private static String version(int i) {
    return "1.0." + (i + 1);
  }

  @Test
  void everyReleaseFinishesOnceUnderFaults(@TempDir Path work) throws Exception {
    long started = System.nanoTime();
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      sandbox.mount("/archives", "release archives", ex -> {
        try (ex) {
          String file = ex.getRequestURI().getPath().substring("/archives/".length());
          byte[] body = SandboxScenario.archive(file.replace(".tar.gz", ""));
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
        }
      });
      List<String> packages = new ArrayList<>();
      Map<String, List<String>> versions = new TreeMap<>();
      for (int p = 0; p < PACKAGES; p++) {
        String pkg = "pkg" + p;
        packages.add(pkg);
        int count = RELEASES / PACKAGES + (p < RELEASES % PACKAGES ? 1 : 0);
        List<String> vs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          vs.add(version(i));
        }
        versions.put(pkg, vs);
        List<String> distGitBranches = new ArrayList<>(List.of("rawhide"));
        distGitBranches.addAll(BRANCHES);
        seed(sandbox, work, "rpms/" + pkg, "rawhide", distGitBranches,
            Map.of(pkg + ".spec", spec(sandbox, pkg, "1.0.0"), "sources", "", ".gitignore", ""), List.of());
        seed(sandbox, work, "upstream/" + pkg, "main", List.of("main"), Map.of(".packit.yaml", yaml(pkg)),
            vs.stream().map(v -> "v" + v).toList());
        sandbox.pagure().owner("rpms/" + pkg, "jane");
        inbox.put(pkg, new LinkedBlockingQueue<>());
      }

      HttpTransport transport = shortTimeouts();
      String kojiToken = Base64.getEncoder().encodeToString((BOT + "@FEDORAPROJECT.ORG").getBytes(StandardCharsets.UTF_8));
      sandbox.koji();
      PagureForge distGit = Pagure.builder().instance(sandbox.pagure().instanceUri()).transport(transport).sleeper(sleeper)
          .pollInterval(Duration.ofMillis(10)).createSettle(SETTLE)
          .credentials(ForgeCredentials.token(sandbox.pagure().token(BOT))).build();
      PagureForge maintainer = Pagure.builder().instance(sandbox.pagure().instanceUri()).transport(transport)
          .sleeper(sleeper).credentials(ForgeCredentials.token(sandbox.pagure().token("jane"))).build();
      ExecutorService branchPool = Executors.newFixedThreadPool(4);
      ReleaseWorkflow wf = ReleaseWorkflow.builder()
          .upstream(GitHub.builder().baseUri(sandbox.github().apiUri()).transport(transport).sleeper(sleeper)
              .credentials(ForgeCredentials.token(sandbox.github().token(BOT))).build())
          .distGit(distGit, sandbox.baseUri().resolve("git/"))
          .botUser(BOT)
          .gitCredentials(GitCredentials.token(BOT, Secret.of(sandbox.pagure().token(BOT))))
          .lookaside(LookasideClient.builder().baseUri(sandbox.lookaside().baseUri())
              .uploadCgi(sandbox.lookaside().uploadCgi()).transport(transport).sleeper(sleeper).build())
          .koji(KojiClient.builder().hub(sandbox.baseUri().resolve("kojihub")).transport(transport).sleeper(sleeper)
              .timeout(CLIENT_TIMEOUT).login(KojiLogin.negotiate(() -> Secret.of(kojiToken))).build())
          .bodhi(BodhiClient.builder().baseUri(sandbox.bodhi().baseUri()).transport(transport).sleeper(sleeper)
              .authenticator(target -> Secret.of("Bearer sandbox")).build())
          .downloads(HttpService.builder().service("downloads").baseUri(sandbox.baseUri()).transport(transport)
              .sleeper(sleeper).build())
          // The sandbox serves archives over plain HTTP on loopback.
          .allowInsecureDownloadHosts(List.of(sandbox.baseUri().getHost()))
          .executor(branchPool)
          .workDir(work.resolve("wf"))
          .build();

      SandboxFaults faults = sandbox.faults(FaultPlan.rate(RATE).seed(SEED).slowDelay(CLIENT_TIMEOUT.plusMillis(300)));
      sandbox.messages().subscribe(List.of("org.fedoraproject.prod.pagure.git.receive",
          "org.fedoraproject.prod.buildsys.build.state.change"), faults.wrap(m -> {
            String pkg = m instanceof DistGitPush p ? p.repository()
                : m instanceof KojiBuildStateChange k ? k.name() : "";
            BlockingQueue<FedoraMessage> q = inbox.get(pkg);
            if (q != null) {
              q.add(m);
            }
          }));

      ExecutorService workers = Executors.newFixedThreadPool(PACKAGES);
      List<Future<?>> done = new ArrayList<>();
      for (String pkg : packages) {
        done.add(workers.submit(() -> {
          release(sandbox, wf, maintainer, pkg, versions.get(pkg));
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(10, TimeUnit.MINUTES);
      }
      workers.shutdown();
      branchPool.shutdown();
      sandbox.faults(FaultPlan.none());
      assertTrue(sandbox.messages().awaitIdle(Duration.ofSeconds(30)));
      for (String pkg : packages) {
        drainLate(wf, pkg);
      }

      // The sandbox's own state: everything once, nothing missing.
      for (String pkg : packages) {
        Map<String, Long> prs = sandbox.pagure().pullRequests("rpms/" + pkg).stream()
            .collect(Collectors.groupingBy(pr -> pr.path("title").asText(), TreeMap::new, Collectors.counting()));
        Map<String, Long> expected = new TreeMap<>();
        for (String v : versions.get(pkg)) {
          BRANCHES.forEach(b -> expected.put("Update " + b + " to upstream release " + v, 1L));
          assertEquals(1, sandbox.lookaside().uploads("rpms/" + pkg, pkg + "-" + v + ".tar.gz"), pkg + " " + v + " uploads");
        }
        assertEquals(expected, prs, pkg + ": one pull request per release and branch");
      }
      Map<String, Long> builds = sandbox.koji().builds().stream()
          .collect(Collectors.groupingBy(b -> String.valueOf(b.get("nvr")), TreeMap::new, Collectors.counting()));
      Map<String, Long> updates = new TreeMap<>();
      for (JsonNode u : sandbox.bodhi().updates()) {
        u.path("builds").forEach(b -> updates.merge(b.path("nvr").asText(), 1L, Long::sum));
      }
      Map<String, Long> expectedNvrs = new TreeMap<>();
      versions.forEach((pkg, vs) -> vs.forEach(v -> BRANCHES.forEach(
          b -> expectedNvrs.put(pkg + "-" + v + "-1.fc" + b.substring(1), 1L))));
      assertEquals(expectedNvrs, builds, "one Koji build per release and branch");
      assertEquals(expectedNvrs, updates, "one Bodhi update per build");
      assertEquals(RELEASES * BRANCHES.size(), sandbox.bodhi().updates().size());

      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("fault injection: %d releases x %d branch(es), %d packages, rate %.2f, seed %d: %.1f s%n"
          + "  %s%n  job attempts %s, job runs %s, retries %d, waits %d%n",
          RELEASES, BRANCHES.size(), PACKAGES, RATE, SEED, seconds, faults.summary(), counts(jobAttempts), counts(jobRuns),
          retries.sum(), sleeps.get());
      assertTrue(faults.injected() > RELEASES, "faults were injected: " + faults.summary());
    }
  }

  private static Map<String, Long> counts(Map<String, LongAdder> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** One package's releases, in order, as a bot and a maintainer would drive them. */
  private void release(FedoraSandbox sandbox, ReleaseWorkflow wf, PagureForge maintainer, String pkg, List<String> vs)
      throws Exception {
    PackitConfig config = PackitConfigLoader.defaults().load(yaml(pkg), "upstream/" + pkg + "/.packit.yaml");
    Set<String> built = ConcurrentHashMap.newKeySet();
    Set<String> updated = ConcurrentHashMap.newKeySet();
    for (String v : vs) {
      ProposeDownstreamRequest request = ProposeDownstreamRequest.builder(config, RepoId.of("upstream/" + pkg), "v" + v)
          .branches(BRANCHES).build();
      job("propose_downstream", pkg + " " + v, () -> wf.planProposeDownstream(request), wf,
          r -> r.outcome() == BranchOutcome.DONE);
      for (String b : BRANCHES) {
        merge(sandbox, maintainer, pkg, "Update " + b + " to upstream release " + v);
      }
      List<String> nvrs = BRANCHES.stream().map(b -> pkg + "-" + v + "-1.fc" + b.substring(1)).toList();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (!updated.containsAll(nvrs)) {
        if (System.nanoTime() > deadline) {
          fail(pkg + " " + v + ": no update for " + nvrs + " (built " + built + ", updated " + updated + ")");
        }
        FedoraMessage m = inbox.get(pkg).poll(50, TimeUnit.MILLISECONDS);
        if (m == null) {
          sandbox.koji().advance(Duration.ofHours(1));
          continue;
        }
        handle(wf, config, m, built, updated);
      }
    }
  }

  /** What the bot does with a message: koji_build for a push, bodhi_update for a finished build. */
  private void handle(ReleaseWorkflow wf, PackitConfig config, FedoraMessage m, Set<String> built, Set<String> updated) {
    if (m instanceof DistGitPush p) {
      BranchResult r = job("koji_build", p.repository() + " " + p.branch(), () -> wf.planKojiBuild(p, config, BOT), wf,
          b -> b.outcome() == BranchOutcome.DONE || b.outcome() == BranchOutcome.SKIPPED);
      r.buildNvr().ifPresent(built::add);
    } else if (m instanceof KojiBuildStateChange k && k.newState().name().equals("COMPLETE")) {
      BranchResult r = job("bodhi_update", k.nvr(), () -> wf.planBodhiUpdate(k, config, BRANCHES), wf,
          b -> b.outcome() == BranchOutcome.DONE || b.outcome() == BranchOutcome.SKIPPED);
      if (r.outcome() == BranchOutcome.DONE || r.detail().contains("already contains")) {
        updated.add(k.nvr());
      }
    }
  }

  /** Late duplicates (redeliveries) must change nothing either. */
  private void drainLate(ReleaseWorkflow wf, String pkg) {
    PackitConfig config = PackitConfigLoader.defaults().load(yaml(pkg), "upstream/" + pkg + "/.packit.yaml");
    FedoraMessage m;
    while ((m = inbox.get(pkg).poll()) != null) {
      handle(wf, config, m, ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
    }
  }

  /** Plans and applies a job until every branch is fine, at most {@link #JOB_ATTEMPTS} times. */
  private BranchResult job(String type, String what, Supplier<Plan> plan, ReleaseWorkflow wf,
      java.util.function.Predicate<BranchResult> ok) {
    jobRuns.computeIfAbsent(type, k -> new LongAdder()).increment();
    RuntimeException last = null;
    String why = "";
    for (int attempt = 1; attempt <= JOB_ATTEMPTS; attempt++) {
      jobAttempts.computeIfAbsent(type, k -> new LongAdder()).increment();
      if (attempt > 1) {
        retries.increment();
      }
      try {
        Plan p = plan.get();
        Optional<BranchPlan> unplanned = p.branches().stream()
            .filter(BranchPlan::planningFailed).findFirst();
        if (unplanned.isPresent()) {
          why = unplanned.get().skip();
          continue;
        }
        RunResult result = wf.apply(p);
        List<BranchResult> bad = result.branches().stream().filter(ok.negate()).toList();
        if (bad.isEmpty()) {
          return result.branches().get(0);
        }
        why = bad.toString();
      } catch (RuntimeException e) {
        last = e;
        why = e.toString();
      }
    }
    throw new AssertionError(type + " of " + what + " failed " + JOB_ATTEMPTS + " times; last: " + why, last);
  }

  /** The maintainer merges the bot's pull request, trying again until the sandbox shows it merged. */
  private static void merge(FedoraSandbox sandbox, PagureForge maintainer, String pkg, String title) {
    for (int attempt = 1; attempt <= JOB_ATTEMPTS; attempt++) {
      Function<String, Optional<JsonNode>> find = t -> sandbox.pagure().pullRequests("rpms/" + pkg).stream()
          .filter(pr -> pr.path("title").asText().equals(t)).findFirst();
      JsonNode pr = find.apply(title).orElseThrow(() -> new AssertionError("no pull request '" + title + "'"));
      if (!pr.path("status").asText().equals("Open")) {
        return;
      }
      try {
        maintainer.mergePullRequest(RepoId.of("rpms/" + pkg), pr.path("id").asLong());
      } catch (RuntimeException e) {
        // the merge may have happened; the next look tells
      }
    }
    fail("the maintainer could not merge '" + title + "' of " + pkg);
  }
}
