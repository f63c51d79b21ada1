package dev.packit.core;

import dev.packit.core.testing.ApiListing;
import org.junit.jupiter.api.Test;

/**
 * The public API of packit-core equals the committed listing {@code packit-core/api/packit-core.api}; an API change
 * must be acknowledged by regenerating it (see CONTRIBUTING.md, "The API listing").
 */
class ApiListingTest {
  @Test
  void publicApiMatchesTheCommittedListing() {
    ApiListing.check("packit-core");
  }
}
