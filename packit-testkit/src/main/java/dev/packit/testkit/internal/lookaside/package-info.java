/**
 * Implementation of the sandbox lookaside cache (upload.cgi and the download tree); not API.
 */
package dev.packit.testkit.internal.lookaside;
