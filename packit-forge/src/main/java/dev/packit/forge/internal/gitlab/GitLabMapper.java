package dev.packit.forge.internal.gitlab;

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
import java.net.URI;
import java.util.Base64;
import java.util.Locale;

/** Maps GitLab API v4 JSON to the forge records. */
public final class GitLabMapper {
  /**
   * Maps a member's {@code access_level}: 5 minimal access, 10 guest, 15 planner, 20 reporter,
   * 30 developer (may push), 40 maintainer, 50 owner, 60 admin.
   *
   * @param accessLevel the number
   * @return the level
   */
  public static AccessLevel accessLevel(int accessLevel) {
    if (accessLevel >= 50) {
      return AccessLevel.ADMIN;
    } else if (accessLevel >= 40) {
      return AccessLevel.MAINTAIN;
    } else if (accessLevel >= 30) {
      return AccessLevel.WRITE;
    } else if (accessLevel >= 15) {
      return AccessLevel.TRIAGE;
    } else if (accessLevel >= 5) {
      return AccessLevel.READ;
    }
    return AccessLevel.NONE;
  }

  private GitLabMapper() {}

  /** Whether a fork's import has finished ({@code none} or absent means it was never imported). */
  public static boolean importReady(JsonNode n) {
    String s = text(n, "import_status");
    return s == null || "none".equals(s) || "finished".equals(s);
  }

  /** Maps a project. */
  public static Repository repository(JsonNode n) {
    String parent = textAt(n, "forked_from_project", "path_with_namespace");
    return new Repository(RepoId.of(text(n, "path_with_namespace")), text(n, "default_branch"), uri(n, "http_url_to_repo"),
        text(n, "ssh_url_to_repo"), uri(n, "web_url"), "private".equals(text(n, "visibility")),
        parent == null ? null : RepoId.of(parent), importReady(n), number(n, "id"));
  }

  /** Maps a release; the tarball is the {@code tar.gz} source asset. */
  public static Release release(JsonNode n) {
    URI tarball = null;
    for (JsonNode src : n.path("assets").path("sources")) {
      if ("tar.gz".equals(text(src, "format"))) {
        tarball = uri(src, "url");
      }
    }
    return new Release(text(n, "tag_name"), text(n, "name"), text(n, "description"), false, bool(n, "upcoming_release"),
        instant(n, "created_at"), instant(n, "released_at"), uri(n.path("_links"), "self"), tarball);
  }

  /** Maps a tag. */
  public static Tag tag(JsonNode n) {
    return new Tag(text(n, "name"), textAt(n, "commit", "id"));
  }

  /** Maps a branch. */
  public static Branch branch(JsonNode n) {
    return new Branch(text(n, "name"), textAt(n, "commit", "id"));
  }

  /** Maps a repository file (base64 content). */
  public static FileContent file(JsonNode n, String ref) {
    String content = text(n, "content");
    byte[] bytes = content == null ? new byte[0] : Base64.getMimeDecoder().decode(content);
    String r = text(n, "ref");
    return new FileContent(text(n, "file_path"), r == null ? ref : r, bytes);
  }

  /** Maps a merge request; {@code source} is the source project when known. */
  public static PullRequest mergeRequest(JsonNode n, RepoId source) {
    String st = text(n, "state") == null ? "" : text(n, "state").toLowerCase(Locale.ROOT);
    PrState state = st.equals("opened") ? PrState.OPEN : st.equals("merged") ? PrState.MERGED : PrState.CLOSED;
    return new PullRequest(targetOf(n), number(n, "iid"), text(n, "title"), text(n, "description"), state,
        textAt(n, "author", "username"), text(n, "source_branch"), text(n, "target_branch"), source, text(n, "sha"),
        uri(n, "web_url"), instant(n, "created_at"));
  }

  /** Reads the target project's path from {@code references.full} or the web URL. */
  static RepoId targetOf(JsonNode n) {
    String full = textAt(n, "references", "full");
    if (full == null) {
      full = text(n, "reference");
    }
    if (full != null && full.contains("!") && full.indexOf('!') > 0) {
      return RepoId.of(full.substring(0, full.indexOf('!')));
    }
    String web = text(n, "web_url");
    if (web != null) {
      return RepoId.fromUrl(URI.create(web));
    }
    throw new IllegalArgumentException("merge request names no target project");
  }

  /** Maps a commit status. */
  public static CommitStatus status(JsonNode n) {
    return new CommitStatus(text(n, "sha"), CommitState.fromWire(text(n, "status")), text(n, "name"),
        text(n, "description"), uri(n, "target_url"), instant(n, "created_at"), textAt(n, "author", "username"));
  }

  /** Maps a user. */
  public static User user(JsonNode n) {
    String email = text(n, "email");
    if (email == null || email.isBlank()) {
      email = text(n, "public_email");
    }
    return new User(text(n, "username"), text(n, "name"), email);
  }

  /** Maps a note (comment). */
  public static Comment note(JsonNode n) {
    return new Comment(number(n, "id"), text(n, "body"), textAt(n, "author", "username"), instant(n, "created_at"));
  }

  /** Maps the forge's state to GitLab's words. */
  public static String stateWord(CommitState s) {
    switch (s) {
      case PENDING:
        return "pending";
      case RUNNING:
        return "running";
      case SUCCESS:
        return "success";
      case CANCELED:
        return "canceled";
      default:
        return "failed";
    }
  }
}
