package dev.packit.benchmarks;

import dev.packit.fedora.workflow.BranchOutcome;
import dev.packit.fedora.workflow.BranchResult;
import dev.packit.fedora.workflow.Plan;
import dev.packit.fedora.workflow.PlannedStep;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.RunResult;
import dev.packit.fedora.workflow.WorkflowListener;
import dev.packit.testkit.FedoraSandbox;
import dev.packit.testkit.SandboxScenario;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * propose_downstream of one release to 1 branch and to N branches on the sandbox: wall time of
 * plan + apply, and the HTTP requests each sandbox service received, per branch. The target (issue
 * 8) is N = 10 in at most twice the time of 1.
 *
 * <pre>{@code
 * java -cp packit-benchmarks/target/benchmarks.jar dev.packit.benchmarks.ProposeDownstreamBranchesBenchmark [rounds] [N]
 * }</pre>
 *
 * <p>Each run gets a fresh sandbox and work folder, seeded before the clock starts. Runs alternate
 * 1, N, 1, N... after two unmeasured warm-up runs (JIT), and the report gives every run, the
 * medians and their ratio. A plain main class rather than JMH: one run is a whole workflow over
 * loopback HTTP and git, seconds long, with per-run setup that must stay outside the timing.
 */
public final class ProposeDownstreamBranchesBenchmark {
  private ProposeDownstreamBranchesBenchmark() {}

  /** What one run measured. */
  record Run(int branches, double planSeconds, double applySeconds, Map<String, Long> requests, double load,
      Map<String, Double> stepSeconds, double cpuSeconds) {
    double seconds() {
      return planSeconds + applySeconds;
    }
  }

  /**
   * Runs the benchmark.
   *
   * @param args optional number of measured rounds (default 5) and N (default 10)
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int many = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path work = Files.createTempDirectory("packit-bench-branches-");
    try {
      System.out.printf(Locale.ROOT, "propose_downstream 1 vs %d branches, %d round(s), %d CPUs, load %.1f%n",
          many, rounds, Runtime.getRuntime().availableProcessors(), load());
      run(work, 3, false);
      run(work, many, false);
      List<Run> one = new ArrayList<>();
      List<Run> n = new ArrayList<>();
      for (int i = 1; i <= rounds; i++) {
        Run a = run(work, 1, true);
        Run b = run(work, many, true);
        one.add(a);
        n.add(b);
        System.out.printf(Locale.ROOT, "  apply steps, summed over branches: 1 branch %s; %d branches %s%n",
            format(a.stepSeconds()), many, format(b.stepSeconds()));
        System.out.printf(Locale.ROOT, "round %d: 1 branch %.2f s (plan %.2f + apply %.2f), %d branches %.2f s (plan %.2f + apply %.2f), ratio %.2f; CPU %.2f s / %.2f s; load %.1f / %.1f%n",
            i, a.seconds(), a.planSeconds(), a.applySeconds(), many, b.seconds(), b.planSeconds(), b.applySeconds(),
            b.seconds() / a.seconds(), a.cpuSeconds(), b.cpuSeconds(), a.load(), b.load());
      }
      double m1 = median(one);
      double mn = median(n);
      System.out.printf(Locale.ROOT, "RESULT 1 branch median %.2f s, %d branches median %.2f s, ratio %.2f (target <= 2.00)%n",
          m1, many, mn, mn / m1);
      System.out.println("requests per run (service and method: 1 branch / " + many + " branches / extra per added branch):");
      Map<String, Long> r1 = one.get(0).requests();
      Map<String, Long> rn = n.get(0).requests();
      TreeMap<String, Long> keys = new TreeMap<>(r1);
      rn.forEach(keys::putIfAbsent);
      long t1 = 0;
      long tn = 0;
      for (String k : keys.keySet()) {
        long a = r1.getOrDefault(k, 0L);
        long b = rn.getOrDefault(k, 0L);
        t1 += a;
        tn += b;
        System.out.printf(Locale.ROOT, "  %-18s %4d / %4d / %5.1f%n", k, a, b, (b - a) / (double) (many - 1));
      }
      System.out.printf(Locale.ROOT, "  %-18s %4d / %4d / %5.1f%n", "total", t1, tn, (tn - t1) / (double) (many - 1));
    } finally {
      deleteTree(work);
    }
  }

  private static Run run(Path work, int branches, boolean measured) throws Exception {
    Path dir = Files.createTempDirectory(work, "run-");
    try (FedoraSandbox sandbox = FedoraSandbox.start(Files.createDirectories(dir.resolve("sandbox")))) {
      SandboxScenario hello = SandboxScenario.hello(sandbox, "1.0.0", "1.1.0", SandboxScenario.branchNames(branches));
      StepTimes steps = new StepTimes();
      ReleaseWorkflow wf = hello.workflow(Files.createDirectories(dir.resolve("work"))).listener(steps).build();
      var request = hello.releaseRequest();
      double load = load();
      sandbox.resetRequestCounts();
      double cpu0 = processCpuSeconds();
      long t0 = System.nanoTime();
      Plan plan = wf.planProposeDownstream(request);
      long t1 = System.nanoTime();
      RunResult result = wf.apply(plan);
      long t2 = System.nanoTime();
      double cpu = processCpuSeconds() - cpu0;
      for (BranchResult r : result.branches()) {
        if (r.outcome() != BranchOutcome.DONE || r.pullRequestUrl().isEmpty()) {
          throw new IllegalStateException("branch did not finish: " + r);
        }
      }
      if (sandbox.pagure().pullRequests("rpms/hello").size() != branches
          || sandbox.lookaside().uploads("rpms/hello", "hello-1.1.0.tar.gz") != 1) {
        throw new IllegalStateException("expected " + branches + " pull requests and one upload");
      }
      Run run = new Run(branches, (t1 - t0) / 1e9, (t2 - t1) / 1e9, sandbox.requestCounts(), load, steps.seconds, cpu);
      if (!measured) {
        System.out.printf(Locale.ROOT, "warm-up: %d branches %.2f s%n", branches, run.seconds());
      }
      return run;
    } finally {
      deleteTree(dir);
    }
  }

  /** Sums the time of each kind of apply step over all branches. */
  private static final class StepTimes implements WorkflowListener {
    final Map<String, Double> seconds = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Map<String, Long> started = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void stepStarted(String branch, PlannedStep step) {
      started.put(branch + "/" + step.getClass().getSimpleName(), System.nanoTime());
    }

    @Override
    public void stepFinished(String branch, PlannedStep step, String note) {
      Long t = started.remove(branch + "/" + step.getClass().getSimpleName());
      if (t != null) {
        seconds.merge(step.getClass().getSimpleName(), (System.nanoTime() - t) / 1e9, Double::sum);
      }
    }
  }

  private static String format(Map<String, Double> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(String.format(Locale.ROOT, " %.2f s", v)));
    return sb.toString();
  }

  private static double median(List<Run> runs) {
    List<Double> s = runs.stream().map(Run::seconds).sorted().toList();
    return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
  }

  private static double processCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
