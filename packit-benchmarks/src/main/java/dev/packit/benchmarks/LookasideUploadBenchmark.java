package dev.packit.benchmarks;

import dev.packit.core.http.RetryPolicy;
import dev.packit.fedora.lookaside.HashType;
import dev.packit.fedora.lookaside.HashedFile;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.fedora.lookaside.UploadResult;
import dev.packit.testkit.FedoraSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Uploads one large file through the sandbox lookaside and compares the throughput with
 * {@code sha512sum} on the same file, in the same run (see docs/distgit.md for the command).
 *
 * <pre>{@code
 * java -Xmx64m -cp ... dev.packit.benchmarks.LookasideUploadBenchmark [size-in-MiB] [work-dir]
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
    long size = mib << 20;
    Path file = work.resolve("bench-1.0.tar.gz");
    System.out.printf(Locale.ROOT, "max heap %d MiB, file %d MiB in %s%n", Runtime.getRuntime().maxMemory() >> 20, mib, work);
    write(file, size);
    Path sandboxRoot = Files.createDirectories(work.resolve("sandbox"));
    try (FedoraSandbox sandbox = FedoraSandbox.start(sandboxRoot)) {
      sandbox.createBareRepository("rpms/bench");
      LookasideClient client = LookasideClient.builder().baseUri(sandbox.lookaside().baseUri()).retryPolicy(RetryPolicy.none()).build();

      double[] sum1 = sha512sum(file);
      long t0 = System.nanoTime();
      HashedFile hashed = HashedFile.of(file, HashType.SHA512);
      double hashSeconds = seconds(t0);
      double cpu0 = processCpuSeconds();
      long t1 = System.nanoTime();
      client.check("bench", hashed);
      UploadResult r = client.send("bench", hashed);
      double uploadSeconds = seconds(t1);
      double uploadCpu = processCpuSeconds() - cpu0;
      double[] sum2 = sha512sum(file);
      if (r.outcome() != UploadResult.Outcome.STORED) {
        throw new IllegalStateException("not stored: " + r);
      }
      Path stored = sandbox.lookaside().pathOf("rpms/bench", file.getFileName().toString(), HashType.SHA512, hashed.digest(HashType.SHA512));
      if (Files.size(stored) != size) {
        throw new IllegalStateException("stored size " + Files.size(stored) + " != " + size);
      }
      double mb = size / 1e6;
      double sha = Math.max(mb / sum1[0], mb / sum2[0]);
      double upload = mb / uploadSeconds;
      System.out.printf(Locale.ROOT, "load average at start %.1f on %d CPUs%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
      System.out.printf(Locale.ROOT, "sha512sum          run 1 %.1f MB/s, run 2 %.1f MB/s (best %.1f MB/s); CPU time %.2f s / %.2f s%n",
          mb / sum1[0], mb / sum2[0], sha, sum1[1], sum2[1]);
      System.out.printf(Locale.ROOT, "HashedFile.of      %.1f MB/s (%.2f s)%n", mb / hashSeconds, hashSeconds);
      System.out.printf(Locale.ROOT, "upload (check+send) %.1f MB/s (%.2f s) = %.0f%% of sha512sum%n", upload, uploadSeconds, 100 * upload / sha);
      System.out.printf(Locale.ROOT, "end to end (hash+check+send) %.1f MB/s = %.0f%% of sha512sum%n",
          mb / (hashSeconds + uploadSeconds), 100 * (mb / (hashSeconds + uploadSeconds)) / sha);
      System.out.printf(Locale.ROOT, "upload CPU time (client + server threads) %.2f s vs sha512sum %.2f s%n",
          uploadCpu, Math.min(sum1[1], sum2[1]));
      System.out.printf(Locale.ROOT, "RESULT upload %.1f MB/s, sha512sum %.1f MB/s, ratio %.0f%%%n", upload, sha, 100 * upload / sha);
      Files.delete(stored);
    } finally {
      Files.deleteIfExists(file);
      if (args.length <= 1) {
        deleteTree(work);
      }
    }
  }

  private static void write(Path file, long size) throws IOException {
    byte[] block = new byte[1 << 20];
    Random random = new Random(1);
    random.nextBytes(block);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < size; written += block.length) {
        block[(int) (written >> 20) % block.length] ^= 1; // no two blocks alike
        out.write(block, 0, (int) Math.min(block.length, size - written));
      }
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
