package dev.packit.forge.webhook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds Packit's comment command in a comment, the way packit-service does: the first non-blank
 * line whose first word is the prefix (and which has a word after it) is the command; text before
 * and after it is ignored. Prefixes and command words are case-sensitive.
 *
 * <pre>{@code
 * CommentCommandParser.packit().parse("/packit koji-build");              // KOJI_BUILD
 * CommentCommandParser.packit().parse("/packit foobar").get().valid();    // false: unknown command
 * CommentCommandParser.withPrefixes("/packit-stg").parse("/packit-stg propose-downstream");
 * }</pre>
 *
 * <p>Each Packit deployment answers its own prefix: production {@value #PRODUCTION_PREFIX},
 * staging {@value #STAGING_PREFIX}. Immutable and thread-safe.
 */
public final class CommentCommandParser {
  /** The production deployment's prefix. */
  public static final String PRODUCTION_PREFIX = "/packit";
  /** The staging deployment's prefix. */
  public static final String STAGING_PREFIX = "/packit-stg";

  private static final CommentCommandParser PACKIT = new CommentCommandParser(List.of(PRODUCTION_PREFIX));

  private final List<String> prefixes;

  private CommentCommandParser(List<String> prefixes) {
    this.prefixes = prefixes;
  }

  /** Returns a parser for the production prefix {@value #PRODUCTION_PREFIX}. */
  public static CommentCommandParser packit() {
    return PACKIT;
  }

  /**
   * Returns a parser that accepts any of the given prefixes.
   *
   * @param prefixes e.g. {@code "/packit", "/packit-stg"}; each a single word
   * @return the parser
   */
  public static CommentCommandParser withPrefixes(String... prefixes) {
    if (prefixes.length == 0) {
      throw new IllegalArgumentException("at least one prefix is needed");
    }
    for (String p : prefixes) {
      Objects.requireNonNull(p, "prefix == null");
      if (p.isEmpty() || p.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("a prefix is one word: '" + p + "'");
      }
    }
    return new CommentCommandParser(List.copyOf(Arrays.asList(prefixes)));
  }

  /** Returns the accepted prefixes. */
  public List<String> prefixes() {
    return prefixes;
  }

  /**
   * Finds the command in a comment.
   *
   * @param comment the comment body
   * @return the command (check {@link CommentCommand#valid()}), or empty when no line starts with a prefix
   */
  public Optional<CommentCommand> parse(String comment) {
    Objects.requireNonNull(comment, "comment == null");
    String[] lines = comment.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] words = line.split("\\s+");
      if (words.length >= 2 && prefixes.contains(words[0])) {
        return Optional.of(command(words, i + 1));
      }
    }
    return Optional.empty();
  }

  private static CommentCommand command(String[] words, int line) {
    String prefix = words[0];
    String name = words[1];
    List<String> args = List.of(words).subList(2, words.length);
    Optional<CommandType> known = CommandType.fromName(name);
    if (known.isEmpty()) {
      return new CommentCommand(prefix, name, CommandType.UNKNOWN, args, Map.of(), Set.of(), line,
          "'" + name + "' is not a Packit command; known commands: " + knownNames());
    }
    CommandType type = known.get();
    Map<String, String> options = new LinkedHashMap<>();
    Set<String> flags = new LinkedHashSet<>();
    String problem = "";
    if (!type.freeArguments()) {
      for (int i = 0; i < args.size() && problem.isEmpty(); i++) {
        String arg = args.get(i);
        int eq = arg.indexOf('=');
        String opt = eq > 0 ? arg.substring(0, eq) : arg;
        if (type.valueOptions().contains(opt)) {
          String value;
          if (eq > 0) {
            value = arg.substring(eq + 1);
          } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
            value = args.get(++i);
          } else {
            value = "";
          }
          if (value.isEmpty()) {
            problem = opt + " of " + name + " needs a value";
          } else if (options.putIfAbsent(opt, value) != null) {
            problem = opt + " of " + name + " is given twice";
          }
        } else if (type.flags().contains(arg)) {
          flags.add(arg);
        } else if (type.flags().contains(opt)) {
          problem = opt + " of " + name + " takes no value";
        } else {
          problem = "'" + arg + "' is not an argument of " + name + allowed(type);
        }
      }
    }
    return new CommentCommand(prefix, name, type, args, options, flags, line, problem);
  }

  private static String allowed(CommandType type) {
    List<String> all = new ArrayList<>();
    type.valueOptions().stream().sorted().forEach(o -> all.add(o + " <value>"));
    type.flags().stream().sorted().forEach(all::add);
    return all.isEmpty() ? " (it takes no arguments)" : "; it accepts " + String.join(", ", all);
  }

  private static String knownNames() {
    List<String> names = new ArrayList<>();
    for (CommandType t : CommandType.values()) {
      if (t != CommandType.UNKNOWN) {
        names.add(t.commandName());
      }
    }
    return String.join(", ", names);
  }

  @Override
  public String toString() {
    return "CommentCommandParser" + prefixes;
  }
}
