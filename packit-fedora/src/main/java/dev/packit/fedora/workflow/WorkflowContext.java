package dev.packit.fedora.workflow;

import dev.packit.core.config.DistroAliases;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.distgit.MonitoringSettings;
import dev.packit.fedora.internal.workflow.SecretScan;
import dev.packit.fedora.koji.KojiClient;
import dev.packit.fedora.lookaside.LookasideClient;
import dev.packit.forge.Forge;
import dev.packit.forge.RepoId;
import dev.packit.forge.git.GitCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything the planners and executors share, built once by {@link ReleaseWorkflow}: clients,
 * settings, clock, executor, listener, the bot's identity, the workspace and the archive cache.
 * No planner or executor reaches into another's fields; each gets this record.
 */
record WorkflowContext(
    Forge upstream,
    Forge distGit,
    String namespace,
    String defaultBranch,
    GitCredentials gitCredentials,
    BotIdentity bot,
    boolean checkMonitoring,
    Function<String, Optional<MonitoringSettings>> monitoringFallback,
    LookasideClient lookaside,
    KojiClient koji,
    BodhiClient bodhi,
    Clock clock,
    ExecutorService executor,
    WorkflowListener listener,
    PrPolicy prPolicy,
    Supplier<DistroAliases> releases,
    ActionSettings actions,
    Duration gitTimeout,
    Duration jobTimeout,
    Workspace workspace,
    Archives archives) {

  /** The release aliases as they are now (read anew per call: the list may be refreshed), or null without any. */
  DistroAliases aliases() {
    return releases == null ? null : releases.get();
  }

  RepoId distGitRepo(String pkg) {
    return new RepoId(namespace, pkg, null);
  }

  /** Calls the listener; its failure is logged and ignored. */
  void notifyListener(Runnable call) {
    Workspace.notifyListener(listener, call);
  }

  /** Every secret value this workflow knows, which no plan may publish. */
  SecretScan secretScan() {
    Map<String, String> known = new LinkedHashMap<>();
    if (gitCredentials instanceof GitCredentials.Https h) {
      known.put("the git credentials", h.password().reveal());
    } else if (gitCredentials instanceof GitCredentials.SshKey k && k.passphrase() != null) {
      known.put("the SSH key passphrase", k.passphrase().reveal());
    }
    for (int i = 0; i < actions.secretValues().size(); i++) {
      known.put("ActionSettings.secretValues[" + i + "]", actions.secretValues().get(i).reveal());
    }
    known.putAll(SecretScan.secretNamed(actions.environment(), "ActionSettings.environment", false));
    known.putAll(SecretScan.secretNamed(System.getenv(), "this JVM's environment", true));
    return SecretScan.of(known);
  }
}
