package dev.packit.fedora.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The JSON form queues carry: every kind round-trips; bad JSON names the field. */
class JobRequestJsonTest {
  static final ConfigText CONFIG = ConfigText.of("downstream_package_name: hello\njobs:\n  - job: koji_build\n    trigger: commit\n",
      "rpms/hello@rawhide/.packit.yaml", "hello");

  /** One request of every kind, with every field set to something a writer could get wrong. */
  static List<JobRequest> everyKind() {
    return List.of(
        new JobRequest.ProposeDownstream("hello", List.of("rawhide", "f43"), ConfigText.of("# \u00fcnicode and \"quotes\"\ndownstream_package_name: hello\n", "upstream/hello@v1.1/.packit.yaml", ""),
            "github", "upstream/hello", "v1.1.0", "0123abc", "Notes with \"quotes\",\nnew lines and \u00fcnicode", 7),
        new JobRequest.PullFromUpstream("hello", List.of("rawhide"), CONFIG, "1.1.0", List.of("rhbz#2106196"), 40221),
        new JobRequest.KojiBuildOnPush("hello", List.of("rawhide"), CONFIG, "rpms/hello", "main", "aaa", "bbb", "jane", 12,
            "", Map.of("hello.spec", "M", "sources", "A"), "msg-1"),
        new JobRequest.KojiBuildOnRequest("hello", List.of("f43", "f42"), CONFIG, true, "jane"),
        new JobRequest.SideTagBuild("hello-plugins", List.of("f43"), CONFIG, "f43-build-side-1-hello-stack", "hello-stack",
            "hello-1.1.0-1.fc43"),
        new JobRequest.SideTagUpdate("hello", List.of("f43"), CONFIG, "f43-build-side-1-hello-stack", "hello-stack",
            "hello-1.1.0-1.fc43"),
        new JobRequest.BodhiUpdateOnBuild("hello", List.of("f43"), CONFIG, 1234567, 99, "hello", "1.1.0", "1.fc43", "", "packit",
            "COMPLETE", "git+https://src.fedoraproject.org/rpms/hello.git#bbb", "f43-candidate", false, "primary", "msg-2"),
        new JobRequest.BodhiUpdateOnRequest("hello", List.of("f43"), CONFIG, List.of("hello-1.1.0-1.fc43"), "bugfix",
            "Fixes the greeting.", "jane"));
  }

  @Test
  void everyKindRoundTrips() {
    List<JobRequest> all = everyKind();
    // the list covers every permitted record
    assertEquals(Set.of(JobRequest.class.getPermittedSubclasses()), all.stream().map(Object::getClass).collect(Collectors.toSet()));
    for (JobRequest request : all) {
      String json = request.toJson();
      JobRequest back = JobRequest.fromJson(json);
      assertEquals(request, back, json);
      assertEquals(json, back.toJson(), "the form is stable: writing it again gives the same text");
      assertTrue(json.startsWith("{\"version\":1,\"kind\":\"" + request.kind() + "\",\"on\":\"" + request.on() + "\""), json);
      assertEquals(request.config().load(), back.config().load());
    }
  }

  @Test
  void kindIsTheJobNameAndOnNamesTheVariant() {
    assertEquals(List.of("propose_downstream/release", "pull_from_upstream/new_version", "koji_build/push",
        "koji_build/request", "koji_build/side_tag", "bodhi_update/side_tag", "bodhi_update/build", "bodhi_update/request"),
        everyKind().stream().map(r -> r.kind() + "/" + r.on()).toList());
  }

  @Test
  void malformedJsonNamesTheLineAndColumn() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> JobRequest.fromJson("{\n  \"kind\": ,\n}"));
    assertTrue(e.getMessage().startsWith("job request:2:"), e.getMessage());
    assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    assertEquals("job request: no JSON (empty text)",
        assertThrows(InvalidInputException.class, () -> JobRequest.fromJson(" ")).getMessage());
    assertEquals("job request: a job request is a JSON object",
        assertThrows(InvalidInputException.class, () -> JobRequest.fromJson("[1]")).getMessage());
  }

  @Test
  void unknownKindMissingAndMistypedFieldsAreNamed() {
    String json = everyKind().get(2).toJson();
    InvalidInputException kind = assertThrows(InvalidInputException.class,
        () -> JobRequest.fromJson(json.replace("\"on\":\"push\"", "\"on\":\"carrier-pigeon\"")));
    assertEquals("kind", kind.location().field());
    assertTrue(kind.problem().startsWith("unknown job request kind 'koji_build' on 'carrier-pigeon'"), kind.problem());

    InvalidInputException missing = assertThrows(InvalidInputException.class,
        () -> JobRequest.fromJson(json.replace("\"end_commit\":\"bbb\",", "")));
    assertEquals("job request: end_commit: missing", missing.getMessage());

    InvalidInputException typed = assertThrows(InvalidInputException.class,
        () -> JobRequest.fromJson(json.replace("\"pull_request_id\":12", "\"pull_request_id\":\"12\"")));
    assertEquals("job request: pull_request_id: must be an integer", typed.getMessage());

    InvalidInputException branches = assertThrows(InvalidInputException.class,
        () -> JobRequest.fromJson(json.replace("\"branches\":[\"rawhide\"]", "\"branches\":[]")));
    assertEquals("job request: branches: no dist-git branch", branches.getMessage());

    InvalidInputException blank = assertThrows(InvalidInputException.class,
        () -> JobRequest.fromJson(everyKind().get(0).toJson().replace("\"tag\":\"v1.1.0\"", "\"tag\":\" \"")));
    assertEquals("job request: tag: must not be blank", blank.getMessage());

    InvalidInputException config = assertThrows(InvalidInputException.class,
        () -> JobRequest.fromJson(json.replace("\"source\":", "\"src\":")));
    assertEquals("job request: config.source: missing", config.getMessage());

    InvalidInputException version = assertThrows(InvalidInputException.class,
        () -> JobRequest.fromJson(json.replace("\"version\":1,", "\"version\":2,")));
    assertEquals("version", version.location().field());

    InvalidInputException files = assertThrows(InvalidInputException.class,
        () -> JobRequest.fromJson(json.replace("\"hello.spec\":\"M\"", "\"hello.spec\":1")));
    assertEquals("job request: changed_files.hello.spec: must be a string", files.getMessage());
  }

  @Test
  void unknownFieldsAreIgnoredForNewerWriters() {
    String json = everyKind().get(3).toJson();
    assertEquals(everyKind().get(3), JobRequest.fromJson(json.replace("{\"version\":1,", "{\"version\":1,\"priority\":\"high\",")));
  }

  @Test
  void deepOrHugeJsonIsRefusedNotParsed() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    assertThrows(InvalidInputException.class, () -> JobRequest.fromJson(deep));
    String huge = "{\"x\":\"" + "a".repeat(5 * 1024 * 1024) + "\"}";
    assertTrue(assertThrows(InvalidInputException.class, () -> JobRequest.fromJson(huge)).getMessage().contains("limit"));
  }
}
