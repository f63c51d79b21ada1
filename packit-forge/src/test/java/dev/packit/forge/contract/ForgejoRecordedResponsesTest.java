package dev.packit.forge.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Validates every recorded Forgejo response under {@code /api/v1} against Forgejo's own swagger
 * (v15.0.3; the recordings come from a v10-era test instance). Where they disagree the recording
 * (what a server really sent) wins for the client's behaviour; the disagreements are listed here,
 * one line per recording, kind and field, so that a new one (or one that goes away) is noticed.
 */
class ForgejoRecordedResponsesTest {

  /**
   * Fields that Forgejo sends as {@code null} where the swagger names a type: Go's nil slices and
   * pointers. Swagger 2.0 has no {@code nullable} and Forgejo's file sets no {@code x-nullable}. The
   * client reads every field as optional.
   */
  private static final Set<String> NULL_FIELDS = Set.of("added", "assignee", "assignees", "author", "closed_at",
      "committer", "content", "download_url", "due_date", "encoding", "merge_commit_sha", "merged_at", "merged_by",
      "milestone", "modified", "parent", "removed", "repo_transfer", "requested_reviewers", "requested_reviewers_teams",
      "signer", "submodule_git_url", "target", "topics");

  /**
   * Properties the recorded server sent that the swagger does not describe (the validator treats
   * undescribed properties as errors): users carry {@code username}, a copy of {@code login},
   * which neither Forgejo's nor Gitea's {@code User} definition lists. The client reads {@code login}.
   */
  private static final Set<String> EXTRA_PROPERTIES = Set.of("username");

  /** Every other disagreement, per recording (array indices folded to {@code *}). */
  private static final Set<String> OTHER = Set.of(
      // statuses Forgejo's router sends that the operation does not declare (synthetic answers
      // follow the v15.0.3 source; the 500 is real)
      "forbidden_403_not_writer.synth: validation.response.status.unknown: Response status 403 not defined for path '/repos/{owner}/{repo}/statuses/{sha}'.",
      "forbidden_403_token_scope.synth: validation.response.status.unknown: Response status 403 not defined for path '/repos/{owner}/{repo}/pulls'.",
      "issue_update_500: validation.response.status.unknown: Response status 500 not defined for path '/repos/{owner}/{repo}/issues/{index}'.",
      // the fork 409 is declared without a body; Forgejo sends its usual {message, url}
      "fork_create_409.synth: validation.response.body.unexpected: No response body is expected but one was found.",
      // users who hide their address (and the Ghost user of migrated pull requests) have email ""
      "pr_get_merged: validation.response.body.schema.format.email: [Path '/user/email'] String \"\" is not a valid email address",
      "pr_list: validation.response.body.schema.format.email: [Path '/*/user/email'] String \"\" is not a valid email address",
      "pr_list_all_last_page_link: validation.response.body.schema.format.email: [Path '/*/user/email'] String \"\" is not a valid email address",
      "pr_update_title: validation.response.body.schema.format.email: [Path '/user/email'] String \"\" is not a valid email address");

  @Test
  void recordedResponsesAgainstTheSpec() {
    Set<String> nulls = new TreeSet<>();
    Set<String> extras = new TreeSet<>();
    Set<String> other = new TreeSet<>();
    int checked = 0;
    for (String name : Recording.all("forgejo")) {
      Recording rec = Recording.load("forgejo", name);
      if (!ForgejoOpenApi.describes(rec.path())) {
        continue;
      }
      checked++;
      for (String p : ForgejoOpenApi.response(rec)) {
        String at = p.contains(" @") ? p.substring(p.lastIndexOf(" @") + 2) : "";
        if (p.contains("Instance type (null)")) {
          nulls.add(at.substring(at.lastIndexOf('/') + 1));
        } else if (p.contains("additionalProperties")) {
          int i = p.indexOf("not allowed by the schema: [");
          for (String prop : p.substring(i + 28, p.indexOf(']', i)).split(",")) {
            extras.add(prop.replace("\"", "").trim());
          }
        } else {
          other.add(name + ": " + p.replaceAll(" @.*$", "").replaceAll("/\\d+/", "/*/"));
        }
      }
    }
    assertTrue(checked >= 55, "checked " + checked);
    assertEquals(new TreeSet<>(NULL_FIELDS), nulls, "fields sent as null against a typed schema");
    assertEquals(new TreeSet<>(EXTRA_PROPERTIES), extras, "properties the swagger does not describe");
    assertEquals(new TreeSet<>(OTHER), other, "other disagreements:\n" + String.join("\n", other));
  }
}
