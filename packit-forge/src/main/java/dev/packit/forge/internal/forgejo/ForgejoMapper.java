package dev.packit.forge.internal.forgejo;

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
import dev.packit.forge.Release;
import dev.packit.forge.RepoId;
import dev.packit.forge.Repository;
import dev.packit.forge.Tag;
import dev.packit.forge.User;
import dev.packit.forge.forgejo.ReleaseAsset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Maps Forgejo API v1 JSON to the forge records. */
public final class ForgejoMapper {
  private ForgejoMapper() {}

  /** Maps a repository; a fork carries its parent as a whole repository object. */
  public static Repository repository(JsonNode n, RepoId knownParent) {
    RepoId parent = null;
    if (n.hasNonNull("parent") && text(n.get("parent"), "full_name") != null) {
      parent = RepoId.of(text(n.get("parent"), "full_name"));
    } else if (bool(n, "fork")) {
      parent = knownParent;
    }
    // an empty repository (no commits yet) has no git data to branch from
    return new Repository(RepoId.of(text(n, "full_name")), text(n, "default_branch"), uri(n, "clone_url"),
        text(n, "ssh_url"), uri(n, "html_url"), bool(n, "private"), parent, !bool(n, "empty"), number(n, "id"));
  }

  /** Maps a release. */
  public static Release release(JsonNode n) {
    return new Release(text(n, "tag_name"), text(n, "name"), text(n, "body"), bool(n, "draft"), bool(n, "prerelease"),
        instant(n, "created_at"), instant(n, "published_at"), uri(n, "html_url"), uri(n, "tarball_url"));
  }

  /** Maps the {@code assets} of a release. */
  public static List<ReleaseAsset> assets(JsonNode release) {
    List<ReleaseAsset> out = new ArrayList<>();
    release.path("assets").forEach(a -> out.add(asset(a)));
    return out;
  }

  /** Maps one attachment. */
  public static ReleaseAsset asset(JsonNode a) {
    return new ReleaseAsset(number(a, "id"), text(a, "name"), number(a, "size"), uri(a, "browser_download_url"));
  }

  /** Maps a tag ({@code commit.sha}). */
  public static Tag tag(JsonNode n) {
    return new Tag(text(n, "name"), textAt(n, "commit", "sha"));
  }

  /** Maps a branch ({@code commit.id}, not {@code sha}). */
  public static Branch branch(JsonNode n) {
    String sha = textAt(n, "commit", "id");
    return new Branch(text(n, "name"), sha != null ? sha : textAt(n, "commit", "sha"));
  }

  /** Maps a file of the contents API ({@code content} base64 with {@code encoding: base64}). */
  public static FileContent file(JsonNode n, String ref) {
    String content = text(n, "content");
    String encoding = text(n, "encoding");
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

  /** Maps a pull request: merged ones are {@code state: closed} with {@code merged: true}. */
  public static PullRequest pullRequest(JsonNode n) {
    PrState state;
    if (bool(n, "merged") || n.hasNonNull("merged_at")) {
      state = PrState.MERGED;
    } else {
      state = "open".equalsIgnoreCase(text(n, "state")) ? PrState.OPEN : PrState.CLOSED;
    }
    JsonNode head = n.path("head");
    JsonNode base = n.path("base");
    // head.label is the bare branch even for a fork; the fork is head.repo
    String headRepo = textAt(head, "repo", "full_name");
    String baseRepo = textAt(base, "repo", "full_name");
    return new PullRequest(RepoId.of(baseRepo), number(n, "number"), text(n, "title"), text(n, "body"), state,
        textAt(n, "user", "login"), text(head, "ref"), text(base, "ref"), headRepo == null ? null : RepoId.of(headRepo),
        text(head, "sha"), uri(n, "html_url"), instant(n, "created_at"));
  }

  /** Maps a commit status: the answer names the state {@code status} (the request names it {@code state}). */
  public static CommitStatus status(JsonNode n, String sha) {
    String word = text(n, "status") != null ? text(n, "status") : text(n, "state");
    return new CommitStatus(sha, state(word), text(n, "context"), text(n, "description"), uri(n, "target_url"),
        instant(n, "created_at"), textAt(n, "creator", "login"));
  }

  /** Reads Forgejo's status words: pending, success, error, failure, warning. */
  static CommitState state(String word) {
    String w = word == null ? "" : word.toLowerCase(Locale.ROOT);
    // a warning did not pass: a bot must not read it as success
    return "warning".equals(w) ? CommitState.FAILURE : CommitState.fromWire(w);
  }

  /** Maps the state to Forgejo's words; Forgejo has no running or canceled state. */
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

  /** Maps a user ({@code full_name}, not {@code name}). */
  public static User user(JsonNode n) {
    String full = text(n, "full_name");
    return new User(text(n, "login"), full == null || full.isEmpty() ? null : full, text(n, "email"));
  }

  /** Maps an issue comment. */
  public static Comment comment(JsonNode n) {
    return new Comment(number(n, "id"), text(n, "body"), textAt(n, "user", "login"), instant(n, "created_at"));
  }

  /**
   * Reads {@code GET /repos/{o}/{r}/collaborators/{user}/permission}: {@code permission} is
   * {@code owner}, {@code admin}, {@code write}, {@code read} or {@code none}.
   */
  public static AccessLevel accessLevel(JsonNode n) {
    String p = text(n, "permission");
    switch (p == null ? "" : p.toLowerCase(Locale.ROOT)) {
      case "owner":
      case "admin":
        return AccessLevel.ADMIN;
      case "write":
        return AccessLevel.WRITE;
      case "read":
        return AccessLevel.READ;
      default:
        return AccessLevel.NONE;
    }
  }
}
