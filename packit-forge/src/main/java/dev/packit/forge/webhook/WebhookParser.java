package dev.packit.forge.webhook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.core.InputLocation;
import dev.packit.core.InvalidInputException;
import dev.packit.forge.ForgeKind;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Parses webhook deliveries into typed {@link WebhookEvent}s. Verify the delivery first with a
 * {@link WebhookVerifier}; the parser trusts its input only as far as JSON goes.
 *
 * <pre>{@code
 * WebhookEvent event = WebhookParser.create().parse(delivery);
 * // or, without headers (payload read from a file):
 * WebhookEvent e2 = WebhookParser.create().parse(ForgeKind.GITHUB, "release", bytes, "release.json");
 * }</pre>
 *
 * <p>GitHub events are told apart by {@code X-GitHub-Event} ({@code release}, {@code push},
 * {@code pull_request}, {@code issue_comment}); GitLab events by the body's {@code object_kind}
 * ({@code release}, {@code push}, {@code tag_push}, {@code merge_request}, {@code note}); Forgejo
 * and Gitea events by {@code X-Forgejo-Event} or {@code X-Gitea-Event} (the coarse event:
 * {@code release}, {@code push}, {@code pull_request}, {@code issue_comment}), looked at before
 * {@code X-GitHub-Event}, which Forgejo sends as well. Forgejo's pull request action
 * {@code synchronized} is reported as GitHub's {@code synchronize}. Anything else becomes an {@link OtherEvent}. Malformed payloads raise
 * {@link InvalidInputException} naming the line and column or the missing field. Thread-safe.
 */
public final class WebhookParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final WebhookParser INSTANCE = new WebhookParser();

  private WebhookParser() {}

  /** Returns the parser. */
  public static WebhookParser create() {
    return INSTANCE;
  }

  /**
   * Parses a delivery, telling the forge and event by the headers.
   *
   * @param delivery the delivery (verified)
   * @return the event
   * @throws InvalidInputException when no event header is present or the body is malformed
   */
  public WebhookEvent parse(WebhookDelivery delivery) {
    Objects.requireNonNull(delivery, "delivery == null");
    String id = delivery.deliveryId().map(d -> "webhook " + d).orElse("webhook");
    // Forgejo (and Gitea) also send X-GitHub-Event for GitHub-minded receivers: ask for them first
    Optional<String> forgejo = delivery.header("X-Forgejo-Event").or(() -> delivery.header("X-Gitea-Event"));
    if (forgejo.isPresent()) {
      return parse(ForgeKind.FORGEJO, forgejo.get(), delivery.rawBody(), id);
    }
    if (delivery.header("X-GitHub-Event").isPresent()) {
      return parse(ForgeKind.GITHUB, delivery.header("X-GitHub-Event").get(), delivery.rawBody(), id);
    }
    if (delivery.header("X-Gitlab-Event").isPresent()) {
      return parse(ForgeKind.GITLAB, delivery.header("X-Gitlab-Event").get(), delivery.rawBody(), id);
    }
    throw new InvalidInputException(InputLocation.of(id).field("X-GitHub-Event"),
        "none of X-GitHub-Event, X-Gitlab-Event, X-Forgejo-Event or X-Gitea-Event is present");
  }

  /**
   * Parses a payload whose forge and event name are known.
   *
   * @param forge GitHub, GitLab or Forgejo
   * @param eventType {@code X-GitHub-Event}, {@code X-Gitlab-Event} or {@code X-Forgejo-Event}
   * @param body the JSON body
   * @param source a name for error messages, e.g. the file name or delivery id
   * @return the event
   * @throws InvalidInputException when the body is malformed
   */
  public WebhookEvent parse(ForgeKind forge, String eventType, byte[] body, String source) {
    Objects.requireNonNull(forge, "forge == null");
    Objects.requireNonNull(eventType, "eventType == null");
    Objects.requireNonNull(body, "body == null");
    Objects.requireNonNull(source, "source == null");
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      InputLocation at = loc == null ? InputLocation.of(source)
          : InputLocation.of(source).at(Math.max(0, loc.getLineNr()), Math.max(0, loc.getColumnNr()));
      throw new InvalidInputException(at, "not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidInputException(InputLocation.of(source), "cannot read the body: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(InputLocation.of(source), "a webhook payload must be a JSON object");
    }
    Payload p = new Payload(root, source);
    if (forge == ForgeKind.GITHUB) {
      return gitHub(eventType, p);
    } else if (forge == ForgeKind.GITLAB) {
      return gitLab(eventType, p);
    } else if (forge == ForgeKind.FORGEJO) {
      return forgejo(eventType, p);
    }
    // a third-party forge's provider may parse its own payloads
    return forge.provider().flatMap(fp -> fp.parseWebhook(eventType, body, source)).orElseThrow(() ->
        new IllegalArgumentException("webhooks are parsed for GitHub, GitLab, Forgejo and forges whose provider parses them, not " + forge));
  }

  private static WebhookEvent gitHub(String eventType, Payload p) {
    String event = eventType.trim().toLowerCase(Locale.ROOT);
    String action = p.optText("action");
    switch (event) {
      case "release":
        return new ReleaseEvent(ForgeKind.GITHUB, event, p.text("action"), gitHubRepo(p),
            p.text("release.tag_name"), p.optText("release.name"), p.optText("release.body"),
            p.bool("release.prerelease"), p.optBool("release.draft"), p.text("release.author.login"), "",
            p.uri("release.html_url"));
      case "push":
        return new PushEvent(ForgeKind.GITHUB, event, gitHubRepo(p), p.text("ref"), p.text("before"), p.text("after"),
            p.has("pusher.name") ? p.text("pusher.name") : p.text("sender.login"),
            p.optBool("created"), p.optBool("deleted"), p.optBool("forced"), p.ids("commits", "id"));
      case "pull_request":
        return new PullRequestEvent(ForgeKind.GITHUB, event, p.text("action"), gitHubRepo(p), p.number("number"),
            p.text("pull_request.title"), p.optText("pull_request.body"), p.text("pull_request.user.login"),
            p.has("pull_request.head.repo.full_name") ? p.text("pull_request.head.repo.full_name") : "",
            p.text("pull_request.head.ref"), p.text("pull_request.base.ref"), p.text("pull_request.head.sha"),
            p.uri("pull_request.html_url"));
      case "issue_comment":
        return new CommentEvent(ForgeKind.GITHUB, event, p.text("action"), gitHubRepo(p), p.number("issue.number"),
            p.has("issue.pull_request"), p.number("comment.id"), p.optText("comment.body"),
            p.text("comment.user.login"), p.optText("comment.author_association"), p.uri("comment.html_url"));
      default:
        return new OtherEvent(ForgeKind.GITHUB, event, action);
    }
  }

  private static WebhookRepository gitHubRepo(Payload p) {
    String fullName = p.text("repository.full_name");
    int slash = fullName.lastIndexOf('/');
    String namespace = slash < 0 ? p.text("repository.owner.login") : fullName.substring(0, slash);
    return new WebhookRepository(namespace, p.text("repository.name"), p.uri("repository.html_url"),
        p.uri("repository.clone_url"));
  }

  private static WebhookEvent gitLab(String eventType, Payload p) {
    String kind = p.optText("object_kind");
    switch (kind) {
      case "release":
        return new ReleaseEvent(ForgeKind.GITLAB, eventType, p.text("action"), gitLabRepo(p), p.text("tag"),
            p.optText("name"), p.optText("description"), false, false,
            p.has("commit.author.name") ? p.text("commit.author.name") : "", p.optText("commit.id"), p.uri("url"));
      case "push":
      case "tag_push": {
        String before = p.text("before");
        String after = p.text("after");
        return new PushEvent(ForgeKind.GITLAB, eventType, gitLabRepo(p), p.text("ref"), before, after,
            p.has("user_username") ? p.text("user_username") : p.optText("user_name"),
            PushEvent.ZERO_ID.equals(before), PushEvent.ZERO_ID.equals(after), false, p.ids("commits", "id"));
      }
      case "merge_request": {
        String action = p.has("object_attributes.action") ? p.text("object_attributes.action")
            : p.optText("object_attributes.state");
        String source = p.has("object_attributes.source.path_with_namespace")
            ? p.text("object_attributes.source.path_with_namespace") : "";
        return new PullRequestEvent(ForgeKind.GITLAB, eventType, action, gitLabRepo(p),
            p.number("object_attributes.iid"), p.text("object_attributes.title"),
            p.optText("object_attributes.description"), p.text("user.username"), source,
            p.text("object_attributes.source_branch"), p.text("object_attributes.target_branch"),
            p.text("object_attributes.last_commit.id"), p.uri("object_attributes.url"));
      }
      case "note": {
        String noteable = p.text("object_attributes.noteable_type");
        boolean mr = "MergeRequest".equals(noteable);
        String numberPath = mr ? "merge_request.iid" : "issue.iid";
        String action = p.has("object_attributes.action") ? p.text("object_attributes.action") : "create";
        return new CommentEvent(ForgeKind.GITLAB, eventType, action, gitLabRepo(p),
            p.has(numberPath) ? p.number(numberPath) : 0, mr, p.number("object_attributes.id"),
            p.optText("object_attributes.note"), p.text("user.username"), "", p.uri("object_attributes.url"));
      }
      default:
        return new OtherEvent(ForgeKind.GITLAB, eventType, p.optText("action"));
    }
  }

  private static WebhookEvent forgejo(String eventType, Payload p) {
    String event = eventType.trim().toLowerCase(Locale.ROOT);
    String action = p.optText("action");
    switch (event) {
      case "release":
        return new ReleaseEvent(ForgeKind.FORGEJO, event, p.text("action"), gitHubRepo(p),
            p.text("release.tag_name"), p.optText("release.name"), p.optText("release.body"),
            p.optBool("release.prerelease"), p.optBool("release.draft"),
            p.has("release.author.login") ? p.text("release.author.login") : p.text("sender.login"),
            p.optText("release.target_commitish"), p.uri("release.html_url"));
      case "push": {
        String before = p.text("before");
        String after = p.text("after");
        // Forgejo's push payload has no created/deleted flags: a zero id on either side says it
        return new PushEvent(ForgeKind.FORGEJO, event, gitHubRepo(p), p.text("ref"), before, after,
            p.has("pusher.login") ? p.text("pusher.login") : p.text("sender.login"),
            PushEvent.ZERO_ID.equals(before), PushEvent.ZERO_ID.equals(after), false, p.ids("commits", "id"));
      }
      case "pull_request":
        return new PullRequestEvent(ForgeKind.FORGEJO, event,
            "synchronized".equals(p.text("action")) ? "synchronize" : p.text("action"), gitHubRepo(p),
            p.number("number"), p.text("pull_request.title"), p.optText("pull_request.body"),
            p.text("pull_request.user.login"),
            p.has("pull_request.head.repo.full_name") ? p.text("pull_request.head.repo.full_name") : "",
            p.text("pull_request.head.ref"), p.text("pull_request.base.ref"), p.text("pull_request.head.sha"),
            p.uri("pull_request.html_url"));
      case "issue_comment":
        // a pull request's comments come as issue_comment with is_pull (event type pull_request_comment)
        return new CommentEvent(ForgeKind.FORGEJO, event, p.text("action"), gitHubRepo(p), p.number("issue.number"),
            p.has("is_pull") ? p.bool("is_pull") : p.isObject("issue.pull_request"), p.number("comment.id"),
            p.optText("comment.body"),
            p.text("comment.user.login"), "", p.uri("comment.html_url"));
      default:
        return new OtherEvent(ForgeKind.FORGEJO, event, action);
    }
  }

  private static WebhookRepository gitLabRepo(Payload p) {
    String path = p.text("project.path_with_namespace");
    int slash = path.lastIndexOf('/');
    String namespace = slash < 0 ? "" : path.substring(0, slash);
    String name = slash < 0 ? path : path.substring(slash + 1);
    return new WebhookRepository(namespace, name, p.uri("project.web_url"), p.uri("project.git_http_url"));
  }

  /** Field access with errors that name the source and the dotted field path. */
  private static final class Payload {
    private final JsonNode root;
    private final String source;

    Payload(JsonNode root, String source) {
      this.root = root;
      this.source = source;
    }

    private JsonNode node(String path) {
      JsonNode n = root;
      for (String part : path.split("\\.")) {
        n = n == null ? null : n.get(part);
      }
      return n == null || n.isNull() ? null : n;
    }

    boolean has(String path) {
      return node(path) != null;
    }

    /** Whether the field is an object (Forgejo sends {@code "pull_request": ""} on plain issues). */
    boolean isObject(String path) {
      JsonNode n = node(path);
      return n != null && n.isObject();
    }

    private InvalidInputException error(String path, String problem) {
      return new InvalidInputException(InputLocation.of(source).field(path), problem);
    }

    String text(String path) {
      JsonNode n = node(path);
      if (n == null) {
        throw error(path, "required field is missing");
      }
      if (!n.isValueNode()) {
        throw error(path, "must be a string, not " + n.getNodeType().name().toLowerCase(Locale.ROOT));
      }
      return n.asText();
    }

    String optText(String path) {
      return has(path) ? text(path) : "";
    }

    long number(String path) {
      JsonNode n = node(path);
      if (n == null) {
        throw error(path, "required field is missing");
      }
      if (!n.canConvertToLong()) {
        throw error(path, "must be an integer, not '" + n.asText() + "'");
      }
      return n.asLong();
    }

    boolean bool(String path) {
      JsonNode n = node(path);
      if (n == null) {
        throw error(path, "required field is missing");
      }
      if (!n.isBoolean()) {
        throw error(path, "must be true or false, not '" + n.asText() + "'");
      }
      return n.booleanValue();
    }

    boolean optBool(String path) {
      return has(path) && bool(path);
    }

    URI uri(String path) {
      String s = text(path);
      try {
        return new URI(s);
      } catch (URISyntaxException e) {
        throw error(path, "not a valid URL: " + e.getReason());
      }
    }

    List<String> ids(String arrayPath, String field) {
      JsonNode arr = node(arrayPath);
      List<String> out = new ArrayList<>();
      if (arr == null) {
        return out;
      }
      if (!arr.isArray()) {
        throw error(arrayPath, "must be an array");
      }
      for (int i = 0; i < arr.size(); i++) {
        // Some recorded deliveries list commits as bare ids instead of objects.
        JsonNode item = arr.get(i);
        JsonNode id = item.isTextual() ? item : item.get(field);
        if (id == null || !id.isTextual()) {
          throw error(arrayPath + "[" + i + "]." + field, "required field is missing");
        }
        out.add(id.asText());
      }
      return out;
    }
  }
}
