package dev.packit.fedora.workflow;

import dev.packit.core.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether and how {@link ReleaseWorkflow} runs the {@code actions} of a {@code .packit.yaml}.
 * Actions are commands from the upstream repository, so they are off unless the embedding
 * application turns them on, and then they run in a bubblewrap sandbox ({@code bwrap}).
 *
 * <pre>{@code
 * ReleaseWorkflow wf = ReleaseWorkflow.builder()
 *     // ...
 *     .actions(ActionSettings.on()
 *         .withTimeout(Duration.ofMinutes(2))
 *         .withNetwork(false)
 *         .withEnvironment(Map.of("GOFLAGS", "-mod=vendor"))
 *         .withSecretValues(List.of(kojiPassword, bodhiToken)))
 *     .build();
 * }</pre>
 *
 * <p>Commands run without a shell (a string is split into arguments like Python's {@code shlex};
 * {@code bash -c '...'} when the config says so), in the upstream checkout, with a clean
 * environment: a minimal {@code PATH}, {@code HOME}, {@code LANG}, {@code LC_ALL} and {@code TZ},
 * then {@link #environment()}, then Packit's {@code PACKIT_*} variables. Nothing else of this JVM's
 * environment (tokens!) is passed.
 *
 * <p><b>The sandbox.</b> Each command runs under {@code bwrap} in new PID, IPC and UTS namespaces
 * with a new {@code /proc} (the bot's process and its environment are out of sight), its own
 * session, read-only system folders ({@code /usr}, {@code /etc}, ...), a private {@code /tmp}, the
 * upstream copy and the dist-git clone as the only writable places (dist-git's {@code .git}
 * read-only), and {@code --die-with-parent}: when the command exits or times out, every process it
 * started, detached ones included, is killed with the namespace. When bubblewrap is missing or does
 * not work, jobs with actions fail; {@link #runWithoutSandboxExposingTheBotsSecrets()} is the
 * explicit, dangerous way out.
 *
 * <p><b>Secrets are never published.</b> A plan whose commit message, files (the changelog is in
 * the spec), pull request text or steps contain the value of a secret the workflow knows (its git
 * credentials, {@link #secretValues()}, values of secret-named variables of {@link #environment()}
 * and of this JVM's environment) is refused, naming where the secret was found, never the value.
 *
 * @param enabled whether actions run at all
 * @param timeout per command; the process and its descendants are killed after it
 * @param outputLimit bytes of stdout (and of stderr) kept per command; more is an error
 * @param environment extra variables for every command; values never appear in logs or {@link #toString()}
 * @param network whether commands reach the network (shared network namespace); {@code false} gives
 *     them an empty one
 * @param bubblewrap the {@code bwrap} executable, or empty to look for it on {@code PATH} and in
 *     {@code /usr/bin}
 * @param sandboxed whether commands run in the sandbox; {@code false} only through
 *     {@link #runWithoutSandboxExposingTheBotsSecrets()}
 * @param secretValues further values that must never appear in a plan (Koji, Bodhi, lookaside
 *     credentials...); never printed
 */
public record ActionSettings(boolean enabled, Duration timeout, int outputLimit, Map<String, String> environment,
    boolean network, Optional<Path> bubblewrap, boolean sandboxed, List<Secret> secretValues) {
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
    Objects.requireNonNull(bubblewrap, "bubblewrap");
    secretValues = List.copyOf(secretValues);
  }

  /** @return actions off (the default): a job whose config has actions that matter fails */
  public static ActionSettings off() {
    return new ActionSettings(false, Duration.ofMinutes(10), 1 << 20, Map.of(), true, Optional.empty(), true, List.of());
  }

  /** @return actions on, sandboxed, with network, 10 minutes per command, 1 MiB of output */
  public static ActionSettings on() {
    return new ActionSettings(true, Duration.ofMinutes(10), 1 << 20, Map.of(), true, Optional.empty(), true, List.of());
  }

  /**
   * @param t the per-command timeout
   * @return a copy with it
   */
  public ActionSettings withTimeout(Duration t) {
    return new ActionSettings(enabled, t, outputLimit, environment, network, bubblewrap, sandboxed, secretValues);
  }

  /**
   * @param bytes the output limit per stream
   * @return a copy with it
   */
  public ActionSettings withOutputLimit(int bytes) {
    return new ActionSettings(enabled, timeout, bytes, environment, network, bubblewrap, sandboxed, secretValues);
  }

  /**
   * @param env extra variables for every command
   * @return a copy with them
   */
  public ActionSettings withEnvironment(Map<String, String> env) {
    return new ActionSettings(enabled, timeout, outputLimit, env, network, bubblewrap, sandboxed, secretValues);
  }

  /**
   * @param on whether sandboxed commands reach the network (on by default: Packit's actions often
   *     fetch sources or dependencies)
   * @return a copy with it
   */
  public ActionSettings withNetwork(boolean on) {
    return new ActionSettings(enabled, timeout, outputLimit, environment, on, bubblewrap, sandboxed, secretValues);
  }

  /**
   * @param bwrap the {@code bwrap} executable to use
   * @return a copy with it
   */
  public ActionSettings withBubblewrap(Path bwrap) {
    return new ActionSettings(enabled, timeout, outputLimit, environment, network, Optional.of(bwrap), sandboxed, secretValues);
  }

  /**
   * @param secrets values that must never appear in a commit, changelog, pull request or plan
   * @return a copy with them (added to those already given)
   */
  public ActionSettings withSecretValues(Collection<Secret> secrets) {
    List<Secret> all = new java.util.ArrayList<>(secretValues);
    all.addAll(secrets);
    return new ActionSettings(enabled, timeout, outputLimit, environment, network, bubblewrap, sandboxed, all);
  }

  /**
   * Runs actions as plain child processes of this JVM, without the sandbox. An action can then
   * read this process's environment and files ({@code /proc/<pid>/environ}: the bot's tokens),
   * leave processes behind and write anywhere this user can. Only for a JVM that holds no secret
   * and runs in a throwaway container or VM.
   *
   * @return a copy that runs actions unsandboxed
   */
  public ActionSettings runWithoutSandboxExposingTheBotsSecrets() {
    return new ActionSettings(enabled, timeout, outputLimit, environment, network, bubblewrap, false, secretValues);
  }

  /**
   * Checks, without running any action, whether the sandbox can run here: {@code bwrap} found and
   * able to make its namespaces. An application that may fall back to unsandboxed actions (a
   * packager's own command line, never a bot) asks this first.
   *
   * <pre>{@code
   * ActionSettings s = ActionSettings.on();
   * Optional<String> why = s.sandboxProblem();   // e.g. "... bwrap is not installed ..."
   * }</pre>
   *
   * @return empty when actions can run sandboxed, else why they cannot
   */
  public Optional<String> sandboxProblem() {
    try {
      dev.packit.fedora.internal.workflow.ActionRunner.Sandbox.find(bubblewrap, network);
      return Optional.empty();
    } catch (dev.packit.core.PackitClientException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "ActionSettings[enabled=" + enabled + ", timeout=" + timeout + ", outputLimit=" + outputLimit
        + ", environment=" + new TreeMap<>(environment).keySet() + ", network=" + network
        + ", bubblewrap=" + bubblewrap.map(Path::toString).orElse("(PATH)") + ", sandboxed=" + sandboxed
        + ", secretValues=" + secretValues.size() + "]";
  }
}
