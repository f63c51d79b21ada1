package dev.packit.testkit;

import dev.packit.forge.ForgeKind;
import dev.packit.testkit.internal.forge.ForgejoService;
import dev.packit.testkit.internal.forge.PagureService;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;

/**
 * Dist-git's API at one address, {@code /distgit/}, served by Pagure or by Forgejo and switched
 * from one to the other while the sandbox runs: Fedora's migration day, when
 * {@code src.fedoraproject.org} keeps its name and changes its forge. Both backends work on the
 * same bare repositories (the packages do not move); pull requests stay with the backend that
 * took them.
 *
 * <pre>{@code
 * SandboxDistGit distgit = sandbox.distGit();              // Pagure first
 * URI instance = distgit.instanceUri();                   // http://127.0.0.1:<port>/distgit/
 * distgit.switchTo(ForgeKind.FORGEJO);                    // same URL, now Forgejo: api/v1/version answers
 * String token = distgit.token("packit");                 // valid on either backend
 * }</pre>
 *
 * <p>Pagure answers {@code GET api/0/version}, Forgejo {@code GET api/v1/version}, as the real
 * ones do, which is what {@code DistGitBackendProbe} looks at. Thread-safe.
 */
public final class SandboxDistGit {
  private final URI instance;
  private final PagureService pagure;
  private final ForgejoService forgejo;
  private volatile ForgeKind backend = ForgeKind.PAGURE;

  SandboxDistGit(URI instance, PagureService pagure, ForgejoService forgejo) {
    this.instance = instance;
    this.pagure = pagure;
    this.forgejo = forgejo;
  }

  /** @return the instance root ({@code .../distgit/}) */
  public URI instanceUri() {
    return instance;
  }

  /** @return the backend answering now */
  public ForgeKind backend() {
    return backend;
  }

  /**
   * Makes the other forge answer at the same address from the next request on.
   *
   * @param kind {@link ForgeKind#PAGURE} or {@link ForgeKind#FORGEJO}
   * @return this
   */
  public SandboxDistGit switchTo(ForgeKind kind) {
    Objects.requireNonNull(kind, "kind == null");
    if (kind != ForgeKind.PAGURE && kind != ForgeKind.FORGEJO) {
      throw new IllegalArgumentException("dist-git runs on Pagure or Forgejo, not " + kind);
    }
    backend = kind;
    return this;
  }

  /**
   * Creates a token valid on both backends (a real migration would need a new Forgejo token; the
   * sandbox spares tests that step).
   *
   * @param user the user
   * @return the token
   */
  public String token(String user) {
    Objects.requireNonNull(user, "user == null");
    String token = "sandbox-dg-" + user + "-" + java.util.UUID.randomUUID().toString().replace("-", "");
    pagure.addToken(token, user);
    forgejo.addToken(token, user);
    return token;
  }

  /**
   * Sets the owner of a project on the Pagure side and gives the user admin on the Forgejo side.
   *
   * @param project such as {@code rpms/hello}
   * @param user the maintainer
   */
  public void maintainer(String project, String user) {
    pagure.owner(project, user);
    forgejo.permission(project, user, "admin");
  }

  HttpHandler handler() {
    return new HttpHandler() {
      @Override
      public void handle(HttpExchange exchange) throws IOException {
        (backend == ForgeKind.FORGEJO ? forgejo : pagure).handle(exchange);
      }
    };
  }
}
