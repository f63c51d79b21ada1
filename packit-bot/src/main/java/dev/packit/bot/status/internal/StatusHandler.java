package dev.packit.bot.status.internal;

import dev.packit.bot.history.JobHistory;
import dev.packit.bot.status.StatusPage;
import dev.packit.core.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page's Jetty handler (see {@link StatusPage}). Reading the history may block (a
 * database), so this is a blocking handler; each request reads at most a bounded number of rows.
 */
public final class StatusHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(StatusHandler.class);

  /** Where the stylesheet is served. */
  static final String CSS_PATH = "/static/status.css";
  private static final Set<String> PARAMS = Set.of("package", "kind", "state", "branch", "id", "name");
  private static final int MAX_PARAM_CHARS = 200;

  private final Pages pages;
  private final byte[] css;

  /**
   * The handler; use {@link StatusPage#handler}.
   *
   * @param history the history
   * @param clock the clock
   * @param options the options
   */
  public StatusHandler(JobHistory history, Clock clock, StatusPage.Options options) {
    this.pages = new Pages(history, clock, options);
    this.css = resource("status.css");
  }

  private static byte[] resource(String name) {
    try (InputStream in = StatusHandler.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the status page's " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the status page's " + name, e);
    }
  }

  /**
   * Whether a path is one of the status page's.
   *
   * @param path the decoded path
   * @return true for {@code /}, {@code /jobs...}, {@code /packages...} and the stylesheet
   */
  static boolean ours(String path) {
    return path.equals("/") || path.equals("/jobs") || path.startsWith("/jobs/") || path.equals("/packages")
        || path.startsWith("/packages/") || path.equals(CSS_PATH);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    if (path == null || !ours(path)) {
      return false;
    }
    String method = request.getMethod();
    boolean head = method.equals("HEAD");
    if (!head && !method.equals("GET")) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      send(response, callback, 405, "text/plain; charset=utf-8",
          "the status page is read-only: GET and HEAD only\n".getBytes(StandardCharsets.UTF_8), false);
      return true;
    }
    if (path.equals(CSS_PATH)) {
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "max-age=3600");
      send(response, callback, 200, "text/css; charset=utf-8", css, head);
      return true;
    }
    Pages.Page page;
    try {
      page = route(path, params(request));
    } catch (BadRequest e) {
      page = pages.error(400, "Bad request", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("status page {} failed: {}", path, Redaction.text(e.toString()));
      page = pages.error(500, "The history could not be read", "The bot's log has the cause ("
          + e.getClass().getSimpleName() + ").");
    }
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    send(response, callback, page.status(), "text/html; charset=utf-8", page.html().getBytes(StandardCharsets.UTF_8),
        head);
    return true;
  }

  private Pages.Page route(String path, Map<String, String> params) {
    if (path.equals("/")) {
      return pages.overview();
    }
    if (path.equals("/jobs") || path.equals("/jobs/")) {
      String id = params.getOrDefault("id", "");
      return id.isEmpty() ? pages.jobs(without(params, "id")) : pages.job(id);
    }
    if (path.startsWith("/jobs/")) {
      String id = path.substring("/jobs/".length());
      return id.contains("/") ? notFound(path) : pages.job(id);
    }
    if (path.equals("/packages") || path.equals("/packages/")) {
      String name = params.getOrDefault("name", "");
      return name.isEmpty() ? pages.packages() : pages.packagePage(name);
    }
    String name = path.substring("/packages/".length());
    return name.contains("/") ? notFound(path) : pages.packagePage(name);
  }

  private Pages.Page notFound(String path) {
    return pages.error(404, "Not found", "The status page has no page " + path + ".");
  }

  private static Map<String, String> without(Map<String, String> m, String key) {
    Map<String, String> out = new LinkedHashMap<>(m);
    out.remove(key);
    return out;
  }

  /** The known query parameters, non-empty ones only; unknown ones are ignored. */
  private static Map<String, String> params(Request request) {
    Fields fields;
    try {
      fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      throw new BadRequest("The query string cannot be read: " + e.getMessage());
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : PARAMS) {
      String v = fields.getValue(name);
      if (v == null || v.isBlank()) {
        continue;
      }
      if (v.length() > MAX_PARAM_CHARS) {
        throw new BadRequest("The parameter " + name + " is longer than " + MAX_PARAM_CHARS + " characters.");
      }
      out.put(name, v.strip());
    }
    return out;
  }

  private static void send(Response response, Callback callback, int status, String type, byte[] body, boolean head) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put("Content-Security-Policy", StatusPage.CONTENT_SECURITY_POLICY);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("Referrer-Policy", "no-referrer");
    response.getHeaders().put("X-Frame-Options", "DENY");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
  }

  /** A request the page cannot answer; its message is shown (escaped). */
  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }
}
