package dev.packit.fedora.jobs;

import dev.packit.fedora.messaging.FedoraMessage;
import dev.packit.forge.Release;
import dev.packit.forge.webhook.CommentEvent;
import dev.packit.forge.webhook.WebhookEvent;
import java.util.Objects;

/**
 * What can start a job: a forge webhook, a fedora-messaging message, or an upstream
 * {@code /packit} comment command whose release the caller looked up. The dispatcher is the one
 * place that looks inside.
 *
 * <pre>{@code
 * Trigger fromHook = Trigger.of(WebhookParser.create().parse(ForgeKind.GITHUB, "release", body, "delivery 1"));
 * Trigger fromBus = Trigger.of(FedoraMessages.parse(json, "amqp"));
 * Trigger command = Trigger.command(commentEvent, forge.latestRelease(repo).orElseThrow());
 * }</pre>
 *
 * @since 0.2.0
 */
public sealed interface Trigger permits Trigger.Webhook, Trigger.Message, Trigger.Command {

  /**
   * Says what the trigger is, for logs and skip reasons.
   *
   * @return e.g. {@code github release published}
   */
  String describe();

  /**
   * A webhook trigger.
   *
   * @param event the verified, parsed webhook event
   * @return the trigger
   */
  static Trigger of(WebhookEvent event) {
    return new Webhook(event);
  }

  /**
   * A message trigger.
   *
   * @param message the parsed fedora-messaging message
   * @return the trigger
   */
  static Trigger of(FedoraMessage message) {
    return new Message(message);
  }

  /**
   * An upstream comment command with the release it is about.
   *
   * @param comment the comment event (e.g. {@code /packit propose-downstream})
   * @param latestRelease the repository's latest release
   * @return the trigger
   */
  static Trigger command(CommentEvent comment, Release latestRelease) {
    return new Command(comment, latestRelease.tagName(), latestRelease.body() == null ? "" : latestRelease.body());
  }

  /**
   * A forge webhook event (release, comment, push, pull request, other).
   *
   * @param event the event
   */
  record Webhook(WebhookEvent event) implements Trigger {
    /** Validates the component. */
    public Webhook {
      Objects.requireNonNull(event, "event");
    }

    @Override
    public String describe() {
      return event.forge().name().toLowerCase(java.util.Locale.ROOT) + " " + event.eventType()
          + (event.action().isEmpty() ? "" : " " + event.action());
    }
  }

  /**
   * A fedora-messaging message (dist-git push, Koji build or tag, the-new-hotness, Anitya, dist-git
   * pull request, Forgejo relay, or an unknown topic).
   *
   * @param message the message
   */
  record Message(FedoraMessage message) implements Trigger {
    /** Validates the component. */
    public Message {
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String describe() {
      return "message " + message.topic() + (message.messageId().isEmpty() ? "" : " " + message.messageId());
    }
  }

  /**
   * An upstream comment command with its release resolved: {@code /packit propose-downstream}
   * proposes the repository's latest release, which only the forge knows.
   *
   * @param comment the comment event
   * @param releaseTag the tag of the release to propose
   * @param releaseNotes that release's description, may be empty
   */
  record Command(CommentEvent comment, String releaseTag, String releaseNotes) implements Trigger {
    /** Validates the components. */
    public Command {
      Objects.requireNonNull(comment, "comment");
      Objects.requireNonNull(releaseTag, "releaseTag");
      releaseNotes = releaseNotes == null ? "" : releaseNotes;
    }

    @Override
    public String describe() {
      return comment.forge().name().toLowerCase(java.util.Locale.ROOT) + " comment on " + comment.repository().fullName()
          + "#" + comment.number() + " (release " + releaseTag + ")";
    }
  }
}
