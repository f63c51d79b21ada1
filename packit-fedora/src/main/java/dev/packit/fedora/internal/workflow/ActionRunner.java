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
 * in a given folder, with a clean environment (a minimal {@code PATH}/{@code HOME}/{@code LANG},
 * the caller's extra variables and Packit's {@code PACKIT_*} variables), stdin closed, stdout and
 * stderr captured up to a limit, and a timeout after which the process and its descendants are
 * killed. With a {@link Sandbox}, each command runs under bubblewrap: new PID/IPC/UTS namespaces
 * and {@code /proc} (this JVM is out of sight), read-only system folders, a private {@code /tmp},
 * only the given folders writable, and the whole namespace killed when the command ends.
 *
 * <pre>{@code
 * ActionRunner runner = new ActionRunner(Duration.ofMinutes(5), 1 << 20, Map.of(),
 *     ActionRunner.Sandbox.find(Optional.empty(), true), List.of());
 * ActionRunner.Output out = runner.run("changelog-entry", List.of(ActionCommand.of("git log -1 --format=%s")),
 *     upstreamDir, Map.of("PACKIT_PROJECT_VERSION", "1.2.0"), false, List.of(upstreamDir, distGitDir));
 * }</pre>
 */
public final class ActionRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ActionRunner.class);
  private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ");
  /** Names of variables whose values are secrets (also used by {@link SecretScan}). */
  static final Pattern SECRET_NAME = Pattern.compile("(?i).*(token|secret|passw|key|credential|auth|cookie).*");
  private static final String SANDBOX_PATH = "/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin";
  private static final String SANDBOX_HOME = "/tmp/home";

  private final Duration timeout;
  private final int outputLimit;
  private final Map<String, String> extraEnv;
  private final Sandbox sandbox;
  private final List<String> secrets;

  /**
   * @param timeout per command
   * @param outputLimit bytes kept of stdout and of stderr, each
   * @param extraEnv variables the embedding application adds
   * @param sandbox the sandbox, or {@code null} to run commands as plain child processes
   * @param secrets further values masked in messages and logs
   */
  public ActionRunner(Duration timeout, int outputLimit, Map<String, String> extraEnv, Sandbox sandbox, List<String> secrets) {
    this.timeout = timeout;
    this.outputLimit = outputLimit;
    this.extraEnv = Map.copyOf(extraEnv);
    this.sandbox = sandbox;
    this.secrets = List.copyOf(secrets);
  }

  /**
   * A working bubblewrap and how to call it.
   *
   * @param bwrap the executable
   * @param network whether commands share this host's network
   */
  public record Sandbox(Path bwrap, boolean network) {
    private static final Map<Path, String> PROBED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Finds bubblewrap and checks once per executable that it can make the namespaces.
     *
     * @param configured the executable, or empty to look on {@code PATH} and in {@code /usr/bin}
     * @param network whether commands share this host's network
     * @return the sandbox
     * @throws PackitClientException naming what is missing, when bubblewrap cannot run here
     */
    public static Sandbox find(java.util.Optional<Path> configured, boolean network) {
      Path bwrap = configured.orElseGet(Sandbox::onPath);
      if (bwrap == null || !java.nio.file.Files.isExecutable(bwrap)) {
        throw new PackitClientException("actions run in a bubblewrap sandbox, but " + (bwrap == null ? "bwrap is not installed"
            : bwrap + " is not an executable") + " (Debian/Fedora package bubblewrap); install it, or run actions"
            + " unsandboxed with ActionSettings.runWithoutSandboxExposingTheBotsSecrets() only where the JVM holds no secret");
      }
      Sandbox s = new Sandbox(bwrap, network);
      String problem = PROBED.computeIfAbsent(bwrap, b -> s.probe());
      if (!problem.isEmpty()) {
        throw new PackitClientException("actions run in a bubblewrap sandbox, but " + bwrap + " does not work here: "
            + problem + " (unprivileged user namespaces may be disabled); run actions unsandboxed only with"
            + " ActionSettings.runWithoutSandboxExposingTheBotsSecrets() where the JVM holds no secret");
      }
      return s;
    }

    private static Path onPath() {
      String path = System.getenv("PATH");
      for (String dir : (path == null ? "" : path).split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, "bwrap"))) {
          return Path.of(dir, "bwrap");
        }
      }
      Path usr = Path.of("/usr/bin/bwrap");
      return java.nio.file.Files.isExecutable(usr) ? usr : null;
    }

    /** Runs {@code true} in the sandbox: "" when it works, else what went wrong. */
    private String probe() {
      List<String> argv = argv(List.of(), Path.of("/"), List.of("true"));
      try {
        Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(nullFile()))
            .redirectErrorStream(true).start();
        p.getOutputStream().close();
        boolean done = p.waitFor(20, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readNBytes(2000), StandardCharsets.UTF_8).strip();
        if (!done) {
          p.destroyForcibly();
          return "the probe did not finish in 20 s";
        }
        return p.exitValue() == 0 ? "" : "exit code " + p.exitValue() + (out.isEmpty() ? "" : ": " + out);
      } catch (IOException e) {
        return e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    }

    /**
     * The bwrap command line for one command.
     *
     * @param writable folders bound read-write at their own paths (a {@code .git} inside stays read-only)
     * @param cwd the working folder inside the sandbox
     * @param command the command
     * @return the argv
     */
    List<String> argv(List<Path> writable, Path cwd, List<String> command) {
      // A user namespace and no capabilities, also when the bot runs as root (containers often do).
      List<String> a = new ArrayList<>(List.of(bwrap.toString(), "--die-with-parent", "--new-session",
          "--unshare-user-try", "--cap-drop", "ALL",
          "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"));
      if (!network) {
        a.add("--unshare-net");
      }
      a.addAll(List.of("--ro-bind", "/usr", "/usr"));
      for (String top : List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")) {
        Path p = Path.of(top);
        try {
          if (java.nio.file.Files.isSymbolicLink(p)) {
            a.addAll(List.of("--symlink", java.nio.file.Files.readSymbolicLink(p).toString(), top));
          } else if (java.nio.file.Files.isDirectory(p)) {
            a.addAll(List.of("--ro-bind", top, top));
          }
        } catch (IOException e) {
          // Unreadable: left out of the sandbox.
        }
      }
      // /etc for resolv.conf, passwd, certificates, alternatives; the bot's home, /var, /run and /tmp stay out.
      a.addAll(List.of("--ro-bind", "/etc", "/etc", "--ro-bind-try", "/run/systemd/resolve", "/run/systemd/resolve",
          "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--dir", SANDBOX_HOME));
      for (Path w : writable) {
        String dir = w.toAbsolutePath().normalize().toString();
        a.addAll(List.of("--bind", dir, dir));
        Path git = w.resolve(".git");
        if (java.nio.file.Files.isDirectory(git, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          a.addAll(List.of("--ro-bind", git.toAbsolutePath().normalize().toString(), git.toAbsolutePath().normalize().toString()));
          // A clone that borrows objects needs them readable, at their own path.
          Path alternates = git.resolve("objects/info/alternates");
          try {
            if (java.nio.file.Files.isRegularFile(alternates, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
              for (String line : java.nio.file.Files.readAllLines(alternates)) {
                if (line.startsWith("/")) {
                  a.addAll(List.of("--ro-bind-try", line.strip(), line.strip()));
                }
              }
            }
          } catch (IOException e) {
            // Not readable: git in the sandbox sees this clone's own objects only.
          }
        }
      }
      a.addAll(List.of("--chdir", cwd.toAbsolutePath().normalize().toString(), "--"));
      a.addAll(command);
      return a;
    }
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
    return run(action, commands, dir, packitEnv, allowFailure, List.of(dir));
  }

  /**
   * Runs every command in order, sandboxed with {@code writable} as the only writable folders.
   *
   * @param action the action name, for messages
   * @param commands the commands
   * @param dir the working folder
   * @param packitEnv Packit's variables for this action
   * @param allowFailure whether a non-zero exit ends the action without an error (run-condition)
   * @param writable the folders a sandboxed command may write (the checkouts)
   * @return the outputs
   * @throws PackitClientException when a command fails, times out or prints more than the limit
   */
  public Output run(String action, List<ActionCommand> commands, Path dir, Map<String, String> packitEnv, boolean allowFailure,
      List<Path> writable) {
    List<String> outs = new ArrayList<>();
    int code = 0;
    Map<String, String> env = environment(packitEnv);
    List<String> secrets = new ArrayList<>(this.secrets);
    env.entrySet().stream()
        .filter(e -> SECRET_NAME.matcher(e.getKey()).matches() && e.getValue().length() >= 4)
        .map(Map.Entry::getValue).forEach(secrets::add);
    for (int i = 0; i < commands.size(); i++) {
      List<String> argv = commands.get(i).argv();
      String shown = Redaction.text(String.join(" ", argv), secrets);
      String label = "action " + action + (commands.size() > 1 ? " command " + (i + 1) + " of " + commands.size() : "")
          + " (" + shown + ")";
      if (argv.isEmpty()) {
        throw new PackitClientException(label + " is empty");
      }
      LOG.info("running {} in {}", label, dir);
      // bwrap itself gets the clean environment too: inside the PID namespace its init is PID 1,
      // and /proc/1/environ is all an action can see of a parent.
      ProcessBuilder pb = new ProcessBuilder(sandbox == null ? argv : sandbox.argv(writable, dir, argv))
          .directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullFile()));
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

  /**
   * The environment an action sees: a minimal PATH, HOME and locale (the sandbox's own, or this
   * JVM's unsandboxed), the extras, then Packit's.
   */
  Map<String, String> environment(Map<String, String> packitEnv) {
    Map<String, String> env = new TreeMap<>();
    for (String k : INHERITED) {
      String v = System.getenv(k);
      if (v != null) {
        env.put(k, v);
      }
    }
    if (sandbox != null) {
      env.put("PATH", SANDBOX_PATH);
      env.put("HOME", SANDBOX_HOME);
      env.put("TMPDIR", "/tmp");
      env.putIfAbsent("LANG", "C.UTF-8");
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
