package dev.packit.fedora.internal.workflow;

import dev.packit.core.PackitClientException;
import dev.packit.fedora.workflow.BranchPlan;
import dev.packit.fedora.workflow.PlannedStep;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last check before text is published: a plan's commit message, files (the changelog is in the
 * spec), pull request texts and other steps must not contain the value of a secret the workflow
 * knows. Finding one refuses the plan with an error that names the secret and the place, never the
 * value: a secret that reached an action (or any other input) is not silently pushed to dist-git.
 *
 * <pre>{@code
 * SecretScan scan = SecretScan.of(Map.of("the git credentials", token));
 * scan.require(branchPlan);   // throws PackitClientException: "... contains the value of the git credentials"
 * }</pre>
 */
public final class SecretScan {
  /** Shorter values are too likely to occur by chance ("1", "yes") to refuse a plan for them. */
  static final int MIN_LENGTH = 6;

  private final Map<String, String> secrets;

  private SecretScan(Map<String, String> secrets) {
    this.secrets = secrets;
  }

  /**
   * @param named what each secret is (for the message) to its value; short and empty values are ignored
   * @return the scan
   */
  public static SecretScan of(Map<String, String> named) {
    Map<String, String> out = new LinkedHashMap<>();
    named.forEach((k, v) -> {
      if (v != null && v.strip().length() >= MIN_LENGTH) {
        out.putIfAbsent(k, v.strip());
      }
    });
    return new SecretScan(out);
  }

  /**
   * The values of variables whose names look secret ({@code *TOKEN*}, {@code *PASSWORD*},
   * {@code *SECRET*}, {@code *KEY*}, ...), keyed by a description naming the variable.
   *
   * @param env variables
   * @param where where they come from, e.g. {@code "this JVM's environment"}
   * @param tokensOnly keep only token-like values (12 characters or more, no blank, not a path):
   *     for an environment nobody chose for the workflow, where {@code SSH_AUTH_SOCK=/run/...} or
   *     {@code KEY_NAME=packit} would refuse every plan
   * @return description to value
   */
  public static Map<String, String> secretNamed(Map<String, String> env, String where, boolean tokensOnly) {
    Map<String, String> out = new LinkedHashMap<>();
    env.forEach((k, v) -> {
      boolean tokenLike = v.length() >= 12 && !v.startsWith("/") && v.chars().noneMatch(Character::isWhitespace);
      if (ActionRunner.SECRET_NAME.matcher(k).matches() && (!tokensOnly || tokenLike)) {
        out.put("variable " + k + " of " + where, v);
      }
    });
    return out;
  }

  /** @return the secret values, for masking in messages */
  public List<String> values() {
    return List.copyOf(secrets.values());
  }

  /**
   * @param text some text
   * @return the description of the first secret whose value is in it
   */
  public Optional<String> find(String text) {
    for (Map.Entry<String, String> e : secrets.entrySet()) {
      if (text.contains(e.getValue())) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  /**
   * Refuses a branch plan that would publish a secret.
   *
   * @param bp the plan of one branch
   * @throws PackitClientException naming the secret and where it is, never its value
   */
  public void require(BranchPlan bp) {
    if (secrets.isEmpty()) {
      return;
    }
    for (PlannedStep step : bp.steps()) {
      if (step instanceof PlannedStep.Commit c) {
        check(c.message(), "the commit message", bp);
        for (PlannedStep.FileChange f : c.files()) {
          check(f.path(), "a file name", bp);
          // Bytes as Latin-1: one char per byte, so a UTF-8 secret is found in any file, binary too.
          check(new String(f.content(), StandardCharsets.ISO_8859_1), "file " + f.path(), bp);
          check(new String(f.content(), StandardCharsets.UTF_8), "file " + f.path(), bp);
          check(f.diff(), "the diff of " + f.path(), bp);
        }
        check(c.branch(), "the commit's branch name", bp);
      } else if (step instanceof PlannedStep.PullRequest p) {
        check(p.title() + "\n" + p.body() + "\n" + p.sourceBranch(), "the pull request text", bp);
      } else {
        check(step.toString(), "the " + step.getClass().getSimpleName() + " step", bp);
      }
    }
    bp.skipReason().ifPresent(r -> check(r, "the skip reason", bp));
  }

  private void check(String text, String where, BranchPlan bp) {
    find(text).ifPresent(name -> {
      throw new PackitClientException("refusing to publish the plan for " + bp.branch() + ": " + where
          + " contains the value of " + name + " (an action or an upstream input put it there; nothing was"
          + " committed or pushed)");
    });
  }
}
