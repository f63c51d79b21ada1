package dev.packit.forge;

/**
 * What a user may do in a repository, on one scale for the three forges. Packit obeys
 * {@code /packit} commands from users with {@link #WRITE} or more.
 *
 * <pre>{@code
 * if (forge.accessLevel(RepoId.of("packit/ogr"), "jane").atLeast(AccessLevel.WRITE)) {
 *   // jane may push: she may also command the bot
 * }
 * }</pre>
 *
 * <table>
 * <caption>How each forge's roles map</caption>
 * <tr><th>level</th><th>GitHub {@code role_name}</th><th>GitLab {@code access_level}</th><th>Pagure ACL</th></tr>
 * <tr><td>ADMIN</td><td>admin</td><td>50 owner, 60 admin</td><td>owner, admin</td></tr>
 * <tr><td>MAINTAIN</td><td>maintain</td><td>40 maintainer</td><td>-</td></tr>
 * <tr><td>WRITE</td><td>write (and custom roles whose base permission is write)</td><td>30 developer</td><td>commit, collaborator</td></tr>
 * <tr><td>TRIAGE</td><td>triage</td><td>20 reporter, 15 planner</td><td>ticket</td></tr>
 * <tr><td>READ</td><td>read</td><td>10 guest, 5 minimal access</td><td>-</td></tr>
 * <tr><td>NONE</td><td>none</td><td>not a member (404), 0</td><td>not listed, directly or through a group</td></tr>
 * </table>
 */
public enum AccessLevel {
  /** No role in the repository. */
  NONE,
  /** May read (private repositories) but not change anything. */
  READ,
  /** May manage issues and pull requests, not push. */
  TRIAGE,
  /** May push. */
  WRITE,
  /** May push and manage the repository without its most sensitive settings. */
  MAINTAIN,
  /** Full control. */
  ADMIN;

  /**
   * Compares levels.
   *
   * @param other the level to reach
   * @return whether this level is {@code other} or higher
   */
  public boolean atLeast(AccessLevel other) {
    return compareTo(other) >= 0;
  }
}
