package dev.packit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.core.Secret;
import dev.packit.core.http.RetryPolicy;
import dev.packit.core.testing.FakeTime;
import dev.packit.fedora.bodhi.BodhiAuthenticator;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.bodhi.BodhiPermissionException;
import dev.packit.fedora.bodhi.SavedUpdates;
import dev.packit.fedora.bodhi.UnknownUpdateException;
import dev.packit.fedora.bodhi.UpdateQuery;
import dev.packit.fedora.bodhi.UpdateRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A long-running bot against the fake Bodhi, which expires sessions 24 hours after login on the
 * same clock as the client (as Bodhi's {@code authtkt.timeout} does), answering 403 "failed
 * permission check" afterwards.
 */
@Tag("integration")
@ExtendWith(FedoraSandboxExtension.class)
class BodhiSessionExpirySandboxTest {
  private final AtomicInteger logins = new AtomicInteger();

  /** The sandbox is shared by the class: each test starts from Bodhi's defaults on its own clock. */
  private static FakeTime fresh(FedoraSandbox sandbox) {
    FakeTime time = new FakeTime(Instant.parse("2026-12-06T00:00:00Z"));
    sandbox.bodhi().clock(time);
    sandbox.bodhi().sessionTimeout(Duration.ofHours(24));
    sandbox.bodhi().user("packit");
    return time;
  }

  private BodhiClient client(FedoraSandbox sandbox, FakeTime time, BodhiClient.Builder b) {
    BodhiAuthenticator auth = new BodhiAuthenticator() {
      @Override
      public Secret authorization(URI target) {
        logins.incrementAndGet();
        return Secret.of("Bearer bot-token");
      }
    };
    return b.baseUri(sandbox.bodhi().baseUri()).authenticator(auth).clock(time).sleeper(time)
        .retryPolicy(RetryPolicy.none()).build();
  }

  @Test
  void aBotKeepsSavingFor25Hours(FedoraSandbox sandbox) {
    FakeTime time = fresh(sandbox);
    BodhiClient bodhi = client(sandbox, time, BodhiClient.builder());
    String alias = bodhi.createUpdate(UpdateRequest.builder().builds(List.of("hello-1.0-1.fc43")).notes("hour 0")
        .bugs(List.of(2345678L)).build()).first().alias();
    List<String> saved = new ArrayList<>();
    for (int hour = 1; hour <= 25; hour++) {
      time.sleep(Duration.ofHours(1));
      SavedUpdates s = bodhi.editUpdate(alias, UpdateRequest.builder().builds(List.of("hello-1.0-" + (hour + 1) + ".fc43"))
          .notes("hour " + hour).bugs(List.of(2345678L)).build());
      saved.add(s.first().notes());
    }
    assertEquals(25, saved.size());
    assertEquals("hour 25", bodhi.update(alias).orElseThrow().notes());
    assertEquals(List.of(2345678L), bodhi.update(alias).orElseThrow().bugs());
    assertEquals(2, logins.get(), "one login at the start, one before the 24 h auth_tkt ran out");
  }

  @Test
  void aSessionTheServerEndedEarlyIsRenewedOnItsFirst403(FedoraSandbox sandbox) {
    FakeTime time = fresh(sandbox);
    BodhiClient bodhi = client(sandbox, time, BodhiClient.builder());
    bodhi.createUpdate(UpdateRequest.builder().builds(List.of("hola-2.0-1.fc43")).notes("first").build());
    // the cookie said 24 h, but the server's tickets now last 1 h (a changed authtkt.timeout):
    // the next save is refused with 403, the client logs in again and the retry works
    sandbox.bodhi().sessionTimeout(Duration.ofHours(1));
    time.sleep(Duration.ofHours(2));
    bodhi.createUpdate(UpdateRequest.builder().builds(List.of("hola-2.0-1.fc42")).notes("second").build());
    assertEquals(2, logins.get());
    assertEquals(2, bodhi.allUpdates(UpdateQuery.builder().packages(List.of("hola")).build()).size());
  }

  @Test
  void aRealPermission403SurfacesWithoutLooping(FedoraSandbox sandbox) {
    FakeTime time = fresh(sandbox);
    BodhiClient owner = client(sandbox, time, BodhiClient.builder());
    String alias = owner.createUpdate(UpdateRequest.builder().builds(List.of("hello-3.0-1.fc43")).notes("mine").build())
        .first().alias();
    sandbox.bodhi().user("mallory");
    BodhiClient other = client(sandbox, time, BodhiClient.builder());
    int before = logins.get();
    BodhiPermissionException e = assertThrows(BodhiPermissionException.class, () -> other.editUpdate(alias,
        UpdateRequest.builder().builds(List.of("hello-3.0-1.fc43")).notes("not yours").build()));
    assertEquals(403, e.status());
    assertTrue(e.mentions("mallory does not have commit access to hello"), e.getMessage());
    assertFalse(e.afterFreshLogin());
    assertEquals(before + 1, logins.get(), "one login, no retry for an ACL refusal");
    assertEquals("mine", owner.update(alias).orElseThrow().notes());

    UnknownUpdateException unknown = assertThrows(UnknownUpdateException.class, () -> owner.editUpdate("FEDORA-2026-ffffffffff",
        UpdateRequest.builder().builds(List.of("hello-3.0-1.fc43")).notes("nothing").build()));
    assertEquals("FEDORA-2026-ffffffffff", unknown.alias());
    assertTrue(owner.allUpdates(UpdateQuery.builder().user("nobody-ever-logged-in").build()).isEmpty());
  }
}
