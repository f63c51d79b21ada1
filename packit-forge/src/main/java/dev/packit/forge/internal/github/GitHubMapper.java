package dev.packit.forge.internal.github;

import static dev.packit.forge.spi.Json.bool;
import static dev.packit.forge.spi.Json.instant;
import static dev.packit.forge.spi.Json.number;
import static dev.packit.forge.spi.Json.text;
import static dev.packit.forge.spi.Json.textAt;
import static dev.packit.forge.spi.Json.uri;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.forge.AccessLevel;
import dev.packit.forge.Branch;
import dev.packit.forge.Comment;
import dev.packit.forge.CommitState;
import dev.packit.forge.CommitStatus;
import dev.packit.forge.FileContent;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.RateLimit;
import dev.packit.forge.Release;
import dev.packit.forge.RepoId;
import dev.packit.forge.Repository;
import dev.packit.forge.Tag;
import dev.packit.forge.User;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Maps GitHub REST v3 JSON to the forge records. */
public final class GitHubMapper {
  /**
   * Reads {@code GET /repos/{o}/{r}/collaborators/{user}/permission}: {@code role_name} tells
   * maintain and triage apart (and names custom roles), {@code permission} is the legacy
   * admin/write/read/none that custom roles fall back to.
   *
   * @param n the answer
   * @return the level
   */
  public static AccessLevel accessLevel(JsonNode n) {
    String role = text(n, "role_name");
    switch (role == null ? "" : role) {
      case "admin": return AccessLevel.ADMIN;
      case "maintain": return AccessLevel.MAINTAIN;
      case "write": return AccessLevel.WRITE;
      case "triage": return AccessLevel.TRIAGE;
      case "read": return AccessLevel.READ;
      default: break;
    }
    String permission = text(n, "permission");
    switch (permission == null ? "" : permission) {
      case "admin": return AccessLevel.ADMIN;
      case "maintain": return AccessLevel.MAINTAIN;
      case "write": return AccessLevel.WRITE;
      case "triage": return AccessLevel.TRIAGE;
      case "read": return AccessLevel.READ;
      default: return AccessLevel.NONE;
    }
  }

  private GitHubMapper() {}

  /** Maps a repository; {@code knownParent} is used for fork listings that omit {@code parent}. */
  public static Repository repository(JsonNode n, RepoId knownParent) {
    RepoId parent = null;
    if (n.hasNonNull("parent")) {
      parent = RepoId.of(text(n.get("parent"), "full_name"));
    } else if (bool(n, "fork")) {
      parent = knownParent;
    }
    return new Repository(RepoId.of(text(n, "full_name")), text(n, "default_branch"), uri(n, "clone_url"),
        text(n, "ssh_url"), uri(n, "html_url"), bool(n, "private"), parent, true, number(n, "id"));
  }

  /** Maps a release. */
  public static Release release(JsonNode n) {
    return new Release(text(n, "tag_name"), text(n, "name"), text(n, "body"), bool(n, "draft"), bool(n, "prerelease"),
        instant(n, "created_at"), instant(n, "published_at"), uri(n, "html_url"), uri(n, "tarball_url"));
  }

  /** Maps a tag of {@code GET /tags}. */
  public static Tag tag(JsonNode n) {
    return new Tag(text(n, "name"), textAt(n, "commit", "sha"));
  }

  /** Maps a branch. */
  public static Branch branch(JsonNode n) {
    return new Branch(text(n, "name"), textAt(n, "commit", "sha"));
  }

  /** Maps a file of the contents API (base64, with line breaks). */
  public static FileContent file(JsonNode n, String ref) {
    String encoding = text(n, "encoding");
    String content = text(n, "content");
    byte[] bytes;
    if (content == null) {
      bytes = new byte[0];
    } else if (encoding == null || "base64".equalsIgnoreCase(encoding)) {
      bytes = Base64.getMimeDecoder().decode(content);
    } else {
      bytes = content.getBytes(StandardCharsets.UTF_8);
    }
    return new FileContent(text(n, "path"), ref, bytes);
  }

  /** Maps a pull request. */
  public static PullRequest pullRequest(JsonNode n) {
    PrState state;
    if (n.hasNonNull("merged_at") || bool(n, "merged")) {
      state = PrState.MERGED;
    } else {
      state = "open".equalsIgnoreCase(text(n, "state")) ? PrState.OPEN : PrState.CLOSED;
    }
    JsonNode head = n.path("head");
    JsonNode base = n.path("base");
    String headRepo = textAt(head, "repo", "full_name");
    String baseRepo = textAt(base, "repo", "full_name");
    return new PullRequest(RepoId.of(baseRepo), number(n, "number"), text(n, "title"), text(n, "body"), state,
        textAt(n, "user", "login"), text(head, "ref"), text(base, "ref"), headRepo == null ? null : RepoId.of(headRepo),
        text(head, "sha"), uri(n, "html_url"), instant(n, "created_at"));
  }

  /** Maps a commit status. */
  public static CommitStatus status(JsonNode n, String sha) {
    return new CommitStatus(sha, CommitState.fromWire(text(n, "state")), text(n, "context"), text(n, "description"),
        uri(n, "target_url"), instant(n, "created_at"), textAt(n, "creator", "login"));
  }

  /** Maps a user. */
  public static User user(JsonNode n) {
    return new User(text(n, "login"), text(n, "name"), text(n, "email"));
  }

  /** Maps an issue comment. */
  public static Comment comment(JsonNode n) {
    return new Comment(number(n, "id"), text(n, "body"), textAt(n, "user", "login"), instant(n, "created_at"));
  }

  /** Maps {@code GET /rate_limit} ({@code resources.core}). */
  public static RateLimit rateLimit(JsonNode n) {
    JsonNode core = n.path("resources").path("core");
    if (core.isMissingNode()) {
      core = n.path("rate");
    }
    long reset = number(core, "reset");
    return new RateLimit(number(core, "limit"), number(core, "remaining"), reset == 0 ? null : Instant.ofEpochSecond(reset));
  }

  /** Maps GitHub's status words; GitHub knows only four. */
  public static String stateWord(CommitState s) {
    switch (s) {
      case PENDING:
      case RUNNING:
        return "pending";
      case SUCCESS:
        return "success";
      case FAILURE:
        return "failure";
      default:
        return "error";
    }
  }
}
