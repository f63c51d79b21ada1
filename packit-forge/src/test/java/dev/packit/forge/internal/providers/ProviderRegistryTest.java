package dev.packit.forge.internal.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.packit.forge.Forge;
import dev.packit.forge.ForgeBuilder;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.spi.ForgeProvider;
import java.net.URI;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** How found providers are merged with the built-ins. */
class ProviderRegistryTest {

  /** A provider of any kind that claims every URL (it must still come after the built-ins). */
  static class Greedy implements ForgeProvider {
    private final ForgeKind kind;

    Greedy(String id) {
      this.kind = ForgeKind.of(id);
    }

    @Override
    public ForgeKind kind() {
      return kind;
    }

    @Override
    public boolean matches(URI url) {
      return true;
    }

    @Override
    public ForgeBuilder<?, ? extends Forge> builder() {
      throw new UnsupportedOperationException();
    }
  }

  static final class OtherGitHub extends Greedy {
    OtherGitHub() {
      super("github");
    }
  }

  @Test
  void builtInsFirstThenOthersByIdAndTheServiceLoadersCopiesOfBuiltInsCountOnce() {
    List<ForgeProvider> merged = ProviderRegistry.merge(List.of(new Greedy("zeta"), new GitHubProvider(), new Greedy("alpha")));
    assertEquals(List.of("github", "gitlab", "pagure", "forgejo", "alpha", "zeta"),
        merged.stream().map(p -> p.kind().id()).collect(Collectors.toList()));
    // the first provider that matches wins, so a greedy third party cannot take github.com
    assertEquals(ForgeKind.GITHUB, merged.stream().filter(p -> p.matches(URI.create("https://github.com/a/b")))
        .findFirst().orElseThrow().kind());
  }

  @Test
  void twoClassesForOneKindAreAnErrorNamingBoth() {
    ServiceConfigurationError e = assertThrows(ServiceConfigurationError.class,
        () -> ProviderRegistry.merge(List.of(new OtherGitHub())));
    assertTrue(e.getMessage().contains("'github'") && e.getMessage().contains(GitHubProvider.class.getName())
        && e.getMessage().contains(OtherGitHub.class.getName()), e.getMessage());
  }
}
