package dev.packit.benchmarks;

import dev.packit.core.Secret;
import dev.packit.core.http.HttpService;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.ProposeDownstreamRequest;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.forge.ForgeCredentials;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.GitCredentials;
import dev.packit.forge.git.GitIdentity;
import dev.packit.forge.git.LocalRepository;
import dev.packit.forge.git.PushRequest;
import dev.packit.forge.pagure.Pagure;
import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.SandboxScenario;
import dev.packit.core.config.PackitConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many propose_downstream workflows at once on one set of shared clients (one dist-git client,
 * one lookaside client, one download service, one {@link ReleaseWorkflow}, the shared JDK
 * {@code HttpClient}) against a {@link FedoraSandbox}: are threads and connections bounded, does
 * it finish (no deadlock), how much memory does it hold?
 *
 * <pre>{@code
 * LoadHarness.Report r = LoadHarness.run(200, "platform", 16, Duration.ofMinutes(10));
 * System.out.println(r);
 * }</pre>
 *
 * <p>Jobs and the workflow's branches share one executor: a fixed pool ({@code platform}) or, on
 * Java 21 and later, one virtual thread per task ({@code virtual}, chosen reflectively so this
 * code stays Java 17). Run it from the shaded jar:
 * {@code java -cp packit-benchmarks/target/benchmarks.jar dev.packit.benchmarks.LoadHarness 200 virtual}.
 */
public final class LoadHarness {
  private static final GitIdentity MAINTAINER = GitIdentity.of("Jane Maintainer", "jane@example.org");

  private LoadHarness() {}

  /**
   * What a run measured.
   *
   * @param workflows workflows started at once
   * @param executor {@code platform (n)} or {@code virtual}
   * @param done workflows whose branch finished
   * @param failed workflows that failed
   * @param seconds wall time of the workflows (seeding excluded)
   * @param threadsBefore live platform threads before the run
   * @param peakThreads peak live platform threads during the run
   * @param peakSockets peak open sockets of the process (client and server ends), sampled; -1 when unknown
   * @param httpClients JDK {@code HttpClient} instances alive (selector threads) at the end
   * @param heapBeforeMb heap used after GC before the run
   * @param heapPeakMb peak heap used during the run
   * @param heapAfterMb heap used after GC after the run, with the sandbox and clients still alive
   */
  public record Report(int workflows, String executor, int done, int failed, double seconds, int threadsBefore,
      int peakThreads, int peakSockets, int httpClients, long heapBeforeMb, long heapPeakMb, long heapAfterMb) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "load: %d workflows on %s: %d done, %d failed in %.1f s; platform threads %d"
          + " before, peak %d; peak open sockets %d; HttpClients %d; heap after GC %d MB before, peak %d MB,"
          + " %d MB after", workflows, executor, done, failed, seconds, threadsBefore, peakThreads, peakSockets,
          httpClients, heapBeforeMb, heapPeakMb, heapAfterMb);
    }
  }

  /**
   * Selects the executor for jobs and branches.
   *
   * @param kind {@code platform} or {@code virtual}
   * @param poolSize threads of the platform pool
   * @return the executor
   * @throws IllegalStateException when virtual threads are asked for before Java 21
   */
  public static ExecutorService executor(String kind, int poolSize) {
    if (kind.equals("virtual")) {
      try {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("virtual threads need Java 21 or later; this is " + Runtime.version(), e);
      }
    }
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(poolSize, r -> {
      Thread t = new Thread(r, "load-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Seeds {@code workflows} packages and runs propose_downstream for all of them at once.
   *
   * @param workflows how many packages, each released once
   * @param kind {@code platform} or {@code virtual}
   * @param poolSize threads of the platform pool
   * @param limit the longest the run may take: longer is reported as a deadlock
   * @return the figures
   * @throws IOException when the work folder cannot be made
   * @throws InterruptedException when interrupted
   */
  public static Report run(int workflows, String kind, int poolSize, Duration limit) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("packit-load-");
    try (FedoraSandbox sandbox = FedoraSandbox.start()) {
      sandbox.mount("/archives", "release archives", ex -> {
        try (ex) {
          String file = ex.getRequestURI().getPath().substring("/archives/".length());
          byte[] body = SandboxScenario.archive(file.replace(".tar.gz", ""));
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
        }
      });
      for (int i = 0; i < workflows; i++) {
        seed(sandbox, work, "pkg" + i);
      }
      ExecutorService executor = executor(kind, poolSize);
      ReleaseWorkflow wf = ReleaseWorkflow.builder()
          .distGit(Pagure.builder().instance(sandbox.pagure().instanceUri()).pollInterval(Duration.ofMillis(20))
              .credentials(ForgeCredentials.token(sandbox.pagure().token(SandboxScenario.BOT))).build(),
              sandbox.baseUri().resolve("git/"))
          .botUser(SandboxScenario.BOT)
          .gitCredentials(GitCredentials.token(SandboxScenario.BOT, Secret.of(sandbox.pagure().token(SandboxScenario.BOT))))
          .lookaside(LookasideClient.builder().baseUri(sandbox.lookaside().baseUri())
              .uploadCgi(sandbox.lookaside().uploadCgi()).build())
          .downloads(HttpService.builder().service("downloads").baseUri(sandbox.baseUri()).build())
          .allowInsecureDownloadHosts(java.util.List.of(sandbox.baseUri().getHost())) // plain HTTP on loopback
          .executor(executor)
          .workDir(work.resolve("wf"))
          .build();

      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long heapBefore = heapAfterGc();
      int threadsBefore = threads.getThreadCount();
      threads.resetPeakThreadCount();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
      AtomicInteger peakSockets = new AtomicInteger(sockets());
      AtomicBoolean sampling = new AtomicBoolean(true);
      Thread sampler = new Thread(() -> {
        while (sampling.get()) {
          peakSockets.accumulateAndGet(sockets(), Math::max);
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "load-socket-sampler");
      sampler.setDaemon(true);
      sampler.start();

      long t0 = System.nanoTime();
      List<Future<RunResult>> results = new ArrayList<>();
      for (int i = 0; i < workflows; i++) {
        String pkg = "pkg" + i;
        ProposeDownstreamRequest request = ProposeDownstreamRequest.builder(
            PackitConfigLoader.defaults().load(yaml(pkg), pkg + "/.packit.yaml"), RepoId.of("upstream/" + pkg), "v1.0.1")
            .branches(List.of("f43")).build();
        results.add(executor.submit(() -> wf.apply(wf.planProposeDownstream(request))));
      }
      int done = 0;
      int failed = 0;
      long deadline = t0 + limit.toNanos();
      for (Future<RunResult> f : results) {
        try {
          RunResult r = f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          if (r.branches().stream().allMatch(b -> b.outcome() == BranchOutcome.DONE)) {
            done++;
          } else {
            failed++;
          }
        } catch (TimeoutException e) {
          throw new IllegalStateException("not finished after " + limit + " (deadlock?): " + done + " done", e);
        } catch (java.util.concurrent.ExecutionException e) {
          failed++;
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      sampling.set(false);
      sampler.join();
      int peakThreads = threads.getPeakThreadCount();
      long heapPeak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          heapPeak += pool.getPeakUsage().getUsed();
        }
      }
      int clients = (int) Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().matches("HttpClient-\\d+-SelectorManager")).count();
      long heapAfter = heapAfterGc();
      executor.shutdownNow();
      String executorName = kind.equals("virtual") ? "virtual threads" : "a fixed pool of " + poolSize;
      return new Report(workflows, executorName, done, failed, seconds, threadsBefore, peakThreads, peakSockets.get(),
          clients, heapBefore, heapPeak >> 20, heapAfter);
    } finally {
      deleteTree(work);
    }
  }

  private static String yaml(String pkg) {
    return "upstream_package_name: " + pkg + "\ndownstream_package_name: " + pkg + "\nupstream_tag_template: v{version}\n"
        + "jobs:\n  - job: propose_downstream\n    trigger: release\n    dist_git_branches: [f43]\n";
  }

  private static void seed(FedoraSandbox sandbox, Path work, String pkg) throws IOException {
    Path bare = sandbox.createBareRepository("rpms/" + pkg);
    Path dir = Files.createTempDirectory(work, "seed-");
    String spec = "Name:           " + pkg + "\nVersion:        1.0.0\nRelease:        1%{?dist}\nSummary:        Load\n"
        + "License:        MIT\nSource0:        " + sandbox.baseUri() + "archives/" + pkg + "-%{version}.tar.gz\n\n"
        + "%description\nLoad.\n\n%files\n\n%changelog\n* Mon Nov 02 2026 Jane Maintainer <jane@example.org> - 1.0.0-1\n- Initial\n";
    try (LocalRepository repo = LocalRepository.init(dir, "rawhide", Clock.systemUTC())) {
      Files.writeString(dir.resolve(pkg + ".spec"), spec, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("sources"), "", StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(".gitignore"), "", StandardCharsets.UTF_8);
      repo.addAll();
      repo.commit("Initial import", MAINTAINER);
      repo.setRemote("origin", bare.toUri()); // straight to disk: seeding is not what is measured
      repo.push(PushRequest.builder("origin").refSpec("refs/heads/rawhide:refs/heads/rawhide")
          .refSpec("refs/heads/rawhide:refs/heads/f43").build());
    }
    deleteTree(dir);
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
  }

  /** Open sockets of this process (Linux {@code /proc/self/fd}); -1 elsewhere. */
  static int sockets() {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return -1;
    }
    int n = 0;
    try (var list = Files.list(fds)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        try {
          if (Files.readSymbolicLink(p).toString().startsWith("socket:")) {
            n++;
          }
        } catch (IOException | UnsupportedOperationException e) {
          // closed meanwhile
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
    return n;
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort
    }
  }

  /**
   * Runs the harness: {@code LoadHarness [workflows=200] [platform|virtual] [poolSize=16]}.
   *
   * @param args the arguments
   * @throws Exception when the run fails
   */
  public static void main(String[] args) throws Exception {
    int workflows = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    String kind = args.length > 1 ? args[1] : "platform";
    int pool = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    System.out.println(run(workflows, kind, pool, Duration.ofMinutes(15)));
  }
}
