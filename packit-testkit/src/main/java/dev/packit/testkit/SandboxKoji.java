package dev.packit.testkit;

import dev.packit.testkit.internal.koji.FakeKojiHub;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The sandbox's Koji hub: XML-RPC at {@link #baseUri()}, with sessions, builds that finish when
 * its clock says so, tasks, targets, tags and side tags.
 *
 * <pre>{@code
 * SandboxKoji fake = sandbox.koji();
 * KojiClient koji = KojiClient.builder().hub(fake.baseUri())
 *     .login(KojiLogin.negotiate(() -> Secret.of(base64("packit@FEDORAPROJECT.ORG")))).build();
 * long task = koji.build(KojiBuildRequest.builder()
 *     .source(sandbox.baseUri() + "git/rpms/hello.git", commit).target("rawhide").build());
 * fake.advance(Duration.ofMinutes(5));     // due builds finish; messages go to sandbox.messages()
 * fake.builds();                           // every build, as getBuild returns it
 * }</pre>
 *
 * <p>NVRs come from the spec file in the sandbox's git repository at the requested commit (with
 * {@code %dist} from the target's build tag). Each build state change is published on
 * {@link FedoraSandbox#messages()} as Fedora's hub plugin does ({@code buildsys.build.state.change},
 * {@code buildsys.task.state.change} for scratch builds, {@code buildsys.tag} for side tags).
 * Login follows the sandbox's convention: a {@code Negotiate} token that decodes to
 * {@code user@REALM} logs in as {@code user}, or, behind a proxy, {@link #trustRemoteUser}.
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class SandboxKoji {
  private final FakeKojiHub hub;
  private final URI base;

  SandboxKoji(FakeKojiHub hub, URI base) {
    this.hub = hub;
    this.base = base;
  }

  /** @return the hub's XML-RPC endpoint, {@code .../kojihub} */
  public URI baseUri() {
    return base;
  }

  /**
   * Moves the hub's time ahead and finishes every build that is due.
   *
   * @param d how far to move
   */
  public void advance(Duration d) {
    hub.advance(d);
  }

  /** Finishes every build that is due by the hub's current time. */
  public void step() {
    hub.step();
  }

  /** @return every build the hub knows, as {@code getBuild} returns them */
  public List<Map<String, Object>> builds() {
    return hub.builds();
  }

  /** @return every task, as {@code getTaskInfo(id, request=True)} returns them */
  public List<Map<String, Object>> tasks() {
    return hub.tasks();
  }

  /**
   * Imports a COMPLETE build directly, as if built long ago, and tags it.
   *
   * @param nvr name-version-release
   * @param tag tag to put it in, or {@code null}
   * @return the build id
   */
  public long importBuild(String nvr, @Nullable String tag) {
    return hub.importBuild(nvr, tag);
  }

  /**
   * Makes builds of a package fail from now on.
   *
   * @param pkg the package name
   */
  public void failPackage(String pkg) {
    hub.failPackage(pkg);
  }

  /**
   * Adds a release's tags and targets: {@code fNN-build}, {@code fNN-updates-candidate}, targets
   * {@code fNN} and {@code fNN-candidate}; {@code rawhide:NN} adds target {@code rawhide}.
   *
   * @param release {@code f41} or {@code rawhide:44}
   */
  public void addRelease(String release) {
    hub.addRelease(release);
  }

  /**
   * Adds a build target.
   *
   * @param name target name
   * @param buildTag build tag name
   * @param destTag destination tag name
   */
  public void addTarget(String name, String buildTag, String destTag) {
    hub.addTarget(name, buildTag, destTag);
  }

  /**
   * Adds a package to a tag's package list (as {@code checkTagPackage} sees it).
   *
   * @param tag tag name, created if missing
   * @param pkg package name
   */
  public void addPackage(String tag, String pkg) {
    hub.addPackage(tag, pkg);
  }

  /**
   * Restricts side-tag suffixes as the hub's sidetag plugin {@code allowed_suffixes} does.
   *
   * @param suffixes the allowed suffixes
   */
  public void allowSideTagSuffixes(String... suffixes) {
    hub.allowSideTagSuffixes(suffixes);
  }

  /**
   * Lets a user create high-priority tasks.
   *
   * @param user the user name
   */
  public void grantAdmin(String user) {
    hub.grantAdmin(user);
  }

  /** Expires every session: the next call with one gets {@code AuthExpired}. */
  public void expireSessions() {
    hub.expireSessions();
  }

  /**
   * Sits behind an authenticating proxy: {@code sslLogin} logs in the user named by this request
   * header (realm dropped) and refuses a login without it.
   *
   * @param header the header name, or null for the sandbox's own convention (the Negotiate token)
   */
  public void trustRemoteUser(@Nullable String header) {
    hub.trustRemoteUser(header);
  }

  /** @return how many XML-RPC HTTP requests the hub has answered (a multicall counts once) */
  public int httpCalls() {
    return hub.httpCalls();
  }

  /** @return for each open session id, how many times it was renewed, in login order */
  public Map<Long, Integer> sessionRenewals() {
    return hub.sessionRenewals();
  }

  @Override
  public String toString() {
    return "SandboxKoji[" + base + "]";
  }
}
