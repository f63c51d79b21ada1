package dev.packit.fedora.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.packit.core.InvalidInputException;
import dev.packit.core.testing.Fuzz;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the fedora-messaging parser, both as a stored JSON message and as an AMQP delivery under every
 * topic the fixtures use: a typed message or {@link InvalidInputException}, nothing else.
 */
class FedoraMessagesFuzzTest {
  @Test
  void anyBodyTypesOrFailsWithInvalidInput() {
    List<byte[]> seeds = Fuzz.fixtureSeeds("messages", name -> name.endsWith(".json"));
    TreeSet<String> topics = new TreeSet<>(List.of("org.fedoraproject.prod.buildsys.build.state.change",
        "org.fedoraproject.prod.buildsys.task.state.change", "org.fedoraproject.prod.buildsys.tag",
        "org.fedoraproject.prod.git.receive", "org.fedoraproject.prod.pagure.pull-request.new",
        "org.release-monitoring.prod.anitya.project.version.update.v2", "org.fedoraproject.prod.hotness.update.bug.file"));
    List<byte[]> bodies = new ArrayList<>();
    for (byte[] s : seeds) {
      MessageEnvelope e = FedoraMessages.envelope(new String(s, UTF_8), "seed");
      if (!e.topic().isEmpty()) {
        topics.add(e.topic());
      }
      bodies.add(FedoraMessages.toJson(e.body()));
    }
    List<String> topicList = List.copyOf(topics);
    seeds = new ArrayList<>(seeds);
    seeds.addAll(bodies);
    Fuzz.target("messages")
        .seeds(seeds)
        .seed("{\"topic\": \"org.fedoraproject.prod.buildsys.build.state.change\", \"body\": {\"build_id\": 1,"
            + " \"name\": \"x\", \"version\": \"1\", \"release\": \"1.fc42\", \"new\": 1, \"old\": 0, \"owner\": \"a\"}}")
        .tokens("{", "}", "[", "]", "\"topic\"", "\"body\"", "\"msg\"", "\"headers\"", "\"msg_id\"", "\"id\"", "null",
            "[[[[[[[[[[[[[[[[", "{\"a\":{\"a\":{\"a\":", "1e999999", "-0", "\"\\ud800\"", "\"\\u0000\"", "12345678901234567890")
        .expect(InvalidInputException.class)
        .run(bytes -> {
          int pick = Math.floorMod(java.util.Arrays.hashCode(bytes), topicList.size() + 1);
          if (pick == topicList.size()) {
            FedoraMessages.parse(new String(bytes, UTF_8), "fuzz").toString();
          } else {
            FedoraMessages.fromDelivery(topicList.get(pick), "id-1", Map.of(), bytes, null).toString();
          }
        });
  }
}
