package dev.packit.fedora.jobs;

import java.util.Objects;

/**
 * Why a trigger started no job (or not a particular one): a reason a program can switch on and a
 * detail for people.
 *
 * <pre>{@code
 * for (JobSkip skip : dispatcher.dispatch(trigger, config).skips()) {
 *   if (skip.reason() == JobSkip.Reason.NOT_CONFIGURED) {
 *     log.debug(skip.describe());     // expected: this package does not use that job
 *   }
 * }
 * }</pre>
 *
 * @param reason the kind of reason
 * @param detail what exactly, for people
 * @since 0.2.0
 */
public record JobSkip(Reason reason, String detail) {
  /** Validates the components. */
  public JobSkip {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * The kinds of reasons.
   *
   * <pre>{@code
   * JobSkip.Reason r = JobSkip.Reason.valueOf("NOT_CONFIGURED");
   * boolean expected = r == JobSkip.Reason.NOT_CONFIGURED || r == JobSkip.Reason.NOT_A_JOB_EVENT;
   * }</pre>
   */
  public enum Reason {
    /** No job reacts to this kind of event (a push webhook, a Koji task message, an unknown topic). */
    NOT_A_JOB_EVENT,
    /** A kind of event jobs react to, in a state they ignore: a draft release, an edited comment, a deleted build. */
    IGNORED_ACTION,
    /** A comment with no {@code /packit} command, an invalid one, or one no job here runs. */
    NO_COMMAND,
    /** The config has no job of that type for that trigger. */
    NOT_CONFIGURED,
    /** The config has the job, but not on the event's branch. */
    BRANCH_NOT_CONFIGURED,
    /** The event lacks what the job needs: an Anitya project mapped to no Fedora package, a tag that is no group's side tag. */
    NOT_APPLICABLE
  }

  /**
   * The skip for people.
   *
   * @return e.g. {@code not configured: no koji_build job with trigger commit}
   */
  public String describe() {
    return reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + detail;
  }
}
