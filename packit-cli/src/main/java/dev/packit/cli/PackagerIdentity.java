package dev.packit.cli;

import dev.packit.forge.git.GitIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;

/**
 * Who signs the commits and {@code %changelog} entries of a packager's local run: the packager,
 * not the bot. The first of: {@code $RPM_PACKAGER} and {@code %packager} in {@code ~/.rpmmacros}
 * (rpmdev-packager's conventions), git's {@code user.name}/{@code user.email}
 * ({@code $XDG_CONFIG_HOME/git/config}, {@code ~/.gitconfig}), the Fedora account
 * ({@code --fas-user}/{@code fas_user}, as {@code user@fedoraproject.org}); Packit's identity only
 * when none is set. The bot builds its workflow itself and keeps its configured identity.
 *
 * <pre>{@code
 * PackagerIdentity.Found who = PackagerIdentity.resolve(System.getenv(), "jdoe");
 * }</pre>
 */
final class PackagerIdentity {
  /** Packit's identity: the workflow's default. */
  static final GitIdentity PACKIT = GitIdentity.of("Packit", "hello@packit.dev");

  private static final Pattern NAME_EMAIL = Pattern.compile("^\\s*(.*?)\\s*<([^<>\\s]+@[^<>\\s]+)>\\s*$");

  private PackagerIdentity() {}

  /**
   * An identity and where it came from (for {@code --verbose}).
   *
   * @param identity the identity
   * @param source e.g. {@code $RPM_PACKAGER}, {@code ~/.gitconfig}
   */
  record Found(GitIdentity identity, String source) {}

  /**
   * Finds the packager's identity.
   *
   * @param env the environment ({@code HOME}, {@code XDG_CONFIG_HOME}, {@code RPM_PACKAGER})
   * @param fasUser the Fedora account, empty when unknown
   * @return the identity and its source
   */
  static Found resolve(Map<String, String> env, String fasUser) {
    Optional<GitIdentity> fromEnv = parse(env.get("RPM_PACKAGER"));
    if (fromEnv.isPresent()) {
      return new Found(fromEnv.get(), "$RPM_PACKAGER");
    }
    Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
    Optional<GitIdentity> macro = rpmMacro(home.resolve(".rpmmacros"));
    if (macro.isPresent()) {
      return new Found(macro.get(), "%packager in " + home.resolve(".rpmmacros"));
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    Path xdgConfig = (xdg == null || xdg.isBlank() ? home.resolve(".config") : Path.of(xdg)).resolve("git/config");
    String name = null;
    String email = null;
    String source = null;
    // ~/.gitconfig wins over the XDG file, as in git.
    for (Path file : List.of(home.resolve(".gitconfig"), xdgConfig)) {
      FileBasedConfig c = new FileBasedConfig(file.toFile(), FS.DETECTED);
      try {
        if (!Files.isRegularFile(file)) {
          continue;
        }
        c.load();
      } catch (IOException | ConfigInvalidException e) {
        continue;
      }
      if (name == null && c.getString("user", null, "name") != null) {
        name = c.getString("user", null, "name");
        source = source == null ? file.toString() : source;
      }
      if (email == null && c.getString("user", null, "email") != null) {
        email = c.getString("user", null, "email");
        source = source == null ? file.toString() : source;
      }
    }
    if (name != null && email != null && !name.isBlank() && email.contains("@")) {
      return new Found(GitIdentity.of(name.strip(), email.strip()), "user.name/user.email in " + source);
    }
    if (!fasUser.isBlank()) {
      return new Found(GitIdentity.of(name != null && !name.isBlank() ? name.strip() : fasUser,
          fasUser + "@fedoraproject.org"), "the Fedora account " + fasUser);
    }
    return new Found(PACKIT, "none set (RPM_PACKAGER, %packager, git user.name/user.email, --fas-user): Packit's");
  }

  /** {@code Name <email>}, else empty. */
  static Optional<GitIdentity> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = NAME_EMAIL.matcher(text);
    if (!m.matches() || m.group(1).isEmpty() || text.contains("%")) {
      return Optional.empty();
    }
    return Optional.of(GitIdentity.of(m.group(1), m.group(2)));
  }

  /** The {@code %packager} line of an rpmmacros file, when it is a plain {@code Name <email>}. */
  private static Optional<GitIdentity> rpmMacro(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String l = line.strip();
        if (l.startsWith("%packager") && (l.length() == 9 || Character.isWhitespace(l.charAt(9)))) {
          // A value with macros in it would need rpm to expand: not guessed.
          return parse(l.substring(9));
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
