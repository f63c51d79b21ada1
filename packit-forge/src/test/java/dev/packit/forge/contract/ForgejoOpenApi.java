package dev.packit.forge.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.packit.core.testing.Fixtures;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Forgejo's own API description ({@code ../shared/fixtures/forgejo/openapi/forgejo-v1.swagger.json},
 * Swagger 2.0, Forgejo v15.0.3) as a validator of what the client sends and of what the recordings
 * answered, through Atlassian's swagger-request-validator.
 */
final class ForgejoOpenApi {
  private static final String API = "/api/v1";
  private static volatile OpenApiInteractionValidator validator;

  private ForgejoOpenApi() {}

  private static OpenApiInteractionValidator validator() {
    OpenApiInteractionValidator v = validator;
    if (v == null) {
      synchronized (ForgejoOpenApi.class) {
        if (validator == null) {
          String spec = Fixtures.dir("forgejo").resolve("openapi/forgejo-v1.swagger.json").toUri().toString();
          validator = OpenApiInteractionValidator.createForSpecificationUrl(spec).withBasePathOverride(API).build();
        }
        v = validator;
      }
    }
    return v;
  }

  private static final java.util.regex.Pattern FILE_PATH =
      java.util.regex.Pattern.compile("^(/api/v1/repos/[^/]+/[^/]+/(?:raw|contents|media)/)(.+)$");

  /**
   * Swagger 2.0 cannot say that a path parameter spans several segments: Forgejo describes
   * {@code /repos/{owner}/{repo}/raw/{filepath}} while its router takes {@code raw/*}, so a file in
   * a directory ({@code raw/docs/a.md}) is folded into one segment before validation.
   */
  static String oneSegmentFilePath(String path) {
    java.util.regex.Matcher m = FILE_PATH.matcher(path);
    return m.matches() ? m.group(1) + m.group(2).replace("/", "%2F") : path;
  }

  /** Whether a path is under the API (the web routes, such as {@code .patch}, are not described). */
  static boolean describes(String path) {
    return path.startsWith(API + "/");
  }

  /**
   * Validates a request the client sent.
   *
   * @param r the request as WireMock logged it
   * @return the problems, one line each; empty when the request matches the description
   */
  static List<String> request(LoggedRequest r) {
    URI u = URI.create(r.getUrl());
    SimpleRequest.Builder b = new SimpleRequest.Builder(r.getMethod().getName(), oneSegmentFilePath(u.getRawPath()));
    for (String name : r.getAllHeaderKeys()) {
      b.withHeader(name, r.getHeaders().getHeader(name).values());
    }
    if (u.getRawQuery() != null) {
      for (String kv : u.getRawQuery().split("&")) {
        int eq = kv.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
        b.withQueryParam(k, v);
      }
    }
    if (r.getBody() != null && r.getBody().length > 0) {
      b.withBody(r.getBodyAsString());
    }
    return lines(validator().validateRequest(b.build()));
  }

  /**
   * Validates a recorded response against the operation it answered.
   *
   * @param rec the recording
   * @return the problems; empty when the response matches the description
   */
  static List<String> response(Recording rec) {
    SimpleResponse.Builder b = SimpleResponse.Builder.status(rec.status());
    rec.headers().forEach(b::withHeader);
    b.withBody(rec.text());
    Request.Method m = Request.Method.valueOf(rec.method().toUpperCase(Locale.ROOT));
    return lines(validator().validateResponse(rec.path(), m, b.build()));
  }

  private static List<String> lines(ValidationReport report) {
    List<String> out = new ArrayList<>();
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() == ValidationReport.Level.ERROR) {
        out.add(m.getKey() + ": " + m.getMessage().replaceAll("\\s+", " ")
            + (m.getContext().flatMap(c -> c.getPointers()).map(p -> " @" + p.getInstance()).orElse("")));
      }
    }
    return out;
  }

  /** Joins problems for an assertion message. */
  static String show(List<String> problems) {
    return problems.stream().collect(Collectors.joining("\n  ", "\n  ", ""));
  }
}
