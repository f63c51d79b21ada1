package dev.packit.forge.webhook;

import java.util.Optional;
import java.util.Set;

/**
 * The comment commands Packit understands, with the options each one accepts.
 *
 * <pre>{@code
 * CommandType.fromName("koji-build");         // Optional[KOJI_BUILD]
 * CommandType.PULL_FROM_UPSTREAM.valueOptions(); // [--resolve-bug, --version]
 * }</pre>
 */
public enum CommandType {
  /** {@code propose-downstream}: re-run propose_downstream for the latest upstream release. */
  PROPOSE_DOWNSTREAM("propose-downstream", Set.of(), Set.of(), false),
  /** {@code pull-from-upstream [--resolve-bug rhbz#1,..] [--version X] [--with-pr-config]} on a dist-git PR. */
  PULL_FROM_UPSTREAM("pull-from-upstream", Set.of("--resolve-bug", "--version"), Set.of("--with-pr-config"), false),
  /** {@code koji-build}: re-run the downstream Koji build. */
  KOJI_BUILD("koji-build", Set.of(), Set.of(), false),
  /** {@code koji-tag [--all-branches]}: tag the latest stable build into the sidetag. */
  KOJI_TAG("koji-tag", Set.of(), Set.of("--all-branches"), false),
  /** {@code create-update}: re-run the Bodhi update. */
  CREATE_UPDATE("create-update", Set.of(), Set.of(), false),
  /** {@code build} (upstream Copr build); arguments are passed through unchecked. */
  BUILD("build", Set.of(), Set.of(), true),
  /** {@code copr-build}, an alias of {@code build}; arguments are passed through unchecked. */
  COPR_BUILD("copr-build", Set.of(), Set.of(), true),
  /** {@code test} (Testing Farm); arguments are passed through unchecked. */
  TEST("test", Set.of(), Set.of(), true),
  /** {@code retest-failed}; arguments are passed through unchecked. */
  RETEST_FAILED("retest-failed", Set.of(), Set.of(), true),
  /** {@code rebuild-failed}; arguments are passed through unchecked. */
  REBUILD_FAILED("rebuild-failed", Set.of(), Set.of(), true),
  /** {@code upstream-koji-build}; arguments are passed through unchecked. */
  UPSTREAM_KOJI_BUILD("upstream-koji-build", Set.of(), Set.of(), true),
  /** {@code production-build}; arguments are passed through unchecked. */
  PRODUCTION_BUILD("production-build", Set.of(), Set.of(), true),
  /** {@code vm-image-build}; arguments are passed through unchecked. */
  VM_IMAGE_BUILD("vm-image-build", Set.of(), Set.of(), true),
  /** A word after the prefix that is no Packit command, such as {@code /packit foobar}. */
  UNKNOWN("", Set.of(), Set.of(), true);

  private final String commandName;
  private final Set<String> valueOptions;
  private final Set<String> flags;
  private final boolean freeArguments;

  CommandType(String commandName, Set<String> valueOptions, Set<String> flags, boolean freeArguments) {
    this.commandName = commandName;
    this.valueOptions = valueOptions;
    this.flags = flags;
    this.freeArguments = freeArguments;
  }

  /** Returns the word used in comments, e.g. {@code koji-build}; empty for {@link #UNKNOWN}. */
  public String commandName() {
    return commandName;
  }

  /** Returns the options that take a value ({@code --version 1.2} or {@code --version=1.2}). */
  public Set<String> valueOptions() {
    return valueOptions;
  }

  /** Returns the options without a value. */
  public Set<String> flags() {
    return flags;
  }

  /** Whether the command's arguments are passed through without being checked here. */
  public boolean freeArguments() {
    return freeArguments;
  }

  /**
   * Looks a command up by the word used in comments.
   *
   * @param name e.g. {@code propose-downstream}
   * @return the command, or empty when Packit has no such command
   */
  public static Optional<CommandType> fromName(String name) {
    for (CommandType t : values()) {
      if (t != UNKNOWN && t.commandName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
