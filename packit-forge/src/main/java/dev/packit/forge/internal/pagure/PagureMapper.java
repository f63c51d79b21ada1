package dev.packit.forge.internal.pagure;

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
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.RepoId;
import dev.packit.forge.Repository;
import dev.packit.forge.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Maps Pagure API 0 JSON to the forge records. */
public final class PagureMapper {
  /** Pagure's project ACLs, the highest first ({@code owner} exists for users only). */
  public static final List<String> ACLS_HIGHEST_FIRST = List.of("owner", "admin", "commit", "collaborator", "ticket");

  /**
   * @param acl a Pagure ACL name
   * @return what it allows: owner and admin administer, commit and collaborator (commit on some
   *     branches) push, ticket triages
   */
  public static AccessLevel aclLevel(String acl) {
    return switch (acl) {
      case "owner", "admin" -> AccessLevel.ADMIN;
      case "commit", "collaborator" -> AccessLevel.WRITE;
      case "ticket" -> AccessLevel.TRIAGE;
      default -> AccessLevel.NONE;
    };
  }

  /**
   * @param accessUsers a project's {@code access_users}
   * @param user a login
   * @return the highest level an ACL lists the user under
   */
  public static AccessLevel userAccessLevel(JsonNode accessUsers, String user) {
    for (String acl : ACLS_HIGHEST_FIRST) {
      for (JsonNode u : accessUsers.path(acl)) {
        if (user.equals(u.asText())) {
          return aclLevel(acl);
        }
      }
    }
    return AccessLevel.NONE;
  }

  private PagureMapper() {}

  /** The id of a project: {@code fork/<user>/<ns>/<name>} when it has a parent. */
  public static RepoId projectId(JsonNode p) {
    String ns = text(p, "namespace");
    RepoId id = new RepoId(ns == null ? "" : ns, text(p, "name"), null);
    // a fork whose parent was deleted has "parent": null but keeps its forks/<user>/ full name
    String fullname = text(p, "fullname");
    if (p.hasNonNull("parent") || (fullname != null && fullname.startsWith("forks/"))) {
      return id.forkOf(textAt(p, "user", "name"));
    }
    return id;
  }

  /**
   * Maps a project.
   *
   * @param p the project JSON
   * @param instance the instance root ending in {@code /}
   * @param defaultBranch from {@code git/branches}, or null
   * @param gitUrl the HTTPS clone URL from {@code git/urls}, or null to derive it
   * @param sshUrl the SSH URL from {@code git/urls}, or null
   */
  public static Repository repository(JsonNode p, URI instance, String defaultBranch, URI gitUrl, String sshUrl) {
    RepoId id = projectId(p);
    String urlPath = text(p, "url_path");
    if (urlPath == null) {
      urlPath = id.path();
    }
    URI web = uri(p, "full_url");
    if (web == null) {
      web = instance.resolve(urlPath);
    }
    URI clone = gitUrl != null ? gitUrl : instance.resolve(urlPath + ".git");
    RepoId parent = p.hasNonNull("parent") ? projectId(p.get("parent")) : id.forkOwner() != null ? id.withoutFork() : null;
    return new Repository(id, defaultBranch, clone, sshUrl, web, false, parent, true, number(p, "id"));
  }

  /** Reads {@code default} of {@code git/branches}: a string, or a {name: sha} object with commits. */
  public static String defaultBranch(JsonNode n) {
    JsonNode d = n.get("default");
    if (d == null || d.isNull()) {
      return null;
    }
    if (d.isTextual()) {
      return d.asText();
    }
    Iterator<String> names = d.fieldNames();
    return names.hasNext() ? names.next() : null;
  }

  /** Maps {@code git/branches}: a list of names, or a {name: sha} map with commits. */
  public static List<Branch> branches(JsonNode n) {
    List<Branch> out = new ArrayList<>();
    JsonNode b = n.path("branches");
    if (b.isArray()) {
      b.forEach(x -> out.add(new Branch(x.asText(), "")));
    } else if (b.isObject()) {
      for (Map.Entry<String, JsonNode> e : b.properties()) {
        out.add(new Branch(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
      }
    }
    return out;
  }

  /** Maps {@code git/tags}: a list of names, or a {name: sha} map with commits. */
  public static List<Tag> tags(JsonNode n) {
    List<Tag> out = new ArrayList<>();
    JsonNode t = n.path("tags");
    if (t.isArray()) {
      t.forEach(x -> out.add(new Tag(x.asText(), "")));
    } else if (t.isObject()) {
      for (Map.Entry<String, JsonNode> e : t.properties()) {
        out.add(new Tag(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
      }
    }
    return out;
  }

  /** Maps a pull request. */
  public static PullRequest pullRequest(JsonNode n, URI instance) {
    String st = text(n, "status") == null ? "" : text(n, "status").toLowerCase(Locale.ROOT);
    PrState state = st.equals("open") ? PrState.OPEN : st.equals("merged") ? PrState.MERGED : PrState.CLOSED;
    RepoId target = projectId(n.path("project"));
    RepoId source = n.hasNonNull("repo_from") ? projectId(n.get("repo_from")) : null;
    URI web = uri(n, "full_url");
    if (web == null) {
      String urlPath = textAt(n, "project", "url_path");
      web = instance.resolve((urlPath == null ? target.path() : urlPath) + "/pull-request/" + number(n, "id"));
    }
    return new PullRequest(target, number(n, "id"), text(n, "title"), text(n, "initial_comment"), state,
        textAt(n, "user", "name"), text(n, "branch_from"), text(n, "branch"), source, text(n, "commit_stop"), web,
        instant(n, "date_created"));
  }

  /** Maps a pull request comment. */
  public static Comment comment(JsonNode c) {
    return new Comment(c.path("id").asLong(0), text(c, "comment"), textAt(c, "user", "name"), instant(c, "date_created"));
  }

  /** Maps a commit flag. */
  public static CommitStatus flag(JsonNode f, String sha) {
    String commit = text(f, "commit_hash");
    return new CommitStatus(commit == null ? sha : commit, CommitState.fromWire(text(f, "status")), text(f, "username"),
        text(f, "comment"), uri(f, "url"), instant(f, "date_created"), textAt(f, "user", "name"));
  }

  /** Maps the forge's state to Pagure's flag words. */
  public static String stateWord(CommitState s) {
    switch (s) {
      case PENDING:
      case RUNNING:
        return "pending";
      case SUCCESS:
        return "success";
      case FAILURE:
        return "failure";
      case CANCELED:
        return "canceled";
      default:
        return "error";
    }
  }
}
