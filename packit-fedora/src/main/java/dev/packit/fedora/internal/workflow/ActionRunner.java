package dev.packit.fedora.internal.workflow;

import dev.packit.core.PackitClientException;
import dev.packit.core.Redaction;
import dev.packit.core.config.ActionCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the commands of one {@code actions} entry as processes: no shell (the argv as configured),
 * in a given folder, with a fresh environment (a few neutral variables of this JVM, the caller's
 * extra variables and Packit's {@code PACKIT_*} variables), stdin closed, stdout and stderr
 * captured up to a limit, and a timeout after which the process and its descendants are killed.
 *
 * <pre>{@code
 * ActionRunner runner = new ActionRunner(Duration.ofMinutes(5), 1 << 20, Map.of());
 * ActionRunner.Output out = runner.run("changelog-entry", List.of(ActionCommand.of("git log -1 --format=%s")),
 *     upstreamDir, Map.of("PACKIT_PROJECT_VERSION", "1.2.0"));
 * }</pre>
 */
public final class ActionRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ActionRunner.class);
  private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "USER", "LOGNAME");
  private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(token|secret|passw|key|credential|auth|cookie).*");

  private final Duration timeout;
  private final int outputLimit;
  private final Map<String, String> extraEnv;

  /**
   * @param timeout per command
   * @param outputLimit bytes kept of stdout and of stderr, each
   * @param extraEnv variables the embedding application adds
   */
  public ActionRunner(Duration timeout, int outputLimit, Map<String, String> extraEnv) {
    this.timeout = timeout;
    this.outputLimit = outputLimit;
    this.extraEnv = Map.copyOf(extraEnv);
  }

  /**
   * What the commands printed.
   *
   * @param stdout standard output of each command, in order
   * @param exitCode the last command's exit code
   */
  public record Output(List<String> stdout, int exitCode) {
    /** @return the outputs joined */
    public String joined() {
      return String.join("", stdout);
    }
  }

  /**
   * Runs every command in order; a non-zero exit fails unless {@code allowFailure}.
   *
   * @param action the action name, for messages
   * @param commands the commands
   * @param dir the working folder
   * @param packitEnv Packit's variables for this action
   * @param allowFailure whether a non-zero exit ends the action without an error (run-condition)
   * @return the outputs
   * @throws PackitClientException when a command fails, times out or prints more than the limit
   */
  public Output run(String action, List<ActionCommand> commands, Path dir, Map<String, String> packitEnv, boolean allowFailure) {
    List<String> outs = new ArrayList<>();
    int code = 0;
    Map<String, String> env = environment(packitEnv);
    List<String> secrets = env.entrySet().stream()
        .filter(e -> SECRET_NAME.matcher(e.getKey()).matches() && e.getValue().length() >= 4)
        .map(Map.Entry::getValue).toList();
    for (int i = 0; i < commands.size(); i++) {
      List<String> argv = commands.get(i).argv();
      String shown = Redaction.text(String.join(" ", argv), secrets);
      String label = "action " + action + (commands.size() > 1 ? " command " + (i + 1) + " of " + commands.size() : "")
          + " (" + shown + ")";
      if (argv.isEmpty()) {
        throw new PackitClientException(label + " is empty");
      }
      LOG.info("running {} in {}", label, dir);
      ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullFile()));
      pb.environment().clear();
      pb.environment().putAll(env);
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        throw new PackitClientException(label + " cannot start: " + Redaction.text(e.getMessage(), secrets), e);
      }
      Capture out = new Capture(p.getInputStream(), outputLimit);
      Capture err = new Capture(p.getErrorStream(), outputLimit);
      boolean finished;
      try {
        finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        killTree(p);
        Thread.currentThread().interrupt();
        throw new PackitClientException(label + " was interrupted");
      }
      if (!finished) {
        killTree(p);
        out.stop();
        err.stop();
        throw new PackitClientException(label + " timed out after " + timeout.toSeconds() + " s; it and its child processes were killed");
      }
      // Read the pipes to the end before anything else: Process.destroy* closes them, even after the
      // process exited, and output not read yet is lost (seen as an empty commit-message/stderr).
      // A background child that keeps a pipe open bounds this at a few seconds, then dies.
      out.await();
      err.await();
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      code = p.exitValue();
      String stderr = Redaction.text(err.text(), secrets);
      LOG.debug("{} exited with {}; stderr: {}", label, code, stderr);
      if (out.overflow()) {
        throw new PackitClientException(label + " printed more than " + outputLimit + " bytes");
      }
      if (code != 0) {
        if (allowFailure) {
          return new Output(outs, code);
        }
        String tail = stderr.length() > 2000 ? "…" + stderr.substring(stderr.length() - 2000) : stderr;
        throw new PackitClientException(label + " failed with exit code " + code + (tail.isBlank() ? "" : ": " + tail.strip()));
      }
      outs.add(out.text());
    }
    return new Output(outs, code);
  }

  /** The environment an action sees: neutral variables of this JVM, the extras, then Packit's. */
  Map<String, String> environment(Map<String, String> packitEnv) {
    Map<String, String> env = new TreeMap<>();
    for (String k : INHERITED) {
      String v = System.getenv(k);
      if (v != null) {
        env.put(k, v);
      }
    }
    env.putAll(extraEnv);
    env.putAll(packitEnv);
    return env;
  }

  private static java.io.File nullFile() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static void killTree(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads a stream on its own thread, keeping at most {@code limit} bytes and draining the rest. */
  private static final class Capture {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Thread thread;
    private final InputStream in;
    private volatile boolean overflow;

    Capture(InputStream in, int limit) {
      this.in = in;
      this.thread = new Thread(() -> {
        byte[] buf = new byte[8192];
        try {
          int n;
          while ((n = in.read(buf)) >= 0) {
            synchronized (kept) {
              int room = limit - kept.size();
              if (room > 0) {
                kept.write(buf, 0, Math.min(room, n));
              }
              if (n > room) {
                overflow = true;
              }
            }
          }
        } catch (IOException e) {
          // The stream was closed after a kill.
        }
      }, "packit-action-output");
      thread.setDaemon(true);
      thread.start();
    }

    void await() {
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        stop();
      }
    }

    void stop() {
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    boolean overflow() {
      return overflow;
    }

    String text() {
      synchronized (kept) {
        return kept.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
