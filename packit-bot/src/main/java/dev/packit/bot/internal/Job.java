package dev.packit.bot.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.core.InputLocation;
import dev.packit.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One unit of work on the queue: a job {@link dev.packit.fedora.workflow.JobDispatcher} chose,
 * with everything needed to run it without the original event (the config text travels along,
 * so a job runs with the config it was dispatched with).
 *
 * <pre>{@code
 * Job job = Job.release("gh-delivery-1", "propose_downstream", "hello", List.of("rawhide"),
 *     "GITHUB", "upstream/hello", "v1.1.0", "", notes, yaml, "upstream/hello@v1.1.0/.packit.yaml", 0);
 * byte[] wire = job.toJson();
 * Job back = Job.fromJson(wire, "amqp delivery 7");
 * }</pre>
 *
 * @param id unique per event, type and package: redeliveries keep it
 * @param eventId the webhook delivery id or fedora-messaging message id
 * @param type the job type as in {@code .packit.yaml} ({@code propose_downstream}, {@code koji_build}, ...)
 * @param packageName the package: the unit of serialization
 * @param branches the dist-git branches, aliases resolved
 * @param upstreamForge {@code GITHUB} or {@code GITLAB} for release jobs, empty otherwise
 * @param upstreamRepo {@code namespace/name} of the upstream repository, empty for dist-git jobs
 * @param tag the release tag, empty for dist-git jobs
 * @param commitSha the tagged commit when the event named it (GitLab), else empty
 * @param releaseNotes the release description
 * @param configYaml the {@code .packit.yaml} text the job was dispatched with
 * @param configSource where that text came from, for error messages
 * @param reportIssue the issue or pull request to comment on (comment-triggered jobs), 0 for none
 * @param message the fedora-messaging message JSON for dist-git and Koji jobs, empty otherwise
 * @param enqueuedAtMillis when the job was queued (epoch milliseconds), for the queue-wait metric
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Job(String id, String eventId, String type, String packageName, List<String> branches,
    String upstreamForge, String upstreamRepo, String tag, String commitSha, String releaseNotes,
    String configYaml, String configSource, long reportIssue, String message, long enqueuedAtMillis) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Validates the components; null strings become empty. */
  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(packageName, "packageName");
    eventId = eventId == null ? "" : eventId;
    branches = branches == null ? List.of() : List.copyOf(branches);
    upstreamForge = upstreamForge == null ? "" : upstreamForge;
    upstreamRepo = upstreamRepo == null ? "" : upstreamRepo;
    tag = tag == null ? "" : tag;
    commitSha = commitSha == null ? "" : commitSha;
    releaseNotes = releaseNotes == null ? "" : releaseNotes;
    configYaml = configYaml == null ? "" : configYaml;
    configSource = configSource == null ? "" : configSource;
    message = message == null ? "" : message;
  }

  /**
   * A job triggered by an upstream release (or a comment asking for one).
   *
   * @param eventId the delivery id
   * @param type the job type
   * @param packageName the package
   * @param branches the branches
   * @param upstreamForge {@code GITHUB} or {@code GITLAB}
   * @param upstreamRepo {@code namespace/name}
   * @param tag the tag
   * @param commitSha the tagged commit, or empty
   * @param releaseNotes the release notes
   * @param configYaml the config text
   * @param configSource where the config came from
   * @param reportIssue issue or PR number to comment on, or 0
   * @return the job
   */
  public static Job release(String eventId, String type, String packageName, List<String> branches,
      String upstreamForge, String upstreamRepo, String tag, String commitSha, String releaseNotes,
      String configYaml, String configSource, long reportIssue) {
    return new Job(eventId + "/" + type + "/" + packageName, eventId, type, packageName, branches, upstreamForge,
        upstreamRepo, tag, commitSha, releaseNotes, configYaml, configSource, reportIssue, "", System.currentTimeMillis());
  }

  /**
   * A job triggered by a fedora-messaging message (koji_build, bodhi_update).
   *
   * @param eventId the message id
   * @param type the job type
   * @param packageName the package
   * @param branches the branches
   * @param configYaml the config text
   * @param configSource where the config came from
   * @param messageJson the message as fedora-messaging JSON
   * @return the job
   */
  public static Job message(String eventId, String type, String packageName, List<String> branches,
      String configYaml, String configSource, String messageJson) {
    return new Job(eventId + "/" + type + "/" + packageName, eventId, type, packageName, branches, "", "", "", "", "",
        configYaml, configSource, 0, messageJson, System.currentTimeMillis());
  }

  /** @return the job as UTF-8 JSON */
  public byte[] toJson() {
    try {
      return MAPPER.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write job " + id, e);
    }
  }

  /**
   * Reads a job.
   *
   * @param json the JSON bytes
   * @param source names the bytes in errors (queue and delivery)
   * @return the job
   * @throws InvalidInputException when the bytes are not a job
   */
  public static Job fromJson(byte[] json, String source) {
    try {
      return MAPPER.readValue(json, Job.class);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      InputLocation at = loc == null ? InputLocation.of(source)
          : InputLocation.of(source).at(Math.max(0, loc.getLineNr()), Math.max(0, loc.getColumnNr()));
      throw new InvalidInputException(at, "not a bot job: " + e.getOriginalMessage(), e);
    } catch (java.io.IOException | RuntimeException e) {
      throw new InvalidInputException(InputLocation.of(source), "not a bot job: "
          + new String(json, 0, Math.min(json.length, 80), StandardCharsets.UTF_8), e);
    }
  }

  /**
   * One line for people: what started the job.
   *
   * @return e.g. {@code release v1.2.0 of GITHUB upstream/hello} or {@code message <id>}
   */
  public String trigger() {
    if (!tag.isEmpty()) {
      return (reportIssue > 0 ? "comment on #" + reportIssue + ": " : "") + "release " + tag + " of "
          + upstreamForge.toLowerCase(java.util.Locale.ROOT) + " " + upstreamRepo;
    }
    return "fedora-messaging message " + eventId;
  }

  /**
   * The job as the history records it when queued.
   *
   * @return a queued record carrying this job's JSON as its request
   */
  public dev.packit.bot.history.JobRecord record() {
    return dev.packit.bot.history.JobRecord.queued(id, type, packageName, branches, trigger(),
        java.time.Instant.ofEpochMilli(enqueuedAtMillis)).withRequest(new String(toJson(), StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Job[" + id + " " + type + " " + packageName + " " + branches + "]";
  }
}
