package dev.packit.bot.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.bot.history.JobRecord;
import dev.packit.core.InputLocation;
import dev.packit.core.InvalidInputException;
import dev.packit.fedora.jobs.JobRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The queue's envelope around one {@link JobRequest}: the request in its JSON form (which carries
 * the config text it was dispatched with, so a job runs with that config), plus what the queue
 * and the logs need without parsing it.
 *
 * <pre>{@code
 * Job job = Job.of("gh-delivery-1", request, "github release published", clock.millis());
 * byte[] wire = job.toJson();
 * Job back = Job.fromJson(wire, "amqp delivery 7");
 * JobRequest again = back.request();
 * }</pre>
 *
 * @param id unique per event, kind and package: redeliveries keep it
 * @param eventId the webhook delivery id or fedora-messaging message id
 * @param kind the job kind as in {@code .packit.yaml} ({@code propose_downstream}, {@code koji_build}, ...)
 * @param packageName the package: the unit of serialization (the queue's shard key)
 * @param branches the dist-git branches, aliases resolved
 * @param requestJson the {@link JobRequest} JSON
 * @param trigger what started it, one line for people
 * @param enqueuedAtMillis when the job was queued (epoch milliseconds), for the queue-wait metric
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Job(String id, String eventId, String kind, String packageName, List<String> branches, String requestJson,
    String trigger, long enqueuedAtMillis) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Validates the components. */
  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(requestJson, "requestJson");
    eventId = eventId == null ? "" : eventId;
    branches = branches == null ? List.of() : List.copyOf(branches);
    trigger = trigger == null ? "" : trigger;
  }

  /**
   * Wraps a dispatched request.
   *
   * @param eventId the delivery or message id
   * @param request the request
   * @param trigger what started it
   * @param enqueuedAtMillis now
   * @return the envelope
   */
  public static Job of(String eventId, JobRequest request, String trigger, long enqueuedAtMillis) {
    return new Job(eventId + "/" + request.kind() + "/" + request.packageName(), eventId, request.kind(),
        request.packageName(), request.branches(), request.toJson(), trigger, enqueuedAtMillis);
  }

  /**
   * The request back from its JSON.
   *
   * @return the request
   * @throws InvalidInputException when the JSON is not a request (names the field)
   */
  public JobRequest request() {
    return JobRequest.fromJson(requestJson);
  }

  /**
   * The job as the history records it when queued.
   *
   * @return a queued record carrying the request's JSON
   */
  public JobRecord record() {
    return JobRecord.queued(id, kind, packageName, branches, trigger, Instant.ofEpochMilli(enqueuedAtMillis))
        .withRequest(requestJson);
  }

  /** @return the envelope as UTF-8 JSON */
  public byte[] toJson() {
    try {
      return MAPPER.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write job " + id, e);
    }
  }

  /**
   * Reads an envelope.
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

  @Override
  public String toString() {
    return "Job[" + id + " " + kind + " " + packageName + " " + branches + "]";
  }
}
