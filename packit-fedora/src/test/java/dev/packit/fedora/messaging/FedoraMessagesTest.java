package dev.packit.fedora.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FedoraMessagesTest {
  @Test
  void malformedJsonNamesSourceLineAndColumn() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> FedoraMessages.parse("{\n  \"topic\": \"x\",\n  \"body\": {,}\n}", "broken.json"));
    assertEquals("broken.json", e.location().source());
    assertEquals(3, e.location().line());
    assertTrue(e.location().column() > 0, e.getMessage());
    assertTrue(e.getMessage().startsWith("broken.json:3:"), e.getMessage());
  }

  @Test
  void everyShapeGivesADeeplyUnmodifiableBody() {
    String[] shapes = {
        "{\"topic\": \"org.fedoraproject.prod.x\", \"headers\": {\"h\": [1]}, \"body\": {\"a\": {\"b\": [1, {\"c\": 2}]}}}",
        "{\"topic\": \"org.fedoraproject.prod.x\", \"msg_id\": \"2026-1\", \"msg\": {\"a\": {\"b\": [1, {\"c\": 2}]}}}",
        "{\"topic\": \"org.fedoraproject.prod.x\", \"a\": {\"b\": [1, {\"c\": 2}]}}"};
    for (String json : shapes) {
      MessageEnvelope e = FedoraMessages.envelope(json, "shape");
      @SuppressWarnings("unchecked")
      java.util.Map<String, Object> a = (java.util.Map<String, Object>) e.body().get("a");
      @SuppressWarnings("unchecked")
      java.util.List<Object> b = (java.util.List<Object>) a.get("b");
      @SuppressWarnings("unchecked")
      java.util.Map<String, Object> c = (java.util.Map<String, Object>) b.get(1);
      assertThrows(UnsupportedOperationException.class, () -> e.body().put("x", 1), json);
      assertThrows(UnsupportedOperationException.class, () -> a.put("x", 1), json);
      assertThrows(UnsupportedOperationException.class, () -> b.add(3), json);
      assertThrows(UnsupportedOperationException.class, () -> c.put("x", 1), json);
      assertThrows(UnsupportedOperationException.class, () -> e.headers().put("x", 1), json);
    }
  }

  @Test
  void nonObjectIsRejected() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> FedoraMessages.parse("[1,2]", "a.json"));
    assertTrue(e.getMessage().contains("JSON object"), e.getMessage());
  }

  @Test
  void missingRequiredFieldNamesTheField() {
    String json = "{\"topic\":\"org.fedoraproject.prod.buildsys.tag\",\"body\":{\"tag\":\"f42\",\"tag_id\":1,"
        + "\"name\":\"x\",\"version\":\"1\",\"release\":\"1\"}}";
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> FedoraMessages.parse(json, "tag.json"));
    assertEquals("build_id", e.location().field());
    assertTrue(e.getMessage().startsWith("tag.json: build_id:"), e.getMessage());
  }

  @Test
  void wrongTypeNamesNestedField() {
    String json = "{\"topic\":\"org.fedoraproject.prod.pagure.git.receive\",\"body\":{\"branch\":\"f42\","
        + "\"end_commit\":\"abc\",\"repo\":{\"name\":7}}}";
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> FedoraMessages.parse(json, "p.json"));
    assertEquals("repo.name", e.location().field());
  }

  @Test
  void unknownBuildStateIsAnError() {
    String json = "{\"topic\":\"org.fedoraproject.prod.buildsys.build.state.change\",\"body\":{\"build_id\":1,"
        + "\"name\":\"a\",\"version\":\"1\",\"release\":\"1\",\"new\":9,\"old\":null}}";
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> FedoraMessages.parse(json, "b.json"));
    assertEquals("new", e.location().field());
  }

  @Test
  void unmodelledTopicIsUnknownNotAnError() {
    FedoraMessage m = FedoraMessages.parse("{\"topic\":\"org.fedoraproject.prod.copr.build.end\",\"body\":{\"x\":1}}", "c");
    UnknownMessage u = assertInstanceOf(UnknownMessage.class, m);
    assertEquals("copr.build.end", u.envelope().subject());
    assertEquals(1L, u.envelope().body().get("x"));
  }

  @Test
  void stagingAndPagureIoPrefixesAreStripped() {
    FedoraMessage m = FedoraMessages.parse("{\"topic\":\"io.pagure.stg.pagure.git.receive\",\"body\":{\"branch\":\"main\","
        + "\"end_commit\":\"abc\",\"repo\":{\"name\":\"ogr\",\"namespace\":null}}}", "p");
    DistGitPush p = assertInstanceOf(DistGitPush.class, m);
    assertEquals("ogr", p.fullName());
  }

  @Test
  void deliveryIsDecodedWithContentEncoding() {
    byte[] body = "{\"tag\":\"f42-updates-candidate\",\"tag_id\":5,\"build_id\":9,\"name\":\"caf\u00e9\",\"version\":\"1\",\"release\":\"1\"}"
        .getBytes(StandardCharsets.ISO_8859_1);
    FedoraMessage m = FedoraMessages.fromDelivery("org.fedoraproject.prod.buildsys.tag", "id-1",
        Map.of("fedora_messaging_schema", "koji_fedoramessaging.tag.TagV1"), body, "iso-8859-1");
    KojiTag t = assertInstanceOf(KojiTag.class, m);
    assertEquals("caf\u00e9", t.name());
    assertEquals("id-1", t.messageId());
  }

  @Test
  void toStringRedactsSecretHeaders() {
    MessageEnvelope e = new MessageEnvelope("1", "t", Map.of("authorization", "Basic c2VjcmV0", "x-hub-signature", "abc123"), Map.of());
    assertTrue(!e.toString().contains("c2VjcmV0") && !e.toString().contains("abc123"), e.toString());
  }
}
