package dev.packit.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one {@link FedoraSandbox} per test class and injects it.
 *
 * <pre>{@code
 * @ExtendWith(FedoraSandboxExtension.class)
 * class MyBotTest {
 *   @Test void works(FedoraSandbox sandbox) { ... }
 * }
 * }</pre>
 */
public final class FedoraSandboxExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FedoraSandboxExtension.class);

  /** Creates the extension; JUnit calls this. */
  public FedoraSandboxExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(NS).put("sandbox", FedoraSandbox.start());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    FedoraSandbox sandbox = context.getStore(NS).remove("sandbox", FedoraSandbox.class);
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FedoraSandbox.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    FedoraSandbox sandbox = context.getStore(NS).get("sandbox", FedoraSandbox.class);
    if (sandbox == null) {
      throw new IllegalStateException("FedoraSandboxExtension must be registered on the class, not on a method");
    }
    return sandbox;
  }
}
