package dev.packit.fedora;

import dev.packit.core.testing.ApiListing;
import org.junit.jupiter.api.Test;

/**
 * The public API of packit-fedora equals the committed listing {@code packit-fedora/api/packit-fedora.api}; an API change
 * must be acknowledged by regenerating it (see CONTRIBUTING.md, "The API listing").
 */
class ApiListingTest {
  @Test
  void publicApiMatchesTheCommittedListing() {
    ApiListing.check("packit-fedora");
  }
}
