package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.Secret;
import dev.packit.core.http.RetryPolicy;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.bodhi.BodhiException;
import dev.packit.fedora.bodhi.BodhiRelease;
import dev.packit.fedora.bodhi.BodhiUpdate;
import dev.packit.fedora.bodhi.SavedUpdates;
import dev.packit.fedora.bodhi.UpdateAlreadyExistsException;
import dev.packit.fedora.bodhi.UpdateQuery;
import dev.packit.fedora.bodhi.UpdateRequest;
import dev.packit.fedora.messaging.FedoraMessage;
import dev.packit.fedora.messaging.UnknownMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@ExtendWith(FedoraSandboxExtension.class)
class SandboxBodhiTest {
  private static BodhiClient client(FedoraSandbox sandbox, boolean auth) {
    BodhiClient.Builder b = BodhiClient.builder().baseUri(sandbox.bodhi().baseUri()).retryPolicy(RetryPolicy.none());
    if (auth) {
      b.authenticator(target -> Secret.of("Bearer sandbox-token"));
    }
    return b.build();
  }

  @Test
  void releasesHaveBodhiShapeAndPaging(FedoraSandbox sandbox) {
    List<BodhiRelease> active = client(sandbox, false).releases(BodhiClient.ACTIVE_STATES);
    List<String> names = active.stream().map(BodhiRelease::name).collect(Collectors.toList());
    assertTrue(names.containsAll(List.of("F44", "F43", "F42", "EPEL-10.2", "ELN")), names.toString());
    assertFalse(names.contains("F41"), "archived releases are filtered by state");
    BodhiRelease rawhide = active.stream().filter(r -> r.name().equals("F44")).findFirst().orElseThrow();
    assertEquals("rawhide", rawhide.branch());
    assertFalse(rawhide.composedByBodhi());
    assertEquals("f43-updates-candidate", client(sandbox, false).release("F43").orElseThrow().candidateTag());
    assertTrue(client(sandbox, false).release("F99").isEmpty());
  }

  @Test
  void createQueryEditAndAlreadyExists(FedoraSandbox sandbox) throws Exception {
    List<FedoraMessage> seen = new CopyOnWriteArrayList<>();
    sandbox.messages().subscribe(List.of("org.fedoraproject.prod.bodhi.#"), seen::add);
    BodhiClient bodhi = client(sandbox, true);
    SavedUpdates saved = bodhi.createUpdate(UpdateRequest.builder().builds(List.of("hello-2.0-1.fc43"))
        .notes("New upstream release").bugs(List.of(2345678L)).build());
    BodhiUpdate u = saved.first();
    assertTrue(u.alias().startsWith("FEDORA-"), u.alias());
    assertEquals("F43", u.release());
    assertEquals("packit", u.user());
    assertEquals(List.of(2345678L), u.bugs());
    assertEquals(sandbox.bodhi().baseUri().resolve("updates/" + u.alias()).toString(), u.url());

    assertEquals(u.alias(), bodhi.updates(UpdateQuery.builder().builds(List.of("hello-2.0-1.fc43")).build(), 1)
        .items().get(0).alias());
    assertEquals("New upstream release", bodhi.update(u.alias()).orElseThrow().notes());

    UpdateAlreadyExistsException e = assertThrows(UpdateAlreadyExistsException.class, () -> bodhi.createUpdate(
        UpdateRequest.builder().builds(List.of("hello-2.0-1.fc43")).notes("again").build()));
    assertEquals(u.alias(), e.existingAlias().orElseThrow());

    bodhi.editUpdate(u.alias(), UpdateRequest.builder().builds(List.of("hello-2.0-2.fc43")).notes("rebuilt").build());
    assertEquals(List.of("hello-2.0-2.fc43"), bodhi.update(u.alias()).orElseThrow().builds());
    assertEquals(1, sandbox.bodhi().updates().stream().filter(n -> n.path("alias").asText().equals(u.alias())).count());

    assertTrue(sandbox.messages().awaitIdle(Duration.ofSeconds(5)));
    assertTrue(seen.stream().anyMatch(m -> m.topic().equals("org.fedoraproject.prod.bodhi.update.request.testing")
        && m instanceof UnknownMessage), seen.toString());
  }

  @Test
  void rawhideAndSideTagRules(FedoraSandbox sandbox) {
    BodhiClient bodhi = client(sandbox, true);
    BodhiException rawhide = assertThrows(BodhiException.class, () -> bodhi.createUpdate(
        UpdateRequest.builder().builds(List.of("hello-2.0-1.fc44")).notes("rawhide").build()));
    assertTrue(rawhide.mentions("not composed by Bodhi"), rawhide.getMessage());

    bodhi.createUpdate(UpdateRequest.builder().builds(List.of("a-1-1.fc42")).fromTag("f42-build-side-7").notes("side").build());
    UpdateAlreadyExistsException again = assertThrows(UpdateAlreadyExistsException.class, () -> bodhi.createUpdate(
        UpdateRequest.builder().fromTag("f42-build-side-7").notes("side").build()));
    assertEquals("from_tag", again.errors().get(0).name());
  }

  @Test
  void savingNeedsASession(FedoraSandbox sandbox) {
    BodhiException e = assertThrows(BodhiException.class, () -> client(sandbox, false).createUpdate(
        UpdateRequest.builder().builds(List.of("x-1-1.fc42")).notes("no auth").build()));
    assertEquals(403, e.status());
    assertInstanceOf(BodhiException.class, e);
  }
}
