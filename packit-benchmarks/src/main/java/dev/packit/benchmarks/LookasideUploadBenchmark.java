package dev.packit.benchmarks;

import dev.packit.core.http.RetryPolicy;
import dev.packit.fedora.lookaside.HashType;
import dev.packit.fedora.lookaside.HashedFile;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.lookaside.UploadResult;
import dev.packit.testkit.FedoraSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Uploads one large file through the sandbox lookaside and compares the throughput with
 * {@code sha512sum} on the same file, in the same run (see docs/distgit.md for the command).
 *
 * <pre>{@code
 * java -Xmx64m -cp ... dev.packit.benchmarks.LookasideUploadBenchmark [size-in-MiB] [work-dir] [rounds]
 * }</pre>
 *
 * <p>Phases, each timed: {@code sha512sum} (coreutils), hashing with {@link HashedFile}, the upload
 * ({@link LookasideClient#send}: multipart over loopback, the server parses the form, hashes and
 * writes the file, then moves it into place), {@code sha512sum} again. The upload is the measured
 * operation; the report also gives hash + check + upload end to end. A JMH harness does not fit a
 * single multi-second I/O operation that must run under {@code -Xmx64m} in a fresh JVM, hence a
 * plain main class.
 */
public final class LookasideUploadBenchmark {
  private LookasideUploadBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional size in MiB (default 2048) and work folder (default a temporary one)
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    long mib = args.length > 0 ? Long.parseLong(args[0]) : 2048;
    Path work = args.length > 1 ? Files.createDirectories(Path.of(args[1])) : Files.createTempDirectory("packit-bench-");
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    long size = mib << 20;
    Path file = work.resolve("bench-1.0.tar.gz");
    System.out.printf(Locale.ROOT, "max heap %d MiB, file %d MiB in %s, %d round(s), %d CPUs%n",
        Runtime.getRuntime().maxMemory() >> 20, mib, work, rounds, Runtime.getRuntime().availableProcessors());
    write(file, size);
    Path sandboxRoot = Files.createDirectories(work.resolve("sandbox"));
    ThreadCpu threads = ThreadCpu.start();
    try (FedoraSandbox sandbox = FedoraSandbox.start(sandboxRoot)) {
      sandbox.createBareRepository("rpms/bench");
      LookasideClient client = LookasideClient.builder().baseUri(sandbox.lookaside().baseUri()).retryPolicy(RetryPolicy.none()).build();
      double mb = size / 1e6;

      long t0 = System.nanoTime();
      HashedFile hashed = HashedFile.of(file, HashType.SHA512);
      double hashSeconds = seconds(t0);
      System.out.printf(Locale.ROOT, "HashedFile.of (Java SHA-512, once): %.1f MB/s (%.2f s)%n", mb / hashSeconds, hashSeconds);
      Path stored = sandbox.lookaside().pathOf("rpms/bench", file.getFileName().toString(), HashType.SHA512, hashed.digest(HashType.SHA512));
      double[] before = sha512sum(file);
      List<Double> ratios = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        double load = loadAverage();
        Map<String, Double> cpuBefore = threads.snapshot();
        double cpu0 = processCpuSeconds();
        long t1 = System.nanoTime();
        client.check("bench", hashed);
        UploadResult r = client.send("bench", hashed);
        double uploadSeconds = seconds(t1);
        double uploadCpu = processCpuSeconds() - cpu0;
        Map<String, Double> cpuByGroup = ThreadCpu.groups(cpuBefore, threads.snapshot());
        if (r.outcome() != UploadResult.Outcome.STORED) {
          throw new IllegalStateException("not stored: " + r);
        }
        if (Files.size(stored) != size) {
          throw new IllegalStateException("stored size " + Files.size(stored) + " != " + size);
        }
        Files.delete(stored);
        double[] after = sha512sum(file);
        double sha = Math.max(mb / before[0], mb / after[0]);
        double upload = mb / uploadSeconds;
        ratios.add(upload / sha);
        System.out.printf(Locale.ROOT, "round %d: load average %.1f at start, %.1f at end%n", round, load, loadAverage());
        System.out.printf(Locale.ROOT, "  sha512sum before %.1f MB/s, after %.1f MB/s (best %.1f MB/s); CPU time %.2f s / %.2f s%n",
            mb / before[0], mb / after[0], sha, before[1], after[1]);
        System.out.printf(Locale.ROOT, "  upload (check+send) %.1f MB/s (%.2f s) = %.0f%% of sha512sum; end to end with the hash %.0f%%%n",
            upload, uploadSeconds, 100 * upload / sha, 100 * (mb / (hashSeconds + uploadSeconds)) / sha);
        System.out.printf(Locale.ROOT, "  upload CPU time %.2f s (process) vs sha512sum %.2f s; by thread: %s%n",
            uploadCpu, Math.min(before[1], after[1]), format(cpuByGroup));
        System.out.printf(Locale.ROOT, "RESULT round %d upload %.1f MB/s, sha512sum %.1f MB/s, ratio %.0f%%, load %.1f%n",
            round, upload, sha, 100 * upload / sha, load);
        before = after;
      }
      ratios.sort(null);
      System.out.printf(Locale.ROOT, "RESULT median ratio %.0f%% over %d round(s), best %.0f%%, worst %.0f%%%n",
          100 * ratios.get(ratios.size() / 2), ratios.size(), 100 * ratios.get(ratios.size() - 1), 100 * ratios.get(0));
    } finally {
      threads.stop();
      Files.deleteIfExists(file);
      if (args.length <= 1) {
        deleteTree(work);
      }
    }
  }

  private static String format(Map<String, Double> groups) {
    StringBuilder sb = new StringBuilder();
    groups.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(String.format(Locale.ROOT, " %.2f s", v)));
    return sb.toString();
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /**
   * CPU time per Java thread, polled every 50 ms so threads that end during an upload (the sandbox's
   * hasher and writer) are still counted. JIT compiler and GC threads are not Java threads: they are
   * the difference between the process total and the sum.
   */
  private static final class ThreadCpu {
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private final Map<Long, Double> seconds = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    private ThreadCpu() {
      poller = new Thread(() -> {
        while (running) {
          poll();
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "benchmark-cpu-poller");
      poller.setDaemon(true);
    }

    static ThreadCpu start() {
      ThreadCpu t = new ThreadCpu();
      t.poll();
      t.poller.start();
      return t;
    }

    private synchronized void poll() {
      for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
        if (info == null) {
          continue;
        }
        long cpu = mx.getThreadCpuTime(info.getThreadId());
        if (cpu > 0) {
          names.put(info.getThreadId(), info.getThreadName());
          seconds.put(info.getThreadId(), cpu / 1e9);
        }
      }
    }

    synchronized Map<String, Double> snapshot() {
      poll();
      Map<String, Double> m = new TreeMap<>();
      seconds.forEach((id, s) -> m.put(names.get(id) + "#" + id, s));
      return m;
    }

    static Map<String, Double> groups(Map<String, Double> before, Map<String, Double> after) {
      Map<String, Double> g = new TreeMap<>();
      after.forEach((name, s) -> {
        double d = s - before.getOrDefault(name, 0.0);
        if (d > 0.005) {
          String group = name.substring(0, name.lastIndexOf('#')).replaceAll("-\\d+", "");
          g.merge(group, d, Double::sum);
        }
      });
      return g;
    }

    void stop() {
      running = false;
      poller.interrupt();
    }
  }

  private static void write(Path file, long size) throws IOException {
    byte[] block = new byte[1 << 20];
    Random random = new Random(1);
    random.nextBytes(block);
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      for (long written = 0; written < size; written += block.length) {
        block[(int) (written >> 20) % block.length] ^= 1; // no two blocks alike
        ByteBuffer b = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, size - written));
        while (b.hasRemaining()) {
          out.write(b);
        }
      }
      out.force(true); // write-back of the input must not run during the measured phases
    }
  }

  /** Runs sha512sum; returns {wall seconds, CPU seconds (user + system, from bash's times)}. */
  private static double[] sha512sum(Path file) throws IOException, InterruptedException {
    long t = System.nanoTime();
    Process p = new ProcessBuilder("bash", "-c", "sha512sum \"$1\" >/dev/null && times", "_", file.toString())
        .redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    if (p.waitFor() != 0) {
      throw new IllegalStateException("sha512sum failed: " + out);
    }
    double wall = seconds(t);
    // second line of `times`: children's user and system time, e.g. "0m1.234s 0m0.100s"
    String[] lines = out.strip().split("\n");
    double cpu = 0;
    for (String part : lines[lines.length - 1].trim().split("\\s+")) {
      String[] ms = part.replace("s", "").split("m");
      cpu += Double.parseDouble(ms[0]) * 60 + Double.parseDouble(ms[1]);
    }
    return new double[] {wall, cpu};
  }

  private static double processCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
