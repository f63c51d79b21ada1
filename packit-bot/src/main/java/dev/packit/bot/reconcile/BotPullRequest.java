package dev.packit.bot.reconcile;

import java.util.Objects;

/**
 * An open pull request of the bot against a dist-git branch.
 *
 * <pre>{@code
 * new BotPullRequest(7, "Update f43 to upstream release 1.2.0", "f43-update-propose_downstream");
 * }</pre>
 *
 * @param number the pull request number
 * @param title its title (propose_downstream names the version there)
 * @param sourceBranch the fork branch
 */
public record BotPullRequest(long number, String title, String sourceBranch) {
  /** Validates the components. */
  public BotPullRequest {
    title = title == null ? "" : title;
    sourceBranch = sourceBranch == null ? "" : sourceBranch;
  }

  /**
   * Whether the title names this version as a whole word ({@code 1.2} is not in {@code 1.2.1}).
   *
   * @param version the version
   * @return true when named
   */
  public boolean proposes(String version) {
    Objects.requireNonNull(version, "version");
    int from = 0;
    while (true) {
      int at = title.indexOf(version, from);
      if (at < 0) {
        return false;
      }
      int end = at + version.length();
      boolean before = at == 0 || !versionChar(title.charAt(at - 1));
      boolean after = end == title.length() || !versionChar(title.charAt(end))
          || title.charAt(end) == '.' && (end + 1 == title.length() || !versionChar(title.charAt(end + 1)));
      if (before && after) {
        return true;
      }
      from = at + 1;
    }
  }

  private static boolean versionChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '~' || c == '^' || c == '+' || c == '_';
  }
}
