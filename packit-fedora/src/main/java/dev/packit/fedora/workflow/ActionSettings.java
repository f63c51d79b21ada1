package dev.packit.fedora.workflow;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Whether and how {@link ReleaseWorkflow} runs the {@code actions} of a {@code .packit.yaml}.
 * Actions are commands from the upstream repository, so they are off unless the embedding
 * application turns them on, ideally inside a container or VM it trusts for that.
 *
 * <pre>{@code
 * ReleaseWorkflow wf = ReleaseWorkflow.builder()
 *     // ...
 *     .actions(ActionSettings.on()
 *         .withTimeout(Duration.ofMinutes(2))
 *         .withEnvironment(Map.of("GOFLAGS", "-mod=vendor")))
 *     .build();
 * }</pre>
 *
 * <p>Commands run without a shell (a string is split into arguments like Python's {@code shlex};
 * {@code bash -c '...'} when the config says so), in the upstream checkout, with a fresh
 * environment: {@code PATH}, {@code HOME}, {@code LANG}, {@code LC_ALL}, {@code TZ},
 * {@code TMPDIR}, {@code USER} and {@code LOGNAME} of this JVM, then {@link #environment()}, then
 * Packit's {@code PACKIT_*} variables. Nothing else of this JVM's environment (tokens!) is passed.
 *
 * @param enabled whether actions run at all
 * @param timeout per command; the process and its descendants are killed after it
 * @param outputLimit bytes of stdout (and of stderr) kept per command; more is an error
 * @param environment extra variables for every command; values never appear in logs or {@link #toString()}
 */
public record ActionSettings(boolean enabled, Duration timeout, int outputLimit, Map<String, String> environment) {
  /** Validates and copies the components. */
  public ActionSettings {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (outputLimit <= 0) {
      throw new IllegalArgumentException("outputLimit must be positive: " + outputLimit);
    }
    environment = Map.copyOf(environment);
  }

  /** @return actions off (the default): a job whose config has actions that matter fails */
  public static ActionSettings off() {
    return new ActionSettings(false, Duration.ofMinutes(10), 1 << 20, Map.of());
  }

  /** @return actions on, 10 minutes per command, 1 MiB of output */
  public static ActionSettings on() {
    return new ActionSettings(true, Duration.ofMinutes(10), 1 << 20, Map.of());
  }

  /**
   * @param t the per-command timeout
   * @return a copy with it
   */
  public ActionSettings withTimeout(Duration t) {
    return new ActionSettings(enabled, t, outputLimit, environment);
  }

  /**
   * @param bytes the output limit per stream
   * @return a copy with it
   */
  public ActionSettings withOutputLimit(int bytes) {
    return new ActionSettings(enabled, timeout, bytes, environment);
  }

  /**
   * @param env extra variables for every command
   * @return a copy with them
   */
  public ActionSettings withEnvironment(Map<String, String> env) {
    return new ActionSettings(enabled, timeout, outputLimit, env);
  }

  @Override
  public String toString() {
    return "ActionSettings[enabled=" + enabled + ", timeout=" + timeout + ", outputLimit=" + outputLimit
        + ", environment=" + new TreeMap<>(environment).keySet() + "]";
  }
}
