package dev.packit.forge.webhook;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code /packit ...} command found in a comment. Unknown commands and bad options are still
 * returned, with {@link #valid()} {@code false} and a {@link #problem()} to answer the user with.
 *
 * <pre>{@code
 * CommentCommand cmd = CommentCommandParser.packit()
 *     .parse("Thanks!\n/packit pull-from-upstream --version 1.2 --with-pr-config").orElseThrow();
 * cmd.type();               // PULL_FROM_UPSTREAM
 * cmd.option("--version");  // Optional[1.2]
 * cmd.hasFlag("--with-pr-config"); // true
 * }</pre>
 *
 * @param prefix the prefix used, e.g. {@code /packit} or {@code /packit-stg}
 * @param name the command word as written, e.g. {@code koji-build} or {@code foobar}
 * @param type the recognised command, {@link CommandType#UNKNOWN} when there is none
 * @param arguments every word after the command word, as written
 * @param options value options given, e.g. {@code --version} to {@code 1.2}
 * @param flags flags given, e.g. {@code --all-branches}
 * @param line the 1-based line of the comment the command is on
 * @param problem why the command cannot be run; empty when {@link #valid()}
 */
public record CommentCommand(String prefix, String name, CommandType type, List<String> arguments,
    Map<String, String> options, Set<String> flags, int line, String problem) {
  /** Validates and copies the components. */
  public CommentCommand {
    Objects.requireNonNull(prefix, "prefix == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(type, "type == null");
    arguments = List.copyOf(arguments);
    options = Map.copyOf(options);
    flags = Set.copyOf(flags);
    Objects.requireNonNull(problem, "problem == null");
  }

  /** Whether the command is known and its options are well-formed. */
  public boolean valid() {
    return problem.isEmpty();
  }

  /**
   * Returns a value option.
   *
   * @param option the option with its dashes, e.g. {@code --version}
   * @return the value, or empty when not given
   */
  public Optional<String> option(String option) {
    return Optional.ofNullable(options.get(option));
  }

  /**
   * Whether a flag was given.
   *
   * @param flag the flag with its dashes, e.g. {@code --all-branches}
   * @return whether it was given
   */
  public boolean hasFlag(String flag) {
    return flags.contains(flag);
  }
}
