package dev.packit.forge;

import dev.packit.core.testing.ApiListing;
import org.junit.jupiter.api.Test;

/**
 * The public API of packit-forge equals the committed listing {@code packit-forge/api/packit-forge.api}; an API change
 * must be acknowledged by regenerating it (see CONTRIBUTING.md, "The API listing").
 */
class ApiListingTest {
  @Test
  void publicApiMatchesTheCommittedListing() {
    ApiListing.check("packit-forge");
  }
}
