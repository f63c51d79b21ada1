package dev.packit.core.internal.http;

import dev.packit.core.Redaction;
import dev.packit.core.Secret;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.Interceptor;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;

/** Sets one header on every attempt; the auth helpers of {@link Interceptor} are made of it. */
public final class HeaderInterceptor implements Interceptor {
  private final String name;
  private final Supplier<Secret> value;
  private final boolean credential;
  private final String kind;

  public HeaderInterceptor(String name, Supplier<Secret> value, boolean credential, String kind) {
    this.name = Objects.requireNonNull(name);
    this.value = Objects.requireNonNull(value);
    this.credential = credential;
    this.kind = kind;
  }

  /** The header this interceptor sets. */
  public String headerName() {
    return name;
  }

  /** Whether the header is a credential: never sent across hosts, never printed. */
  public boolean credential() {
    return credential;
  }

  @Override
  public HttpResponse intercept(Chain chain) throws IOException {
    Secret v = Objects.requireNonNull(value.get(), () -> "the " + kind + " supplier returned null");
    return chain.proceed(chain.request().withHeader(name, v.reveal()));
  }

  @Override
  public String toString() {
    String shown = credential ? Redaction.MASK : Redaction.header(name, value.get().reveal());
    return "Interceptor[" + kind + " " + name + ": " + shown + "]";
  }
}
