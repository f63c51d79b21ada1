package dev.packit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.testkit.internal.bodhi.BodhiService;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The sandbox's Bodhi: releases, updates, CSRF and the OIDC session as the real service answers them.
 *
 * <pre>{@code
 * SandboxBodhi fake = sandbox.bodhi();
 * BodhiClient bodhi = BodhiClient.builder().baseUri(fake.baseUri())
 *     .authenticator(target -> Secret.of("Bearer sandbox")).build();
 * bodhi.createUpdate(UpdateRequest.builder().builds(List.of("hello-1.0-1.fc43")).notes("New release").build());
 * fake.updates();   // the stored update, as Bodhi's JSON
 * }</pre>
 *
 * <p>Releases are generated (not read from fixtures): F44 is Rawhide (not composed by Bodhi),
 * F43 and F42 are current, F41 is archived, plus container/flatpak variants, EPEL 10.2
 * ({@code epel10}), EPEL 10.1, EPEL 9 and ELN. Saving needs a session: {@code GET oidc/login-token}
 * with any Bearer token (not {@link #revokeToken revoked}) sets {@code auth_tkt}, which expires
 * 24 hours later on the fake's {@link #clock clock} (then saves are 403 "failed permission
 * check", as on the real Bodhi); {@code GET csrf} sets the session cookie that the
 * {@code csrf_token} must match. It answers as the recordings of a real Bodhi 8.1.1 do and refuses
 * what Bodhi refuses, with cornice error bodies: bug ids that are not strings
 * ({@code bugs.0: 123456 is not a string}), a stale CSRF token (400), "Update for X already
 * exists", "Update already exists using this side tag", releases not composed by Bodhi (unless
 * the update is from a side tag), an unknown alias to edit, user or release (400), an edit by
 * someone other than the submitter (403). Builds of several releases are split into one update
 * per release. The release of an update comes from the build's dist tag ({@code .fc43},
 * {@code .el10_1}) or the side tag's prefix. Each new update publishes
 * {@code org.fedoraproject.prod.bodhi.update.request.testing} on {@link FedoraSandbox#messages()}.
 * Thread-safe.
 */
public final class SandboxBodhi {
  private final BodhiService service;
  private final URI base;

  SandboxBodhi(BodhiService service, URI base) {
    this.service = service;
    this.base = base;
  }

  /** @return Bodhi's root, ending in {@code bodhi/} */
  public URI baseUri() {
    return base;
  }

  /** @return the stored updates as Bodhi's JSON, in creation order */
  public List<JsonNode> updates() {
    return service.updates();
  }

  /**
   * Sets an update's status, as Bodhi's composer or obsoleting would.
   *
   * @param alias the update
   * @param status e.g. {@code obsolete}, {@code unpushed}, {@code stable}
   */
  public void status(String alias, String status) {
    service.status(alias, status);
  }

  /**
   * Sets the username sessions belong to (default {@code packit}).
   *
   * @param user the username
   */
  public void user(String user) {
    service.defaultUser(user);
  }

  /**
   * Sets the clock the fake issues and expires sessions on (and dates updates with); use the
   * same fake clock as the client to test a long-running bot.
   *
   * <pre>{@code
   * FakeTime time = new FakeTime(Instant.now());
   * sandbox.bodhi().clock(time);
   * BodhiClient bodhi = BodhiClient.builder().baseUri(sandbox.bodhi().baseUri()).clock(time)...build();
   * time.sleep(Duration.ofHours(25));   // the auth_tkt has expired; the client logs in again
   * }</pre>
   *
   * @param clock the clock
   */
  public void clock(Clock clock) {
    service.clock(clock);
  }

  /**
   * Sets how long a session lasts (Bodhi's {@code authtkt.timeout}, default 24 hours).
   *
   * @param timeout the lifetime
   */
  public void sessionTimeout(Duration timeout) {
    service.sessionTimeout(timeout);
  }

  /**
   * Makes the fake refuse an access token at {@code oidc/login-token} (401 {@code InvalidTokenError}).
   *
   * @param token the bearer token
   */
  public void revokeToken(String token) {
    service.revokeToken(token);
  }

  /**
   * Adds or replaces a release.
   *
   * @param name e.g. {@code F45}
   * @param version e.g. {@code 45}
   * @param branch dist-git branch, e.g. {@code rawhide}
   * @param state {@code pending}, {@code frozen}, {@code current} or {@code archived}
   * @param composedByBodhi whether manual updates are accepted
   */
  public void addFedoraRelease(String name, String version, String branch, String state, boolean composedByBodhi) {
    service.addRelease(name, "Fedora " + version, version, "FEDORA", branch, "f" + version, state, composedByBodhi,
        !composedByBodhi);
  }
}
