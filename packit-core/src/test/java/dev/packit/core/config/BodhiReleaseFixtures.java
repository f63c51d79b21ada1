package dev.packit.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.packit.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads Bodhi {@code /releases/} pages from the shared fixtures with plain Jackson. */
final class BodhiReleaseFixtures {
  private BodhiReleaseFixtures() {}

  static List<FedoraRelease> read(String... files) {
    ObjectMapper json = new ObjectMapper();
    List<FedoraRelease> out = new ArrayList<>();
    for (String f : files) {
      try {
        JsonNode root = json.readTree(Fixtures.file("bodhi/" + f).toFile());
        for (JsonNode r : root.get("releases")) {
          out.add(new FedoraRelease(r.get("name").asText(), r.get("long_name").asText(), r.get("version").asText(),
              r.get("id_prefix").asText(), r.get("state").asText(), r.get("branch").asText(),
              r.path("dist_tag").asText(""), r.path("candidate_tag").asText("")));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
