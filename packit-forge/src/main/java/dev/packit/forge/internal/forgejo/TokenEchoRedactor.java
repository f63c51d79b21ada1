package dev.packit.forge.internal.forgejo;

import dev.packit.core.Redaction;
import dev.packit.core.Secret;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.Interceptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Replaces the client's own token in error bodies with {@code ***}: Forgejo answers an unknown or
 * revoked token with {@code 401 {"message": "access token does not exist [sha: <the token>]"}},
 * and error bodies end up in exception messages and logs. Successful bodies are passed through
 * untouched (they can be large, and Forgejo does not echo tokens in them).
 */
public final class TokenEchoRedactor implements Interceptor {
  private final Secret token;

  /** @param token the token the client sends */
  public TokenEchoRedactor(Secret token) {
    this.token = Objects.requireNonNull(token, "token == null");
  }

  @Override
  public HttpResponse intercept(Chain chain) throws IOException {
    HttpResponse r = chain.proceed(chain.request());
    if (r.status() < 400) {
      return r;
    }
    byte[] body;
    try (r) {
      body = r.bytes();
    }
    String text = new String(body, StandardCharsets.UTF_8);
    String secret = token.reveal();
    if (secret.length() < 4 || !text.contains(secret)) {
      return HttpResponse.of(r.status(), r.headers(), body);
    }
    return HttpResponse.of(r.status(), r.headers().without("Content-Length"), text.replace(secret, Redaction.MASK));
  }

  @Override
  public String toString() {
    return "ForgejoTokenEchoRedactor[***]";
  }
}
