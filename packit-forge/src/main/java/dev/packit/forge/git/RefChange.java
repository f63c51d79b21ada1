package dev.packit.forge.git;

import java.util.Objects;

/**
 * How a ref moved in a fetch or push.
 *
 * <pre>{@code
 * for (RefChange c : repo.push(request)) {
 *   System.out.println(c.ref() + " " + c.oldId() + ".." + c.newId() + " " + c.status());
 * }
 * }</pre>
 *
 * @param ref the full ref name (for a fetch: the local tracking ref)
 * @param oldId the previous id, all zeros when the ref was created or unknown
 * @param newId the new id, all zeros when the ref was deleted
 * @param status JGit's status name, e.g. {@code OK}, {@code UP_TO_DATE}, {@code FAST_FORWARD},
 *     {@code FORCED}, {@code NEW}, {@code REJECTED_NONFASTFORWARD}
 */
public record RefChange(String ref, String oldId, String newId, String status) {
  /** Validates the components. */
  public RefChange {
    Objects.requireNonNull(ref, "ref == null");
    Objects.requireNonNull(oldId, "oldId == null");
    Objects.requireNonNull(newId, "newId == null");
    Objects.requireNonNull(status, "status == null");
  }
}
