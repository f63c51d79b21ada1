package dev.packit.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * Jetty handlers mounted on the bot's server (the status page at {@code /}): they get the paths the
 * bot does not serve, the longest prefix first, and never the webhooks, health or metrics.
 */
@org.junit.jupiter.api.Tag("integration")
class BotMountTest {
  private final HttpClient http = HttpClient.newHttpClient();

  /** Answers "name path". */
  private static Handler echo(String name) {
    return new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap((name + " " + request.getHttpURI().getPath()).getBytes(StandardCharsets.UTF_8)),
            callback);
        return true;
      }
    };
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void mountedHandlersServeWhatTheBotDoesNot() throws Exception {
    try (PackitBot bot = PackitBot.builder().instance("mounts").httpPort(0).shutdownHook(false)
        .mount("/", echo("status")).mount("/api/", echo("api")).build().start()) {
      URI base = bot.httpUri();
      assertEquals("status /", get(base).body());
      assertEquals("status /packages/hello", get(base.resolve("packages/hello")).body());
      assertEquals("api /api/jobs", get(base.resolve("api/jobs")).body(), "the longest prefix wins");
      assertEquals("api /api", get(base.resolve("api")).body());
      assertTrue(get(base.resolve("healthz")).body().startsWith("ok bot=mounts"), "the bot's own paths stay the bot's");
      assertTrue(get(base.resolve("metrics")).body().contains("packit_bot_jobs_in_flight"));
      HttpResponse<String> hook = get(base.resolve("webhooks/github"));
      assertEquals(405, hook.statusCode(), "the bot's answer, not the mounted handler's");
      assertEquals("POST only", hook.body().trim());
    }
  }
}
